"""What the read side returns: small frozen dataclasses that every skin (CLI, web, formats) renders.

Dates are the store's ISO strings at the precision the sources gave ("2024", "2024-12", "2024-12-10",
or a range "2024-02-04/2024-02-05"); ids are the store's deterministic 32-hex ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Generic[T]):
    """One slice of a longer answer; ``total`` counts every match so a caller can page on."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int

    @property
    def more(self) -> bool:
        """Whether rows remain after this page."""
        return self.offset + len(self.items) < self.total


@dataclass(frozen=True, slots=True, kw_only=True)
class Attendee:
    """A resolved person at one engagement, with the title the sources gave them there."""

    id: str
    name: str
    country: str | None
    title: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """One report's account of an engagement: where it says so (quote and offsets) and who wrote it."""

    report_id: str
    doc: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    quote: str
    start: int
    end: int
    extractor_version: str
    duplicate_of: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EngagementRecord:
    """A resolved engagement with its attendees and every source that reports it."""

    id: str
    kind: str
    status: str
    date: str | None
    location: str | None
    location_country: str | None
    mechanism_id: str | None
    mechanism: str | None
    ordinal: int | None
    held_as: str | None
    conflicts: tuple[str, ...]
    source_count: int
    attendees: tuple[Attendee, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonSummary:
    """A resolved person in a list: how often they appear and the first and last engagement dates.

    ``first`` and ``last`` are start dates: a multi-day visit counts from its first day.
    """

    id: str
    name: str
    country: str | None
    official: str | None
    engagements: int
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleSpan:
    """A title a person held, from the earliest to the latest date a source gives it at."""

    title: str
    first: str | None
    last: str | None
    sources: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonRecord:
    """A person with every spelling and title, for a full export."""

    id: str
    name: str
    country: str | None
    official: str | None
    aliases: tuple[str, ...]
    titles: tuple[TitleSpan, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Counterpart:
    """Someone a person met, with how often and when."""

    id: str
    name: str
    country: str | None
    engagements: int
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonProfile:
    """One person: spellings, titles over time, engagements (paged) and counterparts."""

    id: str
    name: str
    country: str | None
    official: str | None
    aliases: tuple[str, ...]
    titles: tuple[TitleSpan, ...]
    engagements: Page[EngagementRecord]
    counterparts: tuple[Counterpart, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MechanismSummary:
    """A standing mechanism: its name variants and how many sessions were held and are still planned."""

    id: str
    name: str
    countries: tuple[str, ...]
    aliases: tuple[str, ...]
    held: int
    planned: int
    first: str | None
    last: str | None
    last_ordinal: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """One session of a mechanism: the held engagement (or the plan, while not known to be held).

    ``announced`` are the planned engagements the store linked to this session when it was held.
    """

    ordinal: int | None
    held: bool
    engagement: EngagementRecord
    announced: tuple[EngagementRecord, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MechanismThread:
    """A mechanism session by session, in order."""

    mechanism: MechanismSummary
    sessions: Page[Session]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportHit:
    """A stored report that matches a full-text query: an excerpt and where the first match starts."""

    id: str
    doc: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    duplicate_of: str | None
    score: float
    snippet: str
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchResult:
    """Reports matching a query (paged) and the engagements and people those reports touch."""

    query: str
    reports: Page[ReportHit]
    engagements: tuple[EngagementRecord, ...]
    people: tuple[PersonSummary, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkNode:
    """A person in the who-met-whom graph."""

    id: str
    name: str
    country: str | None
    engagements: int


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkEdge:
    """Two people who attended the same engagements; ``weight`` counts them."""

    source: str
    target: str
    weight: int
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Network:
    """Who met whom: nodes sorted by id, edges by (source, target) with source < target."""

    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportRecord:
    """A stored report with its text, for a full export."""

    id: str
    source_key: str
    doc: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    published_basis: str
    duplicate_of: str | None
    extractor_version: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureRecord:
    """A figure a report states, with its evidence."""

    report_id: str
    indicator: str
    value: float
    unit: str
    period: str | None
    change_pct: float | None
    quote: str
    start: int
    end: int

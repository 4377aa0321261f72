"""What each page shows, as frozen dataclasses: the JSON twin serialises them and the templates
render them, so the two can never drift apart.

The query layer's results (diplograph.query.results) are reused as they are; the classes here add
what only the web app needs: the filters a page was asked for, the choices its forms offer, and the
facts of one report laid out for highlighting.
"""

from __future__ import annotations

from dataclasses import dataclass

from diplograph.query.commitments import CommitmentRecord, Thread, TopicSummary
from diplograph.query.results import (
    EngagementRecord,
    MechanismSummary,
    MechanismThread,
    Network,
    Page,
    PersonProfile,
    PersonSummary,
    SearchResult,
)
from diplograph.query.statements import StatementRecord


@dataclass(frozen=True, slots=True, kw_only=True)
class Totals:
    """How much is on file."""

    reports: int
    engagements: int
    held: int
    planned: int
    people: int
    mechanisms: int
    flags: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PairCount:
    """Two countries whose officials met, and how often (engagements with people of both)."""

    pair: str  # "CHN-VNM": ISO3 codes in alphabetical order
    countries: tuple[str, str]
    engagements: int
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PeriodCount:
    """Engagements in one year, held and planned apart."""

    period: str
    held: int
    planned: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Overview:
    """The front page: what is on file, at a glance."""

    totals: Totals
    pairs: tuple[PairCount, ...]
    mechanisms: Page[MechanismSummary]
    latest: tuple[EngagementRecord, ...]
    by_year: tuple[PeriodCount, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineFilters:
    """The filters a timeline was asked for, echoed back so forms keep their values."""

    pair: str | None
    country: str | None
    person: str | None
    mechanism: str | None
    kind: str | None
    status: str | None
    since: str | None
    until: str | None
    person_name: str | None  # the name behind a person id, for display
    mechanism_name: str | None
    domain: str | None = None  # engagements whose reports hold a statement in this domain


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """One option of a select box: the value sent and the label shown."""

    value: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """Engagements over time, filtered and paged."""

    filters: TimelineFilters
    engagements: Page[EngagementRecord]
    pairs: tuple[Choice, ...]
    mechanisms: tuple[Choice, ...]
    kinds: tuple[str, ...]
    domains: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkView:
    """Who met whom, trimmed to the most active people so the drawing stays legible."""

    network: Network
    shown: int
    available: int
    person: str | None
    country: str | None
    kind: str | None
    since: str | None
    until: str | None
    min_weight: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A sentence of a report that names a person, with the name's place inside it."""

    report_id: str
    doc: str
    title: str | None
    published: str | None
    sentence: str
    name_start: int  # offsets of the name inside ``sentence``
    name_end: int
    start: int  # offsets of the name inside the report text
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonPage:
    """One person: the query layer's profile and the sentences of the reports that name them."""

    profile: PersonProfile
    quotes: tuple[Quote, ...]
    statements: Page[StatementRecord] | None = None  # what they said, newest reports last


@dataclass(frozen=True, slots=True, kw_only=True)
class PeopleList:
    """People, filtered by country and name."""

    people: Page[PersonSummary]
    country: str | None
    name: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class MechanismList:
    """Standing mechanisms, optionally for one country."""

    mechanisms: Page[MechanismSummary]
    country: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class MechanismPage:
    """One mechanism session by session, and the items agreed about it."""

    thread: MechanismThread
    agreed: tuple[CommitmentRecord, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicList:
    """Commitment topics on file, most reported first."""

    topics: Page[TopicSummary]


@dataclass(frozen=True, slots=True, kw_only=True)
class ThreadPage:
    """Every topic matching ``text``, each as its path across reports."""

    text: str
    threads: tuple[Thread, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Flag:
    """A reader's note that an extracted fact is wrong."""

    id: int
    report_id: str
    target: str
    target_id: str
    reason: str
    created_at: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionFact:
    """An engagement as one report states it, with its evidence span."""

    id: str
    engagement_id: str | None
    kind: str
    status: str
    date: str | None
    date_basis: str
    location: str | None
    mechanism: str | None
    ordinal: int | None
    participants: tuple[str, ...]
    quote: str
    start: int
    end: int
    matches_text: bool  # quote == text[start:end]: false when the offsets no longer fit the text


@dataclass(frozen=True, slots=True, kw_only=True)
class NameFact:
    """A person named in the report, where the name is written."""

    id: str
    person_id: str
    person: str
    name: str
    start: int
    end: int
    matches_text: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureFact:
    """A figure the report states."""

    id: str
    indicator: str
    value: float
    unit: str
    period: str | None
    change_pct: float | None
    quote: str
    start: int
    end: int
    matches_text: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportSummary:
    """A stored report in a list."""

    id: str
    doc: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    duplicate_of: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportPage:
    """A report's text with every fact extracted from it and every flag raised against them."""

    id: str
    doc: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    published_basis: str
    extractor_version: str
    duplicate_of: str | None
    duplicates: tuple[ReportSummary, ...]
    text: str
    engagements: tuple[MentionFact, ...]
    names: tuple[NameFact, ...]
    figures: tuple[FigureFact, ...]
    flags: tuple[Flag, ...]
    statements: tuple[StatementRecord, ...] = ()
    commitments: tuple[CommitmentRecord, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportList:
    """Stored reports, newest first."""

    reports: Page[ReportSummary]
    publisher: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchPage:
    """Search across reports, people and mechanisms."""

    q: str | None
    result: SearchResult | None
    mechanisms: tuple[Choice, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagList:
    """Every flag, newest first, for review and export."""

    flags: Page[Flag]

"""The record diplograph builds: frozen dataclasses shared by every layer.

This module imports nothing of ours, so that ingest, extract, formats and the CLI can all speak
the same language without depending on one another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

EngagementKind = Literal[
    "talks",
    "meeting",
    "visit",
    "phone_call",
    "video_call",
    "co_chair",
    "attend",
    "dialogue",
    "signing",
    "other",
]
ENGAGEMENT_KINDS: tuple[EngagementKind, ...] = (
    "talks",
    "meeting",
    "visit",
    "phone_call",
    "video_call",
    "co_chair",
    "attend",
    "dialogue",
    "signing",
    "other",
)
Status = Literal["held", "planned"]

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date at the precision the text supports: "2024", "2024-12", "2024-12-10", or a range."""

    start: str
    end: str | None = None

    def __post_init__(self) -> None:
        for part in (self.start, self.end):
            if part is not None and not _PARTIAL_DATE.match(part):
                raise ValueError(f"not a partial ISO date: {part!r}")

    def __str__(self) -> str:
        if self.end and self.end != self.start:
            return f"{self.start}/{self.end}"
        return self.start

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How much of the date the text gave: a year, a month or a day."""
        return ("year", "month", "day")[self.start.count("-")]

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read back the string form ("2024-12-10" or "2024-02-04/2024-02-05")."""
        start, _, end = text.partition("/")
        return cls(start, end or None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Where in Article.text a fact is stated: quote == text[start:end], offsets in code points."""

    quote: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad evidence offsets {self.start}..{self.end}")
        if len(self.quote) != self.end - self.start:
            raise ValueError("evidence quote length does not match its offsets")


@dataclass(frozen=True, slots=True, kw_only=True)
class Dateline:
    """The "BEIJING, Dec. 10 (Xinhua) --" opening of a story: where and when it was filed, not a venue.

    Month and day may be known without the year; ``year`` is filled only when the dateline or the
    article's other metadata gives it.
    """

    place: str | None
    start: int
    end: int
    agency: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One report as read from a file, a page or a feed, before any extraction.

    ``text`` is the reference for every evidence offset. ``published`` keeps how it was found in
    ``published_basis`` ("header", "metadata", "byline", "dateline", "url", "text-anniversary" or
    "unknown") so a user can judge how far to trust it. ``skip_spans`` mark text that is not part of
    the story (photo credits, bylines, header markers, a trailing "Source: URL"): the extractor finds
    no people there. ``title_span`` locates the title inside ``text`` when the title is part of it.
    ``origin`` says where the report came from (absolute path, with ``#record`` for one of several
    records in a file): the store's key for "the same report again".
    """

    text: str
    doc: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    published_basis: str = "unknown"
    dateline: Dateline | None = None
    title_span: tuple[int, int] | None = None
    skip_spans: tuple[tuple[int, int], ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    origin: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """A named person of the story, with every title the text gives them and every spelling."""

    name: str
    country: str | None
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mentions: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """A person at one engagement, with the title they held there."""

    name: str
    country: str | None
    title: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Engagement:
    """One meeting, talk, visit, call or session between officials, held or planned."""

    kind: EngagementKind
    status: Status
    date: PartialDate | None
    date_basis: str
    location: str | None
    location_country: str | None
    mechanism: str | None
    ordinal: int | None
    participants: tuple[Participant, ...]
    evidence: Evidence
    location_basis: str = "text"


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A quantity the report states, e.g. bilateral trade of US$168.5 billion in Jan-Oct 2024."""

    indicator: str
    value: float
    unit: str
    period: str | None
    change_pct: float | None
    evidence: Evidence


StatementAct = Literal[
    "said",
    "proposed",
    "agreed",
    "affirmed",
    "supported",
    "invited",
    "congratulated",
    "thanked",
    "opposed",
    "urged",
]
Domain = Literal[
    "political",  # political and party relations
    "defence_security",
    "trade_investment",
    "infrastructure_connectivity",  # railways, border gates, flights
    "maritime",
    "people_to_people",  # culture, education, tourism, youth, media
    "health",
    "science_technology",  # science, technology and digital
    "energy_environment",
    "multilateral",  # ASEAN, Mekong-Lancang, UN
    "taiwan_one_china",
    "anniversaries",  # anniversaries and commemorations
]
DOMAINS: tuple[Domain, ...] = (
    "political",
    "defence_security",
    "trade_investment",
    "infrastructure_connectivity",
    "maritime",
    "people_to_people",
    "health",
    "science_technology",
    "energy_environment",
    "multilateral",
    "taiwan_one_china",
    "anniversaries",
)
SpeakerKind = Literal["person", "side", "both"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """What one side (or both) said, proposed or agreed in a report, by domain.

    ``speaker`` is a person's canonical name when a person speaks ("Wang said", "the Vice Premier
    affirmed"); ``side`` is the ISO3 of the country that speaks (the person's, or "the Vietnamese
    side"); for "the two sides agreed" ``speaker_kind`` is "both" and both are None.
    """

    speaker: str | None
    speaker_kind: SpeakerKind
    side: str | None
    act: StatementAct
    content: Evidence
    domains: tuple[Domain, ...]
    evidence: Evidence


CommitmentStage = Literal["proposed", "agreed", "under_way", "done", "reaffirmed"]
COMMITMENT_STAGES: tuple[CommitmentStage, ...] = ("proposed", "agreed", "under_way", "done", "reaffirmed")
InitiativeKind = Literal["initiative", "anniversary", "year", "project"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Commitment:
    """Something one or both sides proposed, agreed or pledged, followed across reports by its topic.

    ``item`` is the committed action in the text's words ("establish a Railway Cooperation
    Committee"); ``topic`` is the key that threads it across reports ("railway"); ``stage`` is
    where this report puts it; ``target`` and ``deadline`` are what the text states, if anything.
    """

    item: str
    stage: CommitmentStage
    parties: tuple[str, ...]
    target: str | None
    deadline: str | None
    topic: str
    mechanism: str | None
    initiative: str | None
    domains: tuple[Domain, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True, kw_only=True)
class InitiativeMention:
    """An initiative, themed year, project or anniversary named in a report, under its canonical name."""

    name: str
    alias: str
    kind: InitiativeKind
    evidence: Evidence


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Everything extracted from one article; the unit the formats and the store work with."""

    article: Article
    engagements: tuple[Engagement, ...] = ()
    people: tuple[Person, ...] = ()
    figures: tuple[Figure, ...] = ()
    statements: tuple[Statement, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    initiatives: tuple[InitiativeMention, ...] = ()
    extractor_version: str = ""
    warnings: tuple[str, ...] = field(default=())

"""The mutable records engagement extraction builds while reading one report."""

from __future__ import annotations

from dataclasses import dataclass, field

from diplograph.extract.dates import DateMention
from diplograph.extract.people import PeopleIndex, SentenceInfo
from diplograph.model import EngagementKind, PartialDate


@dataclass(slots=True)
class Draft:
    """An engagement being assembled; becomes a model.Engagement in records.py."""

    kind: EngagementKind
    status: str
    start: int
    end: int
    sentence: int
    participants: list[int] = field(default_factory=list)
    date: PartialDate | None = None
    date_basis: str = "unknown"
    soft_date: bool = True
    location: str | None = None
    location_country: str | None = None
    location_basis: str = "text"
    mechanism: str | None = None
    ordinal: int | None = None
    in_title: bool = False
    noun: str | None = None


@dataclass(slots=True)
class DocContext:
    """What the engagement rules need to know about the whole report."""

    text: str
    masked: str
    host: str | None
    dateline: tuple[str, str] | None  # (city, country) the story was filed from
    anchor: PartialDate | None
    min_date: str | None
    pair: tuple[str, ...]
    title_span: tuple[int, int] | None
    people: PeopleIndex
    sentences: list[SentenceInfo]
    title_zones: list[tuple[int, int]]
    drafts: list[Draft] = field(default_factory=list)
    last_subject: list[int] = field(default_factory=list)
    narrative: PartialDate | None = None
    dates: dict[int, list[DateMention]] = field(default_factory=dict)  # per sentence, found once

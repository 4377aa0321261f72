"""Drafts and people records -> model dataclasses: where extraction state becomes the public record."""

from __future__ import annotations

from diplograph.extract.drafts import Draft
from diplograph.extract.people import PeopleIndex, PersonRecord
from diplograph.model import (
    Article,
    Commitment,
    Engagement,
    Evidence,
    Extraction,
    Figure,
    InitiativeMention,
    Participant,
    Person,
    Statement,
)


def evidence(text: str, start: int, end: int) -> Evidence:
    """An Evidence whose quote is exactly text[start:end]."""
    return Evidence(quote=text[start:end], start=start, end=end)


def _person(text: str, record: PersonRecord) -> Person:
    aliases = tuple(s for s in record.spellings if s != record.name)
    return Person(
        name=record.name,
        country=record.country,
        titles=_titles(record),
        aliases=aliases,
        mentions=tuple(evidence(text, a, b) for a, b in record.mentions),
    )


def _titles(record: PersonRecord) -> tuple[str, ...]:
    """Titles, without "counterpart" (a relation, not an office) unless it is all the text gives."""
    offices = tuple(t for t in record.titles if not t.lower().endswith("counterpart"))
    return offices or tuple(record.titles)


def _participant(record: PersonRecord) -> Participant:
    titles = _titles(record)
    return Participant(name=record.name, country=record.country, title=titles[0] if titles else None)


def _engagement(text: str, draft: Draft, people: PeopleIndex) -> Engagement:
    return Engagement(
        kind=draft.kind,
        status="planned" if draft.status == "planned" else "held",
        date=draft.date,
        date_basis=draft.date_basis,
        location=draft.location,
        location_country=draft.location_country,
        mechanism=draft.mechanism,
        ordinal=draft.ordinal,
        participants=tuple(_participant(people.people[p]) for p in draft.participants),
        evidence=evidence(text, draft.start, draft.end),
        location_basis=draft.location_basis,
    )


def to_extraction(
    article: Article,
    *,
    drafts: list[Draft],
    people: PeopleIndex,
    figures: list[Figure],
    statements: list[Statement] | None = None,
    commitments: list[Commitment] | None = None,
    initiatives: list[InitiativeMention] | None = None,
    version: str,
    notes: tuple[str, ...] = (),
) -> Extraction:
    """The Extraction of one article, people in order of first mention."""
    text = article.text
    persons = sorted((p for p in people.people if p.mentions), key=lambda p: p.mentions[0][0])
    return Extraction(
        article=article,
        engagements=tuple(_engagement(text, d, people) for d in drafts),
        people=tuple(_person(text, p) for p in persons),
        figures=tuple(figures),
        statements=tuple(statements or ()),
        commitments=tuple(commitments or ()),
        initiatives=tuple(initiatives or ()),
        extractor_version=version,
        warnings=notes,
    )

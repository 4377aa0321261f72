"""A report's own facts: writing its mentions, dated titles and figures, and deleting all of them.

Titles belong to a time, not a person: each title a report gives someone is dated by the engagement
where they held it (when the report says so) or else by the report's publication date, and keeps
the quote that shows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select

from diplograph.model import Article, Engagement, Extraction
from diplograph.store import engagements as resolved
from diplograph.store._common import Touched, insert_rows
from diplograph.store.claims import remove_claims
from diplograph.store.mechanisms import resolve_mechanisms
from diplograph.store.people import ReportPeople
from diplograph.store.schema import (
    REPORT_FACTS,
    figures,
    mention_participants,
    mentions,
    person_titles,
    report_people,
)
from diplograph.store.search import unindex_report

__all__ = ["Written", "remove_facts", "write_figures", "write_mentions", "write_titles"]


@dataclass(frozen=True, slots=True)
class Written:
    """One engagement mention as stored: its id and the report_people position of each participant."""

    mention_id: str
    engagement: Engagement
    positions: tuple[int, ...]


def write_mentions(
    conn: Connection, report_id: str, extraction: Extraction, people: ReportPeople, touched: Touched
) -> list[Written]:
    """Store each extracted engagement as a mention, attached to its resolved engagement."""
    found = extraction.engagements
    positions = [tuple(people.position_of(p.name) for p in engagement.participants) for engagement in found]
    known = [tuple(at for at in each if at is not None) for each in positions]
    assert all(len(a) == len(b) for a, b in zip(positions, known, strict=True)), (
        "every participant is resolved"
    )
    named = [
        (engagement.mechanism, [p.country for p in engagement.participants if p.country])
        for engagement in found
        if engagement.mechanism
    ]
    resolved_ids = iter(resolve_mechanisms(conn, named))
    mechanism_ids = [next(resolved_ids) if engagement.mechanism else None for engagement in found]
    touched.mechanisms |= {mechanism for mechanism in mechanism_ids if mechanism}
    views = [
        resolved.mention_view(
            engagement,
            report_id=report_id,
            participants=(people.ids[at] for at in ats),
            mechanism_id=mechanism,
        )
        for engagement, ats, mechanism in zip(found, known, mechanism_ids, strict=True)
    ]
    located = [engagement.location_country for engagement in found]
    engagement_ids = resolved.attach_all(conn, views, located=located, touched=touched)
    touched.engagements |= set(engagement_ids)
    written = [
        Written(resolved.mention_id(report_id, index), engagement, ats)
        for index, (engagement, ats) in enumerate(zip(found, known, strict=True))
    ]
    rows = [
        {
            "id": item.mention_id,
            "report_id": report_id,
            "position": index,
            "engagement_id": engagement_id,
            "kind": item.engagement.kind,
            "status": item.engagement.status,
            "date": str(item.engagement.date) if item.engagement.date else None,
            "date_basis": item.engagement.date_basis,
            "location": item.engagement.location,
            "location_country": item.engagement.location_country,
            "location_basis": item.engagement.location_basis,
            "mechanism": item.engagement.mechanism,
            "mechanism_id": mechanism,
            "ordinal": item.engagement.ordinal,
            "evidence": item.engagement.evidence.quote,
            "start": item.engagement.evidence.start,
            "end": item.engagement.evidence.end,
            "extractor_version": extraction.extractor_version,
        }
        for index, (item, engagement_id, mechanism) in enumerate(
            zip(written, engagement_ids, mechanism_ids, strict=True)
        )
    ]
    if rows:
        insert_rows(conn, mentions, rows)
    attending = [
        {
            "mention_id": item.mention_id,
            "position": number,
            "person_id": people.ids[at],
            "name": participant.name,
            "title": participant.title,
            "country": participant.country,
            "optional": participant.optional,
        }
        for item in written
        for number, (participant, at) in enumerate(
            zip(item.engagement.participants, item.positions, strict=True)
        )
    ]
    if attending:
        insert_rows(conn, mention_participants, attending)
    return written


def write_titles(
    conn: Connection, report_id: str, extraction: Extraction, people: ReportPeople, written: Sequence[Written]
) -> None:
    """One dated row per title a report gives a person (dated title history with its evidence)."""
    rows = []
    for position, person in enumerate(people.people):
        held: dict[str, Written] = {}
        for item in written:
            if item.engagement.status != "held" or item.engagement.date is None:
                continue
            for participant, at in zip(item.engagement.participants, item.positions, strict=True):
                if at == position and participant.title:
                    held.setdefault(participant.title, item)
        starts = [mention.start for mention in person.mentions]
        for number, title in enumerate(dict.fromkeys([*person.titles, *held])):
            dated = _dated(extraction.article, title, starts, held.get(title))
            rows.append(
                {
                    "report_id": report_id,
                    "person_position": position,
                    "position": number,
                    "person_id": people.ids[position],
                    "title": title,
                    **dated,
                }
            )
    if rows:
        insert_rows(conn, person_titles, rows)


def _dated(article: Article, title: str, starts: Sequence[int], held_at: Written | None) -> dict[str, Any]:
    """When and where the report shows ``title`` held: at an engagement, else at publication."""
    date: str | None
    if held_at is not None and held_at.engagement.date is not None:
        evidence = held_at.engagement.evidence
        span = _locate(article.text, title, starts, within=(evidence.start, evidence.end))
        date, basis, mention = held_at.engagement.date.start, "engagement", held_at.mention_id
    else:
        span = _locate(article.text, title, starts)
        date = article.published.start if article.published else None
        basis, mention = ("published" if date else "unknown"), None
    return {
        "date": date,
        "date_basis": basis,
        "mention_id": mention,
        "evidence": article.text[span[0] : span[1]] if span else None,
        "start": span[0] if span else None,
        "end": span[1] if span else None,
    }


def _locate(
    text: str, title: str, mentions_at: Sequence[int], *, within: tuple[int, int] | None = None
) -> tuple[int, int] | None:
    """Where the text shows ``title``: inside ``within`` if there, else just before a mention of the person.

    Without a written occurrence, the engagement's evidence (``within``) is the best quote there is.
    """
    pattern = re.compile(re.escape(title), re.IGNORECASE)
    if within is not None:
        found = pattern.search(text, within[0], within[1])
        if found:
            return found.span()
    spans = [match.span() for match in pattern.finditer(text)]
    if not spans:
        return within
    before = [(start - end, (begin, end)) for begin, end in spans for start in mentions_at if start >= end]
    return min(before)[1] if before else spans[0]


def write_figures(conn: Connection, report_id: str, extraction: Extraction) -> None:
    rows = [
        {
            "report_id": report_id,
            "position": index,
            "indicator": figure.indicator,
            "value": figure.value,
            "unit": figure.unit,
            "period": figure.period,
            "change_pct": figure.change_pct,
            "evidence": figure.evidence.quote,
            "start": figure.evidence.start,
            "end": figure.evidence.end,
        }
        for index, figure in enumerate(extraction.figures)
    ]
    if rows:
        insert_rows(conn, figures, rows)


def remove_facts(conn: Connection, report_id: str) -> Touched:
    """Delete every fact of a report (not its row); return the resolved entities they touched."""
    touched = Touched()
    for engagement_id, mechanism_id in conn.execute(
        select(mentions.c.engagement_id, mentions.c.mechanism_id).where(mentions.c.report_id == report_id)
    ):
        if engagement_id:
            touched.engagements.add(engagement_id)
        if mechanism_id:
            touched.mechanisms.add(mechanism_id)
    touched.persons |= set(
        conn.execute(
            select(report_people.c.person_id).where(report_people.c.report_id == report_id)
        ).scalars()
    )
    touched.initiatives |= remove_claims(conn, report_id)
    conn.execute(delete(person_titles).where(person_titles.c.report_id == report_id))
    conn.execute(
        delete(mention_participants).where(
            mention_participants.c.mention_id.in_(
                select(mentions.c.id).where(mentions.c.report_id == report_id)
            )
        )
    )
    conn.execute(delete(mentions).where(mentions.c.report_id == report_id))
    for table in REPORT_FACTS:
        conn.execute(delete(table).where(table.c.report_id == report_id))
    unindex_report(conn, report_id)
    return touched

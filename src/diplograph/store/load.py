"""Reading a stored report back as the Extraction it was saved from, field for field.

The store keeps everything an Extraction holds, so formats can be re-rendered from a database and a
round trip is a test that nothing was lost or altered on the way in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, select

from diplograph.model import (
    Article,
    Dateline,
    Engagement,
    Evidence,
    Extraction,
    Figure,
    PartialDate,
    Participant,
    Person,
)
from diplograph.store.claims import load_claims
from diplograph.store.schema import (
    figures,
    mention_participants,
    mentions,
    person_mentions,
    report_people,
    reports,
)

__all__ = ["load_extraction"]


def load_extraction(conn: Connection, report_id: str) -> Extraction | None:
    """The Extraction stored under ``report_id``, or None when there is no such report."""
    row = conn.execute(select(reports).where(reports.c.id == report_id)).first()
    if row is None:
        return None
    said, agreed, named = load_claims(conn, report_id)
    return Extraction(
        article=_article(row),
        engagements=_engagements(conn, report_id),
        people=_people(conn, report_id),
        figures=_figures(conn, report_id),
        statements=said,
        commitments=agreed,
        initiatives=named,
        extractor_version=row.extractor_version,
        warnings=tuple(json.loads(row.notes)),
    )


def _article(row: Row[Any]) -> Article:
    dateline = json.loads(row.dateline) if row.dateline else None
    title_span = json.loads(row.title_span) if row.title_span else None
    return Article(
        text=row.text,
        doc=row.doc,
        title=row.title,
        source=row.source,
        url=row.url,
        published=PartialDate.parse(row.published) if row.published else None,
        published_basis=row.published_basis,
        dateline=Dateline(**dateline) if dateline else None,
        title_span=(title_span[0], title_span[1]) if title_span else None,
        skip_spans=tuple((start, end) for start, end in json.loads(row.skip_spans)),
        metadata=tuple((key, value) for key, value in json.loads(row.metadata)),
        origin=row.origin,
    )


def _by_position(rows: Sequence[Row[Any]]) -> list[Row[Any]]:
    return sorted(rows, key=lambda row: row.position)


def _people(conn: Connection, report_id: str) -> tuple[Person, ...]:
    said: dict[int, list[Row[Any]]] = {}
    for item in conn.execute(select(person_mentions).where(person_mentions.c.report_id == report_id)):
        said.setdefault(item.person_position, []).append(item)
    rows = conn.execute(
        select(report_people).where(report_people.c.report_id == report_id, report_people.c.listed.is_(True))
    ).all()
    return tuple(
        Person(
            name=row.name,
            country=row.country,
            titles=tuple(json.loads(row.titles)),
            aliases=tuple(json.loads(row.aliases)),
            mentions=tuple(
                Evidence(quote=item.name, start=item.start, end=item.end)
                for item in _by_position(said.get(row.position, []))
            ),
        )
        for row in _by_position(rows)
    )


def _engagements(conn: Connection, report_id: str) -> tuple[Engagement, ...]:
    rows = _by_position(conn.execute(select(mentions).where(mentions.c.report_id == report_id)).all())
    attending: dict[str, list[Row[Any]]] = {}
    if rows:
        query = select(mention_participants).where(
            mention_participants.c.mention_id.in_([row.id for row in rows])
        )
        for item in conn.execute(query):
            attending.setdefault(item.mention_id, []).append(item)
    return tuple(
        Engagement(
            kind=row.kind,
            status=row.status,
            date=PartialDate.parse(row.date) if row.date else None,
            date_basis=row.date_basis,
            location=row.location,
            location_country=row.location_country,
            mechanism=row.mechanism,
            ordinal=row.ordinal,
            participants=tuple(
                Participant(
                    name=item.name, country=item.country, title=item.title, optional=bool(item.optional)
                )
                for item in _by_position(attending.get(row.id, []))
            ),
            evidence=Evidence(quote=row.evidence, start=row.start, end=row.end),
            location_basis=row.location_basis,
        )
        for row in rows
    )


def _figures(conn: Connection, report_id: str) -> tuple[Figure, ...]:
    rows = conn.execute(select(figures).where(figures.c.report_id == report_id)).all()
    return tuple(
        Figure(
            indicator=row.indicator,
            value=row.value,
            unit=row.unit,
            period=row.period,
            change_pct=row.change_pct,
            evidence=Evidence(quote=row.evidence, start=row.start, end=row.end),
        )
        for row in _by_position(rows)
    )

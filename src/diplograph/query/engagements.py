"""Engagements: the filtered timeline, one engagement by id, and every engagement for exports.

Rows are read in two steps: one query picks and orders the page, then attendees and sources are
fetched for those ids only, so a page costs the same on a database of a hundred or a million rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Select, select
from sqlalchemy.sql.elements import ColumnElement

from diplograph.query import plan
from diplograph.query._common import (
    AnyRow,
    Readable,
    check_date,
    check_kind,
    check_page,
    check_status,
    chunks,
    conflicts,
    connect,
    country_code,
    date_text,
    unique,
)
from diplograph.query.lookup import mechanism_ids, person_id
from diplograph.query.results import Attendee, EngagementRecord, Page, Source
from diplograph.store import schema

E = schema.engagements
EP = schema.engagement_participants
P = schema.persons
M = schema.mechanisms
MN = schema.mentions
R = schema.reports

# The columns hydrate() reads; every query that lists engagements selects exactly these.
ENGAGEMENT_COLUMNS = (
    E.c.id,
    E.c.kind,
    E.c.status,
    E.c.date_start,
    E.c.date_end,
    E.c.location,
    E.c.location_country,
    E.c.mechanism_id,
    M.c.name.label("mechanism"),
    E.c.ordinal,
    E.c.held_as,
    E.c.conflicts,
    E.c.sources,
)


def chronological(*, newest_first: bool = False) -> tuple[ColumnElement[Any], ...]:
    """Oldest (or newest) first, undated last, ties by id: the same order on SQLite and PostgreSQL."""
    if newest_first:
        return (E.c.date_start.is_(None), E.c.date_start.desc(), E.c.id.desc())
    return (E.c.date_start.is_(None), E.c.date_start, E.c.id)


def timeline(
    store: Readable,
    *,
    person: str | None = None,
    country: str | None = None,
    countries: Sequence[str] = (),
    mechanism: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    newest_first: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> Page[EngagementRecord]:
    """Engagements in date order (undated last), filtered; ``person`` and ``mechanism`` are names or ids.

    ``country`` keeps engagements with a participant from that country or held there; ``countries``
    keeps those that involve every country listed (a bilateral relationship: ``("CHN", "VNM")``).
    ``since`` and ``until`` are partial dates, inclusive at their precision ("2024-06" keeps June 30).
    ``newest_first`` reverses the order of the dated ones. Unknown or ambiguous names raise NoMatch
    or Ambiguous (both LookupError).
    """
    check_page(limit, offset)
    with connect(store) as conn:
        where = conditions(
            conn,
            person=person,
            countries=[code for code in [country_code(country), *map(country_code, countries)] if code],
            mechanism=mechanism,
            kind=check_kind(kind),
            status=check_status(status),
            since=check_date(since, name="since"),
            until=check_date(until, name="until"),
        )
        total, dated = plan.count(conn, where)
        rows = plan.page(
            conn,
            engagement_select(),
            where,
            dated=dated,
            total=total,
            limit=limit,
            offset=offset,
            newest_first=newest_first,
        )
        return Page(items=tuple(hydrate(conn, rows)), total=total, limit=limit, offset=offset)


def engagement(store: Readable, engagement_id: str) -> EngagementRecord | None:
    """One engagement by id, or None."""
    with connect(store) as conn:
        rows = conn.execute(engagement_select().where(E.c.id == engagement_id)).all()
        return next(iter(hydrate(conn, rows)), None)


def iter_engagements(store: Readable, *, batch: int = 500) -> Iterator[EngagementRecord]:
    """Every engagement in date order, read ``batch`` at a time (for exports of any size)."""
    with connect(store) as conn:
        ids = list(conn.execute(select(E.c.id).order_by(*chronological())).scalars())
        for part in chunks(ids, batch):
            rows = {row.id: row for row in conn.execute(engagement_select().where(E.c.id.in_(part)))}
            yield from hydrate(conn, [rows[i] for i in part if i in rows])


def engagement_select() -> Select[Any]:
    return select(*ENGAGEMENT_COLUMNS).select_from(E.outerjoin(M, M.c.id == E.c.mechanism_id))


def conditions(
    conn: Connection,
    *,
    person: str | None = None,
    countries: Sequence[str] = (),
    mechanism: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> plan.Where:
    """The timeline's filters (arguments already checked), in the forms plan.page chooses between."""
    common: list[ColumnElement[bool]] = []
    walking: list[ColumnElement[bool]] = []
    tests = [plan.person_test(person_id(conn, person))] if person is not None else []
    tests += [plan.country_test(code) for code in unique(countries)]
    if mechanism is not None:
        common.append(E.c.mechanism_id.in_(mechanism_ids(conn, mechanism)))
        walking.append(common[-1])
    for column, value in ((E.c.kind, kind), (E.c.status, status)):
        if value is not None:
            common.append(column == value)
            walking.append(plan.unindexed(column) == value)
    return plan.Where(
        common=tuple(common),
        tests=tuple(tests),
        walking=tuple(walking),
        dates=tuple(plan.date_bounds(conn, since=since, until=until)),
    )


def timeline_filters(
    conn: Connection,
    *,
    person: str | None,
    country: str | None,
    mechanism: str | None,
    kind: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    countries: Sequence[str] = (),
) -> list[ColumnElement[bool]]:
    """The timeline's filters as one list of conditions (kept for callers that add their own)."""
    where = conditions(
        conn,
        person=person,
        countries=[*([country] if country else []), *countries],
        mechanism=mechanism,
        kind=kind,
        status=status,
        since=since,
        until=until,
    )
    return where.plain


def involves(country: str) -> ColumnElement[bool]:
    """An engagement involves a country through a participant of that country or its venue."""
    return plan.country_test(country).gather


def hydrate(conn: Connection, rows: Sequence[AnyRow]) -> list[EngagementRecord]:
    """Engagement rows (from ``ENGAGEMENT_COLUMNS``) with their attendees and sources, in the rows' order."""
    ids = [row.id for row in rows]
    attendees = _attendees(conn, ids)
    sources = _sources(conn, ids)
    return [
        EngagementRecord(
            id=row.id,
            kind=row.kind,
            status=row.status,
            date=date_text(row.date_start, row.date_end),
            location=row.location,
            location_country=row.location_country,
            mechanism_id=row.mechanism_id,
            mechanism=row.mechanism,
            ordinal=row.ordinal,
            held_as=row.held_as,
            conflicts=conflicts(row.conflicts),
            source_count=row.sources,
            attendees=attendees.get(row.id, ()),
            sources=sources.get(row.id, ()),
        )
        for row in rows
    ]


def _attendees(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[Attendee, ...]]:
    found: dict[str, list[Attendee]] = defaultdict(list)
    for part in chunks(ids):
        query = (
            select(EP.c.engagement_id, P.c.id, P.c.name, P.c.country, EP.c.title)
            .join(P, P.c.id == EP.c.person_id)
            .where(EP.c.engagement_id.in_(part))
            .order_by(EP.c.engagement_id, P.c.name, P.c.id)
        )
        for row in conn.execute(query):
            found[row.engagement_id].append(
                Attendee(id=row.id, name=row.name, country=row.country, title=row.title)
            )
    return {key: tuple(value) for key, value in found.items()}


def _sources(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[Source, ...]]:
    found: dict[str, list[Source]] = defaultdict(list)
    for part in chunks(ids):
        query = (
            select(
                MN.c.engagement_id,
                MN.c.evidence,
                MN.c.start,
                MN.c.end,
                MN.c.extractor_version,
                R.c.id.label("report_id"),
                R.c.doc,
                R.c.title,
                R.c.source,
                R.c.url,
                R.c.published,
                R.c.duplicate_of,
            )
            .join(R, R.c.id == MN.c.report_id)
            .where(MN.c.engagement_id.in_(part))
            .order_by(MN.c.engagement_id, R.c.published, R.c.doc, MN.c.start)
        )
        for row in conn.execute(query):
            found[row.engagement_id].append(
                Source(
                    report_id=row.report_id,
                    doc=row.doc,
                    title=row.title,
                    publisher=row.source,
                    url=row.url,
                    published=row.published,
                    quote=row.evidence,
                    start=row.start,
                    end=row.end,
                    extractor_version=row.extractor_version,
                    duplicate_of=row.duplicate_of,
                )
            )
    return {key: tuple(value) for key, value in found.items()}

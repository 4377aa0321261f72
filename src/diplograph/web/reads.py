"""Reads the pages need that diplograph.query does not offer (yet): counts for the overview, country
pairs, the timeline narrowed to a country pair, and lists of choices for the filter forms.

Everything here is parameterised SQLAlchemy Core over store/schema.py, so it runs the same on SQLite
and PostgreSQL. Candidates to move into query/ once the web app's needs settle.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, and_, case, func, literal, or_, select, union_all

from diplograph import query
from diplograph.query.engagements import _filters as timeline_filters
from diplograph.query.engagements import _select as engagement_select
from diplograph.query.engagements import chronological, hydrate
from diplograph.query.results import EngagementRecord, Page
from diplograph.store import schema
from diplograph.web.data import Choice, PairCount, PeriodCount, Totals

E = schema.engagements
EP = schema.engagement_participants
P = schema.persons
M = schema.mechanisms
R = schema.reports
F = schema.flags

T = TypeVar("T")


class Memo:
    """Aggregates over the whole database, kept for ``ttl`` seconds and while the row counts hold.

    The overview's counts scan every engagement; recomputing them on every request would make the
    front page the slowest one. An ingest changes the counts, which drops the cached values at once.
    """

    def __init__(self, *, ttl: float = 60.0) -> None:
        self._ttl = ttl
        self._lock = threading.Lock()
        self._values: dict[str, tuple[float, tuple[int, ...], Any]] = {}

    def get(self, conn: Connection, key: str, compute: Callable[[Connection], T]) -> T:
        stamp = version(conn)
        now = time.monotonic()
        with self._lock:
            found = self._values.get(key)
        if found is not None and found[1] == stamp and now - found[0] < self._ttl:
            return found[2]  # type: ignore[no-any-return]
        value = compute(conn)
        with self._lock:
            self._values[key] = (now, stamp, value)
        return value


def version(conn: Connection) -> tuple[int, ...]:
    """Row counts that change whenever reports are added, replaced or removed."""
    counts = select(
        select(func.count()).select_from(R).scalar_subquery(),
        select(func.count()).select_from(E).scalar_subquery(),
        select(func.coalesce(func.sum(E.c.sources), 0)).scalar_subquery(),
        select(func.count()).select_from(P).scalar_subquery(),
    )
    return tuple(int(value) for value in conn.execute(counts).one())


def totals(conn: Connection) -> Totals:
    """How many reports, engagements, people, mechanisms and flags are on file."""
    held = func.sum(case((E.c.status == "held", 1), else_=0))
    row = conn.execute(
        select(
            select(func.count()).select_from(R).scalar_subquery().label("reports"),
            select(func.count()).select_from(E).scalar_subquery().label("engagements"),
            select(held).scalar_subquery().label("held"),
            select(func.count()).select_from(P).scalar_subquery().label("people"),
            select(func.count()).select_from(M).scalar_subquery().label("mechanisms"),
            select(func.count()).select_from(F).scalar_subquery().label("flags"),
        )
    ).one()
    held_count = int(row.held or 0)
    return Totals(
        reports=row.reports,
        engagements=row.engagements,
        held=held_count,
        planned=row.engagements - held_count,
        people=row.people,
        mechanisms=row.mechanisms,
        flags=row.flags,
    )


def _countries() -> Any:
    """(engagement_id, country) for every participant's country and every venue's country."""
    return union_all(
        select(EP.c.engagement_id.label("engagement_id"), P.c.country.label("country"))
        .join(P, P.c.id == EP.c.person_id)
        .where(P.c.country.is_not(None)),
        select(E.c.id.label("engagement_id"), E.c.location_country.label("country")).where(
            E.c.location_country.is_not(None)
        ),
    ).subquery("countries")


def country_pairs(conn: Connection) -> tuple[PairCount, ...]:
    """Pairs of countries that met (people of both, or one's people in the other), busiest first."""
    a, b = _countries().alias("a"), _countries().alias("b")
    query_ = (
        select(
            a.c.country.label("first_country"),
            b.c.country.label("second_country"),
            func.count(func.distinct(a.c.engagement_id)).label("n"),
            func.min(E.c.date_start).label("first"),
            func.max(func.coalesce(E.c.date_end, E.c.date_start)).label("last"),
        )
        .select_from(a)
        .join(b, and_(b.c.engagement_id == a.c.engagement_id, a.c.country < b.c.country))
        .join(E, E.c.id == a.c.engagement_id)
        .group_by(a.c.country, b.c.country)
    )
    rows = conn.execute(query_).all()
    pairs = [
        PairCount(
            pair=f"{row.first_country}-{row.second_country}",
            countries=(row.first_country, row.second_country),
            engagements=row.n,
            first=row.first,
            last=row.last,
        )
        for row in rows
    ]
    return tuple(sorted(pairs, key=lambda p: (-p.engagements, p.pair)))


def by_year(conn: Connection) -> tuple[PeriodCount, ...]:
    """Dated engagements per year, held and planned apart, oldest year first."""
    year = func.substr(E.c.date_start, 1, 4)
    rows = conn.execute(
        select(year.label("year"), E.c.status, func.count().label("n"))
        .where(E.c.date_start.is_not(None))
        .group_by(year, E.c.status)
    ).all()
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row.year, {})[row.status] = row.n
    years = sorted(year_ for year_ in counts if year_.isdigit())
    if years:  # every year between the first and the last, so that gaps show as gaps
        for missing in range(int(years[0]) + 1, int(years[-1])):
            counts.setdefault(f"{missing:04d}", {})
    return tuple(
        PeriodCount(period=year_, held=found.get("held", 0), planned=found.get("planned", 0))
        for year_, found in sorted(counts.items())
    )


def latest(store: query.Readable, *, count: int) -> tuple[EngagementRecord, ...]:
    """The ``count`` most recent dated engagements, newest first (the timeline is oldest first)."""
    dated = query.timeline(store, since="0001", limit=1)
    if not dated.total:
        return ()
    offset = max(0, dated.total - count)
    page = query.timeline(store, since="0001", limit=count, offset=offset)
    return tuple(reversed(page.items))


def pair_timeline(
    store: query.Readable,
    pair: tuple[str, str],
    *,
    person: str | None,
    mechanism: str | None,
    kind: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
) -> Page[EngagementRecord]:
    """query.timeline narrowed to engagements that involve both countries of ``pair``.

    A country is involved through a participant of that country or the venue. Until query.timeline
    takes a pair itself, this reuses its filters and adds the pair's condition.
    """
    first, second = (query.country_code(code) for code in pair)
    with store.engine.connect() as conn:
        where = timeline_filters(
            conn,
            person=person,
            country=None,
            mechanism=mechanism,
            kind=query.check_kind(kind),
            status=query.check_status(status),
            since=query.check_date(since, name="since"),
            until=query.check_date(until, name="until"),
        )
        where += [_involves(first), _involves(second)]
        total = conn.execute(select(func.count()).select_from(E).where(*where)).scalar_one()
        rows = conn.execute(
            engagement_select().where(*where).order_by(*chronological()).limit(limit).offset(offset)
        ).all()
        return Page(items=tuple(hydrate(conn, rows)), total=total, limit=limit, offset=offset)


def _involves(code: str | None) -> Any:
    participants = select(EP.c.engagement_id).join(P, P.c.id == EP.c.person_id).where(P.c.country == code)
    return or_(E.c.location_country == code, E.c.id.in_(participants))


def mechanism_choices(conn: Connection) -> tuple[Choice, ...]:
    """Every mechanism as a select option, by name."""
    rows = conn.execute(select(M.c.id, M.c.name).order_by(M.c.name, M.c.id)).all()
    return tuple(Choice(value=row.id, label=row.name) for row in rows)


def name_of(conn: Connection, table: str, ident: str) -> str | None:
    """The display name of a person or mechanism id, so a filter shows a name rather than a hash."""
    source = {"person": P, "mechanism": M}[table]
    value = conn.execute(select(source.c.name).where(source.c.id == ident)).scalar_one_or_none()
    return str(value) if value is not None else None


def has_rows(conn: Connection) -> bool:
    """Whether anything is on file (the overview explains how to add reports when not)."""
    return conn.execute(select(literal(1)).select_from(R).limit(1)).first() is not None

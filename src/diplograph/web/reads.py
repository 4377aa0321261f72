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

from sqlalchemy import Connection, and_, case, func, or_, select, union

from diplograph import query
from diplograph.query.engagements import chronological, engagement_select, hydrate, timeline_filters
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


_MEMO_SIZE = 256


class Memo:
    """Aggregates over the whole database, kept while the row counts hold (and ``ttl`` seconds at most).

    The overview's counts scan every engagement; recomputing them on every request would make the
    front page the slowest one. Adding or removing reports changes the counts, which drops the kept
    values at once; ``ttl`` bounds how long an edit that changes no count can go unseen. Requests
    that arrive while a value is being computed wait for it rather than compute it again.
    """

    def __init__(self, *, ttl: float = 300.0) -> None:
        self._ttl = ttl
        self._lock = threading.Lock()
        self._computing: dict[str, threading.Lock] = {}
        self._values: dict[str, tuple[float, tuple[int, ...], Any]] = {}

    def _fresh(self, key: str, stamp: tuple[int, ...]) -> tuple[bool, Any]:
        with self._lock:
            found = self._values.get(key)
        if found is not None and found[1] == stamp and time.monotonic() - found[0] < self._ttl:
            return True, found[2]
        return False, None

    def get(self, conn: Connection, key: str, compute: Callable[[Connection], T]) -> T:
        stamp = version(conn)
        fresh, value = self._fresh(key, stamp)
        if fresh:
            return value  # type: ignore[no-any-return]
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            fresh, value = self._fresh(key, stamp)
            if fresh:
                return value  # type: ignore[no-any-return]
            started = time.monotonic()
            result = compute(conn)
            with self._lock:
                self._values[key] = (started, stamp, result)
                if len(self._values) > _MEMO_SIZE:
                    # Pages (a person, a search) are kept too: drop the oldest, so memory stays bounded.
                    oldest = min(self._values, key=lambda k: self._values[k][0])
                    del self._values[oldest]
        return result


def version(conn: Connection) -> tuple[int, ...]:
    """Row counts that change whenever reports, engagements, people or flags are added or removed."""
    counts = select(*(select(func.count()).select_from(table).scalar_subquery() for table in (R, E, P, M, F)))
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


def country_pairs(conn: Connection) -> tuple[PairCount, ...]:
    """Pairs of countries that met (people of both, or one's people in the other), busiest first.

    Grouped here rather than in SQL: a self-join of every engagement's countries costs seconds on a
    large database, one pass over the rows a fraction of that.
    """
    countries: dict[str, set[str]] = {}
    for engagement_id, country in conn.execute(
        select(EP.c.engagement_id, P.c.country)
        .join(P, P.c.id == EP.c.person_id)
        .where(P.c.country.is_not(None))
    ):
        countries.setdefault(engagement_id, set()).add(country)
    counts: dict[tuple[str, str], list[Any]] = {}
    for engagement_id, venue, start, end in conn.execute(
        select(E.c.id, E.c.location_country, E.c.date_start, func.coalesce(E.c.date_end, E.c.date_start))
    ):
        found = countries.get(engagement_id, set())
        if venue is not None:
            found = found | {venue}
        if len(found) < 2:
            continue
        ordered_ = sorted(found)
        for i, first in enumerate(ordered_):
            for second in ordered_[i + 1 :]:
                entry = counts.setdefault((first, second), [0, None, None])
                entry[0] += 1
                if start is not None and (entry[1] is None or start < entry[1]):
                    entry[1] = start
                if end is not None and (entry[2] is None or end > entry[2]):
                    entry[2] = end
    pairs = [
        PairCount(pair=f"{a}-{b}", countries=(a, b), engagements=n, first=first, last=last)
        for (a, b), (n, first, last) in counts.items()
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
    with store.engine.connect() as conn:
        rows = conn.execute(
            engagement_select()
            .where(E.c.date_start.is_not(None))
            .order_by(E.c.date_start.desc(), E.c.id.desc())
            .limit(count)
        ).all()
        return tuple(hydrate(conn, rows))


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
        ordered_ = engagement_select().order_by(*chronological()).limit(limit).offset(offset)
        if since or until or person or mechanism:
            # Few candidates: test each one for the two countries; the page stops at ``limit``.
            where += [_involves(first), _involves(second)]
            total = conn.execute(select(func.count()).select_from(E).where(*where)).scalar_one()
            rows = conn.execute(ordered_.where(*where)).all()
        else:
            # Many: collect the pair's engagements once, counting and paging in one statement.
            where.append(E.c.id.in_(_pair_ids(first, second)))
            counted = ordered_.add_columns(func.count().over().label("pair_total")).where(*where)
            rows = conn.execute(counted).all()
            total = int(rows[0].pair_total) if rows else 0
            if not rows and offset:
                total = conn.execute(select(func.count()).select_from(E).where(*where)).scalar_one()
        return Page(items=tuple(hydrate(conn, rows)), total=total, limit=limit, offset=offset)


def _involves(code: str | None) -> Any:
    """A participant of country ``code``, or the venue in it (checked per engagement)."""
    people = (
        select(EP.c.person_id)
        .join(P, P.c.id == EP.c.person_id)
        .where(EP.c.engagement_id == E.c.id, P.c.country == code)
    )
    return or_(E.c.location_country == code, people.exists())


def _pair_ids(first: str | None, second: str | None) -> Any:
    """Ids of engagements with people of both countries, or people of one held in the other.

    Starts from the people of one country (an index on persons.country, then one on participants by
    person), so the cost follows that country's engagements rather than the whole table.
    """
    ep1, ep2, p1, p2 = EP.alias("ep1"), EP.alias("ep2"), P.alias("p1"), P.alias("p2")
    # EXISTS rather than a join on the second country: a join lets SQLite pair every person of
    # one country with every person of the other before looking at any engagement.
    other = (
        select(ep2.c.person_id)
        .join(p2, p2.c.id == ep2.c.person_id)
        .where(ep2.c.engagement_id == ep1.c.engagement_id, p2.c.country == second)
    )
    both = (
        select(ep1.c.engagement_id)
        .join(p1, and_(p1.c.id == ep1.c.person_id, p1.c.country == first))
        .where(other.exists())
    )
    hosted = [
        select(EP.c.engagement_id)
        .join(P, and_(P.c.id == EP.c.person_id, P.c.country == guest))
        .join(E, and_(E.c.id == EP.c.engagement_id, E.c.location_country == host))
        for guest, host in ((first, second), (second, first))
    ]
    return union(both, *hosted)


def mechanism_choices(conn: Connection) -> tuple[Choice, ...]:
    """Every mechanism as a select option, by name."""
    rows = conn.execute(select(M.c.id, M.c.name).order_by(M.c.name, M.c.id)).all()
    return tuple(Choice(value=row.id, label=row.name) for row in rows)


def name_of(conn: Connection, table: str, ident: str) -> str | None:
    """The display name of a person or mechanism id, so a filter shows a name rather than a hash."""
    source = {"person": P, "mechanism": M}[table]
    value = conn.execute(select(source.c.name).where(source.c.id == ident)).scalar_one_or_none()
    return str(value) if value is not None else None

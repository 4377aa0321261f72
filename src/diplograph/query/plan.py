"""How a filtered timeline page is read fast on SQLite and PostgreSQL alike.

Two choices decide the cost on a large database:

- Dated engagements first, then undated ones, each in its own query: ``ORDER BY date_start, id``
  can then walk the date index and stop after one page, where ``ORDER BY date_start IS NULL, ...``
  forces a sort of every match.
- A person or country filter can be *gathered* (``id IN (engagements of X)``: read X's rows, then
  sort them) or *probed* (walk the date index, checking each row with a correlated EXISTS). Gathering
  costs about the number of matches ``m``; probing about ``(offset + limit) * n / m`` rows of the
  ``n`` dated ones. Probing wins when ``m * m > (offset + limit) * n``, i.e. for busy people and
  countries, and gathering for rare ones; both give the same rows. That is SQLite's trade-off;
  PostgreSQL always gathers (it hashes the subquery; see ``_probes``).

A ``since`` bound also matches a range that started before it and ends after it; the earliest start
of such ranges gives an index-friendly lower bound, so the walk does not start at the first date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, exists, func, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from diplograph.query._common import AnyRow, until_bound
from diplograph.store import schema

E = schema.engagements
EP = schema.engagement_participants
P = schema.persons


GATHER_LIMIT = 5_000  # a membership test matching fewer engagements is always gathered
BUSY = 100  # people with more engagements than this may have their first and last dates walked


@dataclass(frozen=True, slots=True)
class Test:
    """One membership test in both forms, and a query counting the engagements it gathers."""

    gather: ColumnElement[bool]
    probe: ColumnElement[bool]
    size: Select[Any]
    exact: bool = False  # size counts the matching engagements themselves, from an index alone


@dataclass(frozen=True, slots=True)
class Where:
    """Conditions on engagements: plain ones, date bounds, and membership tests in two forms."""

    common: tuple[ColumnElement[bool], ...] = ()
    tests: tuple[Test, ...] = ()
    walking: tuple[ColumnElement[bool], ...] | None = None  # ``common`` with no index to use instead
    dates: tuple[ColumnElement[bool], ...] = ()

    @property
    def gather(self) -> list[ColumnElement[bool]]:
        return [test.gather for test in self.tests]

    @property
    def probe(self) -> list[ColumnElement[bool]]:
        return [test.probe for test in self.tests]

    @property
    def plain(self) -> list[ColumnElement[bool]]:
        """Every condition, membership gathered: the form for small result sets."""
        return [*self.common, *self.dates, *self.gather]


def unindexed(column: ColumnElement[str]) -> ColumnElement[str]:
    """The column behind a function no index covers, so a planner keeps to the walk of the dates."""
    return func.coalesce(column, "")


def person_test(person_id: str) -> Test:
    """ "The person attended"."""
    return Test(
        gather=E.c.id.in_(select(EP.c.engagement_id).where(EP.c.person_id == person_id)),
        probe=exists().where(EP.c.engagement_id == E.c.id, EP.c.person_id == person_id),
        size=select(func.count()).select_from(EP).where(EP.c.person_id == person_id),
        exact=True,
    )


def country_test(country: str) -> Test:
    """ "A participant is from the country, or it was held there"."""
    people = EP.join(P, P.c.id == EP.c.person_id)
    members = select(EP.c.engagement_id).select_from(people).where(P.c.country == country)
    member = exists().select_from(people).where(EP.c.engagement_id == E.c.id, P.c.country == country)
    return Test(
        gather=or_(E.c.location_country == country, E.c.id.in_(members)),
        probe=or_(E.c.location_country == country, member),
        size=select(func.count()).select_from(people).where(P.c.country == country),
    )


def date_bounds(conn: Connection, *, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Conditions keeping engagements that overlap [since, until] at their precision."""
    found: list[ColumnElement[bool]] = []
    if since is not None:
        # Only ranges have date_end, and few end after ``since``: fetched alone, this condition reads the
        # date_end index (where the store has one) and no engine turns it into a walk of date_start.
        starts = conn.execute(select(E.c.date_start).where(E.c.date_end >= since)).scalars()
        floor = min((since, *(start for start in starts if start)))
        found.append(E.c.date_start >= floor)
        if floor != since:
            found.append(or_(E.c.date_start >= since, E.c.date_end >= since))
    if until is not None:
        found.append(E.c.date_start < until_bound(until))
    return found


def count(conn: Connection, where: Where) -> tuple[int, int]:
    """(all matches, dated matches).

    A membership test that matches far more engagements than the other conditions do is probed
    (the other conditions' index drives the count, each row checked) instead of gathered.
    """
    if len(where.tests) == 1 and where.tests[0].exact and not (where.common or where.dates):
        # One person alone (a profile, a person's timeline): the participants index counts them all,
        # and the few undated ones are found from the date index's NULL entries.
        total = int(conn.execute(where.tests[0].size).scalar_one())
        undated = conn.execute(
            select(func.count()).select_from(E).where(E.c.date_start.is_(None), where.tests[0].gather)
        ).scalar_one()
        return total, total - int(undated)
    membership = where.gather
    if where.tests and (where.common or where.dates) and _probes(conn):
        sizes = [int(conn.execute(test.size).scalar_one()) for test in where.tests]
        if max(sizes) > GATHER_LIMIT:
            others = int(conn.execute(select(func.count()).where(*where.common, *where.dates)).scalar_one())
            membership = [
                test.probe if size > 2 * others else test.gather
                for test, size in zip(where.tests, sizes, strict=True)
            ]
    total, dated = conn.execute(
        select(func.count(), func.count(E.c.date_start))
        .select_from(E)
        .where(*where.common, *where.dates, *membership)
    ).one()
    return int(total), int(dated)


def page(
    conn: Connection,
    query: Select[Any],
    where: Where,
    *,
    dated: int,
    total: int,
    limit: int,
    offset: int,
    newest_first: bool = False,
) -> list[AnyRow]:
    """One page of ``query``'s rows: dated ones by date (then id), undated ones after, by id."""
    rows: list[AnyRow] = []
    if offset < dated:
        membership, common = where.gather, where.common
        if where.probe and _probe_is_cheaper(conn, where, matches=dated, wanted=offset + limit):
            membership, common = where.probe, where.common if where.walking is None else where.walking
        forward = (E.c.date_start, E.c.id)
        backward = (E.c.date_start.desc(), E.c.id.desc())
        filtered = query.where(E.c.date_start.is_not(None), *common, *where.dates, *membership)
        if offset > dated // 2:
            # A deep page is read from the other end: OFFSET costs the rows it skips, so the last
            # page of 100,000 costs as little as the first.
            wanted = min(limit, dated - offset)
            from_end = max(0, dated - offset - wanted)
            order = forward if newest_first else backward
            rows = list(conn.execute(filtered.order_by(*order).limit(wanted).offset(from_end)))
            rows.reverse()
        else:
            order = backward if newest_first else forward
            rows = list(conn.execute(filtered.order_by(*order).limit(limit).offset(offset)))
    if len(rows) < limit and total > dated:
        rows += conn.execute(
            query.where(E.c.date_start.is_(None), *where.plain)
            .order_by(E.c.id)
            .limit(limit - len(rows))
            .offset(max(0, offset - dated))
        ).all()
    return rows


def _probes(conn: Connection) -> bool:
    """Whether probing is ever worth it: SQLite runs ``IN (subquery)`` by looking each row up, so a
    busy person or country is cheaper to probe; PostgreSQL hashes the subquery's rows once, and its
    probe plan (a correlated EXISTS per walked row) was the slow one every time it was chosen
    (100,000 engagements: a country pair 342 -> 76 ms, a busy person 13 -> 9 ms).
    """
    return conn.dialect.name != "postgresql"


def _probe_is_cheaper(conn: Connection, where: Where, *, matches: int, wanted: int) -> bool:
    """Whether walking the dates in range reads fewer rows than gathering every match."""
    if not _probes(conn) or matches * matches <= wanted * 1000:  # too few matches for a walk to pay off
        return False
    walked = conn.execute(select(func.count(E.c.date_start)).where(*where.dates)).scalar_one()
    return matches * matches > wanted * int(walked)


def activity(conn: Connection, person_ids: Sequence[str]) -> dict[str, tuple[int, str | None, str | None]]:
    """For each person: (engagements, first start date, last start date).

    Counts come from the participants index alone. Dates of people with few engagements are read
    by gathering their engagements; a busy person's first and last dates by walking the date index
    from either end until one of theirs turns up, which stops after a few rows.
    """
    counts = {
        row[0]: int(row[1])
        for part in _chunks(person_ids)
        for row in conn.execute(
            select(EP.c.person_id, func.count()).where(EP.c.person_id.in_(part)).group_by(EP.c.person_id)
        )
    }
    if not counts:
        return {}
    dated = _dated_roughly(conn)
    busy = [pid for pid, n in counts.items() if _walks(n, dated)]
    quiet = [pid for pid in counts if pid not in set(busy)]
    spans: dict[str, tuple[str | None, str | None]] = {
        row[0]: (row[1], row[2])
        for part in _chunks(quiet)
        for row in conn.execute(
            select(EP.c.person_id, func.min(E.c.date_start), func.max(E.c.date_start))
            .join(E, E.c.id == EP.c.engagement_id)
            .where(EP.c.person_id.in_(part))
            .group_by(EP.c.person_id)
        )
    }
    if busy:
        # Every busy person's two walks in one statement: as forty statements they cost PostgreSQL
        # more in round trips than in walking.
        # Correlated to the person row of the outer query, two levels up (not joined in here).
        attended = exists().where(EP.c.engagement_id == E.c.id, EP.c.person_id == P.c.id).correlate(E, P)
        walk = select(E.c.date_start).where(E.c.date_start.is_not(None), attended).limit(1)
        first = walk.order_by(E.c.date_start).scalar_subquery()
        last = walk.order_by(E.c.date_start.desc()).scalar_subquery()
        for pid, earliest, latest in conn.execute(select(P.c.id, first, last).where(P.c.id.in_(busy))):
            spans[pid] = (earliest, latest)
    return {pid: (n, *spans.get(pid, (None, None))) for pid, n in counts.items()}


def _dated_roughly(conn: Connection) -> int:
    """How many engagements are dated, near enough to choose between walking and gathering.

    PostgreSQL counts by reading the whole table (4 ms at 100,000, on every page that lists
    people); the planner's row estimate, kept by ANALYZE and autovacuum, is near enough. SQLite
    counts from the date index, which costs little.
    """
    if conn.dialect.name == "postgresql":
        estimate = conn.execute(
            text("SELECT reltuples FROM pg_class WHERE oid = CAST('engagements' AS regclass)")
        ).scalar()
        if estimate is not None and estimate >= 0:  # -1: never analysed yet
            return int(estimate)
    return int(conn.execute(select(func.count(E.c.date_start))).scalar_one())


def _walks(engagements: int, dated: int) -> bool:
    """Whether walking the date index finds a person's first and last dates sooner than gathering."""
    return engagements > BUSY and engagements * engagements > 4 * dated


def _chunks(items: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [items[begin : begin + size] for begin in range(0, len(items), size)]

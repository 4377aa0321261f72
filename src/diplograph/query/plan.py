"""How a filtered timeline page is read fast on SQLite and PostgreSQL alike.

Two choices decide the cost on a large database:

- Dated engagements first, then undated ones, each in its own query: ``ORDER BY date_start, id``
  can then walk the date index and stop after one page, where ``ORDER BY date_start IS NULL, ...``
  forces a sort of every match.
- A person or country filter can be *gathered* (``id IN (engagements of X)``: read X's rows, then
  sort them) or *probed* (walk the date index, checking each row with a correlated EXISTS). Gathering
  costs about the number of matches ``m``; probing about ``(offset + limit) * n / m`` rows of the
  ``n`` dated ones. Probing wins when ``m * m > (offset + limit) * n``, i.e. for busy people and
  countries, and gathering for rare ones; both give the same rows.

A ``since`` bound also matches a range that started before it and ends after it; the earliest start
of such ranges gives an index-friendly lower bound, so the walk does not start at the first date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from diplograph.query._common import AnyRow, until_bound
from diplograph.store import schema

E = schema.engagements
EP = schema.engagement_participants
P = schema.persons


@dataclass(frozen=True, slots=True)
class Where:
    """Conditions on engagements; ``gather`` and ``probe`` are two forms of the same membership tests."""

    common: tuple[ColumnElement[bool], ...] = ()
    gather: tuple[ColumnElement[bool], ...] = ()
    probe: tuple[ColumnElement[bool], ...] = ()

    @property
    def plain(self) -> list[ColumnElement[bool]]:
        """Every condition, membership gathered: the form for counts and small result sets."""
        return [*self.common, *self.gather]


def person_test(person_id: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """(gather, probe) forms of "the person attended"."""
    gather = E.c.id.in_(select(EP.c.engagement_id).where(EP.c.person_id == person_id))
    probe = exists().where(EP.c.engagement_id == E.c.id, EP.c.person_id == person_id)
    return gather, probe


def country_test(country: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """(gather, probe) forms of "a participant is from the country, or it was held there"."""
    members = select(EP.c.engagement_id).join(P, P.c.id == EP.c.person_id).where(P.c.country == country)
    gather = or_(E.c.location_country == country, E.c.id.in_(members))
    member = (
        exists()
        .select_from(EP.join(P, P.c.id == EP.c.person_id))
        .where(EP.c.engagement_id == E.c.id, P.c.country == country)
    )
    return gather, or_(E.c.location_country == country, member)


def date_bounds(conn: Connection, *, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Conditions keeping engagements that overlap [since, until] at their precision."""
    found: list[ColumnElement[bool]] = []
    if since is not None:
        straddling = conn.execute(
            select(func.min(E.c.date_start)).where(E.c.date_end >= since, E.c.date_start < since)
        ).scalar()
        floor = min(since, straddling) if straddling else since
        found.append(E.c.date_start >= floor)
        if floor != since:
            found.append(or_(E.c.date_start >= since, E.c.date_end >= since))
    if until is not None:
        found.append(E.c.date_start < until_bound(until))
    return found


def count(conn: Connection, where: Where) -> tuple[int, int]:
    """(all matches, dated matches)."""
    total, dated = conn.execute(
        select(func.count(), func.count(E.c.date_start)).select_from(E).where(*where.plain)
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
        membership = where.gather
        if where.probe and _probe_is_cheaper(conn, matches=dated, wanted=offset + limit):
            membership = where.probe
        order = (E.c.date_start.desc(), E.c.id.desc()) if newest_first else (E.c.date_start, E.c.id)
        rows = list(
            conn.execute(
                query.where(E.c.date_start.is_not(None), *where.common, *membership)
                .order_by(*order)
                .limit(limit)
                .offset(offset)
            )
        )
    if len(rows) < limit and total > dated:
        rows += conn.execute(
            query.where(E.c.date_start.is_(None), *where.plain)
            .order_by(E.c.id)
            .limit(limit - len(rows))
            .offset(max(0, offset - dated))
        ).all()
    return rows


def _probe_is_cheaper(conn: Connection, *, matches: int, wanted: int) -> bool:
    if matches * matches <= wanted * 1000:  # too few matches for any walk to pay off
        return False
    dated = conn.execute(select(func.count(E.c.date_start))).scalar_one()
    return matches * matches > wanted * int(dated)

"""Standing mechanisms: the list with held and planned sessions, and one mechanism session by session."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, and_, case, func, select

from diplograph.query._common import AnyRow, Readable, check_page, chunks, connect, country_code, ordered
from diplograph.query.engagements import engagement_select, hydrate
from diplograph.query.lookup import mechanism_id
from diplograph.query.results import EngagementRecord, MechanismSummary, MechanismThread, Page, Session
from diplograph.store import schema

M = schema.mechanisms
MA = schema.mechanism_aliases
E = schema.engagements


def mechanisms(
    store: Readable, *, country: str | None = None, limit: int = 100, offset: int = 0
) -> Page[MechanismSummary]:
    """Mechanisms by name, with counts of held sessions and of plans not yet known to be held."""
    check_page(limit, offset)
    code = country_code(country)
    with connect(store) as conn:
        # countries is "CHN-VNM": a code is matched as a whole between hyphens.
        padded = "-" + func.coalesce(M.c.countries, "") + "-"
        where = [padded.like(f"%-{code}-%")] if code else []
        total = conn.execute(select(func.count()).select_from(M).where(*where)).scalar_one()
        rows = conn.execute(
            select(M.c.id, M.c.name, M.c.countries)
            .where(*where)
            .order_by(ordered(conn, M.c.name), M.c.id)
            .limit(limit)
            .offset(offset)
        ).all()
        return Page(items=tuple(_summaries(conn, rows)), total=total, limit=limit, offset=offset)


def iter_mechanisms(store: Readable) -> Iterator[MechanismSummary]:
    """Every mechanism, by id (for exports; mechanisms number in the hundreds, not millions)."""
    with connect(store) as conn:
        rows = conn.execute(select(M.c.id, M.c.name, M.c.countries).order_by(M.c.id)).all()
        yield from _summaries(conn, rows)


def mechanism_thread(store: Readable, name: str, *, limit: int = 100, offset: int = 0) -> MechanismThread:
    """One mechanism's sessions in order (by date, then session number), each held session with the
    plans that announced it; plans not known to be held appear as sessions of their own.

    Raises NoMatch or Ambiguous (LookupError) when ``name`` does not designate exactly one mechanism.
    """
    check_page(limit, offset)
    with connect(store) as conn:
        mid = mechanism_id(conn, name)
        (summary,) = _summaries(
            conn, conn.execute(select(M.c.id, M.c.name, M.c.countries).where(M.c.id == mid))
        )
        rows = conn.execute(
            select(E.c.id, E.c.status, E.c.held_as, E.c.ordinal, E.c.date_start).where(
                E.c.mechanism_id == mid
            )
        ).all()
        heads, announced = _sessions(rows)
        page = heads[offset : offset + limit]
        wanted = [row.id for row in page] + [plan for row in page for plan in announced.get(row.id, [])]
        records = {
            record.id: record
            for part in chunks(wanted)
            for record in hydrate(conn, conn.execute(engagement_select().where(E.c.id.in_(part))).all())
        }
    sessions = tuple(_session(records, row, announced.get(row.id, [])) for row in page)
    return MechanismThread(
        mechanism=summary,
        sessions=Page(items=sessions, total=len(heads), limit=limit, offset=offset),
    )


def _sessions(rows: Sequence[AnyRow]) -> tuple[list[AnyRow], dict[str, list[str]]]:
    """Held sessions and unheld plans in order, and for each held session the plans linked to it."""
    held = {row.id for row in rows if row.status == "held"}
    announced: dict[str, list[str]] = {}
    heads = []
    for row in rows:
        if row.status == "planned" and row.held_as in held:
            announced.setdefault(row.held_as, []).append(row.id)
        else:
            heads.append(row)
    heads.sort(key=lambda r: (r.date_start is None, r.date_start or "", r.ordinal or 0, r.id))
    dates = {row.id: row.date_start or "" for row in rows}
    for plans in announced.values():
        plans.sort(key=lambda plan: (dates[plan], plan))
    return heads, announced


def _session(records: dict[str, EngagementRecord], row: AnyRow, plans: list[str]) -> Session:
    record = records[row.id]
    return Session(
        ordinal=record.ordinal,
        held=record.status == "held" or record.held_as is not None,
        engagement=record,
        announced=tuple(records[plan] for plan in plans),
    )


def _summaries(conn: Connection, rows: Sequence[AnyRow] | Any) -> list[MechanismSummary]:
    """Mechanism rows (id, name, countries) with aliases and session counts."""
    rows = list(rows)
    ids = [row.id for row in rows]
    held = E.c.status == "held"
    stats: dict[str, AnyRow] = {}
    aliases: dict[str, set[str]] = {}
    for part in chunks(ids):
        query = (
            select(
                E.c.mechanism_id,
                func.sum(case((held, 1), else_=0)).label("held"),
                func.sum(case((and_(E.c.status == "planned", E.c.held_as.is_(None)), 1), else_=0)).label(
                    "planned"
                ),
                func.min(case((held, E.c.date_start))).label("first"),
                func.max(case((held, func.coalesce(E.c.date_end, E.c.date_start)))).label("last"),
                func.max(case((held, E.c.ordinal))).label("last_ordinal"),
            )
            .where(E.c.mechanism_id.in_(part))
            .group_by(E.c.mechanism_id)
        )
        stats.update((row.mechanism_id, row) for row in conn.execute(query))
        for mid, alias in conn.execute(
            select(MA.c.mechanism_id, MA.c.alias).where(MA.c.mechanism_id.in_(part)).order_by(MA.c.alias)
        ):
            aliases.setdefault(mid, set()).add(alias)
    return [
        MechanismSummary(
            id=row.id,
            name=row.name,
            countries=tuple(row.countries.split("-")) if row.countries else (),
            aliases=tuple(sorted(a for a in aliases.get(row.id, set()) if a != row.name)),
            held=int(stats[row.id].held) if row.id in stats else 0,
            planned=int(stats[row.id].planned) if row.id in stats else 0,
            first=stats[row.id].first if row.id in stats else None,
            last=stats[row.id].last if row.id in stats else None,
            last_ordinal=stats[row.id].last_ordinal if row.id in stats else None,
        )
        for row in rows
    ]

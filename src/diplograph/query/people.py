"""People: the list, and one person's titles over time, engagements and counterparts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import aliased

from diplograph.query import plan
from diplograph.query._common import AnyRow, Readable, check_page, chunks, connect, country_code, ordered
from diplograph.query.engagements import timeline
from diplograph.query.lookup import person_id, person_ids
from diplograph.query.results import (
    Counterpart,
    Page,
    PersonProfile,
    PersonRecord,
    PersonSummary,
    TitleSpan,
)
from diplograph.store import schema

P = schema.persons
PA = schema.person_aliases
PT = schema.person_titles
E = schema.engagements
EP = schema.engagement_participants


def people(
    store: Readable,
    *,
    country: str | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[PersonSummary]:
    """People by name; ``country`` (code or name) and ``name`` (any spelling, or words of it) narrow it."""
    check_page(limit, offset)
    code = country_code(country)
    with connect(store) as conn:
        where = []
        if code is not None:
            where.append(P.c.country == code)
        if name is not None:
            where.append(P.c.id.in_(person_ids(conn, name)))
        total = conn.execute(select(func.count()).select_from(P).where(*where)).scalar_one()
        rows = conn.execute(
            select(P.c.id, P.c.name, P.c.country, P.c.official)
            .where(*where)
            .order_by(ordered(conn, P.c.name), P.c.id)
            .limit(limit)
            .offset(offset)
        ).all()
        return Page(items=tuple(summaries(conn, rows)), total=total, limit=limit, offset=offset)


def iter_people(store: Readable, *, batch: int = 500) -> Iterator[PersonRecord]:
    """Every person with aliases and titles, by id, ``batch`` at a time (for exports)."""
    with connect(store) as conn:
        ids = list(conn.execute(select(P.c.id).order_by(P.c.id)).scalars())
        for part in chunks(ids, batch):
            rows = conn.execute(
                select(P.c.id, P.c.name, P.c.country, P.c.official).where(P.c.id.in_(part)).order_by(P.c.id)
            ).all()
            aliases = _aliases(conn, part)
            titles = _titles(conn, part)
            yield from (
                PersonRecord(
                    id=row.id,
                    name=row.name,
                    country=row.country,
                    official=row.official,
                    aliases=tuple(a for a in aliases.get(row.id, ()) if a != row.name),
                    titles=titles.get(row.id, ()),
                )
                for row in rows
            )


def summaries(conn: Connection, rows: Sequence[AnyRow]) -> list[PersonSummary]:
    """Person rows (id, name, country, official) with their engagement counts and first and last dates."""
    stats = plan.activity(conn, [row.id for row in rows])
    return [
        PersonSummary(
            id=row.id,
            name=row.name,
            country=row.country,
            official=row.official,
            engagements=stats[row.id][0] if row.id in stats else 0,
            first=stats[row.id][1] if row.id in stats else None,
            last=stats[row.id][2] if row.id in stats else None,
        )
        for row in rows
    ]


def person(
    store: Readable, name: str, *, limit: int = 50, offset: int = 0, counterparts: int = 20
) -> PersonProfile:
    """One person by id or any spelling: aliases, titles over time, engagements (paged), counterparts.

    Raises NoMatch or Ambiguous (LookupError) when ``name`` does not designate exactly one person.
    """
    check_page(limit, offset)
    if counterparts < 0:
        raise ValueError(f"counterparts must not be negative, not {counterparts}")
    with connect(store) as conn:
        pid = person_id(conn, name)
        row = conn.execute(select(P.c.id, P.c.name, P.c.country, P.c.official).where(P.c.id == pid)).one()
        aliases = _aliases(conn, [pid]).get(pid, ())
        titles = _titles(conn, [pid]).get(pid, ())
        met = _counterparts(conn, pid, counterparts) if counterparts else ()
    return PersonProfile(
        id=row.id,
        name=row.name,
        country=row.country,
        official=row.official,
        aliases=tuple(alias for alias in aliases if alias != row.name),
        titles=titles,
        engagements=timeline(store, person=pid, limit=limit, offset=offset),
        counterparts=met,
    )


def _aliases(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for person, alias in conn.execute(select(PA.c.person_id, PA.c.alias).where(PA.c.person_id.in_(ids))):
        found.setdefault(person, []).append(alias)
    return {person: tuple(sorted(set(names))) for person, names in found.items()}


def _titles(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[TitleSpan, ...]]:
    """Each person's titles with the first and last date a report shows them held, and how many reports.

    person_titles rows are dated by the engagement the title was held at, or by the report's
    publication.
    """
    spans: dict[str, list[TitleSpan]] = {}
    for part in chunks(ids):
        query = (
            select(
                PT.c.person_id,
                PT.c.title,
                func.min(PT.c.date),
                func.max(PT.c.date),
                func.count(PT.c.report_id.distinct()),
            )
            .where(PT.c.person_id.in_(part))
            .group_by(PT.c.person_id, PT.c.title)
        )
        for person, title, first, last, reports in conn.execute(query):
            spans.setdefault(person, []).append(
                TitleSpan(title=title, first=first, last=last, sources=reports)
            )
    return {
        person: tuple(sorted(items, key=lambda s: (s.first is None, s.first or "", s.last or "", s.title)))
        for person, items in spans.items()
    }


def _counterparts(conn: Connection, pid: str, count: int) -> tuple[Counterpart, ...]:
    """The people ``pid`` met at held engagements, most frequent first."""
    me, other = aliased(EP), aliased(EP)
    weight = func.count().label("n")
    rows = conn.execute(
        select(
            other.c.person_id,
            weight,
            func.min(E.c.date_start).label("first"),
            func.max(func.coalesce(E.c.date_end, E.c.date_start)).label("last"),
        )
        .select_from(me)
        .join(other, (other.c.engagement_id == me.c.engagement_id) & (other.c.person_id != me.c.person_id))
        .join(E, E.c.id == me.c.engagement_id)
        .where(me.c.person_id == pid, E.c.status == "held")
        .group_by(other.c.person_id)
        .order_by(weight.desc(), other.c.person_id)
        .limit(count)
    ).all()
    names = {
        row.id: row
        for row in conn.execute(
            select(P.c.id, P.c.name, P.c.country).where(P.c.id.in_([r.person_id for r in rows]))
        )
    }
    return tuple(
        Counterpart(
            id=row.person_id,
            name=names[row.person_id].name,
            country=names[row.person_id].country,
            engagements=row.n,
            first=row.first,
            last=row.last,
        )
        for row in rows
    )

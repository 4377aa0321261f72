"""Who met whom: people as nodes, shared engagements as weighted edges (for GraphML and the web)."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from diplograph.query._common import (
    Readable,
    check_date,
    check_kind,
    check_status,
    chunks,
    connect,
    country_code,
    until_bound,
)
from diplograph.query.results import Network, NetworkEdge, NetworkNode
from diplograph.store import schema

P = schema.persons
E = schema.engagements
EP = schema.engagement_participants


def network(
    store: Readable,
    *,
    country: str | None = None,
    kind: str | None = None,
    status: str | None = "held",
    since: str | None = None,
    until: str | None = None,
    min_weight: int = 1,
) -> Network:
    """Pairs of people at the same engagements (held ones by default), weighted by how many.

    ``country`` keeps edges with at least one end from that country; nodes are the people on the
    kept edges. A person alone at every engagement has no edge and is left out.
    """
    if min_weight < 1:
        raise ValueError(f"min_weight must be at least 1, not {min_weight}")
    code = country_code(country)
    where = _filters(
        kind=check_kind(kind),
        status=check_status(status),
        since=check_date(since, name="since"),
        until=check_date(until, name="until"),
    )
    a, b = aliased(EP), aliased(EP)
    pa, pb = aliased(P), aliased(P)
    weight = func.count().label("weight")
    query = (
        select(
            a.c.person_id.label("source"),
            b.c.person_id.label("target"),
            weight,
            func.min(E.c.date_start).label("first"),
            func.max(func.coalesce(E.c.date_end, E.c.date_start)).label("last"),
        )
        .select_from(a)
        .join(b, (b.c.engagement_id == a.c.engagement_id) & (a.c.person_id < b.c.person_id))
        .join(E, E.c.id == a.c.engagement_id)
        .where(*where)
        .group_by(a.c.person_id, b.c.person_id)
        .having(func.count() >= min_weight)
        .order_by(a.c.person_id, b.c.person_id)
    )
    if code is not None:
        query = (
            query.join(pa, pa.c.id == a.c.person_id)
            .join(pb, pb.c.id == b.c.person_id)
            .where(or_(pa.c.country == code, pb.c.country == code))
        )
    with connect(store) as conn:
        edges = tuple(
            NetworkEdge(source=r.source, target=r.target, weight=r.weight, first=r.first, last=r.last)
            for r in conn.execute(query)
        )
        ids = sorted({edge.source for edge in edges} | {edge.target for edge in edges})
        nodes: list[NetworkNode] = []
        for part in chunks(ids):
            counts: dict[str, int] = {
                row[0]: row[1]
                for row in conn.execute(
                    select(EP.c.person_id, func.count())
                    .join(E, E.c.id == EP.c.engagement_id)
                    .where(EP.c.person_id.in_(part), *where)
                    .group_by(EP.c.person_id)
                )
            }
            nodes.extend(
                NetworkNode(id=row.id, name=row.name, country=row.country, engagements=counts.get(row.id, 0))
                for row in conn.execute(
                    select(P.c.id, P.c.name, P.c.country).where(P.c.id.in_(part)).order_by(P.c.id)
                )
            )
    return Network(nodes=tuple(nodes), edges=edges)


def _filters(
    *, kind: str | None, status: str | None, since: str | None, until: str | None
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if kind is not None:
        where.append(E.c.kind == kind)
    if status is not None:
        where.append(E.c.status == status)
    if since is not None:
        where.append(or_(E.c.date_start >= since, E.c.date_end >= since))
    if until is not None:
        where.append(E.c.date_start < until_bound(until))
    return where

"""Planned engagements and the held ones they became: the 16th meeting announced in November, held
on 10 December, is one thread (``engagements.held_as``).

resolve.held_session picks the best held candidate by a score of each candidate alone, so links are
kept up to date incrementally: a planned engagement whose own facts or current link changed looks at
every candidate again (``Touched.planned``); one that merely has new or changed held engagements
near it (``Touched.held_near``) only compares those with its current link. Candidates that could not
qualify even if they shared every participant are set aside before their participants are read.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from diplograph import resolve
from diplograph.resolve import Window
from diplograph.store._common import Touched, chunks, in_ids, update_rows
from diplograph.store.engagements import lookup, lookup_keys, stored_date, stored_views, with_participants
from diplograph.store.schema import engagement_blocks, engagements

__all__ = ["relink_planned"]

_CURRENT = select(engagements.c.id, engagements.c.held_as, engagements.c.status).where(
    in_ids(engagements.c.id)
)
_FILED = select(
    engagement_blocks.c.block,
    engagement_blocks.c.engagement_id,
    engagement_blocks.c.low,
    engagement_blocks.c.high,
).where(in_ids(engagement_blocks.c.engagement_id))


def relink_planned(conn: Connection, touched: Touched) -> None:
    """Point each touched planned engagement at the held one it became, or at none."""
    wanted = sorted(touched.planned | set(touched.held_near))
    current: dict[str, str | None] = {}
    for part in chunks(wanted):
        # Status is checked here, not in SQL: SQLite, without statistics, would read the ids through
        # the status index, i.e. every planned engagement, instead of looking each id up.
        rows = conn.execute(_CURRENT, {"ids": part}).all()
        current.update({row.id: row.held_as for row in rows if row.status == "planned"})
    near = _held_near(conn, sorted(key for key in current if key in touched.planned))
    for engagement_id, changed in touched.held_near.items():
        if engagement_id in current and engagement_id not in near:
            near[engagement_id] = set(changed)
    bare = stored_views(conn, sorted(set(current).union(*near.values())), participants=False)
    for engagement_id, others in near.items():
        near[engagement_id] = {
            other
            for other in others
            if other in bare and resolve.might_have_become(bare[engagement_id], bare[other])
        }
    near = {key: others for key, others in near.items() if others or key in touched.planned}
    for engagement_id in near:
        link = current[engagement_id]
        if link is not None:
            near[engagement_id].add(link)
    views = with_participants(conn, bare, sorted(set(near).union(*near.values())))
    changes = []
    for engagement_id in sorted(near):
        candidates = [views[other] for other in sorted(near[engagement_id]) if other in views]
        became = resolve.held_session(views[engagement_id], candidates)
        if became != current[engagement_id]:
            changes.append({"id": engagement_id, "held_as": became})
    update_rows(conn, engagements, ("id",), changes)


def _held_near(conn: Connection, planned: Sequence[str]) -> dict[str, set[str]]:
    """Every held engagement sharing a lookup key with each of these planned ones, on agreeing days."""
    wanted: dict[int, list[tuple[str, Window | None]]] = {}
    position = {engagement_id: index for index, engagement_id in enumerate(planned)}
    for part in chunks(planned):
        for block, engagement_id, low, high in conn.execute(_FILED, {"ids": part}).all():
            keys = lookup_keys([block], stored_date(low, high), wanted="held")
            wanted.setdefault(position[engagement_id], []).extend(keys)
    near: dict[str, set[str]] = {engagement_id: set() for engagement_id in planned}
    for index, other in lookup(conn, wanted, "held"):
        near[planned[index]].add(other)
    return near

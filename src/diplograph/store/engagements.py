"""Engagements across reports: each extracted engagement is a mention, attached to the one engagement
it tells of (resolve.same_engagement over block candidates) or to a new one.

An engagement row is always recomputed from all its mentions (resolve.merge_engagement over them in
a fixed order), so it is a function of the mentions it has, not of the order reports came in or
were edited. Copies of a report (``duplicate_of``) stay attached as sources but do not vote, and
``sources`` counts each story once. Every step works on all of a report's engagements at once, in
a few statements, so a save costs about the same on PostgreSQL as on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import (
    ARRAY,
    Connection,
    Delete,
    Row,
    Select,
    Table,
    Text,
    TextClause,
    bindparam,
    delete,
    select,
    text,
)

from diplograph import resolve
from diplograph.model import Engagement
from diplograph.resolve import EngagementView
from diplograph.store._common import (
    Touched,
    child_id,
    chunks,
    digest,
    dumps,
    in_ids,
    insert_rows,
    most_common,
    now,
    sync_rows,
    update_rows,
)
from diplograph.store.schema import (
    engagement_blocks,
    engagement_participants,
    engagements,
    mention_participants,
    mentions,
    reports,
)

__all__ = [
    "attach_all",
    "lookup",
    "lookup_keys",
    "mention_id",
    "mention_view",
    "recompute",
    "stored_date",
    "stored_views",
    "with_participants",
]

# Built once (see _common.in_ids).
_EXISTING = select(engagements.c.id).where(in_ids(engagements.c.id))
# Only the columns resolution reads: converting the others (timestamps, JSON) for every candidate
# row cost more than the query.
_E = engagements.c
_VIEWED = ("id", "kind", "status", "date_start", "date_end", "mechanism_id", "ordinal", "location")
_ENGAGEMENTS = select(*(_E[name] for name in _VIEWED)).where(in_ids(_E.id))
_PARTICIPANTS = select(engagement_participants.c.engagement_id, engagement_participants.c.person_id).where(
    in_ids(engagement_participants.c.engagement_id)
)
_M = mentions.c
_MP = mention_participants.c
# Every mention of the engagements, with its report's columns, once per participant it names (once
# with nulls when it names nobody): one statement where reading mentions and then their
# participants took two.
_TOLD = (
    select(
        _M.id,
        _M.report_id,
        _M.position,
        _M.engagement_id,
        _M.kind,
        _M.status,
        _M.date,
        _M.location,
        _M.location_country,
        _M.mechanism_id,
        _M.ordinal,
        reports.c.duplicate_of,
        reports.c.source,
        reports.c.doc,
        reports.c.published,
        _MP.person_id.label("attending"),
        _MP.title.label("attending_title"),
    )
    .select_from(mentions.join(reports, reports.c.id == _M.report_id).outerjoin(mention_participants))
    .where(in_ids(_M.engagement_id))
)
_PLANNED_FOR = select(engagements.c.id).where(in_ids(engagements.c.held_as))
_DELETE = delete(engagements).where(in_ids(engagements.c.id))


class _Attending(NamedTuple):
    """A participant a mention names: the stored person and the title that mention gives them."""

    person_id: str
    title: str | None


def mention_id(report_id: str, position: int) -> str:
    return child_id(report_id, position)


def _split(date: str | None) -> tuple[str | None, str | None]:
    if date is None:
        return None, None
    start, _, end = date.partition("/")
    return start, (end or None)


def mention_view(
    engagement: Engagement, *, report_id: str, participants: Iterable[str], mechanism_id: str | None
) -> EngagementView:
    return EngagementView(
        id=None,
        kind=engagement.kind,
        status=engagement.status,
        date=str(engagement.date) if engagement.date else None,
        participants=frozenset(participants),
        mechanism_id=mechanism_id,
        ordinal=engagement.ordinal,
        location=engagement.location,
        report_id=report_id,
    )


def attach_all(
    conn: Connection,
    views: Sequence[EngagementView],
    *,
    located: Sequence[str | None],
    touched: Touched,
) -> list[str]:
    """The engagement each mention of one report tells of: a matching stored one, else a new one.

    A report's mentions never share an engagement: one outlet does not tell of one meeting twice
    as two items (the extractor already merged those). A new engagement is inserted as recompute
    would make it of its one mention, whose location's country is ``located`` (by view), and
    ``touched.created`` keeps the row: an engagement rewritten right after its insert was most of
    a save's updates, each a dead row and an entry in every index of the table.
    """
    wanted = {
        index: list(lookup_keys(resolve.engagement_blocks(view), view.date, wanted="same"))
        for index, view in enumerate(views)
    }
    own = [resolve.engagement_id(view) for view in views]
    # same_engagement never joins two statuses: each view's keys are looked up among its own kind.
    found, bare, stored_own = _candidates(conn, wanted, [view.status for view in views], own)
    candidates = [
        sorted(other for other in found.get(index, ()) if resolve.might_be_same(bare[other], view))
        for index, view in enumerate(views)
    ]
    stored = with_participants(conn, bare, sorted(set().union(*candidates)))
    chosen: list[str] = []
    created: dict[str, EngagementView] = {}
    for index, (view, ids) in enumerate(zip(views, candidates, strict=True)):
        matches = [
            stored[found]
            for found in ids
            if found not in chosen and resolve.same_engagement(stored[found], view)
        ]
        if matches:
            engagement_id = min(matches, key=lambda match: _rank(match, view)).id or ""
        else:
            engagement_id = _new_id(own[index], taken=bare.keys() | created.keys())
            created[engagement_id] = view
        chosen.append(engagement_id)
    # Whether an id of resolve's own is stored was read with the candidates; a suffixed one is asked.
    asked = set(own)
    clashes = {key for key in created if key in stored_own} | _existing(
        conn, [key for key in created if key not in asked]
    )
    if clashes:  # stored but not a candidate (another status): take the next free suffix
        renamed = {
            old: _new_id(old, taken=set(created) | _existing_like(conn, old)) for old in sorted(clashes)
        }
        created = {renamed.get(key, key): view for key, view in created.items()}
        chosen = [renamed.get(key, key) for key in chosen]
    if created:
        stamp = now()
        country = dict(zip(chosen, located, strict=True))
        rows = [_engagement_row(key, view, stamp, located=country[key]) for key, view in created.items()]
        insert_rows(conn, engagements, rows)
        touched.created.update((row["id"], row) for row in rows)
    return chosen


# One statement of a fixed shape whatever the keys: they travel as one JSON parameter, a list of
# {"tag", "status", "block", "lo", "hi", "undated"} (lo and hi null: any date), and each engagement
# comes back once per tag. Building an OR of IN lists per call cost more than running it. A
# candidate qualifies when it has the tag's status and its days [low, high] overlap [lo, hi], or
# when it is undated and the key allows that (resolve.lookup_window). PostgreSQL also gets the
# blocks as an array (see _common._KEYED): from the JSON alone it planned for a hundred keys and,
# while the store was small, read all of engagement_blocks for them.
_MATCHING = {
    "sqlite": (
        "SELECT DISTINCT json_extract(k.value, '$.tag') AS tag, b.engagement_id FROM json_each(:keys) AS k "
        "JOIN engagement_blocks AS b ON b.block = json_extract(k.value, '$.block') "
        "AND b.status = json_extract(k.value, '$.status') "
        "WHERE json_extract(k.value, '$.lo') IS NULL "
        "OR (b.low <= json_extract(k.value, '$.hi') AND b.high >= json_extract(k.value, '$.lo')) "
        "OR (json_extract(k.value, '$.undated') AND b.low IS NULL)"
    ),
    "postgresql": (
        "SELECT DISTINCT k.tag, b.engagement_id FROM jsonb_to_recordset(CAST(:keys AS jsonb)) "
        "AS k(tag integer, status text, block text, lo text, hi text, undated boolean) "
        "JOIN engagement_blocks AS b ON b.block = k.block AND b.status = k.status "
        "WHERE b.block = ANY(:blocks) "
        "AND (k.lo IS NULL OR (b.low <= k.hi AND b.high >= k.lo) OR (k.undated AND b.low IS NULL))"
    ),
}
# lookup's statement for attach_all also reads each candidate's columns (a second read of them cost
# a round trip per save), and which of resolve's own ids for the report's engagements are stored
# already (tag -1): a new engagement may not take the id of a stored one.
_V = ", ".join(f"e.{name}" for name in _VIEWED)
_OWN = {
    "sqlite": "e.id IN (SELECT value FROM json_each(:own))",
    "postgresql": "e.id = ANY(:own)",
}


def _statement(sql: str, dialect: str) -> TextClause:
    """``sql`` with PostgreSQL's array parameters typed."""
    statement = text(sql)
    if dialect == "postgresql":
        arrays = [bindparam(name, type_=ARRAY(Text)) for name in ("blocks", "own") if f":{name}" in sql]
        statement = statement.bindparams(*arrays)
    return statement


_LOOKUP = {dialect: _statement(sql, dialect) for dialect, sql in _MATCHING.items()}
_CANDIDATES = {
    dialect: _statement(
        f"SELECT c.tag, {_V} FROM ({sql}) AS c JOIN engagements AS e ON e.id = c.engagement_id "
        f"UNION ALL SELECT -1, {_V} FROM engagements AS e WHERE {_OWN[dialect]}",
        dialect,
    )
    for dialect, sql in _MATCHING.items()
}


def _candidates(
    conn: Connection,
    wanted: Mapping[int, Iterable[tuple[str, resolve.Window | None]]],
    statuses: Sequence[str],
    own: Sequence[str],
) -> tuple[dict[int, set[str]], dict[str, EngagementView], set[str]]:
    """lookup (each tag's status by position in ``statuses``) with the candidates' views, nobody in
    them; and which ids of ``own`` are stored."""
    found: dict[int, set[str]] = {}
    views: dict[str, EngagementView] = {}
    stored: set[str] = set()
    payload, blocks = _lookup_payload(wanted, statuses.__getitem__)
    if payload is None and not own:
        return found, views, stored
    ids = sorted(set(own))
    parameters: dict[str, Any] = {"keys": payload or "[]", "blocks": blocks}
    parameters["own"] = ids if conn.dialect.name == "postgresql" else dumps(ids)
    for row in conn.execute(_CANDIDATES[conn.dialect.name], parameters).all():
        if int(row.tag) < 0:
            stored.add(row.id)
            continue
        found.setdefault(int(row.tag), set()).add(row.id)
        if row.id not in views:  # a candidate comes back once per tag that found it
            views[row.id] = _view(row)
    return found, views, stored


def lookup(
    conn: Connection, wanted: Mapping[int, Iterable[tuple[str, resolve.Window | None]]], status: str
) -> set[tuple[int, str]]:
    """(tag, engagement id) of every engagement of ``status`` filed under one of the tag's keys.

    Each key comes with resolve.lookup_window's window: only engagements whose days can qualify
    are returned, so the database leaves out the busy minister's other engagements that month
    instead of this process reading and dropping them.
    """
    payload, blocks = _lookup_payload(wanted, lambda _: status)
    if payload is None:
        return set()
    rows = conn.execute(_LOOKUP[conn.dialect.name], {"keys": payload, "blocks": blocks}).all()
    return {(int(tag), engagement_id) for tag, engagement_id in rows}


def _lookup_payload(
    wanted: Mapping[int, Iterable[tuple[str, resolve.Window | None]]], status_of: Callable[[int], str]
) -> tuple[str | None, list[str]]:
    """The keys parameter of _LOOKUP and _CANDIDATES, in a fixed order (None when there are none),
    and the blocks they name."""
    keys = sorted(
        {
            (tag, block, *(days if days is not None else (None, None, True)))
            for tag, pairs in wanted.items()
            for block, days in pairs
        },
        key=lambda key: (key[0], key[1], key[2] or "", key[3] or "", key[4]),
    )
    if not keys:
        return None, []
    payload = dumps(
        [
            {"tag": tag, "status": status_of(tag), "block": block, "lo": lo, "hi": hi, "undated": undated}
            for tag, block, lo, hi, undated in keys
        ]
    )
    return payload, sorted({key[1] for key in keys})


def lookup_keys(
    blocks: Iterable[str], date: str | None, *, wanted: str
) -> Iterator[tuple[str, resolve.Window | None]]:
    """Each block with the window its candidates must meet (see resolve.lookup_window)."""
    for block in blocks:
        yield block, resolve.lookup_window(block, date, wanted=wanted)


def _rank(candidate: EngagementView, view: EngagementView) -> tuple[int, bool, str]:
    return (-len(candidate.participants & view.participants), candidate.date != view.date, candidate.id or "")


def _new_id(engagement_id: str, *, taken: Iterable[str]) -> str:
    """resolve's id, or a suffixed one when that id is taken (two engagements nothing tells apart)."""
    used = set(taken)
    base, number = engagement_id, 1
    while engagement_id in used:
        number += 1
        engagement_id = digest(base, str(number))
    return engagement_id


def _existing(conn: Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for part in chunks(ids):
        found |= set(conn.execute(_EXISTING, {"ids": part}).scalars())
    return found


def _existing_like(conn: Connection, engagement_id: str, tries: int = 64) -> set[str]:
    """Which of the first suffixed ids of ``engagement_id`` are stored already."""
    ids = [engagement_id] + [digest(engagement_id, str(number)) for number in range(2, tries)]
    return _existing(conn, ids)


def _engagement_row(
    engagement_id: str,
    view: EngagementView,
    stamp: Any,
    *,
    located: str | None,
    conflicts: Sequence[str] = (),
    sources: int = 1,
) -> dict[str, Any]:
    """An engagements row: of one mention when attach_all creates it, of all of them in _rebuild."""
    start, end = _split(view.date)
    return {
        "id": engagement_id,
        "kind": view.kind,
        "status": view.status,
        "date_start": start,
        "date_end": end,
        "location": view.location,
        "location_country": located or None,
        "mechanism_id": view.mechanism_id,
        "ordinal": view.ordinal,
        "conflicts": dumps(list(dict.fromkeys(conflicts))) if conflicts else None,
        "sources": sources,
        "updated_at": stamp,
    }


def stored_views(
    conn: Connection, ids: Sequence[str], *, participants: bool = True
) -> dict[str, EngagementView]:
    """Resolution views of stored engagements, by id; without ``participants``, with nobody in them."""
    views: dict[str, EngagementView] = {}
    for part in chunks(ids):
        for row in conn.execute(_ENGAGEMENTS, {"ids": part}).all():
            views[row.id] = _view(row)
    return with_participants(conn, views, ids) if participants else views


def _view(row: Any) -> EngagementView:
    """A stored engagement's resolution view from its _ENGAGEMENTS columns, with nobody in it."""
    return EngagementView(
        id=row.id,
        kind=row.kind,
        status=row.status,
        date=row.date_start if not row.date_end else f"{row.date_start}/{row.date_end}",
        participants=frozenset(),
        mechanism_id=row.mechanism_id,
        ordinal=row.ordinal,
        location=row.location,
        report_id=None,
    )


def with_participants(
    conn: Connection, views: dict[str, EngagementView], ids: Sequence[str]
) -> dict[str, EngagementView]:
    """``views`` with the participants of the engagements ``ids`` read in."""
    people: dict[str, set[str]] = {}
    for part in chunks(ids):
        for engagement_id, person_id in conn.execute(_PARTICIPANTS, {"ids": part}).all():
            people.setdefault(engagement_id, set()).add(person_id)
    return {
        key: replace(view, participants=frozenset(people[key])) if key in people else view
        for key, view in views.items()
    }


def recompute(conn: Connection, ids: Iterable[str], touched: Touched) -> None:
    """Rebuild each engagement from its mentions; delete the ones no mention tells of any more."""
    wanted = sorted(set(ids))
    told: dict[str, list[Any]] = {}  # rows of _TOLD, one per mention
    attending: dict[str, list[_Attending]] = {}  # by mention id
    for part in chunks(wanted):
        for row in conn.execute(_TOLD, {"ids": part}).all():
            if row.id not in attending:
                attending[row.id] = []
                told.setdefault(row.engagement_id, []).append(row)
            if row.attending is not None:
                attending[row.id].append(_Attending(row.attending, row.attending_title))
    gone = [engagement_id for engagement_id in wanted if engagement_id not in told]
    for part in chunks(gone):
        touched.planned |= set(conn.execute(_PLANNED_FOR, {"ids": part}).scalars())
        conn.execute(_DELETE, {"ids": part})
    live = [engagement_id for engagement_id in wanted if engagement_id in told]
    if not live:
        return
    stamp = now()
    updates: list[dict[str, Any]] = []
    statuses: dict[str, str] = {}  # every live engagement's, in order; updates leaves out the unchanged
    people: list[dict[str, Any]] = []
    blocks: list[dict[str, Any]] = []
    for engagement_id in live:
        rows = sorted(told[engagement_id], key=lambda r: (r.published or "", r.report_id, r.position))
        values, keys, found = _rebuild(engagement_id, rows, attending, stamp)
        statuses[engagement_id] = values["status"]
        if not _same_row(touched.created.get(engagement_id), values):
            updates.append(values)
        people.extend(found)
        low, high = _bounds(values["date_start"], values["date_end"])
        blocks.extend(
            {
                "block": block,
                "engagement_id": engagement_id,
                "status": values["status"],
                "low": low,
                "high": high,
            }
            for block in sorted(keys)
        )
        if values["status"] == "planned":
            touched.planned.add(engagement_id)
    update_rows(conn, engagements, ("id",), updates)
    _sync(conn, engagement_participants, "person_id", people, live)
    _sync(conn, engagement_blocks, "block", blocks, live)
    held = [key for key, status in statuses.items() if status == "held"]
    filed_under: dict[str, list[dict[str, Any]]] = {}
    for filed in blocks:
        filed_under.setdefault(filed["engagement_id"], []).append(filed)
    held_keys: dict[int, list[tuple[str, resolve.Window | None]]] = {}
    for index, engagement_id in enumerate(held):
        under = filed_under.get(engagement_id, [])
        date = stored_date(under[0]["low"], under[0]["high"]) if under else None
        held_keys[index] = list(lookup_keys([filed["block"] for filed in under], date, wanted="planned"))
    for index, planned in sorted(lookup(conn, held_keys, "planned")):
        touched.held_near.setdefault(planned, set()).add(held[index])
    # A planned engagement linked to one of these looks again at all its candidates: its link may
    # no longer be the best one, or no longer qualify.
    for part in chunks(held):
        touched.planned |= set(conn.execute(_PLANNED_FOR, {"ids": part}).scalars())


@lru_cache(maxsize=8)
def _sync_statements(table: Table, key: str) -> tuple[Select[Any], Delete]:
    """_sync's read and delete for one table, built once."""
    column = table.c
    where = (column.engagement_id == bindparam("k_engagement"), column[key] == bindparam("k_key"))
    return select(table).where(in_ids(column.engagement_id)), delete(table).where(*where)


def _sync(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]], ids: Sequence[str]) -> None:
    """Make the rows of engagements ``ids`` in ``table`` exactly ``rows``, writing only what differs.

    Most of a recomputed engagement's participants and keys are what they were: deleting and
    inserting them all again rewrote their index pages on every save that touched the engagement.
    Rows are told apart by (engagement_id, ``key``).
    """
    wanted = {(row["engagement_id"], row[key]): row for row in rows}
    if sync_rows(conn, table, ("engagement_id", key), list(wanted.values()), ids):
        return
    read, remove = _sync_statements(table, key)
    have: dict[tuple[str, str], dict[str, Any]] = {}
    for part in chunks(ids):
        for row in conn.execute(read, {"ids": part}).all():
            found = row._asdict()
            have[(found["engagement_id"], found[key])] = found
    gone = [
        {"k_engagement": engagement, "k_key": value}
        for engagement, value in have
        if (engagement, value) not in wanted
    ]
    if gone:
        conn.execute(remove, gone)
    changed = [row for pair, row in wanted.items() if pair in have and have[pair] != row]
    update_rows(conn, table, ("engagement_id", key), changed)
    new = [row for pair, row in wanted.items() if pair not in have]
    if new:
        insert_rows(conn, table, new)


def _rebuild(
    engagement_id: str, rows: list[Any], attending: dict[str, list[_Attending]], stamp: Any
) -> tuple[dict[str, Any], frozenset[str], list[dict[str, Any]]]:
    """The engagement's new row (its columns by name), its lookup keys and its participants."""
    views = [
        EngagementView(
            id=None,
            kind=row.kind,
            status=row.status,
            date=row.date,
            participants=frozenset(item.person_id for item in attending.get(row.id, ())),
            mechanism_id=row.mechanism_id,
            ordinal=row.ordinal,
            location=row.location,
            report_id=row.report_id,
        )
        for row in rows
    ]
    voters = [index for index, row in enumerate(rows) if row.duplicate_of is None] or list(range(len(rows)))
    merged = views[voters[0]]
    conflicts: list[str] = []
    for index in voters[1:]:
        merged, found = resolve.merge_engagement(
            merged, views[index], existing_label=_label(rows[voters[0]]), new_label=_label(rows[index])
        )
        conflicts.extend(found)
    merged = EngagementView(**{**_fields(merged), "id": engagement_id})
    located = [
        row.location_country for row in rows if row.location == merged.location and row.location_country
    ]
    update_row = _engagement_row(
        engagement_id,
        merged,
        stamp,
        located=located[0] if located else None,
        conflicts=conflicts,
        sources=len({row.duplicate_of or row.report_id for row in rows}),
    )
    titles: dict[str, list[str | None]] = {}
    for row in rows:
        for item in attending.get(row.id, ()):
            titles.setdefault(item.person_id, []).append(item.title)
    people = [
        {"engagement_id": engagement_id, "person_id": person, "title": most_common(titles.get(person, ()))}
        for person in sorted(set(merged.participants) | set(titles))
    ]
    blocks = set(resolve.engagement_blocks(merged))
    for view in views:
        blocks |= resolve.engagement_blocks(view)
    return update_row, frozenset(blocks), people


def _same_row(inserted: dict[str, Any] | None, rebuilt: dict[str, Any]) -> bool:
    """Whether a row this save inserted already holds what _rebuild made (its time stamp aside)."""
    if inserted is None:
        return False
    return all(inserted.get(column) == value for column, value in rebuilt.items() if column != "updated_at")


def _bounds(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """The first and last day a stored date (start and optional end) can mean; (None, None) undated."""
    if start is None:
        return None, None
    return resolve.date_bounds(f"{start}/{end}" if end else start)


def stored_date(low: str | None, high: str | None) -> str | None:
    """A date meaning exactly the days ``low`` to ``high`` (as engagement_blocks keeps them)."""
    if low is None or high is None:
        return None
    return low if low == high else f"{low}/{high}"


def _fields(view: EngagementView) -> dict[str, Any]:
    return {name: getattr(view, name) for name in EngagementView.__slots__}


def _label(row: Row[Any]) -> str:
    return str(row.source or row.doc)

"""insert_rows, update_rows and gathering: many rows in one statement on PostgreSQL, the same rows back
on both backends."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from diplograph.model import Extraction
from diplograph.store import Store, prepare, report_id
from diplograph.store._common import child_id, gathering, in_ids, insert_rows, send_gathered, update_rows
from diplograph.store.engagements import _sync
from diplograph.store.reports import unpack_signature
from diplograph.store.schema import engagement_blocks, engagements, mentions, reports, statements

STAMP = dt.datetime(2024, 12, 10, 9, 30, 15, 123456, tzinfo=dt.UTC)
AWKWARD = ['quote " and \\ backslash', "Hà Nội — Đà Nẵng 🚄", "line\nbreak\ttab", "' OR 1=1 --", "", "null"]


def _row(number: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": f"{number:032x}",
        "kind": "talks",
        "status": "held",
        "date_start": "2024-12-10",
        "date_end": None,
        "location": AWKWARD[number % len(AWKWARD)],
        "location_country": None,
        "mechanism_id": None,
        "ordinal": 2**31 - 1 if number == 1 else number,
        "held_as": None,
        "conflicts": '[{"field": "date"}]',
        "sources": number,
        "updated_at": STAMP,
    }
    return row | changes


def _stored(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(engagements).order_by(engagements.c.id)).mappings()
        return [dict(row) for row in rows]


def _same_instant(row: dict[str, Any]) -> dict[str, Any]:
    """SQLite hands back the stamp without its zone: compare instants, not representations."""
    stamp = row["updated_at"]
    return row | {"updated_at": stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)}


def test_store_insert_rows_round_trips_awkward_values(store: Store) -> None:
    rows = [_row(number) for number in range(1, 8)]
    rows[3]["held_as"] = rows[2]["id"]  # a reference to an earlier row of the same batch
    with store.engine.begin() as conn:
        insert_rows(conn, engagements, rows)
    assert [_same_instant(row) for row in _stored(store)] == rows


def test_store_insert_rows_single_row_and_nothing(store: Store) -> None:
    with store.engine.begin() as conn:
        insert_rows(conn, engagements, [])
        insert_rows(conn, engagements, [_row(9)])
    assert [row["id"] for row in _stored(store)] == [f"{9:032x}"]


def test_store_insert_rows_refuses_rows_that_differ_in_columns(store: Store) -> None:
    uneven = [_row(1), {key: value for key, value in _row(2).items() if key != "location"}]
    with pytest.raises(ValueError, match="engagements differ"), store.engine.begin() as conn:
        insert_rows(conn, engagements, uneven)
    assert _stored(store) == []


def test_store_insert_rows_is_atomic_with_the_transaction(store: Store) -> None:
    def crashing() -> None:
        with store.engine.begin() as conn:
            insert_rows(conn, engagements, [_row(1), _row(2)])
            raise RuntimeError("crash before commit")

    with pytest.raises(RuntimeError):
        crashing()
    assert _stored(store) == []


def test_store_child_ids_keep_a_reports_rows_together() -> None:
    """A report's mentions and statements sort together (one index page, not one page each) and
    never collide with another report's, whatever the position."""
    report = "0123456789abcdef0123456789abcdef"
    other = "0123456789abcdef0123456800000000"  # shares 23 of the 24 prefix characters
    ids = [child_id(report, position) for position in (0, 1, 2, 255, 16**8 - 1)]
    assert ids == sorted(ids)
    assert all(len(value) == 32 and value.startswith(report[:24]) for value in ids)
    assert len(set(ids) | {child_id(other, position) for position in (0, 1, 2, 255)}) == 9
    for bad in (-1, 16**8):
        with pytest.raises(ValueError, match="position"):
            child_id(report, bad)


def test_store_saved_statements_and_mentions_share_their_reports_prefix(
    store: Store, samples: list[Extraction]
) -> None:
    extraction = next(e for e in samples if e.statements and e.engagements)
    store.save(extraction, source_key="sample")
    prefix = report_id("sample")[:24]
    with store.engine.connect() as conn:
        ids = [
            *conn.execute(select(statements.c.id)).scalars(),
            *conn.execute(select(mentions.c.id)).scalars(),
        ]
    assert ids
    assert all(value.startswith(prefix) for value in ids)


def test_store_in_ids_is_one_statement_text_on_postgresql() -> None:
    """PostgreSQL gets one array parameter (the same text for any number of ids); SQLite an
    expanded list, as a plain predicate its planner can use an index for."""
    from sqlalchemy.dialects import postgresql, sqlite

    statement = select(engagements.c.id).where(in_ids(engagements.c.id))
    on_postgresql = str(statement.compile(dialect=postgresql.dialect()))
    on_sqlite = str(statement.compile(dialect=sqlite.dialect()))
    assert "= ANY (%(ids)s::VARCHAR[])" in on_postgresql
    assert on_sqlite.rstrip().endswith("IN (__[POSTCOMPILE_ids])")


@pytest.mark.parametrize("wanted", [[], [1], [1, 3], list(range(1, 8))])
def test_store_in_ids_finds_the_ids_given(store: Store, wanted: list[int]) -> None:
    with store.engine.begin() as conn:
        insert_rows(conn, engagements, [_row(number) for number in range(1, 8)])
    statement = select(engagements.c.ordinal).where(in_ids(engagements.c.id)).order_by(engagements.c.id)
    with store.engine.connect() as conn:
        found = conn.execute(statement, {"ids": [f"{number:032x}" for number in wanted]}).scalars().all()
    assert found == [2**31 - 1 if number == 1 else number for number in wanted]


def _statements(store: Store) -> list[str]:
    """Collects the SQL of every statement the store's engine runs from now on."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    return seen


def test_store_gathering_sends_several_tables_as_one_statement_on_postgresql(store: Store) -> None:
    seen = _statements(store)
    with store.engine.begin() as conn, gathering(conn):
        insert_rows(conn, engagements, [_row(1), _row(2)])
        insert_rows(conn, engagements, [_row(3)])
        insert_rows(conn, engagement_blocks, [_block(3, "p1"), _block(3, "p2")])
        inserts = [sql for sql in seen if sql.lstrip().upper().startswith(("INSERT", "WITH"))]
        if store.dialect == "postgresql":
            assert inserts == []  # held back
            send_gathered(conn)
            assert len([sql for sql in seen if sql.startswith("WITH")]) == 1
        else:
            assert len(inserts) == 3
    assert [row["id"] for row in _stored(store)] == [f"{n:032x}" for n in (1, 2, 3)]
    with store.engine.connect() as conn:
        assert sorted(conn.execute(select(engagement_blocks.c.block)).scalars()) == ["p1", "p2"]


def test_store_gathering_sends_what_is_left_when_the_block_ends(store: Store) -> None:
    with store.engine.begin() as conn:
        with gathering(conn):
            insert_rows(conn, engagements, [_row(4)])
            held_back = conn.execute(select(engagements.c.id)).scalars().all()
        assert held_back == ([] if store.dialect == "postgresql" else [f"{4:032x}"])
        assert conn.execute(select(engagements.c.id)).scalars().all() == [f"{4:032x}"]


def test_store_gathering_keeps_foreign_keys_whatever_the_order(store: Store) -> None:
    """Children before their parent in one statement: PostgreSQL checks at the statement's end.
    (SQLite writes at once, so there the order is the caller's, as it always was.)"""
    with store.engine.begin() as conn, gathering(conn):
        if store.dialect == "postgresql":
            insert_rows(conn, engagement_blocks, [_block(5, "p1")])
            insert_rows(conn, engagements, [_row(5)])
        else:
            insert_rows(conn, engagements, [_row(5)])
            insert_rows(conn, engagement_blocks, [_block(5, "p1")])
    with pytest.raises(IntegrityError), store.engine.begin() as conn, gathering(conn):
        insert_rows(conn, engagement_blocks, [_block(6, "p1")])  # no engagement 6
    assert [row["id"] for row in _stored(store)] == [f"{5:032x}"]


def _fail_while_gathering(store: Store) -> None:
    with store.engine.begin() as conn, gathering(conn):
        insert_rows(conn, engagements, [_row(7)])
        raise RuntimeError("boom")


def test_store_gathering_leaves_nothing_behind_after_an_error(store: Store) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        _fail_while_gathering(store)
    assert _stored(store) == []
    with store.engine.begin() as conn:  # the pooled connection holds no rows and can gather again
        with gathering(conn):
            if store.dialect == "postgresql":  # a nested block would send the outer block's rows early
                with pytest.raises(RuntimeError, match="already"), gathering(conn):
                    pass
        send_gathered(conn)  # outside: nothing to do
    assert _stored(store) == []


def _block(number: int, block: str) -> dict[str, Any]:
    return {"block": block, "engagement_id": f"{number:032x}", "status": AWKWARD[number % len(AWKWARD)]}


def test_store_update_rows_sets_the_named_rows_only(store: Store) -> None:
    with store.engine.begin() as conn:
        insert_rows(conn, engagements, [_row(number) for number in range(1, 5)])
        insert_rows(conn, engagement_blocks, [_block(2, "p1"), _block(2, "p2")])
    later = STAMP + dt.timedelta(days=1)
    changes = [
        {"id": f"{2:032x}", "location": AWKWARD[1], "sources": 0, "held_as": None, "updated_at": later},
        {"id": f"{3:032x}", "location": None, "sources": 9, "held_as": f"{2:032x}", "updated_at": later},
    ]
    with store.engine.begin() as conn:
        update_rows(conn, engagements, ("id",), changes)
        update_rows(conn, engagements, ("id",), [])
        update_rows(conn, engagement_blocks, ("engagement_id", "block"), [_block(2, "p2") | {"status": "x"}])
    stored = {row["id"]: _same_instant(row) for row in _stored(store)}
    for change in changes:
        assert stored[change["id"]] == _row(int(change["id"], 16)) | change
    assert stored[f"{1:032x}"] == _row(1)
    assert stored[f"{4:032x}"] == _row(4)
    with store.engine.connect() as conn:
        statuses = dict(conn.execute(select(engagement_blocks.c.block, engagement_blocks.c.status)).all())
    assert statuses == {"p1": _block(2, "p1")["status"], "p2": "x"}


def test_store_update_rows_refuses_ambiguous_or_empty_updates(store: Store) -> None:
    one = {"id": f"{1:032x}", "sources": 1}
    with store.engine.begin() as conn:
        with pytest.raises(ValueError, match="twice"):
            update_rows(conn, engagements, ("id",), [one, one | {"sources": 2}])
        with pytest.raises(ValueError, match="differ"):
            update_rows(conn, engagements, ("id",), [one, {"id": f"{2:032x}", "kind": "call"}])
        with pytest.raises(ValueError, match="something to set"):
            update_rows(conn, engagements, ("id",), [{"id": f"{1:032x}"}])


def test_store_insert_rows_carries_bytes(store: Store, samples: list[Extraction]) -> None:
    """The report row (a binary MinHash column) goes through the JSON path on PostgreSQL too, as hex:
    a regression guard for that path (before it, binary tables took a plain executemany)."""
    extraction = samples[0]
    store.save(extraction, source_key="bytes")
    with store.engine.connect() as conn:
        packed = conn.execute(select(reports.c.minhash)).scalar_one()
    assert unpack_signature(packed) == prepare(extraction).signature


def _blocks(store: Store) -> dict[tuple[str, str], tuple[str, str | None]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(engagement_blocks)).all()
    return {(row.engagement_id, row.block): (row.status, row.low) for row in rows}


def _full_block(number: int, block: str, **changes: Any) -> dict[str, Any]:
    return _block(number, block) | {"low": "2024-12-01", "high": "2024-12-31"} | changes


@pytest.mark.parametrize("scope", [[2, 3], [2, 3, 4]])
def test_store_sync_writes_only_what_differs_within_its_engagements(store: Store, scope: list[int]) -> None:
    """The sync of engagement rows (participants, lookup keys) deletes, changes and adds exactly what
    differs, leaves the rows of other engagements alone, and on PostgreSQL is one statement."""
    with store.engine.begin() as conn:
        insert_rows(conn, engagements, [_row(number) for number in range(1, 5)])
        insert_rows(
            conn,
            engagement_blocks,
            [_full_block(2, b) for b in ("p1", "p2", "p3")] + [_full_block(3, "q1"), _full_block(4, "r1")],
        )
    wanted = [
        _full_block(2, "p2", status=AWKWARD[0], low=None),
        _full_block(2, "p4"),
        _full_block(3, "q1"),
    ]
    seen = _statements(store)
    with store.engine.begin() as conn:
        _sync(conn, engagement_blocks, "block", wanted, [f"{n:032x}" for n in scope])
    statements = list(seen)
    expected = {(row["engagement_id"], row["block"]): (row["status"], row["low"]) for row in wanted}
    if 4 not in scope:
        expected[(f"{4:032x}", "r1")] = (_full_block(4, "r1")["status"], "2024-12-01")
    assert _blocks(store) == expected
    writes = [sql for sql in statements if "engagement_blocks" in sql]
    if store.dialect == "postgresql":
        assert len(writes) == 1


def test_store_sync_to_nothing_empties_its_engagements_only(store: Store) -> None:
    with store.engine.begin() as conn:
        insert_rows(conn, engagements, [_row(number) for number in range(1, 4)])
        insert_rows(
            conn, engagement_blocks, [_full_block(2, "p1"), _full_block(2, "p2"), _full_block(3, "q1")]
        )
    with store.engine.begin() as conn:
        _sync(conn, engagement_blocks, "block", [], [f"{2:032x}"])
        _sync(conn, engagement_blocks, "block", [], [])
    assert list(_blocks(store)) == [(f"{3:032x}", "q1")]


def _plans(store: Store, write: Any, *, generic: bool = False) -> list[str]:
    """PostgreSQL's plan for each statement ``write(conn)`` runs: made for the same parameters, or
    ``generic``, made once for any."""
    captured: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *rest: Any) -> None:
        captured.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.engine.begin() as conn:
            write(conn)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    plans = []
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        cursor = raw.cursor()  # type: ignore[union-attr]
        for statement, parameters in captured:
            if generic:
                plans.append(_generic_plan(raw, statement, parameters))
            else:
                cursor.execute("EXPLAIN " + statement, parameters)
                plans.append("\n".join(line for (line,) in cursor.fetchall()))
    return plans


def _generic_plan(raw: Any, statement: str, parameters: dict[str, Any]) -> str:
    """The plan PostgreSQL keeps for ``statement`` prepared once, whatever its parameters: what a
    write transaction runs (it sets plan_cache_mode)."""
    import psycopg

    names: list[str] = []

    def number(match: re.Match[str]) -> str:
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"${names.index(match.group(1)) + 1}"

    prepared = re.sub(r"%\((\w+)\)s", number, statement)
    cursor = psycopg.ClientCursor(raw)
    cursor.execute("SET plan_cache_mode = force_generic_plan")
    cursor.execute("PREPARE dg_plan AS " + prepared.replace("%%", "%"))
    try:
        placeholders = ", ".join(["%s"] * len(names))
        cursor.execute(f"EXPLAIN EXECUTE dg_plan({placeholders})", [parameters[name] for name in names])
        plan = "\n".join(line for (line,) in cursor.fetchall())
    finally:
        cursor.execute("DEALLOCATE dg_plan")
        cursor.execute("RESET plan_cache_mode")
    assert re.search(r"\$\d", plan) or not names, plan  # a generic plan shows parameters, not values
    return plan


@pytest.mark.parametrize("generic", [False, True], ids=["custom", "generic"])
@pytest.mark.parametrize("table", ["engagements", "engagement_blocks"])
def test_store_bulk_writes_look_their_rows_up_by_key(store: Store, table: str, generic: bool) -> None:
    """Updating or syncing a handful of rows in a table of thousands reads those rows through an
    index: from the JSON alone the planner expects a hundred rows and reads the whole table. Write
    transactions keep one generic plan per statement, which must look rows up by index too."""
    if store.dialect != "postgresql":
        pytest.skip("plans are PostgreSQL's")
    with store.engine.begin() as conn:
        insert_rows(conn, engagements, [_row(number) for number in range(1, 3001)])
        insert_rows(conn, engagement_blocks, [_full_block(n, f"k{n % 50}") for n in range(1, 3001)])
        conn.exec_driver_sql("ANALYZE engagements")
        conn.exec_driver_sql("ANALYZE engagement_blocks")
    if table == "engagements":
        changes = [{"id": f"{n:032x}", "sources": 0} for n in (5, 6, 7)]
        plans = _plans(store, lambda conn: update_rows(conn, engagements, ("id",), changes), generic=generic)
    else:
        wanted = [_full_block(5, "k5", low=None), _full_block(5, "new")]

        def write(conn: Any) -> None:
            _sync(conn, engagement_blocks, "block", wanted, [f"{5:032x}"])

        plans = _plans(store, write, generic=generic)
    assert len(plans) == 1
    assert f"Seq Scan on {table}" not in plans[0], plans[0]

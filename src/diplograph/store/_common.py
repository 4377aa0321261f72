"""Small helpers every store module shares: deterministic ids, JSON columns, the set of touched entities."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import (
    ARRAY,
    BindParameter,
    Boolean,
    ColumnElement,
    Connection,
    Dialect,
    Insert,
    LargeBinary,
    String,
    Table,
    TextClause,
    Update,
    any_,
    bindparam,
    insert,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from diplograph.store.schema import ID

T = TypeVar("T")

CHUNK = 500  # values per IN (...) list: far below SQLite's and PostgreSQL's bound-parameter limits
# The list parameter of statements built once at import (``in_ids(column)``, run with {"ids": [...]}):
# a statement object keeps its compiled form and cache key, where building one per call cost more
# than running it.
IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_IDS_ARRAY: BindParameter[Any] = bindparam("ids", type_=ARRAY(String))
# _KEYED: the bulk statements below read their rows from one JSON parameter, which the planner
# cannot see into: it expects a hundred rows of jsonb_array_elements, whatever the table's size.
# Joined to a table of a few thousand rows, that made a hash join over the whole table cheaper on
# paper than a hundred index lookups, and prepared statements kept that plan: while a store was
# filling, updates of half a dozen engagements read all of them. Each bulk statement therefore
# also names the rows' first key as an array, "key = ANY(:array)", which the planner estimates at
# a handful of rows and answers through the key's index.


class _InIds(ColumnElement[bool]):
    """``column IN (:ids)``, spelled per database (see ``in_ids``)."""

    inherit_cache = True
    _is_implicitly_boolean = True  # a predicate: no "= 1" around it where booleans are integers
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # noqa: RUF012 (SQLAlchemy's own declaration)
    type = Boolean()

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column


@compiles(_InIds)
def _in_ids_listed(element: _InIds, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column.in_(IDS), **kw)


@compiles(_InIds, "postgresql")
def _in_ids_array(element: _InIds, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column == any_(_IDS_ARRAY), **kw)


def in_ids(column: ColumnElement[Any]) -> ColumnElement[bool]:
    """``column`` is one of the ids given as ``{"ids": [...]}`` when the statement runs.

    SQLite gets an expanded ``IN (?, ?, ...)``; PostgreSQL gets ``= ANY(:ids)`` with one array
    parameter, so the statement's text is the same whatever the number of ids: psycopg converts it
    once and the server prepares and plans it once, where every new list length was a new statement.
    """
    return _InIds(column)


def digest(*parts: str) -> str:
    """A 32-hex id from its parts; the separator keeps ("ab", "c") apart from ("a", "bc")."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:ID]


def child_id(report_id: str, position: int) -> str:
    """The id of a report's ``position``-th mention or statement: the report id's first 24 hex
    characters and the position in 8 more.

    A hash per row scattered one report's dozen statements over a dozen pages of the primary-key
    index (and of every table keyed on it): ~50 of the ~350 pages each save wrote to SQLite's log.
    Sharing the report's prefix keeps them on one page. 96 bits of the report's hash still tell
    reports apart.
    """
    if not 0 <= position < 16**8:
        raise ValueError(f"position out of range: {position}")
    return f"{report_id[:24]}{position:08x}"


def dumps(value: Any) -> str:
    """Compact JSON that keeps non-ASCII text readable in datasette and psql."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_GATHERED = "diplograph.gathered_rows"  # Connection.info key: rows insert_rows holds back (see gathering)


@contextmanager
def gathering(conn: Connection) -> Iterator[None]:
    """Hold back ``insert_rows`` on PostgreSQL and send everything held as one statement.

    A save inserts into a dozen tables, each one statement; on PostgreSQL each statement is a round
    trip and an execution with its own fixed cost on both ends, which weighed more than the rows.
    Inside this block the rows wait and go out together (``send_gathered``, called when the block
    ends and by any step that is about to read what was gathered) as one INSERT per table joined in
    one statement by WITH. Foreign keys are checked at the end of that statement, so the order of
    the tables inside it does not matter. SQLite, in the same process, gains nothing: it writes at once.
    """
    if conn.dialect.name != "postgresql":
        yield
        return
    if _GATHERED in conn.info:
        raise RuntimeError("gathering is already under way on this connection")
    conn.info[_GATHERED] = []
    try:
        yield
        send_gathered(conn)
    finally:
        conn.info.pop(_GATHERED, None)  # the pooled connection outlives the block


def send_gathered(conn: Connection) -> None:
    """Write every row ``gathering`` holds back, now; a no-op outside it and on SQLite."""
    held: list[tuple[Table, tuple[str, ...], str]] | None = conn.info.get(_GATHERED)
    if not held:
        return
    batch = tuple(held)
    held.clear()
    statement = _gathered_insert(conn.dialect, tuple((table, columns) for table, columns, _ in batch))
    conn.execute(statement, {f"rows{index}": payload for index, (_, _, payload) in enumerate(batch)})


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``, in one statement on PostgreSQL.

    A plain executemany costs PostgreSQL one execution per row and the driver a bind per row: for
    the ~170 rows of a typical report that was a third of the writer's time. On PostgreSQL the rows
    travel as one JSON array, expanded server-side by jsonb_array_elements (bytes as hex), and
    inside ``gathering`` they wait to go out with other tables' rows; SQLite's executemany runs in C
    and stays.
    """
    if not rows:
        return
    columns = _columns(table, rows)
    held: list[tuple[Table, tuple[str, ...], str]] | None = conn.info.get(_GATHERED)
    if conn.dialect.name != "postgresql" or (len(rows) == 1 and held is None):
        conn.execute(_plain_insert(table), rows)
        return
    payload = _payload(rows, columns)
    if held is not None:
        held.append((table, columns, payload))
        return
    conn.execute(_bulk_insert(conn.dialect, table, columns), {"rows": payload})


def update_rows(
    conn: Connection, table: Table, keys: tuple[str, ...], rows: Sequence[dict[str, Any]]
) -> None:
    """Set, in each row of ``table`` named by the ``keys`` columns of a dict, its other columns.

    An UPDATE per row cost PostgreSQL an execution (and the writer a bind) each; there the dicts
    travel as one JSON array joined to the table by its keys. A row named twice is refused, as
    UPDATE ... FROM would keep either one. SQLite runs an executemany.
    """
    if not rows:
        return
    columns = _columns(table, rows)
    named = set()
    for row in rows:
        key = tuple(row[name] for name in keys)
        if key in named:
            raise ValueError(f"{table.name} row {key} is updated twice")
        named.add(key)
    if not set(keys) < set(columns):
        raise ValueError(f"update of {table.name} needs the keys {keys} and something to set")
    if conn.dialect.name != "postgresql" or len(rows) == 1:
        conn.execute(
            _plain_update(table, keys, columns), [{f"u_{k}": v for k, v in row.items()} for row in rows]
        )
        return
    named_first = sorted({row[keys[0]] for row in rows})
    conn.execute(
        _bulk_update(conn.dialect, table, keys, columns),
        {"rows": _payload(rows, columns), "named": named_first},
    )


def sync_rows(
    conn: Connection,
    table: Table,
    keys: tuple[str, str],
    rows: Sequence[dict[str, Any]],
    scope: Sequence[str],
) -> bool:
    """On PostgreSQL, make the rows of ``table`` whose ``keys[0]`` is one of ``scope`` exactly
    ``rows`` (told apart by ``keys``) in one statement, writing only what differs; False elsewhere.

    Reading the rows first to work out what to delete, update and insert cost a round trip and a
    conversion per row read; here the three writes run as one statement, each on its own rows
    (gone, changed, new), so they cannot step on each other. SQLite, in the same process, keeps
    the read (see engagements._sync).
    """
    if conn.dialect.name != "postgresql" or not scope:
        return False
    columns = _columns(table, rows) if rows else tuple(table.c.keys())
    if set(columns) != set(table.c.keys()) or not set(keys) < set(columns):
        raise ValueError(f"a sync of {table.name} needs every column, its keys and more")
    outside = {row[keys[0]] for row in rows} - set(scope)
    if outside:
        raise ValueError(f"a sync of {table.name} has rows outside its scope: {sorted(outside)[:3]}")
    statement = _bulk_sync(conn.dialect, table, keys, columns)
    conn.execute(statement, {"rows": _payload(rows, columns) if rows else "[]", "scope": list(scope)})
    return True


def _columns(table: Table, rows: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """The columns every row names, in the first row's order; rows that name others are refused."""
    first = rows[0].keys()
    for row in rows:
        if row.keys() != first:
            raise ValueError(f"rows for {table.name} differ: {sorted(row)}, {sorted(first)}")
    return tuple(first)


def _payload(rows: Sequence[dict[str, Any]], columns: tuple[str, ...]) -> str:
    return json.dumps([[row[name] for name in columns] for row in rows], default=_json_value)


def _json_value(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot send {type(value).__name__} as JSON")


@lru_cache(maxsize=64)
def _plain_insert(table: Table) -> Insert:
    return insert(table)


@lru_cache(maxsize=64)
def _plain_update(table: Table, keys: tuple[str, ...], columns: tuple[str, ...]) -> Update:
    return (
        update(table)
        .where(*(table.c[name] == bindparam(f"u_{name}") for name in keys))
        .values({name: bindparam(f"u_{name}") for name in columns if name not in keys})
    )


def _element(dialect: Dialect, table: Table, name: str, position: int) -> str:
    """Element ``position`` of a JSON row array, as the column ``name`` holds it."""
    column = table.c[name]
    if isinstance(column.type, LargeBinary):
        return f"decode(r.value ->> {position}, 'hex')"
    return f"CAST(r.value ->> {position} AS {column.type.compile(dialect=dialect)})"


def _inserting(dialect: Dialect, table: Table, columns: tuple[str, ...], parameter: str) -> str:
    casts = ", ".join(_element(dialect, table, name, position) for position, name in enumerate(columns))
    names = ", ".join(dialect.identifier_preparer.quote(name) for name in columns)
    target = dialect.identifier_preparer.format_table(table)
    return (
        f"INSERT INTO {target} ({names}) SELECT {casts} "
        f"FROM jsonb_array_elements(CAST(:{parameter} AS jsonb)) AS r(value)"
    )


@lru_cache(maxsize=256)
def _bulk_insert(dialect: Dialect, table: Table, columns: tuple[str, ...]) -> TextClause:
    """INSERT ... SELECT from a JSON array of row arrays: one execution however many rows.

    Rows come as arrays (not objects) so the payload does not repeat every column name; each
    element is cast to its column's own type, so PostgreSQL parses values exactly as it would
    parse bound parameters.
    """
    return sql_text(_inserting(dialect, table, columns, "rows"))


@lru_cache(maxsize=512)
def _gathered_insert(dialect: Dialect, shapes: tuple[tuple[Table, tuple[str, ...]], ...]) -> TextClause:
    """The INSERTs of ``shapes`` (table, columns) as one statement: all but the last inside WITH."""
    parts = [
        _inserting(dialect, table, columns, f"rows{index}") for index, (table, columns) in enumerate(shapes)
    ]
    if len(parts) == 1:
        return sql_text(parts[0])
    inner = ", ".join(f"w{index} AS ({part})" for index, part in enumerate(parts[:-1]))
    return sql_text(f"WITH {inner} {parts[-1]}")


@lru_cache(maxsize=64)
def _bulk_update(
    dialect: Dialect, table: Table, keys: tuple[str, ...], columns: tuple[str, ...]
) -> TextClause:
    """UPDATE ... FROM a JSON array of row arrays, joined on the key columns: one execution."""
    quote = dialect.identifier_preparer.quote
    target = dialect.identifier_preparer.format_table(table)
    at = {name: position for position, name in enumerate(columns)}
    sets = ", ".join(
        f"{quote(name)} = {_element(dialect, table, name, at[name])}" for name in columns if name not in keys
    )
    where = " AND ".join(
        f"{target}.{quote(name)} = {_element(dialect, table, name, at[name])}" for name in keys
    )
    first = table.c[keys[0]]
    statement = sql_text(
        f"UPDATE {target} SET {sets} "
        f"FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r(value) WHERE {where} "
        f"AND {target}.{quote(first.name)} = ANY(:named)"
    )
    # The first key's values once more, as an array (see _KEYED): the planner cannot see into the
    # JSON and expected a hundred rows, so while a table was small it read all of it for a handful.
    return statement.bindparams(bindparam("named", type_=ARRAY(first.type)))


@lru_cache(maxsize=16)
def _bulk_sync(dialect: Dialect, table: Table, keys: tuple[str, str], columns: tuple[str, ...]) -> TextClause:
    """sync_rows' statement: the wanted rows from JSON, then DELETE the scope's rows not wanted,
    UPDATE those wanted that differ, INSERT those missing (all three see the rows as they were)."""
    quote = dialect.identifier_preparer.quote
    target = dialect.identifier_preparer.format_table(table)
    casts = ", ".join(
        f"{_element(dialect, table, name, position)} AS {quote(name)}"
        for position, name in enumerate(columns)
    )
    names = ", ".join(quote(name) for name in columns)
    others = [name for name in columns if name not in keys]
    match = " AND ".join(f"w.{quote(name)} = t.{quote(name)}" for name in keys)
    sets = ", ".join(f"{quote(name)} = w.{quote(name)}" for name in others)
    differ = (
        f"({', '.join(f't.{quote(name)}' for name in others)}) IS DISTINCT FROM "
        f"({', '.join(f'w.{quote(name)}' for name in others)})"
    )
    statement = sql_text(
        f"WITH w AS (SELECT {casts} FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r(value)), "
        f"gone AS (DELETE FROM {target} AS t WHERE t.{quote(keys[0])} = ANY(:scope) "
        f"AND NOT EXISTS (SELECT 1 FROM w WHERE {match})), "
        f"changed AS (UPDATE {target} AS t SET {sets} FROM w WHERE {match} AND {differ} "
        f"AND t.{quote(keys[0])} = ANY(:scope)) "
        f"INSERT INTO {target} ({names}) SELECT {names} FROM w "
        f"WHERE NOT EXISTS (SELECT 1 FROM {target} AS t WHERE {match} AND t.{quote(keys[0])} = ANY(:scope))"
    )
    # The scope as an array on every reading of the table (see _KEYED).
    return statement.bindparams(bindparam("scope", type_=ARRAY(table.c[keys[0]].type)))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for begin in range(0, len(items), size):
        yield items[begin : begin + size]


def most_common(values: Iterable[T | None], *, keep: T | None = None) -> T | None:
    """The most frequent non-null value (ties to the smallest), or ``keep`` while it is still among them.

    Keeping the current value while it stays valid stops a display name from flipping with every
    report that adds a vote for another spelling.
    """
    counts = Counter(value for value in values if value is not None)
    if not counts:
        return None
    if keep is not None and keep in counts:
        return keep
    best = max(counts.values())
    return min(value for value, count in counts.items() if count == best)  # type: ignore[type-var]


@dataclass(slots=True)
class Touched:
    """Resolved entities a save or a removal changed: what must be recomputed or collected after."""

    engagements: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    mechanisms: set[str] = field(default_factory=set)
    initiatives: set[str] = field(default_factory=set)
    # Planned engagements whose held session must be looked for again among all candidates...
    planned: set[str] = field(default_factory=set)
    # ...and those for which only these changed held engagements are new candidates.
    held_near: dict[str, set[str]] = field(default_factory=dict)
    # Engagements this save created, with the row it inserted: recompute leaves alone one it would
    # only rewrite with the same values.
    created: dict[str, dict[str, Any]] = field(default_factory=dict)


def reason(error: BaseException) -> str:
    """The database's own first line, without the statement and its parameters (they can be huge)."""
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {lines[0] if lines else ''}"

"""Small helpers every store module shares: deterministic ids, JSON columns, the set of touched entities."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
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
    any_,
    bindparam,
    insert,
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


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``, in one statement on PostgreSQL.

    A plain executemany costs PostgreSQL one execution per row and the driver a bind per row: for
    the ~170 rows of a typical report that was a third of the writer's time. On PostgreSQL the rows
    travel as one JSON array, expanded server-side by jsonb_array_elements; SQLite's executemany
    runs in C and stays. Tables with binary columns (JSON cannot carry bytes) use executemany everywhere.
    """
    if not rows:
        return
    first = rows[0].keys()
    for row in rows:
        if row.keys() != first:
            raise ValueError(f"rows for {table.name} differ: {sorted(row)}, {sorted(first)}")
    columns = tuple(first)
    if conn.dialect.name != "postgresql" or len(rows) == 1 or _has_binary(table):
        conn.execute(_plain_insert(table), rows)
        return
    payload = json.dumps([[row[name] for name in columns] for row in rows], default=_json_value)
    conn.execute(_bulk_insert(conn.dialect, table, columns), {"rows": payload})


def _json_value(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot send {type(value).__name__} as JSON")


@lru_cache(maxsize=64)
def _has_binary(table: Table) -> bool:
    return any(isinstance(column.type, LargeBinary) for column in table.columns)


@lru_cache(maxsize=64)
def _plain_insert(table: Table) -> Insert:
    return insert(table)


@lru_cache(maxsize=256)
def _bulk_insert(dialect: Dialect, table: Table, columns: tuple[str, ...]) -> TextClause:
    """INSERT ... SELECT from a JSON array of row arrays: one execution however many rows.

    Rows come as arrays (not objects) so the payload does not repeat every column name; each
    element is cast to its column's own type, so PostgreSQL parses values exactly as it would
    parse bound parameters.
    """
    casts = ", ".join(
        f"CAST(r.value ->> {position} AS {table.c[name].type.compile(dialect=dialect)})"
        for position, name in enumerate(columns)
    )
    names = ", ".join(dialect.identifier_preparer.quote(name) for name in columns)
    target = dialect.identifier_preparer.format_table(table)
    return sql_text(
        f"INSERT INTO {target} ({names}) SELECT {casts} "
        "FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r(value)"
    )


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

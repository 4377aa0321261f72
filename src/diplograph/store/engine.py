"""From what a user types (a path or a URL) to a migrated SQLAlchemy engine, on SQLite or PostgreSQL.

SQLite gets WAL (readers never wait for the writer), foreign keys on, and BEGIN IMMEDIATE for writes
so two writers queue instead of failing halfway through a report. PostgreSQL writers queue on an
advisory lock instead (see store.py). The schema is brought to the newest Alembic revision on open,
inside one transaction, so a database is never left half-migrated.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from diplograph.errors import StoreError

__all__ = ["MIGRATIONS", "WRITE", "connect_url", "make_engine", "migrate", "schema_revision"]

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE = "diplograph_write"  # execution option: this connection's transactions will write
ADVISORY_LOCK = 0x6469706C6F  # "diplo": PostgreSQL writers take it for the length of a transaction
_BUSY_TIMEOUT_MS = 60_000


def connect_url(target: str | os.PathLike[str]) -> str:
    """The SQLAlchemy URL for a path or URL; a bare path (or ``:memory:``) means SQLite."""
    text = os.fspath(target)
    if not text.strip():
        raise StoreError("no database given: pass a file path or a postgresql:// URL")
    if text == ":memory:":
        return "sqlite://"
    if "://" not in text:
        return "sqlite:///" + str(Path(text).expanduser().resolve())
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix) :]
    return text


def make_engine(target: str | os.PathLike[str]) -> Engine:
    """An engine for ``target``; refuses unknown schemes and SQLite files in missing directories."""
    url_text = connect_url(target)
    try:
        url = make_url(url_text)
    except ArgumentError as error:
        raise StoreError(f"not a database path or URL: {os.fspath(target)!r} ({error})") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url_text, url.database)
    if backend == "postgresql":
        try:
            return create_engine(url, pool_pre_ping=True)
        except NoSuchModuleError:
            raise StoreError("PostgreSQL needs psycopg: pip install 'diplograph[postgres]'") from None
    raise StoreError(f"unsupported database {backend!r}: use a SQLite file path or a postgresql:// URL")


def _sqlite_engine(url_text: str, database: str | None) -> Engine:
    memory = not database or database == ":memory:"
    if not memory:
        assert database is not None
        parent = Path(database).parent
        if not parent.is_dir():
            raise StoreError(f"{database}: directory {parent} does not exist")
    options: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
    engine = create_engine(url_text, connect_args={"timeout": _BUSY_TIMEOUT_MS / 1000}, **options)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection settings; the driver's own transaction handling is turned off (see _sqlite_begin)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        # A save dirties a few hundred scattered index pages; checkpointing every 1,000 pages (the
        # default) synced the file every couple of reports. 16,000 pages (64 MB) of WAL between
        # checkpoints write hot pages back once and sync a few times a minute: ingest ran ~25 %
        # faster. The WAL file is cut back to that size after each checkpoint.
        cursor.execute("PRAGMA wal_autocheckpoint = 16000")
        cursor.execute("PRAGMA journal_size_limit = 67108864")
        # Reads of a large store: a 64 MB page cache and memory-mapped I/O roughly halve query time.
        cursor.execute("PRAGMA cache_size = -65536")
        cursor.execute("PRAGMA mmap_size = 1073741824")
        cursor.execute("PRAGMA temp_store = MEMORY")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """BEGIN IMMEDIATE for writers: take the write lock up front, so reads inside a save stay valid."""
    if connection.get_execution_options().get(WRITE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def _alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _head() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def schema_revision(connection: Connection) -> str | None:
    """The Alembic revision the database is at, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, or explain why this database cannot be used."""
    head = _head()
    try:
        with engine.connect().execution_options(**{WRITE: True}) as connection, connection.begin():
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})")
            current = schema_revision(connection)
            if current == head:
                return
            _check_upgradable(connection, current)
            log.info("migrating %s from %s to %s", engine.url.render_as_string(), current or "empty", head)
            command.upgrade(_alembic_config(connection), "head")
    except OperationalError as error:
        raise StoreError(f"cannot open {_shown(engine)}: {_reason(error)}") from error
    except DBAPIError as error:
        raise StoreError(f"cannot set up {_shown(engine)}: {_reason(error)}") from error


def _check_upgradable(connection: Connection, current: str | None) -> None:
    script = ScriptDirectory.from_config(_alembic_config())
    if current is not None:
        try:
            known = script.get_revision(current)
        except CommandError:
            known = None
        if known is None:
            raise StoreError(
                f"the database is at schema revision {current!r}, which this diplograph does not know: "
                "it was written by a newer version; upgrade diplograph to use it"
            )
        return
    tables = inspect(connection).get_table_names()
    if tables:
        raise StoreError(
            "the database already holds tables that are not diplograph's "
            f"({', '.join(sorted(tables)[:5])}); use an empty database"
        )


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _reason(error: DBAPIError) -> str:
    return str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)

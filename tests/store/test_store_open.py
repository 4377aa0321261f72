"""Opening a store: paths and URLs, migrations run by open_store, and databases it must refuse."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from diplograph.errors import StoreError
from diplograph.store import open_store
from diplograph.store.engagements import lookup
from diplograph.store.engine import _alembic_config, connect_url, make_engine, migrate
from diplograph.store.schema import metadata


def test_store_open_bare_path_creates_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    with open_store(path) as store:
        assert store.dialect == "sqlite"
        assert path.is_file()
        assert set(metadata.tables) <= set(inspect(store.engine).get_table_names())


def test_store_open_reads_postgres_urls_with_psycopg() -> None:
    assert connect_url("postgresql://u@h:5/db") == "postgresql+psycopg://u@h:5/db"
    assert connect_url("postgres://h/db") == "postgresql+psycopg://h/db"
    assert connect_url("sqlite:///x.db") == "sqlite:///x.db"
    assert connect_url(":memory:") == "sqlite://"


def test_store_open_twice_keeps_the_data(store_url: str, samples: list) -> None:
    with open_store(store_url) as store:
        store.save(samples[0], source_key="one")
    with open_store(store_url) as store:
        assert store.counts()["reports"] == 1
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


def test_store_open_schema_matches_the_migrations(store_url: str) -> None:
    """What Alembic built is what schema.py describes: tables, columns, nullability, keys, indexes."""
    with open_store(store_url) as store:
        found = inspect(store.engine)
        for name, table in metadata.tables.items():
            columns = {column["name"]: column for column in found.get_columns(name)}
            assert set(columns) == {column.name for column in table.columns}, name
            for column in table.columns:
                assert columns[column.name]["nullable"] == column.nullable, f"{name}.{column.name}"
            assert found.get_pk_constraint(name)["constrained_columns"] == [c.name for c in table.primary_key]
            wanted = {(index.name, tuple(c.name for c in index.columns)) for index in table.indexes}
            have = {(index["name"], tuple(index["column_names"])) for index in found.get_indexes(name)}
            assert wanted <= have, name
            keys = {
                (tuple(fk["constrained_columns"]), fk["referred_table"])
                for fk in found.get_foreign_keys(name)
            }
            assert keys == {((fk.parent.name,), fk.column.table.name) for fk in table.foreign_keys}, name
        assert "reports_fts" in found.get_table_names()


def test_store_open_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nowhere" / "kb.db")


def test_store_open_a_file_that_is_not_sqlite_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a database"):
        open_store(path)


def test_store_open_refuses_a_database_of_other_tables(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="invoices"):
        open_store(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'reports'").fetchone() is None


def test_store_open_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


@pytest.mark.parametrize("target", ["", "   ", "mysql://localhost/db", "not a url://x"])
def test_store_open_rejects_unusable_targets(target: str) -> None:
    with pytest.raises(StoreError):
        open_store(target)


def test_store_open_unreachable_postgres_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_store_open_memory_database_works() -> None:
    with open_store(":memory:") as store:
        assert store.counts()["reports"] == 0


def test_store_open_migration_0004_dates_existing_engagement_keys(store_url: str) -> None:
    """A store written before 0004 gets its engagement keys dated on open, and lookups use them."""
    engine = make_engine(store_url)
    try:
        with engine.connect() as conn, conn.begin():
            command.upgrade(_alembic_config(conn), "0003")
            stamp = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
            for key, start, end in (("a" * 32, "2024-12", None), ("b" * 32, "2024-12-08", "2024-12-11")):
                conn.execute(
                    text(
                        "INSERT INTO engagements (id, kind, status, date_start, date_end, sources, "
                        "updated_at) VALUES (:id, 'talks', 'held', :start, :end, 1, :stamp)"
                    ),
                    {"id": key, "start": start, "end": end, "stamp": stamp},
                )
                conn.execute(
                    text(
                        "INSERT INTO engagement_blocks (block, engagement_id, status) "
                        "VALUES (:b, :id, 'held')"
                    ),
                    {"b": "pm:someone:2024-12", "id": key},
                )
        migrate(engine)
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT engagement_id, low, high FROM engagement_blocks ORDER BY 1")
            ).all()
            assert [tuple(row) for row in rows] == [
                ("a" * 32, "2024-12-01", "2024-12-31"),
                ("b" * 32, "2024-12-08", "2024-12-11"),
            ]
            window = ("2024-12-14", "2024-12-16", False)  # agrees with December, not with 8-11 December
            assert lookup(conn, {0: [("pm:someone:2024-12", window)]}, "held") == {(0, "a" * 32)}
    finally:
        engine.dispose()

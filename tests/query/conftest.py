"""Stores built from the bundled samples, on SQLite and on a throwaway PostgreSQL server.

The PostgreSQL server comes from scripts/postgres.sh (installed and started when missing). Outside
CI a machine that cannot run one skips the PostgreSQL half; in CI (CI=true) that is a failure.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from diplograph.process import add_paths
from diplograph.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "src" / "diplograph" / "samples"
SCRIPT = REPO / "scripts" / "postgres.sh"
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a fresh PostgreSQL server for this test session (stopped at the end)."""
    done = subprocess.run(["bash", str(SCRIPT), "start"], capture_output=True, text=True, check=False)
    url = done.stdout.strip()
    if done.returncode != 0 or not url.startswith("postgresql://"):
        message = f"cannot start PostgreSQL with {SCRIPT.name}: {done.stderr.strip()[-500:]}"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield url
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", url], capture_output=True, check=False)


def new_database(server: str) -> str:
    """A new empty database on the server; its URL."""
    name = f"q_{uuid.uuid4().hex[:12]}"
    engine = create_engine(
        server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        engine.dispose()
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of the backend the test is parametrised with (``backend``)."""
    if request.param == "sqlite":
        return str(tmp_path / "diplograph.db")
    return new_database(request.getfixturevalue("postgres_server"))


def build(url: str) -> Store:
    """A store holding every bundled sample report."""
    store = open_store(url)
    summary = add_paths(store, [SAMPLES])
    assert not summary.failures, summary.failures
    return store


@pytest.fixture(scope="session", params=BACKENDS)
def sample_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The samples stored once per backend for the whole session; tests only read it."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("store") / "samples.db")
    else:
        url = new_database(request.getfixturevalue("postgres_server"))
    store = build(url)
    yield store
    store.close()


@pytest.fixture(scope="session")
def both_stores(
    tmp_path_factory: pytest.TempPathFactory, postgres_server: str
) -> Iterator[tuple[Store, Store]]:
    """The samples stored on SQLite and on PostgreSQL, to compare every answer between them."""
    stores = (
        build(str(tmp_path_factory.mktemp("pair") / "samples.db")),
        build(new_database(postgres_server)),
    )
    yield stores
    for store in stores:
        store.close()

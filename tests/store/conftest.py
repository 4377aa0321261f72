"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

The server is the one ``make test`` starts (DIPLOGRAPH_TEST_PG), or else one this session starts
with scripts/postgres.sh (which installs PostgreSQL from Debian's packages when it is missing) and
stops at the end. Each test gets a database of its own. In CI a server that cannot be started fails
the PostgreSQL tests loudly; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from store_helpers import SAMPLES, SCRIPT, in_ci

from diplograph.model import Extraction
from diplograph.process import extract_paths
from diplograph.store import Store, open_store


def _unavailable(reason: str) -> None:
    message = f"PostgreSQL is needed for the store tests and {reason}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(f"{message} (skipped because CI is not set)")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a PostgreSQL server for the whole session (its ``postgres`` database)."""
    given = os.environ.get("DIPLOGRAPH_TEST_PG", "").strip()
    if given:
        yield given
        return
    try:
        started = subprocess.run(
            [str(SCRIPT), "start"],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        _unavailable(f"{SCRIPT.name} could not run: {error}")
        raise AssertionError("unreachable") from error
    if started.returncode != 0 or not started.stdout.strip():
        _unavailable(f"{SCRIPT.name} start failed:\n{started.stderr.strip()[-3000:]}")
    url = started.stdout.strip().splitlines()[-1]
    try:
        yield url
    finally:
        subprocess.run([str(SCRIPT), "stop", url], capture_output=True, check=False, stdin=subprocess.DEVNULL)


@pytest.fixture
def postgres_databases(postgres_server: str) -> Iterator[Callable[[], str]]:
    """A maker of fresh, empty databases on the session's server; all are dropped after the test."""
    import psycopg

    names: list[str] = []

    def make() -> str:
        name = f"store_{uuid.uuid4().hex[:16]}"
        try:
            with psycopg.connect(postgres_server, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
        except psycopg.Error as error:
            _unavailable(f"the server at {postgres_server} refused a new database: {error}")
        names.append(name)
        return make_url(postgres_server).set(database=name).render_as_string(hide_password=False)

    yield make
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(postgres_databases: Callable[[], str]) -> str:
    """A fresh, empty database on the session's server."""
    return postgres_databases()


@pytest.fixture
def fresh_url(store_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """A maker of more empty databases on the backend ``store_url`` is on."""
    if store_url.startswith("postgresql"):
        maker: Callable[[], str] = request.getfixturevalue("postgres_databases")
        return maker
    count = iter(range(1, 1000))
    return lambda: str(tmp_path / f"more{next(count)}.db")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for a new store: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open, migrated, empty store on each backend."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def samples() -> list[Extraction]:
    """The bundled sample reports, extracted once for the session."""
    found = [item for item in extract_paths([SAMPLES]) if isinstance(item, Extraction)]
    assert len(found) >= 10
    return found

"""The web app on PostgreSQL: the same pages and answers as on SQLite.

The server is the one `make test` starts (DIPLOGRAPH_TEST_PG), or else one started here with
scripts/postgres.sh, which installs PostgreSQL from Debian's packages when it is missing. In CI a
server that cannot be started is a failure; elsewhere these tests are skipped with the reason.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_readouts import readouts
from web_support import make_client

from diplograph.store import open_store

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "postgres.sh"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the web tests on PostgreSQL need a server: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}")


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A fresh database on the test server, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    from sqlalchemy.engine import make_url

    server = os.environ.get("DIPLOGRAPH_TEST_PG", "").strip()
    started = False
    if not server:
        try:
            run = subprocess.run(
                [str(SCRIPT), "start"],
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            _unavailable(str(error))
            raise AssertionError("unreachable") from error
        if run.returncode != 0 or not run.stdout.strip():
            _unavailable(run.stderr.strip()[-2000:])
        server, started = run.stdout.strip().splitlines()[-1], True
    name = f"web_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if started:
            subprocess.run(
                [str(SCRIPT), "stop", server], capture_output=True, check=False, stdin=subprocess.DEVNULL
            )


@pytest.fixture(scope="module")
def pg_client(pg_url: str) -> Iterator[Any]:
    store = open_store(pg_url)
    for extraction in readouts():
        store.save(extraction, source_key=extraction.article.origin)
    with make_client(store) as client:
        yield client
    store.close()


def test_postgres_every_page_answers(pg_client: Any) -> None:
    reports = {r["doc"]: r["id"] for r in pg_client.get("/reports.json").json()["reports"]["items"]}
    person = pg_client.get("/people.json?name=To+Lam").json()["people"]["items"][0]["id"]
    mechanism = pg_client.get("/mechanisms.json").json()["mechanisms"]["items"][0]["id"]
    for path in (
        "/",
        "/engagements",
        "/engagements?pair=CHN-VNM",
        "/engagements?pair=CHN-VNM&since=2024-12",
        "/network",
        f"/people/{person}",
        f"/mechanisms/{mechanism}",
        f"/reports/{reports['vna_talks.txt']}",
        f"/reports/{reports['hostile.txt']}",
        "/search?q=railway",
        "/flags",
        "/flags.csv",
    ):
        assert pg_client.get(path).status_code == 200, path
    assert pg_client.get("/people/Nguyen").status_code == 422
    assert pg_client.get("/engagements?until=2024-13").status_code == 422


def test_postgres_answers_match_sqlite(pg_client: Any, client: Any) -> None:
    for path in (
        "/engagements.json?pair=CHN-VNM",
        "/engagements.json?pair=CHN-VNM&since=2024-12",
        "/engagements.json?status=held&limit=2&offset=2",
        "/network.json",
    ):
        pg, lite = pg_client.get(path).json(), client.get(path).json()
        assert pg == lite, path
    pg_overview, lite_overview = pg_client.get("/index.json").json(), client.get("/index.json").json()
    assert pg_overview["pairs"] == lite_overview["pairs"]
    assert pg_overview["by_year"] == lite_overview["by_year"]


def test_postgres_flags_are_stored(pg_client: Any) -> None:
    reports = pg_client.get("/reports.json").json()["reports"]["items"]
    report = next(r["id"] for r in reports if r["doc"] == "vna_talks.txt")
    mention = pg_client.get(f"/reports/{report}.json").json()["engagements"][0]["id"]
    reply = pg_client.post(
        f"/reports/{report}/flags.json",
        json={"target": "mention", "target_id": mention, "reason": "on PostgreSQL"},
    )
    assert reply.status_code == 201
    assert "on PostgreSQL" in pg_client.get("/flags.csv").text

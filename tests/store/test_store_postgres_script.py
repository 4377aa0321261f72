"""scripts/postgres.sh: a throwaway server that starts on a free port, answers, and leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from store_helpers import SCRIPT, in_ci


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_store_postgres_script_starts_and_stops_a_server() -> None:
    started = _script("start")
    if started.returncode != 0:
        if in_ci():
            pytest.fail(f"postgres.sh start failed: {started.stderr}", pytrace=False)
        pytest.skip(f"postgres.sh start failed (CI is not set): {started.stderr[-500:]}")
    url = started.stdout.strip()
    assert url.count("\n") == 0, "the URL is the only line on stdout"
    port = make_url(url).port
    assert url.startswith("postgresql://")
    assert make_url(url).host == "127.0.0.1"
    assert port
    try:
        import psycopg

        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        stopped = _script("stop", url)
    assert stopped.returncode == 0, stopped.stderr
    assert not (Path(os.environ.get("DIPLOGRAPH_PG_ROOT", "/tmp")) / f"diplograph-pg-{port}").exists()


@pytest.mark.parametrize("args", [(), ("stop",), ("stop", "not-a-port"), ("stop", "1"), ("restart",)])
def test_store_postgres_script_refuses_bad_arguments(args: tuple[str, ...]) -> None:
    done = _script(*args)
    assert done.returncode != 0
    assert done.stdout == ""
    assert "postgres.sh:" in done.stderr

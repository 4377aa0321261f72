"""Page latency of the web app under load, on a 100,000-engagement SQLite database; run by `make bench`.

The server is `diplograph serve` in its own process on 127.0.0.1; this script is the second process
that loads it: for every page and every JSON twin it sends a bounded number of requests (200 by
default) from a few concurrent keep-alive connections (4), stopping early if a page takes longer
than its time cap (60 s). Each page is warmed with a few requests first, as a reader's second visit
would be. Results go to benchmarks/results/web.json and a markdown table on stdout; the target is a
p95 under 200 ms for every page.

    python benchmarks/bench_web.py [--count 100000] [--requests 200] [--concurrency 4] [--db PATH]

The database is built with store_data.py (bulk rows through the store's schema) unless --db names
one that exists already.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results" / "web.json"
TARGET_MS = 200.0
WARMUP = 3

sys.path.insert(0, str(HERE))


@dataclass(frozen=True, slots=True)
class Measured:
    page: str
    path: str
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    max_ms: float


def build_database(path: Path, *, count: int, seed: int) -> None:
    """A store of ``count`` synthetic engagements (store_data.py: bulk inserts through the schema)."""
    from diplograph.store import open_store
    from store_data import build

    started = time.perf_counter()
    store = open_store(path)
    try:
        build(store, count=count, seed=seed)
    finally:
        store.close()
    print(f"built {path} ({count:,} engagements) in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def subjects(path: Path) -> dict[str, str]:
    """The busiest person, pair and mechanism, and a report and engagement told by two sources."""
    from sqlalchemy import func, select

    from diplograph.store import open_store, schema

    ep, e, mn, p = schema.engagement_participants, schema.engagements, schema.mentions, schema.persons
    store = open_store(path)
    try:
        with store.engine.connect() as conn:
            person = conn.execute(
                select(ep.c.person_id).group_by(ep.c.person_id).order_by(func.count().desc()).limit(1)
            ).scalar_one()
            country = conn.execute(select(p.c.country).where(p.c.id == person)).scalar_one()
            mechanism = conn.execute(
                select(e.c.mechanism_id)
                .where(e.c.mechanism_id.is_not(None))
                .group_by(e.c.mechanism_id)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
            engagement = conn.execute(
                select(mn.c.engagement_id)
                .where(mn.c.engagement_id.is_not(None))
                .group_by(mn.c.engagement_id)
                .having(func.count() > 1)
                .limit(1)
            ).scalar_one()
            report = conn.execute(
                select(mn.c.report_id).where(mn.c.engagement_id == engagement).limit(1)
            ).scalar_one()
            other = conn.execute(
                select(p.c.country)
                .join(ep, ep.c.person_id == p.c.id)
                .where(ep.c.engagement_id.in_(select(ep.c.engagement_id).where(ep.c.person_id == person)))
                .where(p.c.country != country)
                .group_by(p.c.country)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
    finally:
        store.close()
    pair = "-".join(sorted((country, other)))
    return {
        "person": person,
        "pair": pair,
        "mechanism": mechanism,
        "engagement": engagement,
        "report": report,
    }


def pages(found: dict[str, str]) -> list[tuple[str, str]]:
    """(name, path) of every page measured; each gets its JSON twin too."""
    html = [
        ("overview", "/"),
        ("timeline", "/engagements"),
        ("timeline, last page", "/engagements?offset=99950"),
        ("timeline by pair and year", f"/engagements?pair={found['pair']}&since=2020&until=2020"),
        ("timeline by person", f"/engagements?person={found['person']}"),
        ("timeline by mechanism", f"/engagements?mechanism={found['mechanism']}&status=held"),
        ("engagement", f"/engagements/{found['engagement']}"),
        ("network", "/network"),
        ("network around a person", f"/network?person={found['person']}"),
        ("people", "/people"),
        ("person (busiest)", f"/people/{found['person']}"),
        ("mechanisms", "/mechanisms"),
        ("mechanism", f"/mechanisms/{found['mechanism']}"),
        ("reports", "/reports"),
        ("report", f"/reports/{found['report']}"),
        ("search", "/search?q=" + quote("trade cooperation")),
        ("flags", "/flags"),
    ]
    measured = []
    for name, path in html:
        base, _, query = path.partition("?")
        twin = (base.rstrip("/") or "/index") + ".json" + ("?" + query if query else "")
        measured += [(name, path), (f"{name} (JSON)", twin)]
    return measured


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, "-m", "diplograph", "serve", str(db), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/static/style.css")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


_local = threading.local()


def fetch(port: int, path: str) -> tuple[float, bool]:
    """One GET on this thread's keep-alive connection: (seconds, ok)."""
    connection = getattr(_local, "connection", None)
    if connection is None:
        connection = _local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        ok = response.status == 200
    except (OSError, http.client.HTTPException):
        connection.close()
        _local.connection = None
        ok = False
    return time.perf_counter() - started, ok


def measure(port: int, name: str, path: str, *, requests: int, concurrency: int, cap: float) -> Measured:
    for _ in range(WARMUP):
        fetch(port, path)
    deadline = time.monotonic() + cap
    timings: list[float] = []
    errors = 0

    def one(_: int) -> tuple[float, bool] | None:
        return fetch(port, path) if time.monotonic() < deadline else None

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for result in pool.map(one, range(requests)):
            if result is None:
                continue
            timings.append(result[0])
            errors += not result[1]
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))] if timings else float("nan")
    return Measured(
        page=name,
        path=path,
        requests=len(timings),
        errors=errors,
        p50_ms=round(statistics.median(timings) * 1000, 1) if timings else float("nan"),
        p95_ms=round(p95 * 1000, 1),
        max_ms=round(timings[-1] * 1000, 1) if timings else float("nan"),
    )


def table(results: list[Measured]) -> str:
    lines = ["| page | requests | errors | p50 ms | p95 ms | max ms |", "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        mark = "" if r.p95_ms < TARGET_MS else " ⚠"
        lines.append(f"| {r.page} | {r.requests} | {r.errors} | {r.p50_ms} | {r.p95_ms}{mark} | {r.max_ms} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="engagements in the database")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent connections")
    parser.add_argument("--seconds", type=float, default=60.0, help="time cap per page")
    parser.add_argument("--seed", type=int, default=20241210)
    parser.add_argument("--db", type=Path, help="use (or build once) this database file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="diplograph-bench-web-") as scratch:
        db = args.db or Path(scratch) / "web.db"
        if not db.exists():
            build_database(db, count=args.count, seed=args.seed)
        found = subjects(db)
        port = free_port()
        server = start_server(db, port)
        try:
            results = []
            for name, path in pages(found):
                result = measure(
                    port, name, path, requests=args.requests, concurrency=args.concurrency, cap=args.seconds
                )
                print(f"{name}: p50 {result.p50_ms} ms, p95 {result.p95_ms} ms", file=sys.stderr)
                results.append(result)
        finally:
            server.terminate()
            server.wait(timeout=30)
    summary: dict[str, Any] = {
        "engagements": args.count,
        "requests_per_page": args.requests,
        "concurrency": args.concurrency,
        "seconds_cap_per_page": args.seconds,
        "target_p95_ms": TARGET_MS,
        "all_under_target": all(r.p95_ms < TARGET_MS and not r.errors for r in results),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "system": platform.platform(),
        },
        "pages": [vars_of(r) for r in results],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\np95 under {TARGET_MS:.0f} ms on every page: {'yes' if summary['all_under_target'] else 'NO'}")


def vars_of(result: Measured) -> dict[str, Any]:
    return {field: getattr(result, field) for field in Measured.__slots__}


if __name__ == "__main__":
    main()

"""Knowledge-base speed: query latency on a 100,000-engagement database and ingest throughput; `make bench`.

1. Query latency: a synthetic SQLite database of 100,000 engagements (store_data.py: realistic
   proportions, bulk-inserted into a store that open_store() migrated) answers each query of
   diplograph.query many times; median and 95th percentile in milliseconds. Target: < 100 ms.
2. Ingest throughput: 10,000 readouts from generate.py go through diplograph.process.add_paths
   (read, extract, resolve, store) into a fresh SQLite database, and into PostgreSQL when
   DIPLOGRAPH_BENCH_PG holds a server URL (a scratch database is created there and dropped after);
   compared with bare extraction (extract_paths) of the same files. Target: within 1.5x.

Results go to benchmarks/results/store.json and a markdown table on stdout.

    python benchmarks/bench_store.py [--engagements 100000] [--reports 10000] [--runs 30]
                                     [--workers N] [--db PATH] [--skip-ingest] [--skip-queries]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "store.json"
TARGET_MS = 100.0
TARGET_RATIO = 1.5

sys.path.insert(0, str(HERE))
from sqlalchemy import create_engine, func, select  # noqa: E402

from diplograph import query  # noqa: E402
from diplograph.process import add_paths, extract_paths  # noqa: E402
from diplograph.store import Store, open_store, schema  # noqa: E402
from generate import write_reports  # noqa: E402  (sits beside this script, not in a package)
from store_data import build  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def timed(run: Callable[[], Any], *, runs: int, warmup: int = 2) -> dict[str, float]:
    """Median and p95 wall time of ``run`` in milliseconds, after ``warmup`` unmeasured calls.

    The median CPU time of this process rides along: on a busy machine it shows what the query
    itself costs when wall time also counts waiting for a core.
    """
    for _ in range(warmup):
        run()
    wall, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return {
        "median_ms": round(statistics.median(wall), 2),
        "p95_ms": round(percentile(wall, 0.95), 2),
        "max_ms": round(max(wall), 2),
        "cpu_median_ms": round(statistics.median(cpu), 2),
    }


def subjects(store: Store) -> dict[str, str]:
    """The busiest and a typical person, the busiest mechanism, and the two busiest countries."""
    ep, e, p = schema.engagement_participants, schema.engagements, schema.persons
    with store.engine.connect() as conn:
        counts = conn.execute(
            select(ep.c.person_id, func.count().label("n"))
            .group_by(ep.c.person_id)
            .order_by(func.count().desc())
        ).all()
        busiest_mechanism = conn.execute(
            select(e.c.mechanism_id)
            .where(e.c.mechanism_id.is_not(None))
            .group_by(e.c.mechanism_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
        countries = (
            conn.execute(
                select(p.c.country)
                .join(ep, ep.c.person_id == p.c.id)
                .group_by(p.c.country)
                .order_by(func.count().desc())
                .limit(2)
            )
            .scalars()
            .all()
        )
        wanted = [counts[0].person_id, counts[len(counts) // 2].person_id]
        names = {row.id: row.name for row in conn.execute(select(p.c.id, p.c.name).where(p.c.id.in_(wanted)))}
    return {
        "busy_person": names[counts[0].person_id],
        "busy_person_engagements": str(counts[0].n),
        "typical_person": names[counts[len(counts) // 2].person_id],
        "typical_person_engagements": str(counts[len(counts) // 2].n),
        "mechanism": busiest_mechanism,
        "country": countries[0],
        "other_country": countries[1],
    }


def queries(store: Store, about: dict[str, str]) -> dict[str, Callable[[], Any]]:
    """The queries to time, by name (what the CLI and the web app run)."""
    busy, typical, country = about["busy_person"], about["typical_person"], about["country"]
    return {
        "timeline: busiest person, first page": lambda: query.timeline(store, person=busy),
        "timeline: busiest person, 2020 to 2021": lambda: query.timeline(
            store, person=busy, since="2020", until="2021"
        ),
        "timeline: busiest person, newest first": lambda: query.timeline(
            store, person=busy, newest_first=True
        ),
        "timeline: typical person": lambda: query.timeline(store, person=typical),
        "timeline: everything, first page": lambda: query.timeline(store),
        "timeline: country since 2024": lambda: query.timeline(store, country=country, since="2024"),
        "timeline: country pair, held talks": lambda: query.timeline(
            store, countries=(country, about["other_country"]), kind="talks", status="held"
        ),
        "mechanism thread: busiest": lambda: query.mechanism_thread(store, about["mechanism"]),
        "mechanisms list": lambda: query.mechanisms(store),
        "search: common words": lambda: query.search(store, "border trade"),
        "search: rare word": lambda: query.search(store, "wreath"),
        "people list: first page": lambda: query.people(store, limit=100),
        "people list: one country": lambda: query.people(store, country=country, limit=100),
        "person profile: busiest": lambda: query.person(store, busy),
    }


def measure_queries(path: Path, *, engagements: int, runs: int, seed: int) -> dict[str, Any]:
    """Build (or reuse) the database at ``path`` and time every query on it."""
    built = None
    if not path.exists():
        started = time.perf_counter()
        with open_store(path) as store:
            rows = build(store, count=engagements, seed=seed)
            # The batch ends as `diplograph add` ends one: a store grown by a tenth or more gets its
            # search index compacted (Store.finish_batch).
            store.finish_batch(rows["reports"])
        built = {"seconds": round(time.perf_counter() - started, 1), "rows": rows}
        print(f"built {path} in {built['seconds']} s", file=sys.stderr)
    with open_store(path) as store:
        counts = store.counts()
        about = subjects(store)
        timings = [{"query": name, **timed(run, runs=runs)} for name, run in queries(store, about).items()]
    return {
        "database": str(path),
        "size_mb": round(path.stat().st_size / 1e6, 1),
        "counts": {k: counts[k] for k in ("engagements", "persons", "mechanisms", "reports", "mentions")},
        "built": built,
        "subjects": about,
        "runs": runs,
        "results": timings,
    }


def measure_queries_postgres(server: str, *, engagements: int, runs: int, seed: int) -> dict[str, Any]:
    """The same queries on a PostgreSQL database built the same way, in a scratch database."""
    with scratch_postgres(server) as url:
        started = time.perf_counter()
        with open_store(url) as store:
            rows = build(store, count=engagements, seed=seed)
            store.finish_batch(rows["reports"])  # as `diplograph add` ends a batch (ANALYZE here)
        # A settled database, as autovacuum leaves it some minutes after a bulk load; without this,
        # autovacuum's first pass over the new tables runs during the timed queries, on the same cores.
        settle = create_engine(
            url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
        )
        with settle.connect() as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE)")
        settle.dispose()
        built = {"seconds": round(time.perf_counter() - started, 1), "rows": rows}
        print(f"built a PostgreSQL database in {built['seconds']} s", file=sys.stderr)
        with open_store(url) as store:
            counts = store.counts()
            about = subjects(store)
            timings = [
                {"query": name, **timed(run, runs=runs)} for name, run in queries(store, about).items()
            ]
            with store.engine.connect() as conn:
                size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
    return {
        "database": "postgresql (scratch database)",
        "size_mb": round(int(size) / 1e6, 1),
        "counts": {k: counts[k] for k in ("engagements", "persons", "mechanisms", "reports", "mentions")},
        "built": built,
        "subjects": about,
        "runs": runs,
        "results": timings,
    }


@contextmanager
def scratch_postgres(server: str) -> Iterator[str]:
    """A new database on ``server`` for one run, dropped afterwards."""
    name = f"diplograph_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(
        server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def measure_ingest(count: int, *, workers: int, seed: int, postgres: str | None) -> dict[str, Any]:
    """Reports per second: bare extraction, then read+extract+resolve+store into each backend."""
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-store-") as scratch:
        paths = write_reports(Path(scratch) / "reports", count=count, seed=seed)
        started = time.perf_counter()
        extracted = sum(
            1 for outcome in extract_paths(paths, workers=workers) if not isinstance(outcome, Exception)
        )
        bare = extracted / (time.perf_counter() - started)
        runs = [{"backend": "extraction only", "reports": extracted, "reports_per_second": round(bare, 1)}]
        targets = [("sqlite", str(Path(scratch) / "ingest.db"))]
        if postgres:
            targets.append(("postgresql", postgres))
        for backend, url in targets:
            with (
                scratch_postgres(url) if backend == "postgresql" else _same(url) as target,
                open_store(target) as store,
            ):
                summary = add_paths(store, paths, workers=workers)
            rate = summary.total / summary.seconds
            runs.append(
                {
                    "backend": backend,
                    "reports": summary.total,
                    "added": summary.added,
                    "duplicates": summary.duplicates,
                    "failed": summary.failed,
                    "first_failures": [f"{source}: {problem}" for source, problem in summary.failures[:3]],
                    "seconds": round(summary.seconds, 1),
                    "reports_per_second": round(rate, 1),
                    "slowdown_vs_extraction": round(bare / rate, 2),
                    **_peak_memory(),
                }
            )
    return {"reports": count, "workers": workers, "results": runs}


def _peak_memory() -> dict[str, float]:
    """The writer's memory (add_paths saves in this process), MB: its peak resident set so far, and
    now, its own memory apart from the database file SQLite maps into it (mmap_size), which counts
    as resident but is the operating system's page cache. Peaks only grow: a later run shows at
    least an earlier one's. Extraction workers are measured by bench_extract."""
    found = {"writer_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    status = Path("/proc/self/status")
    if status.exists():
        fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        for name, key in (("RssAnon", "writer_anon_mb"), ("RssFile", "writer_file_mb")):
            if name in fields:
                found[key] = round(int(fields[name].split()[0]) / 1024, 1)
    return found


@contextmanager
def _same(url: str) -> Iterator[str]:
    yield url


def table(payload: dict[str, Any]) -> str:
    lines = []
    for key, backend in (("queries", "SQLite"), ("queries_postgresql", "PostgreSQL")):
        if key not in payload:
            continue
        q = payload[key]
        lines += [
            "",
            f"Query latency on {q['counts']['engagements']:,} engagements, "
            f"{q['counts']['reports']:,} reports ({backend}, {q['size_mb']} MB; {q['runs']} runs each; "
            f"target < {TARGET_MS:.0f} ms)",
            "",
            "| query | median ms | p95 ms | max ms | CPU median ms | under target |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {r['query']} | {r['median_ms']} | {r['p95_ms']} | {r['max_ms']} | {r['cpu_median_ms']} | "
            f"{'yes' if r['p95_ms'] < TARGET_MS else 'NO'} |"
            for r in q["results"]
        ]
    if "ingest" in payload:
        i = payload["ingest"]
        lines += [
            "",
            f"Ingest of {i['reports']:,} generated reports, {i['workers']} worker(s) "
            f"(target: within {TARGET_RATIO}x)",
            "",
            "| run | reports | reports/s | slowdown vs extraction | writer peak MB | own / mapped file MB |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {r['backend']} | {r['reports']} | {r['reports_per_second']} "
            f"| {r.get('slowdown_vs_extraction', '')} | {r.get('writer_peak_rss_mb', '')} "
            f"| {r.get('writer_anon_mb', '')} / {r.get('writer_file_mb', '')} |"
            for r in i["results"]
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engagements", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=10_000, help="generated reports for the ingest run")
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each query")
    # One extraction process for both runs: ingest adds the writer's process beside it, so on the
    # 2-core reference machine this compares like with like (extraction alone vs extraction + writer).
    parser.add_argument("--workers", type=int, default=1, help="extraction processes in both runs")
    parser.add_argument("--seed", type=int, default=20241210)
    parser.add_argument("--db", type=Path, help="keep the query database here and reuse it when present")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    args = parser.parse_args()
    logging.getLogger("diplograph").setLevel(logging.ERROR)  # failures are counted in the results instead

    # A part that is skipped keeps its results from the last run that measured it.
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    payload: dict[str, Any] = {
        **{key: previous[key] for key in ("queries", "queries_postgresql", "ingest") if key in previous},
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "seed": args.seed,
    }
    # Ingest first: its peak-memory figures are this process's peaks so far, and building the query
    # database holds far more in memory than ingest does.
    if not args.skip_ingest:
        load = os.getloadavg()[0]
        postgres = os.environ.get("DIPLOGRAPH_BENCH_PG") or None
        payload["ingest"] = measure_ingest(
            args.reports, workers=args.workers, seed=args.seed, postgres=postgres
        )
        payload["ingest"]["load_average_at_start"] = load
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-db-") as scratch:
        if not args.skip_queries:
            path = args.db or Path(scratch) / "bench.db"
            load = os.getloadavg()[0]
            payload["queries"] = measure_queries(
                path, engagements=args.engagements, runs=args.runs, seed=args.seed
            )
            payload["queries"]["load_average_at_start"] = load
            server = os.environ.get("DIPLOGRAPH_BENCH_PG")
            if server:
                load = os.getloadavg()[0]
                payload["queries_postgresql"] = measure_queries_postgres(
                    server, engagements=args.engagements, runs=args.runs, seed=args.seed
                )
                payload["queries_postgresql"]["load_average_at_start"] = load
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    partial = RESULTS.with_suffix(".json.tmp")
    partial.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    partial.replace(RESULTS)
    print(f"results in {RESULTS.relative_to(HERE.parent)}\n")
    print(table(payload))


if __name__ == "__main__":
    main()

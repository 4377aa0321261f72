"""Extraction speed and peak memory on one core and on all cores; run by `make bench`.

Each mode runs in a fresh interpreter so that its peak RSS is its own. The corpus is >= 2,000
generated ~600-word readouts (benchmarks/generate.py, fixed seed) plus the real reports in
../shared when that directory sits beside the checkout. Results go to
benchmarks/results/extract.json and a markdown table on stdout.

    python benchmarks/bench_extract.py [--count 2000] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO / ".." / "shared"
RESULTS = HERE / "results" / "extract.json"

sys.path.insert(0, str(HERE))
from generate import write_reports  # noqa: E402  (sits beside this script, not in a package)


def shared_sources() -> list[Path]:
    """The real reports in ../shared (seeds and dev corpus), if present."""
    folders = [SHARED / "seeds", SHARED / "corpus" / "dev" / "docs"]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.txt"))


def measure(paths: list[str], workers: int, *, statements: bool = True) -> dict[str, float | int]:
    """Extract every path (in this process) and report counts, timings and peak RSS in MB."""
    from diplograph.process import extract_paths

    started = time.perf_counter()
    documents = words = engagements = failures = 0
    for outcome in extract_paths(paths, workers=workers, statements=statements):
        if isinstance(outcome, Exception):
            failures += 1
            continue
        documents += 1
        words += len(outcome.article.text.split())
        engagements += len(outcome.engagements)
    seconds = time.perf_counter() - started
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "workers": workers,
        "documents": documents,
        "failures": failures,
        "words": words,
        "engagements": engagements,
        "seconds": round(seconds, 2),
        "documents_per_second": round(documents / seconds, 1),
        "words_per_second": round(words / seconds),
        "peak_rss_mb_main": round(parent, 1),
        "peak_rss_mb_largest_worker": round(child, 1) if workers > 1 else 0.0,
        "peak_rss_mb_total_estimate": round(parent + (child * workers if workers > 1 else 0), 1),
    }


def run_mode(list_file: Path, workers: int, *, statements: bool = True) -> dict[str, float | int]:
    """Run one mode in a fresh interpreter and read its JSON line back."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--measure",
        str(list_file),
        "--workers",
        str(workers),
    ]
    if not statements:
        command.append("--without-statements")
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO)
    result: dict[str, float | int] = json.loads(done.stdout.strip().splitlines()[-1])
    result["statements"] = int(statements)
    return result


def table(rows: list[dict[str, float | int]]) -> str:
    lines = [
        "| mode | workers | docs | failed | seconds | docs/s | words/s | peak MB main / worker / total |",
        "|" + "---|" * 8,
    ]
    for row in rows:
        mode = "one core" if row["workers"] == 1 else "all cores"
        if not row.get("statements", 1):
            mode += ", without statements"
        rss = " / ".join(
            str(row[key])
            for key in ("peak_rss_mb_main", "peak_rss_mb_largest_worker", "peak_rss_mb_total_estimate")
        )
        lines.append(
            f"| {mode} | {row['workers']} | {row['documents']} | {row['failures']} | {row['seconds']} "
            f"| {row['documents_per_second']} | {row['words_per_second']} | {rss} |"
        )
    return "\n".join(lines)


def write_results(payload: dict[str, object]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    partial = RESULTS.with_suffix(".json.tmp")
    partial.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    partial.replace(RESULTS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--count", type=int, default=2000, help="generated reports (at least 2,000 by default)"
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="workers for the all-cores run"
    )
    parser.add_argument("--seed", type=int, default=20241210)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--without-statements", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        paths = args.measure.read_text(encoding="utf-8").splitlines()
        print(json.dumps(measure(paths, args.workers, statements=not args.without_statements)))
        return

    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as scratch:
        generated = write_reports(Path(scratch) / "reports", count=args.count, seed=args.seed)
        real = shared_sources()
        list_file = Path(scratch) / "paths.txt"
        list_file.write_text("\n".join(str(p) for p in [*generated, *real]) + "\n", encoding="utf-8")
        modes = [1] if args.workers <= 1 else [1, args.workers]
        rows = [run_mode(list_file, workers) for workers in modes]
        # The same one-core run without issue 5's layer (statements, commitments, initiatives).
        rows.append(run_mode(list_file, 1, statements=False))

    payload = {
        "generated_reports": len(generated),
        "real_reports": len(real),
        "seed": args.seed,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "runs": rows,
    }
    write_results(payload)
    print(f"{len(generated)} generated + {len(real)} real reports; results in {RESULTS.relative_to(REPO)}\n")
    print(table(rows))


if __name__ == "__main__":
    main()

"""The crash test: an ingest killed with SIGKILL at random moments, then re-run, equals a clean run.

A subprocess ingests a few hundred generated reports (plus near-copies and the samples) with the
same batch driver the CLI uses; it is killed a few times at random moments just after a save has
begun (so most kills land inside a transaction), and then run to completion. After each kill the
database must hold no half-written report, and at the end its normalised dump must equal that of a
database built in one uninterrupted run. The kill points come from a seed printed on failure;
DIPLOGRAPH_CRASH_SEED replays one.
"""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from store_helpers import REPO, SAMPLES, dump

from diplograph.store import open_store
from diplograph.store.schema import engagements, mentions, persons, report_bands, report_people, reports

DRIVER = Path(__file__).resolve().parent / "crash_ingest.py"
GENERATED = 200
COPIES = 8
KILLS = 4  # the loop is bounded: at most this many kills, then one run to completion


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated reports, near-copies of some of them under other headers, and the samples."""
    spec = importlib.util.spec_from_file_location(
        "diplograph_bench_generate", REPO / "benchmarks" / "generate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate  # its dataclasses look their module up while being defined
    spec.loader.exec_module(generate)
    root = tmp_path_factory.mktemp("crash-corpus")
    written = generate.write_reports(root / "generated", count=GENERATED, seed=20241210)
    copies = root / "copies"
    copies.mkdir()
    for number, path in enumerate(written[:COPIES]):
        body = path.read_text(encoding="utf-8")
        (copies / f"copy_{number:02d}.txt").write_text(
            body + "\n\nShared from a partner agency.\n", encoding="utf-8"
        )
    shutil.copytree(SAMPLES, root / "samples")
    return root


def _run(
    url: str, corpus: Path, *, kill_after: int | None = None, delay: float = 0.0
) -> tuple[int, int, str]:
    """Run the driver; kill it ``delay`` seconds after it starts saving report number ``kill_after``.

    Returns (exit code, the number of the last save it started, its stderr).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(
            [sys.executable, str(DRIVER), url, str(corpus)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        done = 0
        try:
            assert process.stdout is not None
            for line in process.stdout:
                words = line.split()
                if len(words) != 2 or words[0] != "saving":
                    continue
                done = int(words[1])
                if kill_after is not None and done >= kill_after:
                    time.sleep(delay)
                    workers = _children(process.pid)
                    process.send_signal(signal.SIGKILL)
                    _assert_gone(workers)
                    break
            process.wait(timeout=900)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
        errors.seek(0)
        return process.returncode, done, errors.read()


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _assert_gone(pids: list[int], timeout: float = 15.0) -> None:
    """An ingest killed with -9 leaves no extraction worker behind (each holds a spaCy pipeline)."""
    deadline = time.monotonic() + timeout
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
    assert not alive, f"processes {alive} outlived the killed ingest"


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def _stored(url: str) -> int:
    with open_store(url) as store:
        return store.counts()["reports"]


def _check_whole(engine: Engine) -> None:
    """No half-written report, no resolved entity left without the facts it comes from."""
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(reports)).scalar_one()
        assert conn.execute(text("SELECT count(*) FROM reports_fts")).scalar_one() == count
        bands = conn.execute(
            select(report_bands.c.report_id, func.count()).group_by(report_bands.c.report_id)
        ).all()
        assert len(bands) == count
        assert {n for _, n in bands} <= {32}
        lonely = select(engagements.c.id).where(
            ~select(mentions.c.id).where(mentions.c.engagement_id == engagements.c.id).exists()
        )
        assert conn.execute(lonely).all() == []
        unnamed = select(persons.c.id).where(
            ~select(report_people.c.person_id).where(report_people.c.person_id == persons.c.id).exists()
        )
        assert conn.execute(unnamed).all() == []
        assert conn.execute(select(mentions.c.id).where(mentions.c.engagement_id.is_(None))).all() == []
        titled = conn.execute(
            select(func.count()).select_from(reports).where(reports.c.title.is_not(None))
        ).scalar_one()
        assert titled <= count


def test_store_crash_kill_nine_then_rerun_equals_a_clean_run(
    store_url: str, fresh_url: Callable[[], str], corpus: Path
) -> None:
    seed = int(os.environ.get("DIPLOGRAPH_CRASH_SEED") or random.SystemRandom().randrange(1_000_000))
    rng = random.Random(seed)
    clean = fresh_url()
    code, total, errors = _run(clean, corpus)
    assert code == 0, errors
    assert total > GENERATED

    kills = 0
    for _ in range(KILLS):
        stored = _stored(store_url) if kills else 0
        # A re-run extracts and saves only what is not stored yet, so "saving N" counts new saves.
        kill_after = rng.randint(1, 40)
        if stored + kill_after >= total:
            break
        code, done, errors = _run(store_url, corpus, kill_after=kill_after, delay=rng.uniform(0.0, 0.025))
        assert code == -signal.SIGKILL, f"seed {seed}: the ingest was not killed (exit {code}): {errors}"
        kills += 1
        with open_store(store_url) as store:
            _check_whole(store.engine)
            assert store.counts()["reports"] >= stored, f"seed {seed}: a kill lost saved reports"
    assert kills >= 3, f"seed {seed}: only {kills} kills"

    stored = _stored(store_url)
    code, done, errors = _run(store_url, corpus)
    assert code == 0, f"seed {seed}: the re-run failed: {errors}"
    assert done <= total - stored + 1, "the re-run redid reports that were already stored"
    with open_store(store_url) as store, open_store(clean) as reference:
        _check_whole(store.engine)
        assert dump(store.engine) == dump(reference.engine), (
            f"seed {seed}: the re-run differs from a clean run"
        )

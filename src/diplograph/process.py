"""Batch wiring: sources on disk or stdin -> articles -> extractions, in order, on one core or many.

A source that cannot be read becomes an IngestError in the output stream, in its place, so one bad
file never stops a batch and the caller decides how to report it.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TypeVar

from diplograph.errors import DiplographError, ExtractionError, IngestError
from diplograph.extract import extract_article
from diplograph.ingest import DEFAULT_MAX_BYTES, read_articles
from diplograph.ingest.read import STDIN, walk
from diplograph.model import Article, Extraction
from diplograph.store import Prepared, Store, open_store, prepare
from diplograph.store.reports import fingerprint

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "AddSummary",
    "Outcome",
    "Progress",
    "add_paths",
    "extract_paths",
    "source_key",
]

log = logging.getLogger(__name__)

Outcome = Extraction | IngestError

# A directory walk leaves out .json files: annotations kept beside reports (gold/*.json) are not
# reports, and reading them would fail the batch. A .json file named on the command line is read.
_SKIPPED_IN_DIRECTORIES = frozenset({".json"})
# From this many reports on, extraction runs beside the writer even with one worker (start-up ~1 s).
_OVERLAP_FROM = 200
_AHEAD = 4  # chunks a worker may hold done or under way before the writer reads them (see _mapped)
# Files that hold several reports: each record's origin is the file plus the record's own name.
_MULTI_RECORD = frozenset({".jsonl", ".ndjson", ".json", ".xml", ".rss", ".atom"})


@dataclass(frozen=True, slots=True)
class _Failure:
    """An IngestError in a form that crosses process boundaries (IngestError itself does not pickle)."""

    source: str
    problem: str


@dataclass(frozen=True, slots=True, kw_only=True)
class _Options:
    encoding: str | None
    max_bytes: int
    statements: bool = True


@dataclass(frozen=True, slots=True)
class _Unchanged:
    """A report the store already holds as read now, by the same extractor: nothing to redo."""

    key: str


_Job = Path | Article | _Failure
_Result = list[Extraction | _Failure]


def extract_paths(
    paths: Sequence[str | Path],
    *,
    workers: int = 1,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    statements: bool = True,
) -> Iterator[Outcome]:
    """Extract every report under ``paths`` in input order; ``-`` reads standard input.

    With ``workers > 1`` files are read and extracted in a spawn-started process pool, in chunks;
    the output is the same, in the same order, as with one worker.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    options = _Options(encoding=encoding, max_bytes=max_bytes, statements=statements)
    jobs = list(_jobs(paths, options))
    log.info("extracting %d sources with %d worker(s)", len(jobs), workers)
    yield from _unpack(_mapped(_run_job, jobs, options, workers=workers, in_process=workers == 1))


T = TypeVar("T")
R = TypeVar("R")


def _mapped(
    function: Callable[[T, _Options], R], items: list[T], options: _Options, *, workers: int, in_process: bool
) -> Iterator[R]:
    """``function`` over ``items`` in order: here when ``in_process`` (or fewer than two items), else
    in a spawn-started pool of ``workers`` processes, in chunks.
    """
    if in_process or len(items) < 2:
        for item in items:
            yield function(item, options)
        return
    # An executor, not multiprocessing.Pool: a worker that dies (e.g. killed for memory) raises
    # BrokenProcessPool here instead of leaving the batch waiting forever.
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(items)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_setup_worker,
    )
    chunksize = max(1, min(32, len(items) // (workers * 4)))
    # Chunks are handed out as they are consumed, at most _AHEAD per worker beyond the one being
    # read: executor.map took them all at once, and when saving was slower than extraction every
    # finished extraction waited in this process, thousands of them in a large ingest (the writer's
    # memory grew with the batch, and its garbage collector walked them all, over and over).
    ahead = min(workers, len(items)) * _AHEAD
    pending: deque[Future[list[R]]] = deque()
    try:
        for start in range(0, len(items), chunksize):
            pending.append(executor.submit(_run_chunk, function, items[start : start + chunksize], options))
            if len(pending) > ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _run_chunk(function: Callable[[T, _Options], R], chunk: list[T], options: _Options) -> list[R]:
    return [function(item, options) for item in chunk]


def _jobs(paths: Sequence[str | Path], options: _Options) -> Iterator[_Job]:
    """One job per file to read; stdin is read here, in the parent, so workers get ready articles."""
    for raw in paths:
        if os.fspath(raw) == STDIN:
            for item in read_articles(STDIN, encoding=options.encoding, max_bytes=options.max_bytes):
                if isinstance(item, IngestError):
                    yield _Failure(item.source, item.problem)
                else:
                    # Standard input has no name that lasts: the text itself identifies the report.
                    digest = hashlib.sha256(item.text.encode("utf-8")).hexdigest()[:16]
                    yield replace(item, origin=f"stdin#{digest}")
        elif Path(raw).is_dir():
            files = [f for f in walk(Path(raw)) if f.suffix.lower() not in _SKIPPED_IN_DIRECTORIES]
            if not files:
                yield _Failure(str(raw), "no files diplograph can read in this directory")
            yield from files
        else:
            yield Path(raw)


def _read_job(job: Path, options: _Options) -> list[Article | _Failure]:
    """The reports of one file, each with its origin (the file, plus the record for multi-record files)."""
    items = list(read_articles(job, encoding=options.encoding, max_bytes=options.max_bytes))
    several = len(items) > 1 or job.suffix.lower() in _MULTI_RECORD
    origin = str(job.resolve())
    return [
        _Failure(item.source, item.problem)
        if isinstance(item, IngestError)
        else replace(item, origin=f"{origin}#{item.doc}" if several else origin)
        for item in items
    ]


def _run_job(job: _Job, options: _Options) -> _Result:
    """Read one file (or take a ready article) and extract it; errors become _Failure values."""
    if isinstance(job, _Failure):
        return [job]
    if isinstance(job, Article):
        return [_extract(job, label=job.origin or job.doc, statements=options.statements)]
    return [
        item if isinstance(item, _Failure) else _extract(item, label=str(job), statements=options.statements)
        for item in _read_job(job, options)
    ]


def _extract(article: Article, *, label: str, statements: bool = True) -> Extraction | _Failure:
    try:
        return extract_article(article, statements=statements)
    except ExtractionError as error:
        log.warning("extraction failed on %s (%s): %s", label, article.doc, error)
        return _Failure(label, f"extraction failed on {article.doc}: {error}")
    except Exception as error:  # one report that trips a bug must not end a batch of thousands
        log.debug("extractor bug on %s (%s)", label, article.doc, exc_info=True)
        return _Failure(label, f"extractor bug on {article.doc}: {type(error).__name__}: {error}")


def _unpack(results: Iterable[_Result]) -> Iterator[Outcome]:
    for result in results:
        for item in result:
            yield IngestError(item.source, item.problem) if isinstance(item, _Failure) else item


def _setup_worker() -> None:
    """Set up a pool worker: Ctrl-C is the parent's to handle (it stops the pool, and workers should
    not each print a trace), and a worker whose parent died (kill -9) exits instead of lingering.

    The pool's queues keep a pipe end open inside the worker itself, so a worker never sees its
    parent go: a thread waits on the parent's sentinel instead.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), name="parent-watch", daemon=True).start()


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


# --- adding reports to a store ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a batch stands, for a progress bar: counts so far and the total when it is known."""

    done: int
    total: int | None
    added: int
    updated: int
    unchanged: int
    duplicates: int
    failed: int


@dataclass(frozen=True, slots=True)
class AddSummary:
    """What one `add` run did, with the reason for every report it could not store."""

    added: int
    updated: int
    unchanged: int
    duplicates: int
    failures: tuple[tuple[str, str], ...]
    seconds: float

    @property
    def failed(self) -> int:
        """How many sources could not be read, extracted or stored."""
        return len(self.failures)

    @property
    def total(self) -> int:
        """Every report seen, stored or not."""
        return self.added + self.updated + self.unchanged + self.duplicates + self.failed


class _Saver(Protocol):
    """The part of a store that `add_paths` needs (keeps this module testable and the layers one-way)."""

    def save(self, extraction: Extraction, *, source_key: str, prepared: Prepared | None = None) -> str: ...

    def fingerprints_of(self, source_keys: Sequence[str], *, under: Sequence[str] = ()) -> dict[str, str]: ...

    def finish_batch(self, saved: int) -> bool: ...


@dataclass(frozen=True, slots=True)
class _Task:
    """One source to add, with the fingerprints the store holds for the reports it may contain."""

    job: _Job
    stored: dict[str, str]


@dataclass(frozen=True, slots=True)
class _Ready:
    """An extraction with its database-free save work done (see store.prepare)."""

    extraction: Extraction
    prepared: Prepared


_Added = list[_Ready | _Failure | _Unchanged]


def _tasks(store: _Saver, paths: Sequence[str | Path], options: _Options) -> list[_Task]:
    """Every source to add, with what the store holds for it: reading is left to the workers.

    The fingerprints of a batch come in a few queries, so a worker can tell a report the store
    already holds unchanged, and skip extracting it, without asking the database itself. (A text
    file that turns out to hold several reports is extracted again; its save then finds it unchanged.)
    """
    jobs = list(_jobs(paths, options))
    origins = {job: str(job.resolve()) for job in jobs if isinstance(job, Path)}
    keys = [job.origin or job.doc for job in jobs if isinstance(job, Article)] + list(origins.values())
    under = [origin for job, origin in origins.items() if job.suffix.lower() in _MULTI_RECORD]
    stored = store.fingerprints_of(keys, under=under) if keys else {}
    by_origin: dict[str, dict[str, str]] = {}
    files = set(origins.values())
    for key, print_ in stored.items():
        # A record's key is its file's origin, "#", and the record's name; a path may hold "#" too.
        cuts = [key, *(key[:at] for at, mark in enumerate(key) if mark == "#")]
        owner = next((cut for cut in cuts if cut in files), key)
        by_origin.setdefault(owner, {})[key] = print_
    tasks = []
    for job in jobs:
        if isinstance(job, Path):
            tasks.append(_Task(job, by_origin.get(origins[job], {})))
        elif isinstance(job, Article):
            key = job.origin or job.doc
            tasks.append(_Task(job, {key: stored[key]} if key in stored else {}))
        else:
            tasks.append(_Task(job, {}))
    return tasks


def _run_task(task: _Task, options: _Options) -> _Added:
    """Read (in a worker), skip what the store holds unchanged, extract and prepare the rest."""
    from diplograph.extract import EXTRACTOR_VERSION

    job = task.job
    if isinstance(job, _Failure):
        return [job]
    items: list[Article | _Failure] = _read_job(job, options) if isinstance(job, Path) else [job]
    done: _Added = []
    for item in items:
        if isinstance(item, _Failure):
            done.append(item)
            continue
        key = item.origin or item.doc
        if key in task.stored and task.stored[key] == fingerprint(item, extractor_version=EXTRACTOR_VERSION):
            done.append(_Unchanged(key))
            continue
        extracted = _extract(item, label=str(job) if isinstance(job, Path) else key)
        done.append(extracted if isinstance(extracted, _Failure) else _Ready(extracted, prepare(extracted)))
    return done


def _added(tasks: list[_Task], workers: int, options: _Options) -> Iterator[_Ready | _Failure | _Unchanged]:
    """The tasks, done in order. Even with one worker, a large batch extracts in a separate process,
    so that extraction and the saves here (resolution and the database) overlap instead of adding up.
    """
    in_process = workers == 1 and len(tasks) < _OVERLAP_FROM
    for result in _mapped(_run_task, tasks, options, workers=workers, in_process=in_process):
        yield from result


def source_key(extraction: Extraction) -> str:
    """The store's key for a report: where it came from, or its name when that is unknown."""
    article = extraction.article
    return article.origin or article.doc


def add_paths(
    store: _Saver,
    paths: Sequence[str | Path],
    *,
    workers: int = 1,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[Progress], None] | None = None,
) -> AddSummary:
    """Read, extract and store every report under ``paths``; one transaction per report.

    Extraction runs on ``workers`` processes; saving (resolution included) runs here, in order,
    so the database sees one writer. A report that fails to read, extract or save is counted with
    its reason and the batch goes on; what was stored before stays stored.
    """
    started = time.perf_counter()
    counts = {"added": 0, "updated": 0, "unchanged": 0, "duplicate": 0}
    failures: list[tuple[str, str]] = []
    options = _Options(encoding=encoding, max_bytes=max_bytes)
    tasks = _tasks(store, paths, options)
    # One report per file, as far as is known before reading; a multi-record file can hold any number.
    several = any(isinstance(t.job, Path) and t.job.suffix.lower() in _MULTI_RECORD for t in tasks)
    expected = None if several else len(tasks)
    # The writer's long-lived objects (modules, gazetteer tables, compiled statements) are left out
    # of garbage collection while the batch runs (gc.freeze): every full collection in a large
    # ingest walked them all again, ~0.3 ms per report. Thawed when the batch ends, however it ends.
    frozen = False
    try:
        for done, outcome in enumerate(_added(tasks, workers, options), start=1):
            if isinstance(outcome, _Unchanged):
                counts["unchanged"] += 1
            elif isinstance(outcome, _Failure):
                failures.append((outcome.source, outcome.problem))
            else:
                key = source_key(outcome.extraction)
                try:
                    status = store.save(outcome.extraction, source_key=key, prepared=outcome.prepared)
                except DiplographError as error:
                    log.warning("could not store %s: %s", key, error)
                    failures.append((key, str(error)))
                else:
                    counts[status] = counts.get(status, 0) + 1
            if progress is not None:
                progress(
                    Progress(
                        done=done,
                        total=None if expected is None or done > expected else expected,
                        added=counts["added"],
                        updated=counts["updated"],
                        unchanged=counts["unchanged"],
                        duplicates=counts["duplicate"],
                        failed=len(failures),
                    )
                )
            if not frozen:  # after the first save: by then the writer has loaded what it keeps
                frozen = True
                gc.freeze()
    finally:
        if frozen:
            gc.unfreeze()
    try:
        store.finish_batch(counts["added"] + counts["updated"] + counts["duplicate"])
    except DiplographError as error:  # what the batch stored stays stored; only the tidying failed
        log.warning("could not tidy the store after the batch: %s", error)
    return AddSummary(
        added=counts["added"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        duplicates=counts["duplicate"],
        failures=tuple(failures),
        seconds=time.perf_counter() - started,
    )


class KnowledgeBase(Store):
    """A store that can also read and extract reports itself: ``open_store(url).add(paths)``.

    The store layer cannot import the batch wiring (the flow is one-way), so the Python API's
    ``diplograph.open_store`` returns this subclass, which adds the one method that needs it.
    """

    def add(
        self,
        paths: Sequence[str | Path],
        *,
        workers: int = 1,
        encoding: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        progress: Callable[[Progress], None] | None = None,
    ) -> AddSummary:
        """Read, extract and store every report under ``paths`` (see ``add_paths``)."""
        return add_paths(
            self, paths, workers=workers, encoding=encoding, max_bytes=max_bytes, progress=progress
        )


def open_knowledge_base(url: str | os.PathLike[str]) -> KnowledgeBase:
    """Open (creating and migrating) a database as a KnowledgeBase: a Store with ``add``."""
    return KnowledgeBase(open_store(url).engine)

"""Batch wiring: sources on disk or stdin -> articles -> extractions, in order, on one core or many.

A source that cannot be read becomes an IngestError in the output stream, in its place, so one bad
file never stops a batch and the caller decides how to report it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from diplograph.errors import ExtractionError, IngestError
from diplograph.extract import extract_article
from diplograph.ingest import DEFAULT_MAX_BYTES, read_articles
from diplograph.ingest.read import STDIN, walk
from diplograph.model import Article, Extraction

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "Outcome", "extract_paths"]

log = logging.getLogger(__name__)

Outcome = Extraction | IngestError

# A directory walk leaves out .json files: annotations kept beside reports (gold/*.json) are not
# reports, and reading them would fail the batch. A .json file named on the command line is read.
_SKIPPED_IN_DIRECTORIES = frozenset({".json"})


@dataclass(frozen=True, slots=True)
class _Failure:
    """An IngestError in a form that crosses process boundaries (IngestError itself does not pickle)."""

    source: str
    problem: str


@dataclass(frozen=True, slots=True, kw_only=True)
class _Options:
    encoding: str | None
    max_bytes: int


_Job = Path | Article | _Failure
_Result = list[Extraction | _Failure]


def extract_paths(
    paths: Sequence[str | Path],
    *,
    workers: int = 1,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Outcome]:
    """Extract every report under ``paths`` in input order; ``-`` reads standard input.

    With ``workers > 1`` files are read and extracted in a spawn-started process pool, in chunks;
    the output is the same, in the same order, as with one worker.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    options = _Options(encoding=encoding, max_bytes=max_bytes)
    jobs = list(_jobs(paths, options))
    log.info("extracting %d sources with %d worker(s)", len(jobs), workers)
    if workers == 1 or len(jobs) < 2:
        yield from _unpack(_run_job(job, options) for job in jobs)
        return
    # An executor, not multiprocessing.Pool: a worker that dies (e.g. killed for memory) raises
    # BrokenProcessPool here instead of leaving the batch waiting forever.
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_ignore_interrupts,
    )
    chunksize = max(1, min(32, len(jobs) // (workers * 4)))
    try:
        yield from _unpack(executor.map(_run_job, jobs, repeat(options), chunksize=chunksize))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _jobs(paths: Sequence[str | Path], options: _Options) -> Iterator[_Job]:
    """One job per file to read; stdin is read here, in the parent, so workers get ready articles."""
    for raw in paths:
        if os.fspath(raw) == STDIN:
            for item in read_articles(STDIN, encoding=options.encoding, max_bytes=options.max_bytes):
                yield _Failure(item.source, item.problem) if isinstance(item, IngestError) else item
        elif Path(raw).is_dir():
            files = [f for f in walk(Path(raw)) if f.suffix.lower() not in _SKIPPED_IN_DIRECTORIES]
            if not files:
                yield _Failure(str(raw), "no files diplograph can read in this directory")
            yield from files
        else:
            yield Path(raw)


def _run_job(job: _Job, options: _Options) -> _Result:
    """Read one file (or take a ready article) and extract it; errors become _Failure values."""
    if isinstance(job, _Failure):
        return [job]
    if isinstance(job, Article):
        return [_extract(job, label=job.doc)]
    items = read_articles(job, encoding=options.encoding, max_bytes=options.max_bytes)
    return [
        _Failure(item.source, item.problem)
        if isinstance(item, IngestError)
        else _extract(item, label=str(job))
        for item in items
    ]


def _extract(article: Article, *, label: str) -> Extraction | _Failure:
    try:
        return extract_article(article)
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


def _ignore_interrupts() -> None:
    """Ctrl-C is the parent's to handle: it stops the pool, and workers should not each print a trace."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

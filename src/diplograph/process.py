"""Batch wiring: sources on disk or stdin -> articles -> extractions, in order, on one core or many.

A source that cannot be read becomes an IngestError in the output stream, in its place, so one bad
file never stops a batch and the caller decides how to report it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from diplograph.errors import ExtractionError, IngestError
from diplograph.extract import extract_article
from diplograph.ingest import read_articles, read_stream
from diplograph.model import Article, Extraction

__all__ = [
    "DEFAULT_MAX_BYTES",
    "REPORT_SUFFIXES",
    "STDIN",
    "Outcome",
    "extract_paths",
]

log = logging.getLogger(__name__)

Outcome = Extraction | IngestError

STDIN = "-"
DEFAULT_MAX_BYTES = 20_000_000
# Files a directory walk picks up; a file named on the command line is read whatever its suffix.
# Leaving out .json keeps annotation files that sit beside reports (gold/*.json) out of a batch.
REPORT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".rss", ".atom", ".xml"})


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


def _expand(path: Path) -> Iterator[Path | _Failure]:
    """Every file to read under one named path: the file itself, or a directory walked in sorted order."""
    if path.is_dir():
        found = sorted(_walk(path))
        if not found:
            yield _Failure(str(path), "no report files in directory")
        yield from found
    elif path.exists():
        yield path
    else:
        yield _Failure(str(path), "no such file or directory")


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            candidate = Path(root, name)
            if not name.startswith(".") and candidate.suffix.lower() in REPORT_SUFFIXES:
                yield candidate


def extract_paths(
    paths: Sequence[str | Path],
    *,
    workers: int = 1,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Outcome]:
    """Extract every report under ``paths`` in input order; ``-`` reads standard input.

    With ``workers > 1`` files are read and extracted in a spawn-started process pool; the output
    is the same, in the same order, as with one worker.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    options = _Options(encoding=encoding, max_bytes=max_bytes)
    jobs = list(_jobs(paths, options=options, stdin=stdin))
    log.info("extracting %d sources with %d worker(s)", len(jobs), workers)
    if workers == 1 or len(jobs) < 2:
        results: Iterable[_Result] = (_run_job(job, options) for job in jobs)
        yield from _unpack(results)
        return
    context = multiprocessing.get_context("spawn")
    chunksize = max(1, min(32, len(jobs) // (workers * 4)))
    with context.Pool(processes=min(workers, len(jobs)), initializer=_quiet_worker) as pool:
        yield from _unpack(pool.imap(_run_job_star, ((job, options) for job in jobs), chunksize=chunksize))


def _jobs(paths: Sequence[str | Path], *, options: _Options, stdin: BinaryIO | None) -> Iterator[_Job]:
    stdin_read = False
    for raw in paths:
        if str(raw) != STDIN:
            yield from _expand(Path(raw))
        elif stdin_read:
            yield _Failure(STDIN, "standard input can only be read once")
        else:
            stdin_read = True
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, options)


def _read_stdin(stream: BinaryIO, options: _Options) -> Iterator[Article | _Failure]:
    # stdin is read here, in the parent, so that workers only ever receive finished articles.
    try:
        yield from read_stream(stream, doc=STDIN, encoding=options.encoding, max_bytes=options.max_bytes)
    except IngestError as error:
        yield _Failure(error.source, error.problem)


def _run_job_star(args: tuple[_Job, _Options]) -> _Result:
    return _run_job(*args)


def _run_job(job: _Job, options: _Options) -> _Result:
    """Read one source (or take a ready article) and extract it; errors become _Failure values."""
    if isinstance(job, _Failure):
        return [job]
    if isinstance(job, Article):
        return [_extract(job, label=STDIN)]
    out: _Result = []
    try:
        for article in read_articles(job, encoding=options.encoding, max_bytes=options.max_bytes):
            out.append(_extract(article, label=str(job)))
    except IngestError as error:
        out.append(_Failure(error.source, error.problem))
    return out


def _extract(article: Article, *, label: str) -> Extraction | _Failure:
    try:
        return extract_article(article)
    except ExtractionError as error:
        log.warning("extraction failed on %s (%s): %s", label, article.doc, error)
        return _Failure(label, f"extraction failed on {article.doc}: {error}")


def _unpack(results: Iterable[_Result]) -> Iterator[Outcome]:
    for result in results:
        for item in result:
            yield IngestError(item.source, item.problem) if isinstance(item, _Failure) else item


def _quiet_worker() -> None:
    """Workers share the parent's stderr; Ctrl-C is the parent's to handle, not each worker's."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)

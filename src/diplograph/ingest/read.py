"""Paths -> Articles: walking directories, reading stdin, decoding, and choosing the reader."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from diplograph.errors import IngestError
from diplograph.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes, read_limited, read_stream
from diplograph.ingest.feed import articles_from_feed
from diplograph.ingest.html import articles_from_html
from diplograph.ingest.jsonl import articles_from_json, articles_from_jsonl
from diplograph.ingest.sniff import EXTENSIONS, format_from_name, sniff_text
from diplograph.ingest.text import build_article, normalize_text
from diplograph.model import Article

logger = logging.getLogger(__name__)

STDIN = "-"
_STDIN_NAME = "<stdin>"


def articles_from_bytes(
    data: bytes, *, source: str, name: str, encoding: str | None = None
) -> Iterator[Article | IngestError]:
    """Every Article in one file's bytes; ``source`` names it in errors, ``name`` is its basename."""
    declared = format_from_name(name)
    try:
        text = decode_bytes(data, source=source, encoding=encoding)
    except IngestError as error:
        yield error
        return
    kind = declared or sniff_text(text)
    if kind == "feed":
        yield from articles_from_feed(data, source=source, basename=name, encoding=encoding)
    elif kind == "html":
        yield from articles_from_html(text, doc=name, source=source)
    elif kind == "jsonl":
        yield from articles_from_jsonl(text, source=source, basename=name)
    elif kind == "json":
        yield from articles_from_json(text, source=source, basename=name)
    else:
        yield build_article(normalize_text(text), doc=name)


def _read_file(path: Path, *, encoding: str | None, max_bytes: int) -> Iterator[Article | IngestError]:
    source = str(path)
    try:
        data = read_limited(path, max_bytes=max_bytes)
    except IngestError as error:
        yield error
        return
    except FileNotFoundError:
        yield IngestError(source, "no such file or directory")
        return
    except IsADirectoryError:
        yield IngestError(source, "is a directory")
        return
    except OSError as error:
        yield IngestError(source, f"cannot read ({error.strerror or error})")
        return
    yield from articles_from_bytes(data, source=source, name=path.name, encoding=encoding)


def _read_stdin(*, encoding: str | None, max_bytes: int) -> Iterator[Article | IngestError]:
    try:
        data = read_stream(sys.stdin.buffer, source=_STDIN_NAME, max_bytes=max_bytes)
    except IngestError as error:
        yield error
        return
    yield from articles_from_bytes(data, source=_STDIN_NAME, name=_STDIN_NAME, encoding=encoding)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory`` that diplograph can read, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if _hidden(name):
                continue
            suffix = Path(name).suffix.lower()
            if suffix and suffix not in EXTENSIONS:
                logger.debug("skipping %s: not a format diplograph reads", Path(root, name))
                continue
            yield Path(root, name)


def iter_source(
    path: str | os.PathLike[str], *, encoding: str | None, max_bytes: int
) -> Iterator[Article | IngestError]:
    """Everything one command-line argument holds: a file, a directory (recursively) or stdin."""
    if os.fspath(path) == STDIN:
        yield from _read_stdin(encoding=encoding, max_bytes=max_bytes)
        return
    target = Path(path)
    if target.is_dir():
        for file in walk(target):
            yield from _read_file(file, encoding=encoding, max_bytes=max_bytes)
    elif not target.exists():
        yield IngestError(str(path), "no such file or directory")
    else:
        yield from _read_file(target, encoding=encoding, max_bytes=max_bytes)


def read_articles(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | IngestError]:
    """Articles from files, directories and "-" (stdin); a bad source yields an IngestError, not a raise."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for path in paths:
        yield from iter_source(path, encoding=encoding, max_bytes=max_bytes)


def read_article(
    path: str | os.PathLike[str], *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """The one article a file holds; IngestError if it cannot be read or holds several."""
    if os.fspath(path) != STDIN and Path(path).is_dir():
        raise IngestError(str(path), "is a directory; use read_articles() to read a directory")
    articles: list[Article] = []
    for item in iter_source(path, encoding=encoding, max_bytes=max_bytes):
        if isinstance(item, IngestError):
            raise item
        articles.append(item)
    if not articles:
        raise IngestError(str(path), "no article found")
    if len(articles) > 1:
        raise IngestError(
            str(path), f"holds {len(articles)} articles; use read_articles() to read them one by one"
        )
    return articles[0]

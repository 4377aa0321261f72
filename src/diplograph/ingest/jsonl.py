"""JSON Lines (one report per line) and plain JSON (one object or a list of them).

A record needs "text"; "title", "url", "published", "source" and "doc"/"id" are optional. A bad
line becomes an IngestError naming ``file:line`` and the reading goes on with the next one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from diplograph.errors import IngestError
from diplograph.ingest.text import build_article, normalize_text
from diplograph.model import Article

_OPTIONAL = ("title", "url", "published", "source")
_KNOWN = frozenset({"text", "doc", "id", *_OPTIONAL})


class RecordError(ValueError):
    """A JSON record that cannot be a report; the message is the problem."""


def _string_field(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RecordError(f'"{key}" must be a string, not {type(value).__name__}')
    return str(value)


def article_from_record(record: object, *, fallback_doc: str) -> Article:
    """The Article of one JSON record; RecordError says what is wrong with it."""
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    if "text" not in record:
        raise RecordError('no "text" field')
    text = record["text"]
    if not isinstance(text, str):
        raise RecordError(f'"text" must be a string, not {type(text).__name__}')
    if not text.strip():
        raise RecordError('"text" is empty')
    fields = {key: _string_field(record, key) for key in _OPTIONAL}
    doc = _string_field(record, "doc") or _string_field(record, "id") or fallback_doc
    extra = tuple(
        (str(key), str(value))
        for key, value in record.items()
        if key not in _KNOWN and isinstance(value, str | int | float) and not isinstance(value, bool)
    )
    return build_article(
        normalize_text(text),
        doc=doc,
        title=fields["title"],
        url=fields["url"],
        published=fields["published"],
        source=fields["source"],
        metadata=extra,
    )


def articles_from_jsonl(text: str, *, source: str, basename: str) -> Iterator[Article | IngestError]:
    """One Article (or IngestError) per non-blank line."""
    lines = text.split("\n")
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        where = f"{source}:{index + 1}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            cut = index == last and not text.endswith("\n")
            problem = (
                "line is cut short (incomplete JSON at the end of the file); the file may be half-written"
                if cut
                else f"not valid JSON ({error.msg} at column {error.colno})"
            )
            yield IngestError(where, problem)
            continue
        try:
            yield article_from_record(record, fallback_doc=f"{basename}:{index + 1}")
        except RecordError as error:
            yield IngestError(where, str(error))


def articles_from_json(text: str, *, source: str, basename: str) -> Iterator[Article | IngestError]:
    """The Article of a JSON object, or one per object of a JSON list."""
    try:
        data = json.loads(text)
    except ValueError as error:
        yield IngestError(source, f"not valid JSON ({error})")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, 1):
        where = f"{source}:{index}" if isinstance(data, list) else source
        fallback = f"{basename}:{index}" if isinstance(data, list) else basename
        try:
            yield article_from_record(record, fallback_doc=fallback)
        except RecordError as error:
            yield IngestError(where, str(error))

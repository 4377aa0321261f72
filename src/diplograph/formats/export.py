"""The whole store as JSON Lines: one object per line, each with a ``type``, in a stable order.

Reports first (with their text), then people, mechanisms, engagements (with attendees and
sources), figures, statements and commitments; each kind in a fixed order (engagements by date),
so two exports of the same store are byte-identical and diff cleanly.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from diplograph.query.commitments import CommitmentRecord
from diplograph.query.results import (
    EngagementRecord,
    FigureRecord,
    MechanismSummary,
    PersonRecord,
    ReportRecord,
)
from diplograph.query.statements import StatementRecord

Record = (
    ReportRecord
    | PersonRecord
    | MechanismSummary
    | EngagementRecord
    | FigureRecord
    | StatementRecord
    | CommitmentRecord
)

TYPES: dict[type[Any], str] = {
    ReportRecord: "report",
    PersonRecord: "person",
    MechanismSummary: "mechanism",
    EngagementRecord: "engagement",
    FigureRecord: "figure",
    StatementRecord: "statement",
    CommitmentRecord: "commitment",
}


def as_json(value: Any) -> Any:
    """Result dataclasses (nested, in pages and tuples) as plain JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: as_json(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [as_json(item) for item in value]
    return value


def line(item: Record) -> str:
    """One record as a JSON line with its ``type`` first (no trailing newline)."""
    return json.dumps({"type": TYPES[type(item)], **as_json(item)}, ensure_ascii=False)


def lines(*streams: Iterable[Record]) -> Iterator[str]:
    """JSON lines of every record of every stream, in the order given."""
    for stream in streams:
        for item in stream:
            yield line(item)


def write_jsonl(out: TextIO, *streams: Iterable[Record]) -> int:
    """Write every record, one per line; returns how many were written."""
    count = 0
    for text in lines(*streams):
        out.write(text + "\n")
        count += 1
    return count

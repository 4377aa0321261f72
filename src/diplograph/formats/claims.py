"""Statements, commitments and topic threads as terminal text and CSV (the CLI's views of issue 5)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import TextIO

from diplograph.formats.table import footer, grid
from diplograph.query.commitments import CommitmentRecord, Thread
from diplograph.query.results import Page
from diplograph.query.statements import StatementRecord

__all__ = ["STATEMENT_COLUMNS", "commitments", "statements", "threads", "write_statements"]

STATEMENT_COLUMNS = (
    "published",
    "speaker",
    "speaker_kind",
    "side",
    "act",
    "domains",
    "content",
    "report_id",
    "doc",
    "content_start",
    "content_end",
)


def _speaker(record: StatementRecord) -> str:
    if record.speaker_kind == "both":
        return "both sides"
    return record.speaker or f"{record.side or '?'} side"


def statements(page: Page[StatementRecord]) -> str:
    rows = [
        (
            item.published or "",
            _speaker(item),
            item.side or "",
            item.act,
            ", ".join(item.domains),
            item.content,
            item.doc,
        )
        for item in page.items
    ]
    header = ("date", "speaker", "side", "act", "domains", "content", "report")
    return (grid(header, rows) if rows else "") + footer(page, "statements")


def write_statements(items: Iterable[StatementRecord], out: TextIO) -> None:
    """One CSV row per statement; domains joined by '|'."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STATEMENT_COLUMNS)
    for item in items:
        values = {
            "published": item.published or "",
            "speaker": item.speaker or "",
            "speaker_kind": item.speaker_kind,
            "side": item.side or "",
            "act": item.act,
            "domains": "|".join(item.domains),
            "content": item.content,
            "report_id": item.report_id,
            "doc": item.doc,
            "content_start": str(item.content_start),
            "content_end": str(item.content_end),
        }
        writer.writerow([values[column] for column in STATEMENT_COLUMNS])


def _aim(item: CommitmentRecord) -> str:
    return "; ".join(x for x in (item.target, item.deadline) if x)


def commitments(page: Page[CommitmentRecord]) -> str:
    rows = [
        (
            item.date or "",
            item.stage,
            "-".join(item.parties),
            item.topic,
            item.item,
            _aim(item),
            item.doc,
        )
        for item in page.items
    ]
    header = ("date", "stage", "parties", "topic", "item", "target/deadline", "report")
    return (grid(header, rows) if rows else "") + footer(page, "commitments")


def threads(found: Sequence[Thread]) -> str:
    """Each topic's path: its steps in order, each with the reports and quotes that move it."""
    parts: list[str] = []
    for item in found:
        lines = [f"{item.topic} ({'-'.join(item.parties) or '?'})  [{item.key}]"]
        lines += [f"  mechanism: {name}" for name in item.mechanisms]
        lines += [f"  initiative: {name}" for name in item.initiatives]
        for step in item.steps:
            mark = "→" if step.advances else "·"
            lines.append(f"  {mark} {step.date or 'undated'}  {step.stage}")
            for entry in step.entries:
                aim = f" ({_aim(entry)})" if _aim(entry) else ""
                lines.append(f"      {entry.item}{aim}")
                lines.append(f'      "{" ".join(entry.evidence.split())}" — {entry.doc}')
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)

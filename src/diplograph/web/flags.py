"""Flags: a reader's note that one extracted fact of a report is wrong, stored beside the facts.

A flag names its report and its target: an engagement mention (``mention``, by mention id), a
person named in the report (``person``, by person id) or a figure (``figure``, by its position in
the report). Flags are shown on the report page and exported as JSON and CSV, so the people who
tune the extractor can read them. The store has no flag API yet; this module writes the ``flags``
table itself, in one short transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select

from diplograph import query
from diplograph.query.results import Page
from diplograph.store import schema
from diplograph.store.engine import WRITE
from diplograph.web.data import Flag

FL = schema.flags
MN = schema.mentions
PM = schema.person_mentions
FG = schema.figures
R = schema.reports

TARGETS = ("mention", "person", "figure")
MAX_REASON = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet reads a cell starting so as a formula


class FlagError(ValueError):
    """A flag that cannot be stored: unknown report or target, or an empty or oversized reason."""


def clean_reason(reason: str) -> str:
    """The reason as stored: control characters dropped, whitespace trimmed, length checked."""
    text = _CONTROL.sub("", reason).strip()
    if not text:
        raise FlagError("say why the fact is wrong")
    if len(text) > MAX_REASON:
        raise FlagError(f"the reason is longer than {MAX_REASON} characters")
    return text


def add_flag(store: query.Readable, report_id: str, *, target: str, target_id: str, reason: str) -> Flag:
    """Store a flag on one fact of one report; raises FlagError when the fact is not in that report."""
    if target not in TARGETS:
        raise FlagError(f"target must be one of {', '.join(TARGETS)}, not {target!r}")
    text = clean_reason(reason)
    created = dt.datetime.now(dt.UTC)
    with store.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
        if conn.execute(select(R.c.id).where(R.c.id == report_id)).first() is None:
            raise FlagError(f"no report {report_id!r}")
        if not _target_exists(conn, report_id, target, target_id):
            raise FlagError(f"report {report_id} has no {target} {target_id!r}")
        flag_id = conn.execute(
            insert(FL)
            .values(report_id=report_id, target=target, target_id=target_id, reason=text, created_at=created)
            .returning(FL.c.id)
        ).scalar_one()
    return Flag(
        id=flag_id,
        report_id=report_id,
        target=target,
        target_id=target_id,
        reason=text,
        created_at=_stamp(created),
    )


def _target_exists(conn: Connection, report_id: str, target: str, target_id: str) -> bool:
    if target == "mention":
        found = select(MN.c.id).where(MN.c.report_id == report_id, MN.c.id == target_id)
    elif target == "person":
        found = select(PM.c.person_id).where(PM.c.report_id == report_id, PM.c.person_id == target_id)
    else:
        if not target_id.isdigit() or len(target_id) > 9:
            return False
        found = select(FG.c.position).where(FG.c.report_id == report_id, FG.c.position == int(target_id))
    return conn.execute(found.limit(1)).first() is not None


def _stamp(value: dt.datetime) -> str:
    """ISO time in UTC; SQLite hands back naive datetimes, which the store wrote in UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="seconds")


def _flag(row: Row[Any]) -> Flag:
    return Flag(
        id=row.id,
        report_id=row.report_id,
        target=row.target,
        target_id=row.target_id,
        reason=row.reason,
        created_at=_stamp(row.created_at),
    )


def report_flags(conn: Connection, report_id: str) -> tuple[Flag, ...]:
    """A report's flags, oldest first."""
    rows = conn.execute(select(FL).where(FL.c.report_id == report_id).order_by(FL.c.id))
    return tuple(_flag(row) for row in rows)


def flag_list(store: query.Readable, *, limit: int, offset: int) -> Page[Flag]:
    """Every flag, newest first."""
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(FL)).scalar_one()
        rows = conn.execute(select(FL).order_by(FL.c.id.desc()).limit(limit).offset(offset))
        return Page(items=tuple(_flag(row) for row in rows), total=total, limit=limit, offset=offset)


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def flags_csv(store: query.Readable, *, batch: int = 500) -> Iterator[str]:
    """Every flag as CSV lines (header first), oldest first, with the quote of the flagged fact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "created_at", "report_id", "doc", "target", "target_id", "reason"])
    yield _drain(buffer)
    last = 0
    while True:
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(FL, R.c.doc)
                .join(R, R.c.id == FL.c.report_id)
                .where(FL.c.id > last)
                .order_by(FL.c.id)
                .limit(batch)
            ).all()
        if not rows:
            return
        for row in rows:
            flag = _flag(row)
            writer.writerow(
                [
                    csv_cell(value)
                    for value in (
                        flag.id,
                        flag.created_at,
                        flag.report_id,
                        row.doc,
                        flag.target,
                        flag.target_id,
                        flag.reason,
                    )
                ]
            )
        last = rows[-1].id
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text

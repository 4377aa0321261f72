"""Commitments and their threads: what the sides agreed, and one topic's path from proposal to done.

A topic is found by what a user types ("railway", "3+3"): every stored topic key, topic, mechanism
and initiative name is folded and searched for the folded text. The distinct topics are few next to
the commitments, so the match runs in Python over them and the commitments are then read by key.
A thread is ordered by resolve.lifecycle, each report dated by its publication date, else by the
earliest engagement it describes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, false, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from diplograph.extract.normalize import fold
from diplograph.model import COMMITMENT_STAGES, CommitmentStage
from diplograph.query._common import NoMatch, Readable, check_page, chunks, connect
from diplograph.query.lookup import mechanism_id
from diplograph.query.results import Page
from diplograph.resolve import lifecycle
from diplograph.store import schema

__all__ = [
    "CommitmentRecord",
    "InitiativeRecord",
    "Thread",
    "ThreadStep",
    "TopicSummary",
    "check_stage",
    "commitments",
    "initiatives",
    "report_commitments",
    "thread",
    "topics",
]

C = schema.commitments
R = schema.reports
MN = schema.mentions
M = schema.mechanisms
MA = schema.mechanism_aliases
I = schema.initiatives  # noqa: E741
IM = schema.initiative_mentions


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitmentRecord:
    """One report's commitment with its provenance; ``date`` is the report's date (see the module)."""

    report_id: str
    doc: str
    title: str | None
    published: str | None
    date: str | None
    anchor: str
    item: str
    stage: str
    parties: tuple[str, ...]
    target: str | None
    deadline: str | None
    topic: str
    topic_key: str | None
    mechanism: str | None
    initiative: str | None
    domains: tuple[str, ...]
    evidence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ThreadStep:
    """One stage of a topic on one date, with every report that put it there.

    ``advances`` is True when the step takes the topic further along proposed -> agreed -> under
    way -> done than any earlier step did.
    """

    stage: str
    date: str | None
    advances: bool
    entries: tuple[CommitmentRecord, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Thread:
    """One topic's path across reports, oldest first (undated reports last)."""

    key: str
    topic: str
    parties: tuple[str, ...]
    mechanisms: tuple[str, ...]
    initiatives: tuple[str, ...]
    steps: tuple[ThreadStep, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicSummary:
    """A topic on file: how many commitments and reports, and the furthest stage reached."""

    key: str
    topic: str
    commitments: int
    reports: int
    stage: str


@dataclass(frozen=True, slots=True, kw_only=True)
class InitiativeRecord:
    """An initiative, themed year, project or anniversary, with the wordings reports use for it."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    reports: int
    first: str | None
    last: str | None


def check_stage(stage: str | None) -> str | None:
    if stage is not None and stage not in COMMITMENT_STAGES:
        raise ValueError(f"stage must be one of {', '.join(COMMITMENT_STAGES)}, not {stage!r}")
    return stage


def commitments(
    store: Readable,
    *,
    topic: str | None = None,
    stage: str | None = None,
    mechanism: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[CommitmentRecord]:
    """Commitments by report date (undated last), then in the report's order.

    ``topic`` is text matched as ``thread`` matches it (no match gives an empty page);
    ``mechanism`` a mechanism name or id (NoMatch / Ambiguous) whose items are wanted.
    """
    check_page(limit, offset)
    check_stage(stage)
    with connect(store) as conn:
        where: list[ColumnElement[bool]] = []
        if topic is not None:
            where.append(_topic_filter(_matching_keys(conn, topic)))
        if stage is not None:
            where.append(C.c.stage == stage)
        if mechanism is not None:
            where.append(_mechanism_filter(conn, mechanism_id(conn, mechanism)))
        joined = C.join(R, R.c.id == C.c.report_id)
        total = int(conn.execute(select(func.count()).select_from(joined).where(*where)).scalar_one())
        rows = conn.execute(
            select(C, R.c.doc, R.c.title, R.c.published)
            .select_from(joined)
            .where(*where)
            .order_by(R.c.published.is_(None), R.c.published, R.c.id, C.c.position)
            .limit(limit)
            .offset(offset)
        ).all()
        return Page(items=tuple(_records(conn, rows)), total=total, limit=limit, offset=offset)


def report_commitments(conn: Connection, report_id: str) -> list[CommitmentRecord]:
    """Every commitment of one report, in its order (for the report page)."""
    rows = conn.execute(
        select(C, R.c.doc, R.c.title, R.c.published)
        .join(R, R.c.id == C.c.report_id)
        .where(C.c.report_id == report_id)
        .order_by(C.c.position)
    ).all()
    return _records(conn, rows)


def thread(store: Readable, text: str) -> tuple[Thread, ...]:
    """Every topic ``text`` names (in a topic key, topic, mechanism or initiative), each as its path.

    Topics with more reports come first. NoMatch when no topic matches; ValueError for empty text.
    """
    if not fold(text):
        raise ValueError("a thread needs some text to look for, such as 'railway'")
    with connect(store) as conn:
        keys = _matching_keys(conn, text)
        if not keys:
            raise NoMatch(f"no commitment topic matches {text!r}")
        rows: list[Any] = []
        for part in chunks(sorted(keys)):
            rows += conn.execute(
                select(C, R.c.doc, R.c.title, R.c.published)
                .join(R, R.c.id == C.c.report_id)
                .where(C.c.topic_key.in_(part))
                .order_by(R.c.id, C.c.position)
            ).all()
        grouped: dict[str, list[CommitmentRecord]] = {}
        for record in _records(conn, rows):
            grouped.setdefault(record.topic_key or "", []).append(record)
    found = [_thread(key, records) for key, records in grouped.items()]
    found.sort(key=lambda item: (-len({e.report_id for s in item.steps for e in s.entries}), item.key))
    return tuple(found)


def topics(store: Readable, *, limit: int = 100, offset: int = 0) -> Page[TopicSummary]:
    """Every commitment topic on file, most reported first."""
    check_page(limit, offset)
    with connect(store) as conn:
        counts = (
            select(
                C.c.topic_key,
                func.count().label("commitments"),
                func.count(func.distinct(C.c.report_id)).label("reports"),
            )
            .where(C.c.topic_key.is_not(None))
            .group_by(C.c.topic_key)
        )
        total = int(conn.execute(select(func.count()).select_from(counts.subquery())).scalar_one())
        rows = conn.execute(
            counts.order_by(func.count(func.distinct(C.c.report_id)).desc(), C.c.topic_key)
            .limit(limit)
            .offset(offset)
        ).all()
        keys = [row.topic_key for row in rows]
        named: dict[str, Counter[str]] = {}
        stages: dict[str, set[str]] = {}
        for part in chunks(keys):
            for key, name, stage in conn.execute(
                select(C.c.topic_key, C.c.topic, C.c.stage).where(C.c.topic_key.in_(part))
            ):
                named.setdefault(key, Counter())[name] += 1
                stages.setdefault(key, set()).add(stage)
    items = tuple(
        TopicSummary(
            key=row.topic_key,
            topic=_most_common(named.get(row.topic_key, Counter())),
            commitments=int(row.commitments),
            reports=int(row.reports),
            stage=max(stages.get(row.topic_key, {"proposed"}), key=COMMITMENT_STAGES.index),
        )
        for row in rows
    )
    return Page(items=items, total=total, limit=limit, offset=offset)


def initiatives(store: Readable) -> tuple[InitiativeRecord, ...]:
    """Every initiative on file with its wordings and the span of reports naming it, by name."""
    with connect(store) as conn:
        aliases: dict[str, set[str]] = {}
        for key, alias in conn.execute(select(IM.c.initiative_id, IM.c.alias)):
            aliases.setdefault(key, set()).add(alias)
        rows = conn.execute(
            select(
                I.c.id,
                I.c.name,
                I.c.kind,
                func.count(func.distinct(IM.c.report_id)).label("reports"),
                func.min(R.c.published).label("first"),
                func.max(R.c.published).label("last"),
            )
            .join(IM, IM.c.initiative_id == I.c.id)
            .join(R, R.c.id == IM.c.report_id)
            .group_by(I.c.id, I.c.name, I.c.kind)
            .order_by(I.c.name, I.c.id)
        ).all()
    return tuple(
        InitiativeRecord(
            id=row.id,
            name=row.name,
            kind=row.kind,
            aliases=tuple(sorted(aliases.get(row.id, ()))),
            reports=int(row.reports),
            first=row.first,
            last=row.last,
        )
        for row in rows
    )


def _matching_keys(conn: Connection, text: str) -> set[str]:
    """Topic keys whose key, topic, mechanism or initiative holds the folded ``text``."""
    wanted = fold(text)
    if not wanted:
        return set()
    query = select(C.c.topic_key, C.c.topic, C.c.mechanism, C.c.initiative).distinct()
    return {
        row.topic_key
        for row in conn.execute(query.where(C.c.topic_key.is_not(None)))
        if any(wanted in fold(value) for value in row if value)
    }


def _topic_filter(keys: set[str]) -> ColumnElement[bool]:
    if not keys:
        return false()
    return or_(*(C.c.topic_key.in_(part) for part in chunks(sorted(keys))))


def _mechanism_filter(conn: Connection, mechanism: str) -> ColumnElement[bool]:
    """Commitments about the mechanism: by its resolved key, or by one of the names it is known under."""
    key = conn.execute(select(M.c.key).where(M.c.id == mechanism)).scalar_one()
    aliases = conn.execute(select(MA.c.alias).where(MA.c.mechanism_id == mechanism)).scalars()
    names = {fold(name) for name in aliases}
    names.add(fold(conn.execute(select(M.c.name).where(M.c.id == mechanism)).scalar_one()))
    spelled = [
        value
        for value in conn.execute(
            select(C.c.mechanism).where(C.c.mechanism.is_not(None)).distinct()
        ).scalars()
        if fold(value) in names
    ]
    return or_(C.c.mechanism_key == key, C.c.mechanism.in_(spelled or [""]))


def _dates(conn: Connection, report_ids: Sequence[str]) -> dict[str, str]:
    """The earliest engagement date of each report, for reports without a publication date."""
    found: dict[str, str] = {}
    for part in chunks(sorted(set(report_ids))):
        query = (
            select(MN.c.report_id, func.min(MN.c.date))
            .where(MN.c.report_id.in_(part), MN.c.date.is_not(None))
            .group_by(MN.c.report_id)
        )
        for report_id, date in conn.execute(query):
            found[report_id] = date.split("/")[0]
    return found


def _records(conn: Connection, rows: Sequence[Any]) -> list[CommitmentRecord]:
    undated = _dates(conn, [row.report_id for row in rows if not row.published])
    return [
        CommitmentRecord(
            report_id=row.report_id,
            doc=row.doc,
            title=row.title,
            published=row.published,
            date=row.published.split("/")[0] if row.published else undated.get(row.report_id),
            anchor=f"commitment-{row.position}",
            item=row.item,
            stage=row.stage,
            parties=tuple(row.parties.split("|")) if row.parties else (),
            target=row.target,
            deadline=row.deadline,
            topic=row.topic,
            topic_key=row.topic_key,
            mechanism=row.mechanism,
            initiative=row.initiative,
            domains=tuple(row.domains.split("|")) if row.domains else (),
            evidence=row.evidence,
            start=row.start,
            end=row.end,
        )
        for row in rows
    ]


def _thread(key: str, records: list[CommitmentRecord]) -> Thread:
    steps = lifecycle((cast(CommitmentStage, r.stage), r.date, r) for r in records)
    return Thread(
        key=key,
        topic=_most_common(Counter(r.topic for r in records)),
        parties=tuple(sorted({party for r in records for party in r.parties})),
        mechanisms=tuple(sorted({r.mechanism for r in records if r.mechanism})),
        initiatives=tuple(sorted({r.initiative for r in records if r.initiative})),
        steps=tuple(
            ThreadStep(stage=step.stage, date=step.date, advances=step.advances, entries=step.refs)
            for step in steps
        ),
    )


def _most_common(counts: Counter[str]) -> str:
    if not counts:
        return ""
    best = max(counts.values())
    return min(name for name, count in counts.items() if count == best)

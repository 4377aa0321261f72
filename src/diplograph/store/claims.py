"""What a report says each side said and what they agreed: statements, commitments, initiative mentions.

They are per-report facts like mentions and figures: saved in the report's transaction, deleted with
it, read back field for field. Three things are resolved on the way in, all without new entities
that could drift: a statement's speaker gets the person id the report's people resolved to, a
commitment gets resolve.topic_key (its thread across reports) and the key of its mechanism (the
``mechanisms.key`` it matches once that mechanism is on file), and an initiative mention points at
one ``initiatives`` row per canonical name, deleted when no report names it any more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Connection, delete, select

from diplograph import resolve
from diplograph.errors import StoreError
from diplograph.model import (
    Commitment,
    CommitmentStage,
    Domain,
    Evidence,
    Extraction,
    InitiativeKind,
    InitiativeMention,
    SpeakerKind,
    Statement,
    StatementAct,
)
from diplograph.store._common import child_id, digest, insert_rows
from diplograph.store.people import ReportPeople
from diplograph.store.schema import (
    commitments,
    initiative_mentions,
    initiatives,
    statement_domains,
    statements,
)

__all__ = [
    "check_claims",
    "collect_initiatives",
    "initiative_id",
    "load_claims",
    "remove_claims",
    "statement_id",
    "write_claims",
]

SEPARATOR = "|"


def statement_id(report_id: str, position: int) -> str:
    return child_id(report_id, position)


def initiative_id(name: str, kind: str) -> str:
    return digest("initiative", name, kind)


def joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


def split(value: str) -> tuple[str, ...]:
    return tuple(value.split(SEPARATOR)) if value else ()


def check_claims(extraction: Extraction) -> None:
    """Refuse values the tables cannot hold back unchanged, on SQLite too, so both backends agree."""
    doc = extraction.article.doc
    words: list[str | None] = []
    for statement in extraction.statements:
        words += [statement.speaker, statement.side, *statement.domains]
    for commitment in extraction.commitments:
        words += [commitment.item, commitment.topic, commitment.target, commitment.deadline]
        words += [commitment.mechanism, commitment.initiative, *commitment.parties, *commitment.domains]
    for mention in extraction.initiatives:
        words += [mention.name, mention.alias]
    for word in words:
        if word is not None and "\x00" in word:
            raise StoreError(f"{doc}: a statement or commitment holds a NUL character")
    listed: list[str] = [value for statement in extraction.statements for value in statement.domains]
    listed += [value for item in extraction.commitments for value in (*item.domains, *item.parties)]
    if any(not value or SEPARATOR in value for value in listed):
        raise StoreError(f"{doc}: a domain or party is empty or holds {SEPARATOR!r}")


def write_claims(conn: Connection, report_id: str, extraction: Extraction, people: ReportPeople) -> None:
    """Store a report's statements, commitments and initiative mentions (after its people are resolved)."""
    _write_statements(conn, report_id, extraction.statements, people)
    _write_commitments(conn, report_id, extraction.commitments)
    _write_initiatives(conn, report_id, extraction.initiatives)


def _speaker_id(statement: Statement, people: ReportPeople) -> str | None:
    if statement.speaker is None:
        return None
    position = people.position_of(statement.speaker)
    return people.ids[position] if position is not None else None


def _write_statements(
    conn: Connection, report_id: str, found: Sequence[Statement], people: ReportPeople
) -> None:
    rows = [
        {
            "id": statement_id(report_id, index),
            "report_id": report_id,
            "position": index,
            "person_id": _speaker_id(statement, people),
            "speaker": statement.speaker,
            "speaker_kind": statement.speaker_kind,
            "side": statement.side,
            "act": statement.act,
            "content": statement.content.quote,
            "content_start": statement.content.start,
            "content_end": statement.content.end,
            "evidence": statement.evidence.quote,
            "evidence_start": statement.evidence.start,
            "evidence_end": statement.evidence.end,
            "domains": joined(statement.domains),
        }
        for index, statement in enumerate(found)
    ]
    if rows:
        insert_rows(conn, statements, rows)
    domains = [
        {"statement_id": statement_id(report_id, index), "domain": domain}
        for index, statement in enumerate(found)
        for domain in dict.fromkeys(statement.domains)
    ]
    if domains:
        insert_rows(conn, statement_domains, domains)


def _topic_key(commitment: Commitment) -> str | None:
    try:
        return resolve.topic_key(commitment)
    except ValueError:
        return None


def _mechanism_key(commitment: Commitment) -> str | None:
    if not commitment.mechanism:
        return None
    try:
        return resolve.mechanism_key(commitment.mechanism, commitment.parties)
    except ValueError:
        return None


def _write_commitments(conn: Connection, report_id: str, found: Sequence[Commitment]) -> None:
    rows = [
        {
            "report_id": report_id,
            "position": index,
            "item": commitment.item,
            "stage": commitment.stage,
            "parties": joined(commitment.parties),
            "target": commitment.target,
            "deadline": commitment.deadline,
            "topic": commitment.topic,
            "topic_key": _topic_key(commitment),
            "mechanism": commitment.mechanism,
            "mechanism_key": _mechanism_key(commitment),
            "initiative": commitment.initiative,
            "domains": joined(commitment.domains),
            "evidence": commitment.evidence.quote,
            "start": commitment.evidence.start,
            "end": commitment.evidence.end,
        }
        for index, commitment in enumerate(found)
    ]
    if rows:
        insert_rows(conn, commitments, rows)


def _write_initiatives(conn: Connection, report_id: str, found: Sequence[InitiativeMention]) -> None:
    wanted = {initiative_id(m.name, m.kind): {"name": m.name, "kind": m.kind} for m in found}
    if not wanted:
        return
    have = set(conn.execute(select(initiatives.c.id).where(initiatives.c.id.in_(list(wanted)))).scalars())
    new = [{"id": key, **values} for key, values in sorted(wanted.items()) if key not in have]
    if new:
        insert_rows(conn, initiatives, new)
    rows = [
        {
            "report_id": report_id,
            "position": index,
            "initiative_id": initiative_id(mention.name, mention.kind),
            "alias": mention.alias,
            "evidence": mention.evidence.quote,
            "start": mention.evidence.start,
            "end": mention.evidence.end,
        }
        for index, mention in enumerate(found)
    ]
    insert_rows(conn, initiative_mentions, rows)


def remove_claims(conn: Connection, report_id: str) -> set[str]:
    """Delete a report's statements (the rest goes with REPORT_FACTS); return the initiatives it named."""
    named = set(
        conn.execute(
            select(initiative_mentions.c.initiative_id).where(initiative_mentions.c.report_id == report_id)
        ).scalars()
    )
    conn.execute(
        delete(statement_domains).where(
            statement_domains.c.statement_id.in_(
                select(statements.c.id).where(statements.c.report_id == report_id)
            )
        )
    )
    conn.execute(delete(statements).where(statements.c.report_id == report_id))
    return named


def collect_initiatives(conn: Connection, ids: Iterable[str]) -> None:
    """Delete initiatives no report names any more."""
    for key in sorted(set(ids)):
        named = conn.execute(
            select(initiative_mentions.c.report_id).where(initiative_mentions.c.initiative_id == key).limit(1)
        ).first()
        if named is None:
            conn.execute(delete(initiatives).where(initiatives.c.id == key))


def load_claims(
    conn: Connection, report_id: str
) -> tuple[tuple[Statement, ...], tuple[Commitment, ...], tuple[InitiativeMention, ...]]:
    """A report's statements, commitments and initiative mentions as they were saved."""
    return _statements(conn, report_id), _commitments(conn, report_id), _mentions(conn, report_id)


def _statements(conn: Connection, report_id: str) -> tuple[Statement, ...]:
    query = select(statements).where(statements.c.report_id == report_id).order_by(statements.c.position)
    return tuple(
        Statement(
            speaker=row.speaker,
            speaker_kind=cast(SpeakerKind, row.speaker_kind),
            side=row.side,
            act=cast(StatementAct, row.act),
            content=Evidence(quote=row.content, start=row.content_start, end=row.content_end),
            domains=cast(tuple[Domain, ...], split(row.domains)),
            evidence=Evidence(quote=row.evidence, start=row.evidence_start, end=row.evidence_end),
        )
        for row in conn.execute(query)
    )


def _commitments(conn: Connection, report_id: str) -> tuple[Commitment, ...]:
    query = select(commitments).where(commitments.c.report_id == report_id).order_by(commitments.c.position)
    return tuple(
        Commitment(
            item=row.item,
            stage=cast(CommitmentStage, row.stage),
            parties=split(row.parties),
            target=row.target,
            deadline=row.deadline,
            topic=row.topic,
            mechanism=row.mechanism,
            initiative=row.initiative,
            domains=cast(tuple[Domain, ...], split(row.domains)),
            evidence=Evidence(quote=row.evidence, start=row.start, end=row.end),
        )
        for row in conn.execute(query)
    )


def _mentions(conn: Connection, report_id: str) -> tuple[InitiativeMention, ...]:
    query: Any = (
        select(initiative_mentions, initiatives.c.name, initiatives.c.kind)
        .join(initiatives, initiatives.c.id == initiative_mentions.c.initiative_id)
        .where(initiative_mentions.c.report_id == report_id)
        .order_by(initiative_mentions.c.position)
    )
    return tuple(
        InitiativeMention(
            name=row.name,
            alias=row.alias,
            kind=cast(InitiativeKind, row.kind),
            evidence=Evidence(quote=row.evidence, start=row.start, end=row.end),
        )
        for row in conn.execute(query)
    )

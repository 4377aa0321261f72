"""The JSON Lines record of one document, in the schema the scorer and the gold files use.

This is the only module where an engagement is called an "event": the key the schema uses.
Extra fields (evidence offsets, date basis, aliases, mentions) ride along; the scorer ignores them.
"""

from __future__ import annotations

import json
from typing import Any

from diplograph.model import (
    Commitment,
    Engagement,
    Evidence,
    Extraction,
    Figure,
    InitiativeMention,
    Person,
    Statement,
)


def _evidence(item: Evidence) -> dict[str, Any]:
    return {"quote": item.quote, "start": item.start, "end": item.end}


def _engagement(item: Engagement) -> dict[str, Any]:
    return {
        "type": item.kind,
        "status": item.status,
        "date": str(item.date) if item.date else None,
        "date_basis": item.date_basis,
        "location": item.location,
        "location_country": item.location_country,
        "location_basis": item.location_basis,
        "mechanism": item.mechanism,
        "ordinal": item.ordinal,
        "participants": [{"name": p.name, "country": p.country, "title": p.title} for p in item.participants],
        "evidence": item.evidence.quote,
        "evidence_span": [item.evidence.start, item.evidence.end],
    }


def _figure(item: Figure) -> dict[str, Any]:
    return {
        "indicator": item.indicator,
        "value": item.value,
        "unit": item.unit,
        "period": item.period,
        "change_pct": item.change_pct,
        "evidence": item.evidence.quote,
        "evidence_span": [item.evidence.start, item.evidence.end],
    }


def _person(item: Person) -> dict[str, Any]:
    return {
        "name": item.name,
        "country": item.country,
        "titles": list(item.titles),
        "aliases": list(item.aliases),
        "mentions": [_evidence(m) for m in item.mentions],
    }


def _statement(item: Statement) -> dict[str, Any]:
    return {
        "speaker": item.speaker,
        "speaker_kind": item.speaker_kind,
        "side": item.side,
        "act": item.act,
        "content": item.content.quote,
        "content_span": [item.content.start, item.content.end],
        "domains": list(item.domains),
        "evidence_span": [item.evidence.start, item.evidence.end],
    }


def _commitment(item: Commitment) -> dict[str, Any]:
    return {
        "item": item.item,
        "stage": item.stage,
        "parties": list(item.parties),
        "target": item.target,
        "deadline": item.deadline,
        "topic": item.topic,
        "mechanism": item.mechanism,
        "initiative": item.initiative,
        "domains": list(item.domains),
        "evidence": item.evidence.quote,
        "evidence_span": [item.evidence.start, item.evidence.end],
    }


def _initiative(item: InitiativeMention) -> dict[str, Any]:
    return {
        "name": item.name,
        "alias": item.alias,
        "kind": item.kind,
        "evidence_span": [item.evidence.start, item.evidence.end],
    }


def to_record(extraction: Extraction) -> dict[str, Any]:
    """One document as a JSON-ready dict: doc, published, events, figures, people (+ extras)."""
    article = extraction.article
    return {
        "doc": article.doc,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": str(article.published) if article.published else None,
        "published_basis": article.published_basis,
        "events": [_engagement(e) for e in extraction.engagements],
        "figures": [_figure(f) for f in extraction.figures],
        "people": [_person(p) for p in extraction.people],
        "statements": [_statement(s) for s in extraction.statements],
        "commitments": [_commitment(c) for c in extraction.commitments],
        "initiatives": [_initiative(i) for i in extraction.initiatives],
        "extractor_version": extraction.extractor_version,
        "notes": list(extraction.warnings),
    }


def dumps(extraction: Extraction) -> str:
    """One JSON line (no trailing newline), non-ASCII kept as is."""
    return json.dumps(to_record(extraction), ensure_ascii=False, sort_keys=False)

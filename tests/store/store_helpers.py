"""Helpers for the store tests: hand-built extractions and a normalised dump of a database.

Hand-built extractions keep the store tests about the store: what resolution and storage do with
given facts, whatever the extractor makes of a text this year. The sentences are our own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import Engine, select, text

from diplograph.model import (
    Article,
    Engagement,
    EngagementKind,
    Evidence,
    Extraction,
    Figure,
    PartialDate,
    Participant,
    Person,
    Status,
)
from diplograph.store.schema import metadata

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "src" / "diplograph" / "samples"
SCRIPT = REPO / "scripts" / "postgres.sh"
TIMESTAMPS = frozenset({"added_at", "updated_at", "created_at"})
VERSION = "store-tests-1"


def in_ci() -> bool:
    """Whether this is a CI run (CI set to anything but an empty or false value)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (search index included), times left out, in a stable order.

    Two databases built from the same reports must give equal dumps, whatever happened on the way.
    """
    tables: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as conn:
        for name, table in sorted(metadata.tables.items()):
            columns = [column for column in table.columns if column.name not in TIMESTAMPS]
            rows = conn.execute(select(*columns)).all()
            tables[name] = sorted((tuple(_plain(value) for value in row) for row in rows), key=repr)
        if conn.dialect.name == "postgresql":
            query = "SELECT report_id, document::text FROM reports_fts"
        else:
            query = "SELECT report_id, title, body FROM reports_fts"
        tables["reports_fts"] = sorted((tuple(row) for row in conn.execute(text(query))), key=repr)
    return tables


def _plain(value: object) -> object:
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, bool):
        return int(value)
    return value


def span(body: str, quote: str, after: int = 0) -> Evidence:
    """Evidence for the first ``quote`` in ``body`` at or after ``after``."""
    start = body.index(quote, after)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def person(
    body: str, name: str, country: str | None, *, titles: Sequence[str] = (), aliases: Sequence[str] = ()
) -> Person:
    """A person of ``body`` with a mention for every place a spelling of them appears."""
    mentions: list[Evidence] = []
    for spelling in (name, *aliases):
        start = body.find(spelling)
        while start >= 0:
            mentions.append(Evidence(quote=spelling, start=start, end=start + len(spelling)))
            start = body.find(spelling, start + len(spelling))
    mentions.sort(key=lambda evidence: evidence.start)
    return Person(
        name=name, country=country, titles=tuple(titles), aliases=tuple(aliases), mentions=tuple(mentions)
    )


def engagement(
    body: str,
    quote: str,
    *,
    kind: EngagementKind = "talks",
    status: Status = "held",
    date: str | None = None,
    location: str | None = None,
    country: str | None = None,
    mechanism: str | None = None,
    ordinal: int | None = None,
    participants: Iterable[tuple[str, str | None, str | None]] = (),
) -> Engagement:
    return Engagement(
        kind=kind,
        status=status,
        date=PartialDate.parse(date) if date else None,
        date_basis="explicit" if date else "none",
        location=location,
        location_country=country,
        mechanism=mechanism,
        ordinal=ordinal,
        participants=tuple(Participant(name=n, country=c, title=t) for n, c, t in participants),
        evidence=span(body, quote),
    )


def figure(body: str, quote: str, *, indicator: str, value: float, unit: str = "USD") -> Figure:
    return Figure(
        indicator=indicator, value=value, unit=unit, period=None, change_pct=None, evidence=span(body, quote)
    )


def report(
    body: str,
    *,
    doc: str = "report.txt",
    title: str | None = None,
    source: str | None = None,
    published: str | None = None,
    people: Sequence[Person] = (),
    engagements: Sequence[Engagement] = (),
    figures: Sequence[Figure] = (),
    warnings: Sequence[str] = (),
    version: str = VERSION,
) -> Extraction:
    article = Article(
        text=body,
        doc=doc,
        title=title,
        source=source,
        published=PartialDate.parse(published) if published else None,
        published_basis="header" if published else "unknown",
        origin=f"/reports/{doc}",
    )
    return Extraction(
        article=article,
        engagements=tuple(engagements),
        people=tuple(people),
        figures=tuple(figures),
        extractor_version=version,
        warnings=tuple(warnings),
    )

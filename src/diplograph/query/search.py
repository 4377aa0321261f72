"""Full-text search over the reports, with the engagements and people the matching reports touch."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, select

from diplograph.query._common import Readable, check_page, connect, unique
from diplograph.query.engagements import chronological, engagement_select, hydrate
from diplograph.query.lookup import person_ids
from diplograph.query.people import summaries
from diplograph.query.results import Page, PersonSummary, ReportHit, SearchResult
from diplograph.store import schema
from diplograph.store.search import SearchHit, count_matches, search_reports

R = schema.reports
E = schema.engagements
MN = schema.mentions
P = schema.persons
PM = schema.person_mentions

TOUCHED = 50  # engagements listed beside a page of reports
PEOPLE = 20  # people listed beside it


def search(store: Readable, text: str, *, limit: int = 20, offset: int = 0) -> SearchResult:
    """Reports matching ``text`` (best first, paged), the engagements they report and the people in them.

    People whose name matches ``text`` are listed too, so a search for a name finds the person
    even where the reports spell it differently.
    """
    check_page(limit, offset)
    if not text.strip():
        raise ValueError("search text is empty")
    with connect(store) as conn:
        hits = [_hit(hit) for hit in search_reports(conn, text, limit=limit, offset=offset)]
        exact = len(hits) < limit and (hits or not offset)  # a short page ends the list: no count needed
        total = offset + len(hits) if exact else count_matches(conn, text)
        report_ids = [hit.id for hit in hits]
        engagement_rows = conn.execute(
            engagement_select()
            .where(E.c.id.in_(select(MN.c.engagement_id).where(MN.c.report_id.in_(report_ids))))
            .order_by(*chronological())
            .limit(TOUCHED)
        ).all()
        people = _people(conn, text, report_ids)
        return SearchResult(
            query=text,
            reports=Page(items=tuple(hits), total=total, limit=limit, offset=offset),
            engagements=tuple(hydrate(conn, engagement_rows)),
            people=people,
        )


def _hit(hit: SearchHit) -> ReportHit:
    return ReportHit(
        id=hit.report_id,
        doc=hit.doc,
        title=hit.title,
        publisher=hit.source,
        url=hit.url,
        published=hit.published,
        duplicate_of=hit.duplicate_of,
        score=hit.score,
        snippet=hit.snippet,
        start=hit.start,
        end=hit.end,
    )


def _people(conn: Connection, text: str, report_ids: Sequence[str]) -> tuple[PersonSummary, ...]:
    """People named like ``text`` first, then people the matching reports mention."""
    named = person_ids(conn, text)
    mentioned = conn.execute(
        select(PM.c.person_id).where(PM.c.report_id.in_(report_ids)).group_by(PM.c.person_id)
        .order_by(func.count().desc(), PM.c.person_id)
        .limit(PEOPLE)
    ).scalars()  # fmt: skip
    ids = unique([*named, *mentioned])[:PEOPLE]
    rows = {
        row.id: row
        for row in conn.execute(select(P.c.id, P.c.name, P.c.country, P.c.official).where(P.c.id.in_(ids)))
    }
    return tuple(summaries(conn, [rows[i] for i in ids if i in rows]))

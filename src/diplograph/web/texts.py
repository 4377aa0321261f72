"""Reads of stored report texts: one report with every fact extracted from it, the list of reports,
and the sentences that name a person. The query layer has no per-report read yet; this is it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from diplograph import query
from diplograph.query.commitments import report_commitments
from diplograph.query.results import Page
from diplograph.query.statements import report_statements
from diplograph.store import schema
from diplograph.web.data import FigureFact, MentionFact, NameFact, Quote, ReportPage, ReportSummary
from diplograph.web.flags import report_flags

R = schema.reports
MN = schema.mentions
MP = schema.mention_participants
PM = schema.person_mentions
P = schema.persons
F = schema.figures
E = schema.engagements
EP = schema.engagement_participants

_SUMMARY = (R.c.id, R.c.doc, R.c.title, R.c.source, R.c.url, R.c.published, R.c.duplicate_of)
_SENTENCE_REACH = 280  # characters looked at on either side of a name for its sentence


def _summary(row: Any) -> ReportSummary:
    return ReportSummary(
        id=row.id,
        doc=row.doc,
        title=row.title,
        publisher=row.source,
        url=row.url,
        published=row.published,
        duplicate_of=row.duplicate_of,
    )


def _matches(text: str, quote: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text) and text[start:end] == quote


def report_page(store: query.Readable, report_id: str) -> ReportPage | None:
    """A report with its engagements, names, figures and flags, or None when there is no such report."""
    with store.engine.connect() as conn:
        row = conn.execute(select(R).where(R.c.id == report_id)).first()
        if row is None:
            return None
        text: str = row.text
        copies = conn.execute(
            select(*_SUMMARY).where(R.c.duplicate_of == report_id).order_by(R.c.published, R.c.id)
        ).all()
        return ReportPage(
            id=row.id,
            doc=row.doc,
            title=row.title,
            publisher=row.source,
            url=row.url,
            published=row.published,
            published_basis=row.published_basis,
            extractor_version=row.extractor_version,
            duplicate_of=row.duplicate_of,
            duplicates=tuple(_summary(copy) for copy in copies),
            text=text,
            engagements=_mentions(conn, report_id, text),
            names=_names(conn, report_id, text),
            figures=_figures(conn, report_id, text),
            flags=report_flags(conn, report_id),
            statements=tuple(report_statements(conn, report_id)),
            commitments=tuple(report_commitments(conn, report_id)),
        )


def _mentions(conn: Connection, report_id: str, text: str) -> tuple[MentionFact, ...]:
    people: dict[str, list[str]] = defaultdict(list)
    for mention_id, name in conn.execute(
        select(MP.c.mention_id, MP.c.name)
        .join(MN, MN.c.id == MP.c.mention_id)
        .where(MN.c.report_id == report_id)
        .order_by(MP.c.mention_id, MP.c.position)
    ):
        people[mention_id].append(name)
    rows = conn.execute(select(MN).where(MN.c.report_id == report_id).order_by(MN.c.start, MN.c.position))
    return tuple(
        MentionFact(
            id=row.id,
            engagement_id=row.engagement_id,
            kind=row.kind,
            status=row.status,
            date=row.date,
            date_basis=row.date_basis,
            location=row.location,
            mechanism=row.mechanism,
            ordinal=row.ordinal,
            participants=tuple(people.get(row.id, ())),
            quote=row.evidence,
            start=row.start,
            end=row.end,
            matches_text=_matches(text, row.evidence, row.start, row.end),
        )
        for row in rows
    )


def _names(conn: Connection, report_id: str, text: str) -> tuple[NameFact, ...]:
    rows = conn.execute(
        select(PM.c.person_position, PM.c.position, PM.c.person_id, PM.c.name, PM.c.start, PM.c.end, P.c.name)
        .join(P, P.c.id == PM.c.person_id)
        .where(PM.c.report_id == report_id)
        .order_by(PM.c.start, PM.c.person_position, PM.c.position)
    ).all()
    return tuple(
        NameFact(
            id=f"{row[0]}.{row[1]}",
            person_id=row[2],
            person=row[6],
            name=row[3],
            start=row[4],
            end=row[5],
            matches_text=_matches(text, row[3], row[4], row[5]),
        )
        for row in rows
    )


def _figures(conn: Connection, report_id: str, text: str) -> tuple[FigureFact, ...]:
    rows = conn.execute(select(F).where(F.c.report_id == report_id).order_by(F.c.start, F.c.position))
    return tuple(
        FigureFact(
            id=str(row.position),
            indicator=row.indicator,
            value=row.value,
            unit=row.unit,
            period=row.period,
            change_pct=row.change_pct,
            quote=row.evidence,
            start=row.start,
            end=row.end,
            matches_text=_matches(text, row.evidence, row.start, row.end),
        )
        for row in rows
    )


def report_list(
    store: query.Readable, *, publisher: str | None, limit: int, offset: int
) -> Page[ReportSummary]:
    """Reports, newest publication first (undated last), optionally from one publisher."""
    where = [R.c.source == publisher] if publisher else []
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(R).where(*where)).scalar_one()
        rows = conn.execute(
            select(*_SUMMARY)
            .where(*where)
            .order_by(R.c.published.is_(None), R.c.published.desc(), R.c.doc, R.c.id)
            .limit(limit)
            .offset(offset)
        ).all()
    return Page(items=tuple(_summary(row) for row in rows), total=total, limit=limit, offset=offset)


def publishers(store: query.Readable) -> tuple[str, ...]:
    """Every publisher on file, for the reports page's filter."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(R.c.source).where(R.c.source.is_not(None)).distinct().order_by(R.c.source))
        return tuple(str(value) for value in rows.scalars())


def quotes(store: query.Readable, person_id: str, *, count: int = 10) -> tuple[Quote, ...]:
    """The sentence around the first mention of a person in the reports of their latest engagements,
    one per report; people named in reports but at no engagement get their first ``count`` reports.

    Going through the engagements (indexed by person and date) keeps the cost small for the people
    named in thousands of reports.
    """
    with store.engine.connect() as conn:
        recent = (
            select(E.c.id, E.c.date_start)
            .join(EP, EP.c.engagement_id == E.c.id)
            .where(EP.c.person_id == person_id)
            .order_by(E.c.date_start.is_(None), E.c.date_start.desc(), E.c.id)
            .limit(count * 3)
            .subquery()
        )
        ranked = conn.execute(
            select(MN.c.report_id)
            .join(recent, recent.c.id == MN.c.engagement_id)
            .order_by(recent.c.date_start.is_(None), recent.c.date_start.desc(), MN.c.report_id)
        ).scalars()
        report_ids = list(dict.fromkeys(ranked))[:count]
        if not report_ids:
            report_ids = list(
                conn.execute(
                    select(PM.c.report_id).where(PM.c.person_id == person_id).distinct().limit(count)
                ).scalars()
            )
        # By report only: filtering on the person too leads SQLite to the person index, which
        # holds every mention of a busy person.
        firsts: dict[str, tuple[int, int]] = {}
        for report_id, who, start, end in conn.execute(
            select(PM.c.report_id, PM.c.person_id, PM.c.start, PM.c.end).where(PM.c.report_id.in_(report_ids))
        ):
            if who == person_id and (report_id not in firsts or start < firsts[report_id][0]):
                firsts[report_id] = (start, end)
        found = []
        for report_id in report_ids:
            if report_id not in firsts:
                continue
            row = conn.execute(
                select(R.c.doc, R.c.title, R.c.published, R.c.text).where(R.c.id == report_id)
            ).one()
            found.append(_quote(report_id, row, *firsts[report_id]))
    return tuple(found)


def _quote(report_id: str, row: Any, start: int, end: int) -> Quote:
    text: str = row.text
    begin, finish = sentence_bounds(text, start, end)
    return Quote(
        report_id=report_id,
        doc=row.doc,
        title=row.title,
        published=row.published,
        sentence=text[begin:finish],
        name_start=start - begin,
        name_end=end - begin,
        start=start,
        end=end,
    )


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, at most ``_SENTENCE_REACH`` characters either side."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    low = max(0, start - _SENTENCE_REACH)
    begin = low
    for index in range(start - 1, low - 1, -1):
        if text[index] == "\n" or (text[index] in ".!?" and index + 1 < len(text) and text[index + 1] == " "):
            begin = index + 1
            break
    high = min(len(text), end + _SENTENCE_REACH)
    finish = high
    for index in range(end, high):
        if text[index] == "\n":
            finish = index
            break
        if text[index] in ".!?" and (index + 1 == len(text) or text[index + 1] in " \n"):
            finish = index + 1
            break
    while begin < start and text[begin].isspace():
        begin += 1
    return begin, finish

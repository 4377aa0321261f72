"""Statements: what each side said, proposed or agreed, filtered by speaker, domain, side, act and date.

A statement is dated by its report's publication date, since a readout rarely dates a remark of its
own; statements of undated reports come last and drop out of any date filter. The same domain
filter also narrows the timeline to engagements whose reports speak of that domain
(``domain_timeline``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, get_args

from sqlalchemy import Connection, Select, exists, func, select
from sqlalchemy.sql.elements import ColumnElement

from diplograph.model import DOMAINS, StatementAct
from diplograph.query import plan
from diplograph.query._common import (
    Readable,
    check_date,
    check_kind,
    check_page,
    check_status,
    connect,
    country_code,
    until_bound,
)
from diplograph.query.engagements import ENGAGEMENT_COLUMNS, conditions, hydrate
from diplograph.query.lookup import person_id
from diplograph.query.results import EngagementRecord, Page
from diplograph.store import schema

__all__ = [
    "ACTS",
    "StatementRecord",
    "check_act",
    "check_domain",
    "domain_timeline",
    "report_statements",
    "statements",
]

ST = schema.statements
SD = schema.statement_domains
R = schema.reports
P = schema.persons
E = schema.engagements
MN = schema.mentions
M = schema.mechanisms
ACTS: tuple[str, ...] = get_args(StatementAct)


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementRecord:
    """One statement with its speaker (resolved person when there is one) and its report's provenance.

    ``anchor`` names the statement on its report page (``/reports/{report_id}#{anchor}``).
    """

    id: str
    report_id: str
    doc: str
    title: str | None
    published: str | None
    anchor: str
    person_id: str | None
    speaker: str | None
    speaker_kind: str
    side: str | None
    act: str
    domains: tuple[str, ...]
    content: str
    content_start: int
    content_end: int
    evidence: str
    evidence_start: int
    evidence_end: int


def check_domain(domain: str | None) -> str | None:
    if domain is not None and domain not in DOMAINS:
        raise ValueError(f"domain must be one of {', '.join(DOMAINS)}, not {domain!r}")
    return domain


def check_act(act: str | None) -> str | None:
    if act is not None and act not in ACTS:
        raise ValueError(f"act must be one of {', '.join(ACTS)}, not {act!r}")
    return act


def statements(
    store: Readable,
    *,
    person: str | None = None,
    domain: str | None = None,
    side: str | None = None,
    act: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[StatementRecord]:
    """Statements by report date (undated reports last), then in the report's order.

    ``person`` is a name or id (NoMatch / Ambiguous when it designates no one or several);
    ``side`` an ISO3 code or country name; ``since``/``until`` partial dates on the report's date,
    inclusive at their precision. Bad values raise ValueError.
    """
    check_page(limit, offset)
    domain, act = check_domain(domain), check_act(act)
    code = country_code(side)
    since, until = check_date(since, name="since"), check_date(until, name="until")
    with connect(store) as conn:
        where: list[ColumnElement[bool]] = []
        if person is not None:
            where.append(ST.c.person_id == person_id(conn, person))
        if domain is not None:
            where.append(ST.c.id.in_(select(SD.c.statement_id).where(SD.c.domain == domain)))
        if code is not None:
            where.append(ST.c.side == code)
        if act is not None:
            where.append(ST.c.act == act)
        if since is not None:
            where.append(R.c.published >= since)
        if until is not None:
            where.append(R.c.published < until_bound(until))
        joined = ST.join(R, R.c.id == ST.c.report_id)
        total = int(conn.execute(select(func.count()).select_from(joined).where(*where)).scalar_one())
        rows = conn.execute(
            _select(joined)
            .where(*where)
            .order_by(R.c.published.is_(None), R.c.published, R.c.id, ST.c.position)
            .limit(limit)
            .offset(offset)
        ).all()
        return Page(items=tuple(records(rows)), total=total, limit=limit, offset=offset)


def _select(joined: Any) -> Select[Any]:
    return select(
        ST,
        R.c.doc,
        R.c.title,
        R.c.published,
        func.coalesce(P.c.name, ST.c.speaker).label("speaker_name"),
    ).select_from(joined.outerjoin(P, P.c.id == ST.c.person_id))


def records(rows: Sequence[Any]) -> list[StatementRecord]:
    return [
        StatementRecord(
            id=row.id,
            report_id=row.report_id,
            doc=row.doc,
            title=row.title,
            published=row.published,
            anchor=f"statement-{row.position}",
            person_id=row.person_id,
            speaker=row.speaker_name,
            speaker_kind=row.speaker_kind,
            side=row.side,
            act=row.act,
            domains=tuple(row.domains.split("|")) if row.domains else (),
            content=row.content,
            content_start=row.content_start,
            content_end=row.content_end,
            evidence=row.evidence,
            evidence_start=row.evidence_start,
            evidence_end=row.evidence_end,
        )
        for row in rows
    ]


def report_statements(conn: Connection, report_id: str) -> list[StatementRecord]:
    """Every statement of one report, in its order (for the report page)."""
    joined = ST.join(R, R.c.id == ST.c.report_id)
    rows = conn.execute(_select(joined).where(ST.c.report_id == report_id).order_by(ST.c.position)).all()
    return records(rows)


def domain_test(domain: str) -> plan.Test:
    """ "A report of the engagement has a statement in ``domain``", in the forms plan.page chooses from."""
    speaking = select(ST.c.report_id).join(SD, SD.c.statement_id == ST.c.id).where(SD.c.domain == domain)
    return plan.Test(
        gather=E.c.id.in_(select(MN.c.engagement_id).where(MN.c.report_id.in_(speaking))),
        probe=exists().where(MN.c.engagement_id == E.c.id, MN.c.report_id.in_(speaking)),
        size=select(func.count()).select_from(MN).where(MN.c.report_id.in_(speaking)),
    )


def domain_timeline(
    store: Readable,
    *,
    domain: str,
    person: str | None = None,
    countries: Sequence[str] = (),
    mechanism: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    newest_first: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> Page[EngagementRecord]:
    """query.timeline narrowed to engagements whose reports hold a statement in ``domain``."""
    check_page(limit, offset)
    test = domain_test(check_domain(domain) or domain)
    with connect(store) as conn:
        where = conditions(
            conn,
            person=person,
            countries=[code for code in map(country_code, countries) if code],
            mechanism=mechanism,
            kind=check_kind(kind),
            status=check_status(status),
            since=check_date(since, name="since"),
            until=check_date(until, name="until"),
        )
        where = plan.Where(
            common=where.common, tests=(*where.tests, test), walking=where.walking, dates=where.dates
        )
        total, dated = plan.count(conn, where)
        rows = plan.page(
            conn,
            select(*ENGAGEMENT_COLUMNS).select_from(E.outerjoin(M, M.c.id == E.c.mechanism_id)),
            where,
            dated=dated,
            total=total,
            limit=limit,
            offset=offset,
            newest_first=newest_first,
        )
        return Page(items=tuple(hydrate(conn, rows)), total=total, limit=limit, offset=offset)

"""The read side of the knowledge base: plain functions taking a store, returning frozen dataclasses.

    >>> from diplograph.store import open_store
    >>> from diplograph import query
    >>> store = open_store("diplograph.db")
    >>> page = query.timeline(store, person="To Lam", since="2024-01")
    >>> [(e.date, e.kind) for e in page.items]
    >>> [step.stage for step in query.thread(store, "railway")[0].steps]

Every query is parameterised SQLAlchemy Core and runs the same on SQLite and PostgreSQL. Lists are
paged with ``limit`` and ``offset`` and say their ``total``. Names are matched the way people type
them (any spelling, diacritics optional, or some of the words); a name that matches nothing raises
NoMatch, one that matches several raises Ambiguous with the candidates (both LookupError). Bad
arguments (an unknown kind, a date that is not YYYY[-MM[-DD]]) raise ValueError.
"""

from __future__ import annotations

from diplograph.query._common import (
    MAX_LIMIT,
    Ambiguous,
    NoMatch,
    Readable,
    check_date,
    check_kind,
    check_status,
    country_code,
)
from diplograph.query.commitments import (
    CommitmentRecord,
    InitiativeRecord,
    Thread,
    ThreadStep,
    TopicSummary,
    check_stage,
    commitments,
    initiatives,
    thread,
    topics,
)
from diplograph.query.engagements import engagement, iter_engagements, timeline
from diplograph.query.mechanisms import iter_mechanisms, mechanism_thread, mechanisms
from diplograph.query.network import network
from diplograph.query.people import iter_people, people, person
from diplograph.query.reports import iter_figures, iter_reports
from diplograph.query.results import (
    Attendee,
    Counterpart,
    EngagementRecord,
    FigureRecord,
    MechanismSummary,
    MechanismThread,
    Network,
    NetworkEdge,
    NetworkNode,
    Page,
    PersonProfile,
    PersonRecord,
    PersonSummary,
    ReportHit,
    ReportRecord,
    SearchResult,
    Session,
    Source,
    TitleSpan,
)
from diplograph.query.search import search
from diplograph.query.statements import StatementRecord, check_act, check_domain, domain_timeline, statements

__all__ = [
    "MAX_LIMIT",
    "Ambiguous",
    "Attendee",
    "CommitmentRecord",
    "Counterpart",
    "EngagementRecord",
    "FigureRecord",
    "InitiativeRecord",
    "MechanismSummary",
    "MechanismThread",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "NoMatch",
    "Page",
    "PersonProfile",
    "PersonRecord",
    "PersonSummary",
    "Readable",
    "ReportHit",
    "ReportRecord",
    "SearchResult",
    "Session",
    "Source",
    "StatementRecord",
    "Thread",
    "ThreadStep",
    "TitleSpan",
    "TopicSummary",
    "check_act",
    "check_date",
    "check_domain",
    "check_kind",
    "check_stage",
    "check_status",
    "commitments",
    "country_code",
    "domain_timeline",
    "engagement",
    "initiatives",
    "iter_engagements",
    "iter_figures",
    "iter_mechanisms",
    "iter_people",
    "iter_reports",
    "mechanism_thread",
    "mechanisms",
    "network",
    "people",
    "person",
    "search",
    "statements",
    "thread",
    "timeline",
    "topics",
]

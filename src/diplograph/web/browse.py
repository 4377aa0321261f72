"""The pages for browsing engagements: overview, timeline, one engagement, and the network."""

from __future__ import annotations

from typing import Annotated, get_args

from fastapi import Path, Query

from diplograph import query
from diplograph.model import DOMAINS
from diplograph.query.lookup import person_id
from diplograph.query.results import EngagementRecord, Network
from diplograph.web import reads
from diplograph.web.data import Choice, NetworkView, Overview, PairCount, Timeline, TimelineFilters
from diplograph.web.params import (
    CountryFilter,
    DomainFilter,
    Kind,
    KindFilter,
    Limit,
    MechanismFilter,
    Offset,
    PairFilter,
    PersonFilter,
    Since,
    StatusFilter,
    Until,
)
from diplograph.web.twin import Context, NotFound, Pages

ID_PATTERN = r"^[0-9a-f]{32}$"
EngagementId = Annotated[str, Path(pattern=ID_PATTERN, description="The engagement's 32-hex id.")]
NetworkStatus = Annotated[StatusFilter, Query(description="held (the default), planned, or empty for both.")]
MinWeight = Annotated[int, Query(ge=1, le=10_000, description="Keep pairs who met at least this often.")]
Top = Annotated[int, Query(ge=2, le=500, description="Draw at most this many people, the busiest first.")]


def register(pages: Pages, ctx: Context) -> None:
    """Add the browsing pages to the app."""

    @pages.page("/", "overview.html", tag="overview", summary="What is on file")
    def overview() -> Overview:
        """Totals, country pairs, mechanisms, the latest engagements and engagements per year."""
        with ctx.store.engine.connect() as conn:
            totals = ctx.memo.get(conn, "totals", reads.totals)
            pairs = ctx.memo.get(conn, "pairs", reads.country_pairs)
            years = ctx.memo.get(conn, "years", reads.by_year)
        return Overview(
            totals=totals,
            pairs=pairs[:30],
            mechanisms=query.mechanisms(ctx.store, limit=25),
            latest=reads.latest(ctx.store, count=10),
            by_year=years,
        )

    @pages.page("/engagements", "timeline.html", tag="timeline", summary="Engagements over time")
    def engagements(
        pair: PairFilter = None,
        country: CountryFilter = None,
        person: PersonFilter = None,
        mechanism: MechanismFilter = None,
        kind: KindFilter = None,
        status: StatusFilter = None,
        since: Since = None,
        until: Until = None,
        domain: DomainFilter = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Timeline:
        """Engagements in date order (undated last), each with its attendees and its sources.

        Filters combine; ``person`` and ``mechanism`` take an id or a name; ``domain`` keeps
        engagements whose reports hold a statement in that domain. A name that matches
        nobody gives 404, one that matches several gives 422 with the candidates.
        """
        with ctx.store.engine.connect() as conn:
            person_name = reads.name_of(conn, "person", person) if person else None
            mechanism_name = reads.name_of(conn, "mechanism", mechanism) if mechanism else None
        filters = TimelineFilters(
            person_name=person_name,
            mechanism_name=mechanism_name,
            pair="-".join(sorted(pair.upper().split("-"))) if pair else None,
            country=country,
            person=person,
            mechanism=mechanism,
            kind=kind,
            status=status,
            since=since,
            until=until,
            domain=domain,
        )
        if domain is not None:
            page = query.domain_timeline(
                ctx.store,
                domain=domain,
                countries=filters.pair.split("-") if filters.pair else [country] if country else [],
                person=person,
                mechanism=mechanism,
                kind=kind,
                status=status,
                since=since,
                until=until,
                limit=limit,
                offset=offset,
            )
        elif filters.pair:
            first, second = filters.pair.split("-")
            page = reads.pair_timeline(
                ctx.store,
                (first, second),
                person=person,
                mechanism=mechanism,
                kind=kind,
                status=status,
                since=since,
                until=until,
                limit=limit,
                offset=offset,
            )
        else:
            page = query.timeline(
                ctx.store,
                country=country,
                person=person,
                mechanism=mechanism,
                kind=kind,
                status=status,
                since=since,
                until=until,
                limit=limit,
                offset=offset,
            )
        with ctx.store.engine.connect() as conn:
            pairs = ctx.memo.get(conn, "pairs", reads.country_pairs)
            mechanisms = ctx.memo.get(conn, "mechanism-choices", reads.mechanism_choices)
        return Timeline(
            filters=filters,
            engagements=page,
            pairs=_pair_choices(pairs, filters.pair),
            mechanisms=mechanisms,
            kinds=get_args(Kind),
            domains=DOMAINS,
        )

    @pages.page("/engagements/{engagement_id}", "engagement.html", tag="timeline", summary="One engagement")
    def engagement(engagement_id: EngagementId) -> EngagementRecord:
        """One engagement with its attendees, every source that reports it, and their disagreements."""
        record = query.engagement(ctx.store, engagement_id)
        if record is None:
            raise NotFound(f"no engagement {engagement_id}")
        return record

    @pages.page("/network", "network.html", tag="network", summary="Who met whom")
    def network(
        person: PersonFilter = None,
        country: CountryFilter = None,
        kind: KindFilter = None,
        status: NetworkStatus = "held",
        since: Since = None,
        until: Until = None,
        min_weight: MinWeight = 1,
        top: Top = 150,
    ) -> NetworkView:
        """People as nodes and shared engagements as weighted edges, trimmed to the ``top`` busiest.

        With ``person``, only that person, the people they met, and the edges among them.
        """
        key = f"network:{country}:{kind}:{status}:{since}:{until}:{min_weight}"
        with ctx.store.engine.connect() as conn:
            focus = person_id(conn, person) if person else None

            def compute(_conn: object) -> Network:
                return query.network(
                    ctx.store,
                    country=country,
                    kind=kind,
                    status=status,
                    since=since,
                    until=until,
                    min_weight=min_weight,
                )

            graph = ctx.memo.get(conn, key, compute)
        shown = trim(graph, focus=focus, top=top)
        return NetworkView(
            network=shown,
            shown=len(shown.nodes),
            available=len(graph.nodes),
            person=focus,
            country=country,
            kind=kind,
            since=since,
            until=until,
            min_weight=min_weight,
        )


PAIR_CHOICES = 100  # busiest pairs offered in the timeline's select box; others can be typed in the URL


def _pair_choices(pairs: tuple[PairCount, ...], chosen: str | None) -> tuple[Choice, ...]:
    """The busiest pairs, and the chosen one wherever it ranks, as select options."""
    shown = [p for rank, p in enumerate(pairs) if rank < PAIR_CHOICES or p.pair == chosen]
    if chosen and chosen not in {p.pair for p in shown}:
        first, _, second = chosen.partition("-")
        shown.append(PairCount(pair=chosen, countries=(first, second), engagements=0, first=None, last=None))
    return tuple(Choice(value=p.pair, label=f"{p.countries[0]} – {p.countries[1]}") for p in shown)


def trim(graph: Network, *, focus: str | None, top: int) -> Network:
    """The ``top`` busiest people and the edges among them; with ``focus``, its neighbourhood only."""
    nodes = graph.nodes
    edges = graph.edges
    if focus is not None:
        near = (
            {focus}
            | {e.target for e in edges if e.source == focus}
            | {e.source for e in edges if e.target == focus}
        )
        nodes = tuple(node for node in nodes if node.id in near)
    ranked = sorted(nodes, key=lambda node: (node.id != focus, -node.engagements, node.id))[:top]
    keep = {node.id for node in ranked}
    return Network(
        nodes=tuple(node for node in nodes if node.id in keep),
        edges=tuple(edge for edge in edges if edge.source in keep and edge.target in keep),
    )

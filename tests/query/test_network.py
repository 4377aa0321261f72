"""query.network on stores built from the bundled samples."""

from __future__ import annotations

import pytest

from diplograph import query
from diplograph.store import Store


def test_network_edges_are_pairs_of_attendees(sample_store: Store) -> None:
    graph = query.network(sample_store)
    nodes = {n.id: n for n in graph.nodes}
    assert graph.edges
    for edge in graph.edges:
        assert edge.source < edge.target
        assert {edge.source, edge.target} <= set(nodes)
        assert edge.weight >= 1
    pairs = {frozenset((nodes[e.source].name, nodes[e.target].name)): e for e in graph.edges}
    son_wang = pairs[frozenset(("Bui Thanh Son", "Wang Yi"))]
    assert son_wang.weight >= 1
    assert son_wang.last == "2024-12-10"
    assert [e.source for e in graph.edges] == sorted(e.source for e in graph.edges)


def test_network_held_only_by_default(sample_store: Store) -> None:
    held = query.network(sample_store)
    everything = query.network(sample_store, status=None)
    assert sum(e.weight for e in everything.edges) > sum(e.weight for e in held.edges)


def test_network_filters(sample_store: Store) -> None:
    lao = query.network(sample_store, country="LAO")
    assert lao.edges
    countries = {n.id: n.country for n in lao.nodes}
    assert all("LAO" in (countries[e.source], countries[e.target]) for e in lao.edges)
    heavy = query.network(sample_store, min_weight=2)
    assert all(e.weight >= 2 for e in heavy.edges)
    recent = query.network(sample_store, since="2025")
    assert all((e.last or "") >= "2025" for e in recent.edges)
    with pytest.raises(ValueError, match="min_weight"):
        query.network(sample_store, min_weight=0)

"""Every query answers the same on SQLite and on PostgreSQL, given the same reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diplograph import query
from diplograph.formats.export import as_json
from diplograph.store import Store

QUERIES: dict[str, Callable[[Store], Any]] = {
    "timeline": lambda s: query.timeline(s, limit=1000),
    "timeline newest": lambda s: query.timeline(s, newest_first=True, limit=7, offset=3),
    "timeline person": lambda s: query.timeline(s, person="Xi Jinping", since="2023-06", until="2024-05"),
    "timeline country": lambda s: query.timeline(s, country="VNM", kind="talks"),
    "timeline mechanism": lambda s: query.timeline(s, mechanism="Steering Committee"),
    "people": lambda s: query.people(s, limit=1000),
    "people country": lambda s: query.people(s, country="CHN"),
    "person": lambda s: query.person(s, "Bui Thanh Son"),
    "person busy": lambda s: query.person(s, "Xi Jinping", limit=5, offset=2),
    "mechanisms": lambda s: query.mechanisms(s),
    "thread": lambda s: query.mechanism_thread(s, "Steering Committee"),
    "search": lambda s: query.search(s, "railway"),
    "search person": lambda s: query.search(s, "Wang Yi", limit=100),
    "network": lambda s: query.network(s, status=None),
    "people export": lambda s: list(query.iter_people(s)),
    "reports export": lambda s: list(query.iter_reports(s)),
    "figures export": lambda s: list(query.iter_figures(s)),
}


def _comparable(value: Any) -> Any:
    """Search ranks with bm25 on SQLite and ts_rank_cd on PostgreSQL: the same hits, in its own order."""
    data = as_json(value)
    if isinstance(data, dict) and "reports" in data and "query" in data:
        for hit in data["reports"]["items"]:
            hit.pop("score")
        data["reports"]["items"].sort(key=lambda hit: hit["id"])
    return data


@pytest.mark.parametrize("name", QUERIES)
def test_parity_sqlite_and_postgresql_agree(both_stores: tuple[Store, Store], name: str) -> None:
    sqlite, postgresql = both_stores
    assert sqlite.engine.dialect.name == "sqlite"
    assert postgresql.engine.dialect.name == "postgresql"
    assert _comparable(QUERIES[name](sqlite)) == _comparable(QUERIES[name](postgresql))

"""The two ways of reading a page (gathering or probing) give the same answers; ranges meet bounds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event

from diplograph import query
from diplograph.query import plan
from diplograph.store import Store

FILTERS: list[dict[str, Any]] = [
    {},
    {"person": "Xi Jinping"},
    {"person": "Xi Jinping", "since": "2023-12", "until": "2024-05"},
    {"country": "VNM"},
    {"country": "CHN", "kind": "talks"},
    {"countries": ("CHN", "VNM")},
    {"country": "VNM", "since": "2024", "status": "held"},
    {"since": "2023-11-29"},
]


def _ids(store: Store, **arguments: Any) -> tuple[int, list[str]]:
    page = query.timeline(store, limit=1000, **arguments)
    return page.total, [record.id for record in page.items]


@pytest.mark.parametrize("arguments", FILTERS)
def test_plan_probe_and_gather_agree(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch, arguments: dict[str, Any]
) -> None:
    chosen: list[bool] = []

    def force(value: bool) -> Callable[..., bool]:
        def decide(*_: object, **__: object) -> bool:
            chosen.append(value)
            return value

        return decide

    monkeypatch.setattr(plan, "_probe_is_cheaper", force(False))
    gathered = _ids(sample_store, **arguments)
    monkeypatch.setattr(plan, "_probe_is_cheaper", force(True))
    monkeypatch.setattr(plan, "_probes", lambda _conn: True)  # PostgreSQL's probe form is checked too
    monkeypatch.setattr(plan, "GATHER_LIMIT", -1)  # every count probes too
    probed = _ids(sample_store, **arguments)
    assert probed == gathered
    assert gathered[0] == len(gathered[1])
    if any(key in arguments for key in ("person", "country", "countries")):
        assert True in chosen


def test_plan_pages_split_across_dated_and_undated(sample_store: Store) -> None:
    everything = _ids(sample_store)[1]
    for limit in (1, 3, 7):
        paged = [
            record.id
            for offset in range(0, len(everything), limit)
            for record in query.timeline(sample_store, limit=limit, offset=offset).items
        ]
        assert paged == everything


def test_plan_since_keeps_a_range_that_ends_after_it(sample_store: Store) -> None:
    records = query.timeline(sample_store, since="2023-11-29", until="2023-11", limit=100).items
    assert "2023-11-27/2023-11-30" in {r.date for r in records}
    for record in records:
        assert record.date is not None
        assert record.date.partition("/")[2] >= "2023-11-29" or record.date >= "2023-11-29"


def test_plan_activity_walks_busy_people_the_same(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = query.people(sample_store, limit=1000)
    assert any(p.engagements > 1 for p in listed.items)
    monkeypatch.setattr(plan, "_walks", lambda engagements, dated: engagements > 0)
    assert query.people(sample_store, limit=1000) == listed


def test_plan_postgresql_always_gathers(sample_store: Store) -> None:
    """PostgreSQL hashes an IN subquery: a walk is never judged cheaper there, however many matches;
    SQLite walks when the matches are many enough."""
    from diplograph.query.engagements import conditions

    person = query.people(sample_store, limit=1).items[0].name
    with sample_store.engine.connect() as conn:
        where = conditions(conn, person=person)
        cheaper = plan._probe_is_cheaper(conn, where, matches=10**6, wanted=1)
    assert cheaper == (sample_store.dialect == "sqlite")


def test_plan_activity_walks_every_busy_person_in_one_statement(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many busy people a page lists, their first and last dates cost the same statements."""
    monkeypatch.setattr(plan, "_walks", lambda engagements, dated: engagements > 0)
    ids = [person.id for person in query.people(sample_store, limit=1000).items]
    assert len(ids) > 3

    def statements(wanted: list[str]) -> tuple[int, dict[str, tuple[int, str | None, str | None]]]:
        seen: list[str] = []
        with sample_store.engine.connect() as conn:
            event.listen(conn, "before_cursor_execute", lambda *args: seen.append(args[2]))
            found = plan.activity(conn, wanted)
        return len([sql for sql in seen if sql.lstrip().startswith("SELECT")]), found

    few, _ = statements(ids[:2])
    many, found = statements(ids)
    assert few == many <= 4
    monkeypatch.setattr(plan, "_walks", lambda engagements, dated: False)
    with sample_store.engine.connect() as conn:
        assert plan.activity(conn, ids) == found  # the walks agree with gathering


def test_plan_dated_roughly_counts_or_estimates(sample_store: Store) -> None:
    """Exact from the date index on SQLite (and on a never-analysed PostgreSQL table), the
    planner's estimate on an analysed PostgreSQL table."""
    with sample_store.engine.connect() as conn:
        dated = len([r for r in query.timeline(sample_store, limit=1000).items if r.date])
        assert plan._dated_roughly(conn) == dated
        if sample_store.dialect == "postgresql":
            conn.exec_driver_sql("ANALYZE engagements")
            everything = query.timeline(sample_store, limit=1000).total
            assert plan._dated_roughly(conn) == everything  # the estimate: every row

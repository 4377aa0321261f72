"""query.people and query.person on stores built from the bundled samples."""

from __future__ import annotations

import pytest

from diplograph import query
from diplograph.store import Store


def test_people_sorted_by_name_with_counts(sample_store: Store) -> None:
    page = query.people(sample_store, limit=1000)
    names = [p.name for p in page.items]
    assert names == sorted(names)
    assert page.total == len(names) == len({p.id for p in page.items})
    xi = next(p for p in page.items if p.name == "Xi Jinping")
    assert xi.country == "CHN"
    assert xi.engagements == query.timeline(sample_store, person=xi.id).total
    assert xi.first is not None
    assert xi.last is not None
    assert xi.first <= xi.last


def test_people_country_filter_by_code_or_name(sample_store: Store) -> None:
    by_code = query.people(sample_store, country="VNM", limit=1000)
    by_name = query.people(sample_store, country="Viet Nam", limit=1000)
    assert by_code == by_name
    assert by_code.total > 3
    assert {p.country for p in by_code.items} == {"VNM"}
    assert "To Lam" in {p.name for p in by_code.items}


def test_people_name_filter_and_paging(sample_store: Store) -> None:
    assert [p.name for p in query.people(sample_store, name="Lavrov").items] == ["Sergei Lavrov"]
    first = query.people(sample_store, limit=3)
    second = query.people(sample_store, limit=3, offset=3)
    assert not {p.id for p in first.items} & {p.id for p in second.items}
    with pytest.raises(ValueError, match="limit"):
        query.people(sample_store, limit=0)


def test_people_person_profile(sample_store: Store) -> None:
    profile = query.person(sample_store, "Bùi Thanh Sơn")
    assert profile.name == "Bui Thanh Son"
    assert profile.country == "VNM"
    assert "Bùi Thanh Sơn" in profile.aliases
    assert profile.name not in profile.aliases
    titles = {t.title: t for t in profile.titles}
    assert "Deputy Prime Minister" in titles
    assert titles["Deputy Prime Minister"].sources >= 1
    firsts = [(t.first is None, t.first or "") for t in profile.titles]
    assert firsts == sorted(firsts)
    assert "Wang Yi" in {c.name for c in profile.counterparts}
    assert profile.engagements.total == query.timeline(sample_store, person=profile.id).total
    assert any(r.ordinal == 16 for r in profile.engagements.items)


def test_people_person_counterparts_are_most_frequent_first(sample_store: Store) -> None:
    profile = query.person(sample_store, "Xi Jinping", counterparts=3, limit=2)
    assert len(profile.counterparts) <= 3
    weights = [c.engagements for c in profile.counterparts]
    assert weights == sorted(weights, reverse=True)
    assert profile.id not in {c.id for c in profile.counterparts}
    assert len(profile.engagements.items) == 2
    assert profile.engagements.more
    assert query.person(sample_store, "Xi Jinping", counterparts=0).counterparts == ()


def test_people_person_unknown_or_ambiguous(sample_store: Store) -> None:
    with pytest.raises(query.NoMatch):
        query.person(sample_store, "Hercule Poirot")
    with pytest.raises(query.Ambiguous):
        query.person(sample_store, "Nguyen")
    with pytest.raises(ValueError, match="counterparts"):
        query.person(sample_store, "Xi Jinping", counterparts=-1)


def test_people_iter_people_has_aliases_and_titles(sample_store: Store) -> None:
    records = list(query.iter_people(sample_store, batch=5))
    assert [r.id for r in records] == sorted(r.id for r in records)
    assert len(records) == query.people(sample_store).total
    son = next(r for r in records if r.name == "Bui Thanh Son")
    assert son.aliases == query.person(sample_store, son.id).aliases
    assert son.titles == query.person(sample_store, son.id).titles

"""query.timeline and friends on stores built from the bundled samples (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from diplograph import query
from diplograph.model import PartialDate
from diplograph.query._common import until_bound
from diplograph.store import Store, schema


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.engagements)).scalar_one())


def _sort_key(record: query.EngagementRecord) -> tuple[bool, str]:
    return (record.date is None, PartialDate.parse(record.date).start if record.date else "")


def test_engagements_timeline_is_chronological_with_undated_last(sample_store: Store) -> None:
    page = query.timeline(sample_store, limit=1000)
    assert page.total == len(page.items) == _count(sample_store)
    assert [_sort_key(r) for r in page.items] == sorted(_sort_key(r) for r in page.items)
    assert page.items[-1].date is None  # the samples hold undated plans
    assert not page.more


def test_engagements_newest_first_reverses_dated_ones(sample_store: Store) -> None:
    oldest = query.timeline(sample_store, since="0001", limit=1000).items
    newest = query.timeline(sample_store, since="0001", newest_first=True, limit=1000).items
    assert [r.id for r in newest] == [r.id for r in reversed(oldest)]


def test_engagements_pages_are_disjoint_and_add_up(sample_store: Store) -> None:
    whole = query.timeline(sample_store, limit=12)
    first = query.timeline(sample_store, limit=5)
    second = query.timeline(sample_store, limit=7, offset=5)
    assert [r.id for r in first.items + second.items] == [r.id for r in whole.items]
    assert first.total == second.total == whole.total
    assert first.more
    beyond = query.timeline(sample_store, offset=whole.total + 3)
    assert beyond.items == ()
    assert beyond.total == whole.total


def test_engagements_person_any_spelling(sample_store: Store) -> None:
    ascii_ = query.timeline(sample_store, person="Bui Thanh Son")
    native = query.timeline(sample_store, person="Bùi Thanh Sơn")
    lower = query.timeline(sample_store, person="bui thanh son")
    assert ascii_.total >= 2
    assert [r.id for r in ascii_.items] == [r.id for r in native.items] == [r.id for r in lower.items]
    for record in ascii_.items:
        assert "Bui Thanh Son" in {a.name for a in record.attendees}


def test_engagements_person_by_id_and_words_in_any_order(sample_store: Store) -> None:
    by_name = query.timeline(sample_store, person="To Lam")
    attendee = next(a for a in by_name.items[0].attendees if a.name == "To Lam")
    by_id = query.timeline(sample_store, person=attendee.id)
    reversed_words = query.timeline(sample_store, person="Lam To")
    assert (
        [r.id for r in by_id.items] == [r.id for r in by_name.items] == [r.id for r in reversed_words.items]
    )


def test_engagements_since_until_are_inclusive_at_their_precision(sample_store: Store) -> None:
    december = query.timeline(sample_store, since="2024-12", until="2024-12", limit=1000).items
    assert december
    for record in december:
        assert record.date is not None
        start, _, end = record.date.partition("/")
        assert start <= "2024-12-31"
        assert (end or start) >= "2024-12"
    assert any(r.date == "2024-12-10" for r in december)
    year = query.timeline(sample_store, since="2024", until="2024", limit=1000).items
    assert {r.id for r in december} <= {r.id for r in year}
    assert all(r.date is not None for r in year)


def test_engagements_until_bound_keeps_the_last_day() -> None:
    for until, inside, outside in [
        ("2024-06", "2024-06-30", "2024-07"),
        ("2024", "2024-12-31", "2025"),
        ("2024-06-30", "2024-06-30", "2024-07-01"),
    ]:
        assert inside < until_bound(until) <= outside


def test_engagements_country_by_code_or_name(sample_store: Store) -> None:
    by_code = query.timeline(sample_store, country="LAO", limit=1000)
    by_name = query.timeline(sample_store, country="Laos", limit=1000)
    assert by_code.total > 0
    assert [r.id for r in by_code.items] == [r.id for r in by_name.items]
    for record in by_code.items:
        assert record.location_country == "LAO" or "LAO" in {a.country for a in record.attendees}


def test_engagements_countries_must_all_be_involved(sample_store: Store) -> None:
    both = query.timeline(sample_store, countries=("CHN", "VNM"), limit=1000).items
    assert both
    for record in both:
        involved = {a.country for a in record.attendees} | {record.location_country}
        assert {"CHN", "VNM"} <= involved


def test_engagements_kind_status_and_mechanism(sample_store: Store) -> None:
    held = query.timeline(sample_store, kind="co_chair", status="held", limit=1000).items
    assert held
    assert all((r.kind, r.status) == ("co_chair", "held") for r in held)
    sessions = query.timeline(sample_store, mechanism="Steering Committee", limit=1000).items
    assert sessions
    assert {r.mechanism for r in sessions} == {"China-Vietnam Steering Committee for Bilateral Cooperation"}
    assert any(r.ordinal == 16 and r.status == "held" for r in sessions)


def test_engagements_records_carry_sources_with_evidence(sample_store: Store) -> None:
    (record,) = [
        r
        for r in query.timeline(sample_store, mechanism="Steering Committee", status="held", limit=100).items
        if r.ordinal == 16
    ]
    assert record.source_count >= 1
    source = next(s for s in record.sources if s.doc == "xinhua_steering_committee_16th.txt")
    assert source.quote
    assert source.end - source.start == len(source.quote)
    assert source.publisher == "Xinhua"
    assert {"Wang Yi", "Bui Thanh Son"} <= {a.name for a in record.attendees}
    assert query.engagement(sample_store, record.id) == record
    assert query.engagement(sample_store, "0" * 32) is None


def test_engagements_planned_session_links_to_the_held_one(sample_store: Store) -> None:
    plans = query.timeline(sample_store, mechanism="Steering Committee", status="planned", limit=100).items
    linked = [r for r in plans if r.held_as]
    assert linked
    held = query.engagement(sample_store, linked[0].held_as or "")
    assert held is not None
    assert held.status == "held"
    assert held.ordinal == 16


def test_engagements_iter_yields_everything_in_timeline_order(sample_store: Store) -> None:
    everything = list(query.iter_engagements(sample_store, batch=7))
    assert [r.id for r in everything] == [r.id for r in query.timeline(sample_store, limit=1000).items]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"kind": "summit"}, "kind must be one of"),
        ({"status": "cancelled"}, "status must be held or planned"),
        ({"since": "2024-13"}, "since must be a date"),
        ({"until": "Dec 2024"}, "until must be a date"),
        ({"since": "2024-02-30"}, "since must be a date"),
        ({"country": "Atlantis"}, "unknown country"),
        ({"limit": 0}, "limit must be between"),
        ({"limit": 10_001}, "limit must be between"),
        ({"offset": -1}, "offset must not be negative"),
    ],
)
def test_engagements_bad_arguments_are_value_errors(
    sample_store: Store, arguments: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        query.timeline(sample_store, **arguments)  # type: ignore[arg-type]


def test_engagements_unknown_person_or_mechanism(sample_store: Store) -> None:
    with pytest.raises(query.NoMatch, match="Nobody Atall"):
        query.timeline(sample_store, person="Nobody Atall")
    with pytest.raises(query.NoMatch):
        query.timeline(sample_store, person="!!!")
    assert query.timeline(sample_store, mechanism="Joint Commission on Fisheries").total == 0


def test_engagements_ambiguous_person_lists_candidates(sample_store: Store) -> None:
    with pytest.raises(query.Ambiguous) as caught:
        query.timeline(sample_store, person="Nguyen")
    names = " ".join(caught.value.candidates)
    assert "Nguyen Phu Trong" in names
    assert "Nguyen Minh Tam" in names
    assert isinstance(caught.value, LookupError)

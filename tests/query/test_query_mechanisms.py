"""query.mechanisms and query.mechanism_thread on stores built from the bundled samples."""

from __future__ import annotations

import pytest

from diplograph import query
from diplograph.store import Store

STEERING = "China-Vietnam Steering Committee for Bilateral Cooperation"


def test_mechanisms_list_counts_sessions(sample_store: Store) -> None:
    page = query.mechanisms(sample_store)
    names = [m.name for m in page.items]
    assert names == sorted(names)
    steering = next(m for m in page.items if m.name == STEERING)
    assert steering.countries == ("CHN", "VNM")
    assert steering.held >= 1
    assert steering.planned == 0  # the announced 16th meeting was held
    assert steering.last_ordinal == 16
    assert steering.last == "2024-12-10"


def test_mechanisms_country_filter(sample_store: Store) -> None:
    lao = query.mechanisms(sample_store, country="LAO").items
    assert lao
    assert all("LAO" in m.countries for m in lao)
    assert STEERING not in {m.name for m in lao}


@pytest.mark.parametrize(
    "name",
    [
        "Steering Committee",
        "steering committee for bilateral cooperation",
        "Việt Nam-China Steering Committee for Bilateral Cooperation",
        "Vietnam-China Steering Committee",
        STEERING,
    ],
)
def test_mechanisms_thread_found_under_its_variants(sample_store: Store, name: str) -> None:
    assert query.mechanism_thread(sample_store, name).mechanism.name == STEERING


def test_mechanisms_thread_session_by_session(sample_store: Store) -> None:
    thread = query.mechanism_thread(sample_store, "Steering Committee")
    sessions = thread.sessions.items
    dates = [(s.engagement.date is None, s.engagement.date or "") for s in sessions]
    assert dates == sorted(dates)
    (sixteenth,) = [s for s in sessions if s.ordinal == 16]
    assert sixteenth.held
    assert sixteenth.engagement.status == "held"
    assert sixteenth.engagement.date == "2024-12-10"
    assert {"Wang Yi", "Bui Thanh Son"} <= {a.name for a in sixteenth.engagement.attendees}
    assert "xinhua_steering_committee_16th.txt" in {s.doc for s in sixteenth.engagement.sources}
    assert sixteenth.announced
    for plan in sixteenth.announced:
        assert plan.status == "planned"
        assert plan.held_as == sixteenth.engagement.id
        assert "vns_son_to_visit_china.txt" in {s.doc for s in plan.sources}
    assert all(s.engagement.status == "held" or not s.held for s in sessions if not s.announced)


def test_mechanisms_thread_pages(sample_store: Store) -> None:
    whole = query.mechanism_thread(sample_store, "Intergovernmental Committee").sessions
    first = query.mechanism_thread(sample_store, "Intergovernmental Committee", limit=1).sessions
    assert whole.total >= 2
    assert first.total == whole.total
    assert first.items == whole.items[:1]


def test_mechanisms_thread_unknown_or_ambiguous(sample_store: Store) -> None:
    with pytest.raises(query.NoMatch):
        query.mechanism_thread(sample_store, "Joint Commission on Fisheries")
    with pytest.raises(query.Ambiguous) as caught:
        query.mechanism_thread(sample_store, "Committee")
    assert len(caught.value.candidates) >= 2


def test_mechanisms_iter_matches_the_list(sample_store: Store) -> None:
    listed = {m.id: m for m in query.mechanisms(sample_store).items}
    assert {m.id: m for m in query.iter_mechanisms(sample_store)} == listed

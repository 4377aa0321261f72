"""Engagement resolution on hand-built views: one meeting across outlets, conflicts, planned -> held."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.resolve import (
    EngagementView,
    Window,
    date_bounds,
    engagement_blocks,
    engagement_id,
    held_session,
    lookup_window,
    merge_engagement,
    might_be_same,
    might_have_become,
    same_engagement,
)
from diplograph.resolve.engagements import kinds_compatible

WANG, SON, VU, LAM = "w" * 32, "s" * 32, "v" * 32, "l" * 32
STEERING = "m" * 32


def view(**fields: object) -> EngagementView:
    base = EngagementView(
        id=None,
        kind="co_chair",
        status="held",
        date="2024-12-10",
        participants=frozenset({WANG, SON}),
        mechanism_id=STEERING,
        ordinal=16,
        location="Beijing",
        report_id="xinhua",
    )
    return replace(base, **fields)  # type: ignore[arg-type]


XINHUA = view()
VNA = view(kind="meeting", report_id="vna", location="Bắc Kinh")
DIGEST = view(kind="talks", date="2024-12", mechanism_id=None, ordinal=None, report_id="digest")


def test_engagements_three_writeups_are_one_meeting() -> None:
    assert same_engagement(XINHUA, VNA)
    assert same_engagement(XINHUA, DIGEST)
    assert same_engagement(VNA, DIGEST)
    merged, conflicts = merge_engagement(DIGEST, XINHUA)
    merged, more = merge_engagement(merged, VNA)
    assert conflicts == more == []
    assert merged.date == "2024-12-10"  # the most precise agreeing date
    assert merged.kind == "co_chair"  # the most specific wording
    assert merged.mechanism_id == STEERING
    assert merged.ordinal == 16


def test_engagements_a_day_apart_is_the_same_meeting_with_a_conflict() -> None:
    washington = view(mechanism_id=None, ordinal=None, date="2024-12-09", report_id="ap")
    beijing = view(mechanism_id=None, ordinal=None, date="2024-12-10", report_id="xinhua")
    assert same_engagement(washington, beijing)
    merged, conflicts = merge_engagement(beijing, washington, existing_label="Xinhua", new_label="AP")
    assert merged.date == "2024-12-10"
    assert conflicts == ["date: 2024-12-10 (Xinhua) vs 2024-12-09 (AP)"]


def test_engagements_two_days_apart_are_two_meetings_without_a_session() -> None:
    assert not same_engagement(
        view(mechanism_id=None, ordinal=None, date="2024-12-10"),
        view(mechanism_id=None, ordinal=None, date="2024-12-12"),
    )


def test_engagements_same_session_with_disagreeing_dates_is_one_with_a_conflict() -> None:
    other = view(date="2024-12-12", report_id="other")
    assert same_engagement(XINHUA, other)
    merged, conflicts = merge_engagement(XINHUA, other, existing_label="Xinhua", new_label="Other Wire")
    assert merged.date == "2024-12-10"
    assert conflicts == ["date: 2024-12-10 (Xinhua) vs 2024-12-12 (Other Wire)"]


def test_engagements_session_number_weeks_apart_is_another_event() -> None:
    # A preparatory meeting "for the 16th session" two months early is not the session.
    preparatory = view(date="2024-10-08", report_id="prep")
    assert not same_engagement(XINHUA, preparatory)
    assert same_engagement(XINHUA, view(date="2024-12-17", report_id="late"))  # a week: misdated, one event
    assert same_engagement(XINHUA, view(date="2024", report_id="year"))


def test_engagements_conflict_labels_default_to_report_ids() -> None:
    _, conflicts = merge_engagement(XINHUA, view(date="2024-12-12", report_id="r2"))
    assert conflicts == ["date: 2024-12-10 (xinhua) vs 2024-12-12 (r2)"]
    _, conflicts = merge_engagement(view(report_id=None), view(date="2024-12-12", report_id=None))
    assert conflicts == ["date: 2024-12-10 (existing) vs 2024-12-12 (new)"]


def test_engagements_different_sessions_or_mechanisms_are_different() -> None:
    assert not same_engagement(XINHUA, view(ordinal=15))
    assert not same_engagement(XINHUA, view(mechanism_id="n" * 32))
    assert not same_engagement(XINHUA, view(mechanism_id=None, ordinal=15))


def test_engagements_status_and_kind_must_agree() -> None:
    assert not same_engagement(XINHUA, view(status="planned"))
    assert not same_engagement(XINHUA, view(kind="visit"))
    assert kinds_compatible("phone_call", "video_call")
    assert kinds_compatible("dialogue", "talks")
    assert not kinds_compatible("phone_call", "talks")
    assert not kinds_compatible("signing", "meeting")


def test_engagements_people_must_overlap_enough() -> None:
    loose = {"mechanism_id": None, "ordinal": None}
    pair = view(**loose)
    assert same_engagement(pair, view(**loose, participants=frozenset({WANG, SON, VU})))  # 2/3
    assert same_engagement(pair, view(**loose, participants=frozenset({WANG})))  # 1/2
    assert not same_engagement(
        view(**loose, participants=frozenset({WANG})), view(**loose, participants=frozenset({WANG, SON, VU}))
    )
    assert not same_engagement(pair, view(**loose, participants=frozenset({VU, LAM})))
    assert not same_engagement(
        view(**loose, participants=frozenset()), view(**loose, participants=frozenset(), report_id="vna")
    )


def test_engagements_same_mechanism_without_number_needs_the_date() -> None:
    unnumbered = view(ordinal=None, participants=frozenset(), date="2024-12")
    assert same_engagement(XINHUA, unnumbered)
    assert not same_engagement(XINHUA, replace(unnumbered, date="2024-11"))
    assert not same_engagement(XINHUA, replace(unnumbered, date=None))


def test_engagements_undated_need_a_session() -> None:
    assert not same_engagement(
        view(mechanism_id=None, ordinal=None, date=None),
        view(mechanism_id=None, ordinal=None, date=None, report_id="x"),
    )
    assert same_engagement(view(date=None), view(date=None, report_id="x"))


def test_engagements_merge_keeps_the_more_specific_place() -> None:
    merged, conflicts = merge_engagement(XINHUA, view(location="Diaoyutai State Guesthouse"))
    assert merged.location == "Diaoyutai State Guesthouse"
    assert conflicts == []
    merged, conflicts = merge_engagement(view(location="Diaoyutai State Guesthouse"), XINHUA)
    assert merged.location == "Diaoyutai State Guesthouse"
    assert conflicts == []


def test_engagements_merge_reports_places_apart() -> None:
    merged, conflicts = merge_engagement(XINHUA, view(location="Hanoi", report_id="vna"))
    assert merged.location == "Beijing"
    assert conflicts == ["location: Beijing (xinhua) vs Hanoi (vna)"]


def test_engagements_merge_fills_gaps_and_unites_people() -> None:
    sparse = view(
        location=None, mechanism_id=None, ordinal=None, date=None, participants=frozenset({SON}), id="e" * 32
    )
    merged, conflicts = merge_engagement(sparse, view(participants=frozenset({WANG, VU})))
    assert conflicts == []
    assert merged.id == "e" * 32
    assert merged.participants == {WANG, SON, VU}
    assert (merged.location, merged.mechanism_id, merged.ordinal, merged.date) == (
        "Beijing",
        STEERING,
        16,
        "2024-12-10",
    )


def test_engagements_merge_range_and_day() -> None:
    merged, conflicts = merge_engagement(view(date="2024-12-08/2024-12-11"), XINHUA)
    assert merged.date == "2024-12-10"
    assert conflicts == []


PLANNED = view(status="planned", date="2024-12-08/2024-12-11", report_id="vna-nov", location=None)


def test_engagements_planned_session_links_to_held() -> None:
    held = replace(XINHUA, id="h" * 32)
    other = view(id="o" * 32, ordinal=15, date="2023-12-20")
    assert held_session(PLANNED, [other, held]) == "h" * 32
    # Sessions get postponed: the number decides even when the date left the window.
    assert held_session(PLANNED, [replace(held, date="2025-02-01")]) == "h" * 32


def test_engagements_planned_never_links_to_an_earlier_holding() -> None:
    announced = replace(PLANNED, date="2025")
    earlier = replace(XINHUA, id="h" * 32)  # held 2024-12-10, before the 2025 window
    later = view(id="k" * 32, date="2025-01-09")
    assert held_session(announced, [earlier]) is None
    assert held_session(announced, [earlier, later]) == "k" * 32


def test_engagements_planned_visit_links_to_the_session_it_was_for() -> None:
    visit = replace(PLANNED, kind="visit", participants=frozenset({SON}))
    session = replace(XINHUA, id="h" * 32)
    held_visit = view(id="v" * 32, kind="visit", participants=frozenset({SON}))
    assert held_session(visit, [session]) == "h" * 32
    assert held_session(visit, [session, held_visit]) == "v" * 32


def test_engagements_planned_without_session_links_by_people_and_window() -> None:
    planned = replace(PLANNED, mechanism_id=None, ordinal=None, kind="talks")
    inside = view(id="a" * 32, mechanism_id=None, ordinal=None, date="2024-12-09")
    outside = view(id="b" * 32, mechanism_id=None, ordinal=None, date="2024-12-20")
    strangers = view(id="c" * 32, mechanism_id=None, ordinal=None, participants=frozenset({VU, LAM}))
    assert held_session(planned, [outside, strangers, inside]) == "a" * 32
    assert held_session(planned, [outside, strangers]) is None


def test_engagements_held_session_ignores_planned_and_unsaved_candidates() -> None:
    assert held_session(PLANNED, [replace(PLANNED, id="p" * 32, report_id="x"), XINHUA]) is None
    assert held_session(XINHUA, [replace(XINHUA, id="h" * 32)]) is None


def test_engagements_held_session_does_not_depend_on_candidate_order() -> None:
    planned = replace(PLANNED, mechanism_id=None, ordinal=None)
    one = view(id="1" * 32, mechanism_id=None, ordinal=None, date="2024-12-09")
    two = view(id="2" * 32, mechanism_id=None, ordinal=None, date="2024-12-10")
    assert held_session(planned, [one, two]) == held_session(planned, [two, one]) == "1" * 32


def test_engagements_blocks_meet_across_precision_and_month_ends() -> None:
    loose = {"mechanism_id": None, "ordinal": None}
    assert engagement_blocks(view(**loose, date="2024-11-30")) & engagement_blocks(
        view(**loose, date="2024-12-01")
    )
    assert engagement_blocks(view(**loose, date="2024")) & engagement_blocks(view(**loose, date="2024-12-10"))
    assert f"mo:{STEERING}:16" in engagement_blocks(view(date=None))
    assert f"pm:{WANG}:2024-12" in engagement_blocks(PLANNED)
    assert not any(b.startswith("pm:") for b in engagement_blocks(view(date=None)))


def test_engagements_id_is_32_hex_and_keys_sessions_naturally() -> None:
    first = engagement_id(XINHUA)
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first == engagement_id(VNA)  # one session, whichever report told of it first
    assert first != engagement_id(PLANNED)
    assert first != engagement_id(view(kind="visit"))
    loose = view(mechanism_id=None, ordinal=None)
    assert engagement_id(loose) != engagement_id(replace(loose, report_id="vna"))


def test_engagements_bad_dates_raise() -> None:
    with pytest.raises(ValueError, match="partial ISO date"):
        same_engagement(
            view(mechanism_id=None, ordinal=None, date="Dec 10"), view(mechanism_id=None, ordinal=None)
        )
    with pytest.raises(ValueError, match="month"):
        engagement_blocks(view(date="2024-13"))


DATES = [
    "2024",
    "2024-11",
    "2024-11-30",
    "2024-12",
    "2024-12-01",
    "2024-12-10",
    "2024-12-11",
    "2024-12-12",
    "2024-12-08/2024-12-11",
    None,
]
KINDS = ["meeting", "talks", "co_chair", "visit", "phone_call", "video_call"]


SIDE = st.fixed_dictionaries(
    {
        "date": st.sampled_from(DATES),
        "kind": st.sampled_from(KINDS),
        "status": st.sampled_from(["held", "planned"]),
        "mechanism_id": st.sampled_from([STEERING, "n" * 32, None]),
        "ordinal": st.sampled_from([None, 15, 16]),
        "participants": st.frozensets(st.sampled_from([WANG, SON, VU]), max_size=3),
    }
)


@settings(max_examples=500, deadline=None)
@given(SIDE, SIDE)
def test_engagements_same_engagement_is_symmetric_and_blocks_find_every_match(
    side_a: dict[str, object], side_b: dict[str, object]
) -> None:
    a, b = view(**side_a, report_id="a"), view(**side_b, report_id="b")
    assert same_engagement(a, b) == same_engagement(b, a)
    if same_engagement(a, b):
        assert engagement_blocks(a) & engagement_blocks(b)


@settings(max_examples=300, deadline=None)
@given(SIDE, st.lists(SIDE, max_size=4))
def test_engagements_held_session_is_found_through_blocks(
    planned: dict[str, object], held: list[dict[str, object]]
) -> None:
    plan = view(**{**planned, "status": "planned"}, report_id="p")
    candidates = [
        view(**{**side, "status": "held"}, id=f"{n:032d}", report_id=str(n)) for n, side in enumerate(held)
    ]
    found = held_session(plan, candidates)
    if found is not None:
        (chosen,) = [c for c in candidates if c.id == found]
        assert engagement_blocks(plan) & engagement_blocks(chosen)
    assert held_session(plan, list(reversed(candidates))) == found


def _admits(window: Window | None, date: str | None) -> bool:
    """What the store's lookup asks of a candidate filed under a key with this window."""
    if window is None:
        return True
    low, high, undated = window
    if date is None:
        return undated
    first, last = date_bounds(date)
    return first <= high and last >= low


@settings(max_examples=500, deadline=None)
@given(SIDE, SIDE)
def test_engagements_lookup_windows_never_hide_a_match(
    side_a: dict[str, object], side_b: dict[str, object]
) -> None:
    """A stored engagement the new view is the same as is found under a shared key, inside its window;
    and the cheap test before participants are read never rejects it."""
    stored, new = view(**side_a, id="0" * 32, report_id="a"), view(**side_b, report_id="b")
    if same_engagement(stored, new):
        shared = engagement_blocks(stored) & engagement_blocks(new)
        assert any(_admits(lookup_window(key, new.date, wanted="same"), stored.date) for key in shared)
        assert might_be_same(replace(stored, participants=frozenset()), new)


@settings(max_examples=500, deadline=None)
@given(SIDE, SIDE)
def test_engagements_lookup_windows_find_the_holding_both_ways(
    planned: dict[str, object], held: dict[str, object]
) -> None:
    """A planned engagement and the holding it became find each other through the windows, whichever
    was stored first, and the test before participants are read never rejects the pair."""
    plan = view(**{**planned, "status": "planned"}, id="p" * 32, report_id="p")
    holding = view(**{**held, "status": "held"}, id="h" * 32, report_id="h")
    if held_session(plan, [holding]) == holding.id:
        shared = engagement_blocks(plan) & engagement_blocks(holding)
        assert any(_admits(lookup_window(key, plan.date, wanted="held"), holding.date) for key in shared)
        assert any(_admits(lookup_window(key, holding.date, wanted="planned"), plan.date) for key in shared)
        assert might_have_become(
            replace(plan, participants=frozenset()), replace(holding, participants=frozenset())
        )


def test_engagements_lookup_window_by_key() -> None:
    """Month keys ask for agreeing days; session keys for the session's slack or the right side of a
    plan; identity keys for nothing."""
    assert lookup_window("pm:x:2024-12", "2024-12-10", wanted="same") == ("2024-12-09", "2024-12-11", False)
    assert lookup_window("mo:m:16", "2024-12-10", wanted="same") == ("2024-12-03", "2024-12-17", True)
    assert lookup_window("mo:m:16", "2024-12", wanted="held") == ("2024-11-30", "9999-12-31", True)
    assert lookup_window("mo:m:16", "2024-12-10", wanted="planned") == ("0000-01-01", "2024-12-11", True)
    assert lookup_window("id:abc", "2024-12-10", wanted="same") is None
    assert lookup_window("pm:x:2024-12", None, wanted="same") is None
    with pytest.raises(ValueError, match="unknown lookup"):
        lookup_window("mo:m:16", "2024-12-10", wanted="other")
    assert date_bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_bounds("2024-12-08/2024-12-11") == ("2024-12-08", "2024-12-11")

"""Tests for engagements read from whole mini-reports: kind, status, date, place, people, mechanism.

Every report here was written for these tests from public facts about real officials.
"""

from __future__ import annotations

import pytest

from diplograph.extract import extract_article
from diplograph.ingest import article_from_text
from diplograph.model import Engagement, Extraction

# A Wednesday: "on Tuesday" is 2024-12-10, "on Monday" 2024-12-09.
PUBLISHED = "2024-12-11"


def extract(text: str, *, published: str | None = PUBLISHED, title: str | None = None) -> Extraction:
    return extract_article(article_from_text(text, published=published, title=title))


def engagements(text: str, **kwargs: str | None) -> tuple[Engagement, ...]:
    return extract(text, **kwargs).engagements


def only(text: str, **kwargs: str | None) -> Engagement:
    found = engagements(text, **kwargs)
    assert len(found) == 1, [(e.kind, e.evidence.quote) for e in found]
    return found[0]


def names(engagement: Engagement) -> list[str]:
    return sorted(p.name for p in engagement.participants)


# --- kinds -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Vietnamese Foreign Minister Bui Thanh Son held talks on Tuesday in Beijing with Chinese "
            "Foreign Minister Wang Yi.",
            "talks",
        ),
        (
            "Vietnamese General Secretary To Lam met with Chinese Premier Li Qiang in Beijing on Monday.",
            "meeting",
        ),
        (
            "Prime Minister Pham Minh Chinh received Japanese Ambassador to Vietnam Ito Naoki in Hanoi "
            "on Tuesday.",
            "meeting",
        ),
        (
            "On Tuesday Chinese Premier Li Qiang held a phone call with Vietnam's Prime Minister Pham "
            "Minh Chinh.",
            "phone_call",
        ),
        (
            "Foreign Minister Bui Thanh Son held talks via video link with Indonesian Foreign Minister "
            "Retno Marsudi on Tuesday.",
            "video_call",
        ),
        (
            "In Beijing on Tuesday, Chinese Foreign Minister Wang Yi co-chaired the annual consultation "
            "together with Vietnam's Foreign Minister Bui Thanh Son.",
            "co_chair",
        ),
        (
            "Prime Minister Pham Minh Chinh and Singaporean Prime Minister Lawrence Wong witnessed the "
            "signing of a memorandum on the digital economy in Singapore on Monday.",
            "signing",
        ),
    ],
)
def test_engagements_kind_of_a_two_party_engagement(text: str, kind: str) -> None:
    engagement = only(text)
    assert engagement.kind == kind
    assert engagement.status == "held"
    assert len(engagement.participants) == 2


def test_engagements_visit_with_dates_range_and_host_country() -> None:
    engagement = only(
        "From March 14 to 15, 2024, Deputy Foreign Minister Do Hung Viet paid a working visit to Singapore."
    )
    assert engagement.kind == "visit"
    assert str(engagement.date) == "2024-03-14/2024-03-15"
    assert (engagement.location, engagement.location_country) == ("Singapore", "SGP")
    assert [(p.name, p.country, p.title) for p in engagement.participants] == [
        ("Do Hung Viet", "VNM", "Deputy Foreign Minister")
    ]


def test_engagements_hosted_welcome_ceremony_is_attended_by_both() -> None:
    engagement = only(
        "Prime Minister Pham Minh Chinh hosted a welcome ceremony for Lao Prime Minister Sonexay Siphandone "
        "in Hanoi on Tuesday."
    )
    assert engagement.kind == "attend"
    assert names(engagement) == ["Pham Minh Chinh", "Sonexay Siphandone"]


def test_engagements_attendance_at_a_summit() -> None:
    engagement = only(
        "Vietnamese President Luong Cuong attended the APEC Economic Leaders' Meeting in Lima, Peru "
        "on Saturday."
    )
    assert engagement.kind == "attend"
    assert str(engagement.date) == "2024-12-07"
    assert (engagement.location, engagement.location_country) == ("Lima", "PER")
    assert names(engagement) == ["Luong Cuong"]


# --- held or planned -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cambodian Prime Minister Hun Manet is scheduled to meet Vietnamese Prime Minister Pham Minh Chinh "
        "in Hanoi on Thursday.",
        "Cambodian Prime Minister Hun Manet will hold talks in Hanoi on Thursday with Vietnamese Prime "
        "Minister Pham Minh Chinh.",
        "Cambodian Prime Minister Hun Manet is expected to meet Vietnamese Prime Minister Pham Minh Chinh "
        "in Hanoi on Thursday.",
    ],
)
def test_engagements_future_wording_is_planned_with_a_future_date(text: str) -> None:
    engagement = only(text)
    assert engagement.status == "planned"
    assert str(engagement.date) == "2024-12-12"
    assert names(engagement) == ["Hun Manet", "Pham Minh Chinh"]


def test_engagements_planned_state_visit_over_a_date_range() -> None:
    engagement = only(
        "Chinese President Xi Jinping will pay a state visit to Vietnam from December 12 to 13."
    )
    assert (engagement.kind, engagement.status) == ("visit", "planned")
    assert str(engagement.date) == "2024-12-12/2024-12-13"
    assert engagement.location_country == "VNM"


# --- dates -----------------------------------------------------------------------------------------


def test_engagements_weekday_resolved_against_publication() -> None:
    engagement = only(
        "Premier Li Qiang of China held talks on Tuesday with Vietnam's Prime Minister Pham Minh Chinh."
    )
    assert str(engagement.date) == "2024-12-10"
    assert engagement.date_basis.startswith("weekday")


def test_engagements_weekday_resolved_against_a_dated_dateline() -> None:
    text = (
        "HANOI, Dec. 10, 2024 (VNA) - Vietnamese Foreign Minister Bui Thanh Son held talks with Lao "
        "Foreign Minister Saleumxay Kommasith in Vientiane on Monday."
    )
    assert str(only(text, published=None).date) == "2024-12-09"


def test_engagements_the_same_day_takes_the_previous_date() -> None:
    found = engagements(
        "Vietnamese National Assembly Chairman Tran Thanh Man received Chinese Ambassador He Wei in Hanoi "
        "on Tuesday. On the same day, Man also met with Lao Ambassador Khamphao Ernthavanh."
    )
    assert [(str(e.date), names(e)) for e in found] == [
        ("2024-12-10", ["He Wei", "Tran Thanh Man"]),
        ("2024-12-10", ["Khamphao Ernthavanh", "Tran Thanh Man"]),
    ]
    assert found[1].date_basis == "same-day"


def test_engagements_last_year_is_the_year_before_publication() -> None:
    engagement = only(
        "US Secretary of State Antony Blinken met with Chinese Foreign Minister Wang Yi in Munich last year."
    )
    assert str(engagement.date) == "2023"
    assert engagement.date is not None
    assert engagement.date.precision == "year"
    assert (engagement.location, engagement.location_country) == ("Munich", "DEU")


def test_engagements_month_and_year_stated() -> None:
    engagement = only(
        "Indian Prime Minister Narendra Modi and Japanese Prime Minister Fumio Kishida held a summit "
        "meeting in Tokyo in September 2022."
    )
    assert str(engagement.date) == "2022-09"


def test_engagements_no_date_without_any_anchor() -> None:
    engagement = only(
        "Premier Li Qiang of China held talks on Tuesday with Vietnam's Prime Minister Pham Minh Chinh.",
        published=None,
    )
    assert engagement.date is None


# --- participants ----------------------------------------------------------------------------------


def test_engagements_subject_and_object_are_the_participants() -> None:
    engagement = only(
        "Chinese Foreign Minister Wang Yi on Tuesday held talks in Beijing with Vietnamese Deputy Prime "
        "Minister and Foreign Minister Bui Thanh Son."
    )
    assert [(p.name, p.country, p.title) for p in engagement.participants] == [
        ("Wang Yi", "CHN", "Foreign Minister"),
        ("Bui Thanh Son", "VNM", "Deputy Prime Minister"),
    ]


def test_engagements_meeting_two_officials_of_one_country_is_two_meetings() -> None:
    found = engagements(
        "Chinese Foreign Minister Wang Yi met with Cambodian Deputy Prime Minister Sun Chanthol and "
        "Cambodian Minister of Defence Tea Seiha in Phnom Penh on Sunday."
    )
    assert [names(e) for e in found] == [["Sun Chanthol", "Wang Yi"], ["Tea Seiha", "Wang Yi"]]
    assert all(e.kind == "meeting" and str(e.date) == "2024-12-08" for e in found)


def test_engagements_meeting_officials_of_two_countries_is_one_meeting() -> None:
    engagement = only(
        "Chinese Premier Li Qiang met with Vietnamese Deputy Prime Minister Tran Hong Ha and Cambodian "
        "Deputy Prime Minister Sun Chanthol in Beijing on Monday."
    )
    assert names(engagement) == ["Li Qiang", "Sun Chanthol", "Tran Hong Ha"]


def test_engagements_received_a_visiting_official_is_a_meeting_with_both() -> None:
    found = engagements(
        "HANOI, Dec. 10 (VNA) - Prime Minister Pham Minh Chinh received visiting Lao Deputy Prime Minister "
        "Saleumxay Kommasith in Hanoi on Tuesday."
    )
    meeting = next(e for e in found if e.kind == "meeting")
    assert names(meeting) == ["Pham Minh Chinh", "Saleumxay Kommasith"]
    assert str(meeting.date) == "2024-12-10"


def test_engagements_joint_subject_with_a_counterpart() -> None:
    engagement = only(
        "Vietnamese Prime Minister Pham Minh Chinh and his Chinese counterpart Li Qiang held talks in "
        "Beijing on Monday."
    )
    assert [(p.name, p.country, p.title) for p in engagement.participants] == [
        ("Pham Minh Chinh", "VNM", "Prime Minister"),
        ("Li Qiang", "CHN", "Prime Minister"),
    ]


def test_engagements_negated_meeting_is_not_an_engagement() -> None:
    extraction = extract(
        "Vietnamese Foreign Minister Bui Thanh Son did not meet Chinese Foreign Minister Wang Yi on Tuesday."
    )
    assert extraction.engagements == ()
    assert len(extraction.people) == 2


def test_engagements_host_at_whose_invitation_is_not_a_participant() -> None:
    engagement = only(
        "At the invitation of Chinese Premier Li Qiang, Vietnamese Prime Minister Pham Minh Chinh attended "
        "the Summer Davos forum in Dalian on Tuesday."
    )
    assert names(engagement) == ["Pham Minh Chinh"]
    assert (engagement.location, engagement.location_country) == ("Dalian", "CHN")


def test_engagements_short_name_subject_in_a_later_sentence() -> None:
    found = engagements(
        "Vietnamese National Assembly Chairman Tran Thanh Man received Chinese Ambassador He Wei in Hanoi "
        "on Tuesday. Man later met with Lao Ambassador Khamphao Ernthavanh."
    )
    assert names(found[-1]) == ["Khamphao Ernthavanh", "Tran Thanh Man"]


def test_engagements_anaphor_adds_chairs_and_makes_it_co_chaired() -> None:
    engagement = only(
        "Vietnamese Minister of Public Security Luong Tam Quang and Chinese State Councilor Wang Xiaohong "
        "met in Hanoi on Monday. The meeting was co-chaired by Quang and Wang."
    )
    assert engagement.kind == "co_chair"
    assert names(engagement) == ["Luong Tam Quang", "Wang Xiaohong"]
    assert str(engagement.date) == "2024-12-09"


def test_engagements_group_reference_attends_with_both_ministers() -> None:
    found = engagements(
        "Chinese Foreign Minister Wang Yi and Vietnamese Foreign Minister Bui Thanh Son held talks in "
        "Beijing on Tuesday. Afterwards, the two foreign ministers attended a ceremony marking the new "
        "border crossing."
    )
    assert [(e.kind, names(e)) for e in found] == [
        ("talks", ["Bui Thanh Son", "Wang Yi"]),
        ("attend", ["Bui Thanh Son", "Wang Yi"]),
    ]
    assert found[1].date == found[0].date


def test_engagements_two_sides_take_the_officials_who_speak_for_them() -> None:
    engagement = only(
        "The two sides convened the first meeting of the 3+3 strategic dialogue in Beijing on Monday. "
        "Chinese Vice Foreign Minister Sun Weidong and Vietnamese Deputy Foreign Minister Nguyen Minh Vu "
        "led the delegations."
    )
    assert engagement.kind == "dialogue"
    assert engagement.ordinal == 1
    assert engagement.mechanism is not None
    assert "3+3" in engagement.mechanism
    assert names(engagement) == ["Nguyen Minh Vu", "Sun Weidong"]


# --- places ----------------------------------------------------------------------------------------


def test_engagements_location_from_the_text() -> None:
    engagement = only(
        "Prime Minister Pham Minh Chinh received Japanese Ambassador to Vietnam Ito Naoki in Hanoi "
        "on Tuesday."
    )
    assert (engagement.location, engagement.location_country, engagement.location_basis) == (
        "Hanoi",
        "VNM",
        "text",
    )


def test_engagements_great_hall_of_the_people_is_in_beijing() -> None:
    engagement = only(
        "Vietnamese General Secretary To Lam met with Chinese Premier Li Qiang at the Great Hall of the "
        "People on Monday."
    )
    assert (engagement.location, engagement.location_country) == ("Beijing", "CHN")


def test_engagements_dateline_is_not_a_venue_when_another_place_is_stated() -> None:
    engagement = only(
        "HANOI, Dec. 10 (VNA) - Vietnamese Foreign Minister Bui Thanh Son held talks with Lao Foreign "
        "Minister Saleumxay Kommasith in Vientiane on Tuesday."
    )
    assert (engagement.location, engagement.location_country, engagement.location_basis) == (
        "Vientiane",
        "LAO",
        "text",
    )


def test_engagements_dateline_city_is_a_marked_fallback() -> None:
    engagement = only(
        "HANOI, Dec. 10 (VNA) - Vietnamese Foreign Minister Bui Thanh Son held talks with Lao Foreign "
        "Minister Saleumxay Kommasith on Tuesday."
    )
    assert (engagement.location, engagement.location_basis) == ("Hanoi", "dateline")


def test_engagements_calls_have_no_venue() -> None:
    engagement = only(
        "BEIJING, Dec. 10 (Xinhua) -- A phone call was held on Tuesday between Chinese Foreign Minister "
        "Wang Yi and Vietnamese Foreign Minister Bui Thanh Son."
    )
    assert engagement.kind == "phone_call"
    assert engagement.location is None


def test_engagements_place_in_a_diacritic_spelling() -> None:
    engagement = only(
        "Bộ trưởng Bùi Thanh Sơn held talks with Thai Foreign Minister Maris Sangiampongsa in Hà Nội "
        "on Tuesday."
    )
    assert (engagement.location, engagement.location_country) == ("Hanoi", "VNM")
    assert names(engagement) == ["Bui Thanh Son", "Maris Sangiampongsa"]


# --- mechanisms ------------------------------------------------------------------------------------


def test_engagements_mechanism_and_session_number() -> None:
    engagement = only(
        "BEIJING, Dec. 10 (Xinhua) -- Vietnamese Foreign Minister Bui Thanh Son and his Chinese host Wang "
        "Yi on Tuesday co-chaired the 16th session of the China-Vietnam Steering Committee for "
        "Bilateral Cooperation in Beijing."
    )
    assert engagement.kind == "co_chair"
    assert engagement.mechanism == "China-Vietnam Steering Committee for Bilateral Cooperation"
    assert engagement.ordinal == 16
    assert str(engagement.date) == "2024-12-10"
    assert names(engagement) == ["Bui Thanh Son", "Wang Yi"]


def test_engagements_plain_meeting_has_no_mechanism() -> None:
    engagement = only(
        "Premier Li Qiang of China held talks on Tuesday with Vietnam's Prime Minister Pham Minh Chinh."
    )
    assert engagement.mechanism is None
    assert engagement.ordinal is None


# --- merging and evidence --------------------------------------------------------------------------


def test_engagements_headline_restating_the_body_merges() -> None:
    text = (
        "Wang Yi, Bui Thanh Son co-chair steering committee session\n\n"
        "BEIJING, Dec. 10 (Xinhua) -- Vietnamese Foreign Minister Bui Thanh Son and his Chinese host Wang "
        "Yi on Tuesday co-chaired the 16th session of the China-Vietnam Steering Committee for "
        "Bilateral Cooperation in Beijing.\n\n"
        "Wang urged the two sides to deepen trust. Son pledged that Vietnam would work with China.\n"
    )
    engagement = only(text)
    assert engagement.ordinal == 16
    assert names(engagement) == ["Bui Thanh Son", "Wang Yi"]
    # The body sentence, not the headline, is the evidence.
    assert engagement.evidence.quote.startswith("BEIJING, Dec. 10")


def test_engagements_unnamed_headline_folds_into_the_named_engagement() -> None:
    text = (
        "China, Vietnam hold talks in Beijing\n\n"
        "BEIJING, Dec. 10 (Xinhua) -- Vietnamese Foreign Minister Bui Thanh Son held talks on Tuesday in "
        "Beijing with Chinese Foreign Minister Wang Yi.\n"
    )
    engagement = only(text)
    assert names(engagement) == ["Bui Thanh Son", "Wang Yi"]


def test_engagements_headline_naming_one_side_merges_into_the_body() -> None:
    text = (
        "PM Chinh meets Lao counterpart\n\n"
        "Prime Minister Phạm Minh Chính met with Lao Prime Minister Sonexay Siphandone in Hanoi on "
        "December 9.\n"
    )
    engagement = only(text)
    assert names(engagement) == ["Pham Minh Chinh", "Sonexay Siphandone"]
    assert str(engagement.date) == "2024-12-09"
    assert engagement.evidence.quote.startswith("Prime Minister Phạm Minh Chính met")


def test_engagements_evidence_offsets_are_exact_on_diacritics() -> None:
    text = (
        "Thủ tướng Phạm Minh Chính tiếp Đại sứ.\n\n"
        "HANOI, Dec. 10 (VNA) - Prime Minister Phạm Minh Chính received Lao Ambassador Khamphao "
        "Ernthavanh in Hà Nội on Tuesday. Chính said the two countries shared a special relationship. "
        "Later, Chính held talks with Thai Foreign Minister Maris Sangiampongsa in Hà Nội.\n"
    )
    extraction = extract(text)
    assert len(extraction.engagements) == 2
    for engagement in extraction.engagements:
        evidence = engagement.evidence
        assert text[evidence.start : evidence.end] == evidence.quote
    for person in extraction.people:
        for mention in person.mentions:
            assert text[mention.start : mention.end] == mention.quote
    chinh = next(p for p in extraction.people if p.name == "Pham Minh Chinh")
    assert "Phạm Minh Chính" in chinh.aliases

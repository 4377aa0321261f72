"""Tests for the date finder and resolver: every sentence here was written for these tests."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.extract.dates import DateMention, Tense, find_dates, resolve, sentence_year_mentions, tense_of
from diplograph.model import PartialDate

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def only(text: str, **kwargs: bool | None) -> DateMention:
    """The single date mention the finder reports in ``text``."""
    found = find_dates(text, **kwargs)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def when(
    text: str,
    anchor: str | None,
    *,
    tense: Tense | None = None,
    previous: str | None = None,
    min_date: str | None = None,
) -> tuple[str | None, str]:
    """Resolve the single mention of ``text``: (date string or None, basis)."""
    mention = only(text)
    date, basis = resolve(
        mention,
        anchor=PartialDate.parse(anchor) if anchor else None,
        tense=tense or tense_of(text, at=mention.start),
        previous=PartialDate.parse(previous) if previous else None,
        min_date=min_date,
    )
    return (str(date) if date else None), basis


# --- finding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The foreign ministers signed the memorandum on December 10, 2024 in Hanoi.", "2024-12-10"),
        ("HANOI, Dec. 10, 2024 (VNA) - The delegation arrived.", "2024-12-10"),
        ("Talks opened in Jakarta on 10 December 2024.", "2024-12-10"),
        ("The premier left Phnom Penh on Dec.11, 2023 after the talks.", "2023-12-11"),
        ("A file picture taken on Jul 26, 2022 shows the two presidents.", "2022-07-26"),
        ("Updated 2024-12-10 09:00", "2024-12-10"),
        ("Seoul, 2024.12.10 - The envoys met.", "2024-12-10"),
        ("Thursday, 17/08/2023 | 10:12", "2023-08-17"),
        ("Friday, 09/20/2024", "2024-09-20"),
        ("On September 29, 2020, the two leaders spoke by phone.", "2020-09-29"),
        ("Posted on 5th March 2024 at noon.", "2024-03-05"),
        ("The accord was signed on the 2nd of March, 2019 in Hanoi.", "2019-03-02"),
        ("The summit closed on December 10th, 2024.", "2024-12-10"),
    ],
)
def test_dates_full_date_forms(text: str, expected: str) -> None:
    mention = only(text)
    assert mention.kind == "full"
    assert (mention.year, mention.month, mention.day) == tuple(int(p) for p in expected.split("-"))
    assert text[mention.start : mention.end] == mention.text
    assert when(text, None) == (expected, "explicit")


def test_dates_numeric_order_defaults_to_day_first() -> None:
    assert (only("Issued 05/06/2024.").day, only("Issued 05/06/2024.").month) == (5, 6)
    assert only("Issued 05/06/2024.", day_first=False).month == 5


def test_dates_numeric_order_follows_another_unambiguous_date() -> None:
    found = find_dates("Posted 09/20/2024; updated 10/01/2024.")
    assert [(m.month, m.day) for m in found] == [(9, 20), (10, 1)]


def test_dates_impossible_numeric_dates_are_dropped() -> None:
    assert find_dates("Codes 31/02/2024 and 13/13/2024 appear in the annex.") == []


def test_dates_part_of_day_keeps_month_day_and_preposition() -> None:
    mention = only("On the afternoon of April 14, the two general secretaries held talks.")
    assert (mention.kind, mention.text, mention.prep) == ("month_day", "April 14", "on")
    assert only("On the morning of March 18, the exchange opened at the border gate.").text == "March 18"


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("From February 4 to 5, 2024, the two deputy ministers met.", None, "2024-02-04/2024-02-05"),
        ("He visited Hanoi from March 15-17.", "2025-03-20", "2025-03-15/2025-03-17"),
        ("The state visit from September 10-11 was a success.", "2023-09-14", "2023-09-10/2023-09-11"),
        ("He toured China from October 31 - November 1.", "2023-07-27", "2022-10-31/2022-11-01"),
        ("The exchange took place on March 18-19 at the border.", "2024-03-25", "2024-03-18/2024-03-19"),
        ("The talks were held between 4 and 6 June in Geneva.", "2024-06-20", "2024-06-04/2024-06-06"),
        ("He stayed from 30 June to 2 July 2024.", None, "2024-06-30/2024-07-02"),
        ("The forum ran from December 30 - January 2.", "2024-01-05", "2023-12-30/2024-01-02"),
        ("They met from Dec 31, 2023 to Jan 2, 2024.", None, "2023-12-31/2024-01-02"),
        ("Trade grew in January-October 2024.", None, "2024-01/2024-10"),
        ("Exports rose in Jan-Oct 2024.", None, "2024-01/2024-10"),
        ("The plan covers the 2021-2025 period.", None, "2021/2025"),
        ("The plan runs from 2021 to 2025.", None, "2021/2025"),
    ],
)
def test_dates_ranges(text: str, anchor: str | None, expected: str) -> None:
    mention = only(text)
    assert mention.kind == "range"
    assert when(text, anchor)[0] == expected


def test_dates_weekday_range_around_anchor() -> None:
    # 2018-03-23 is a Friday: the visit runs from the Thursday before to the Saturday after.
    assert when("The president is in Hanoi from Thursday to Saturday.", "2018-03-23") == (
        "2018-03-22/2018-03-24",
        "weekday+anchor",
    )
    assert when("He toured the region from Saturday to Tuesday.", "2024-12-11")[0] == "2024-12-07/2024-12-10"


def test_dates_weekend_phrase_is_a_weekday_range() -> None:
    # 2024-12-09 is a Monday.
    assert when("The envoys met over the weekend.", "2024-12-09")[0] == "2024-12-07/2024-12-08"
    assert when("They will meet next weekend.", "2024-12-09")[0] == "2024-12-14/2024-12-15"


def test_dates_month_range_needs_from_or_a_dash() -> None:
    assert [m.kind for m in find_dates("They met in March and April.")] == ["month", "month"]
    assert only("The fair ran from March to May.").kind == "range"


def test_dates_year_pair_joined_by_and_is_two_years() -> None:
    assert [m.year for m in find_dates("The cooperation plans for 2024 and 2025 were approved.")] == [
        2024,
        2025,
    ]
    assert only("Talks were held between 2021 and 2025.").kind == "range"


def test_dates_duration_is_not_a_date() -> None:
    assert find_dates("He began a three-day visit and will stay for two weeks.") == []
    assert find_dates("Japan will invest heavily over the next three years.") == []


@pytest.mark.parametrize(
    ("text", "weekday", "kind"),
    [
        ("Wang Yi met Bui Thanh Son in Beijing on Tuesday.", 1, "weekday"),
        ("The president spoke with his counterpart on the phone Thursday.", 3, "weekday"),
        ("Ministers met on Monday (July 3) in Vientiane.", 0, "month_day"),
        ("The leader said on Thursday (Jun 27) that ties were strong.", 3, "month_day"),
        ("The ceremony was held on Monday, Dec. 11, 2023.", 0, "full"),
        ("Sat, 27th Jul 2024 15:49", 5, "full"),
        ("The delegation arrived on Dec 10 (Tuesday).", 1, "month_day"),
    ],
)
def test_dates_weekday_forms(text: str, weekday: int, kind: str) -> None:
    mention = only(text)
    assert (mention.weekday, mention.kind) == (weekday, kind)
    assert text[mention.start : mention.end] == mention.text


def test_dates_weekday_joins_a_date_only_across_a_comma_space_or_bracket() -> None:
    found = find_dates("They met on Monday. December 10 was chosen for the signing.")
    assert [(m.kind, m.weekday) for m in found] == [("weekday", 0), ("month_day", None)]
    assert only("Sat. 27 Jul 2024").weekday == 5


def test_dates_weekday_names_that_are_not_days() -> None:
    assert find_dates("Good Friday services and Black Friday sales were covered by the Sunday Times.") == []
    assert find_dates("The office is closed on Mondays.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The 16th meeting discussed the 75th anniversary of diplomatic ties.",
        "He congratulated the 19th CPC Central Committee on its sixth plenary session.",
        'They used the "3+3" strategic dialogue for the first time.',
        "Leaders met at the G-20 summit to discuss COVID-19 recovery.",
        "Japan pledged 5 trillion yen, and trade reached $10.57 billion, up 21.1 per cent.",
        "The plane landed at 08:55 and the talks began at 3.40 pm.",
        "Some 2000 people attended; the decree No. 2024 was cited.",
        "Theresa May met the March committee, and they may march.",
        "Both sides honoured the August Revolution.",
        "Decree 15/2024/ND-CP took effect, covering 1,200 km of road in the 1990s style.",
    ],
)
def test_dates_things_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_dates_year_in_a_name_is_a_year_the_caller_judges() -> None:
    agenda = only("Both backed the UN 2030 Agenda for Sustainable Development.")
    assert (agenda.kind, agenda.year, agenda.named) == ("year", 2030, True)
    meeting = only("The 2023 Spring Meeting was held online.")
    assert (meeting.kind, meeting.named) == ("year", True)
    plain = only("Trade reached a record in 2023.")
    assert (plain.named, plain.prep) == (False, "in")


def test_dates_sentence_year_mentions() -> None:
    text = "After the 2023 Spring Meeting and talks in May 2017, trade doubles by 2030 under the 2030 Agenda."
    assert sentence_year_mentions(text) == [2023, 2017]
    assert sentence_year_mentions("The partnership (2013-2023) was reviewed.") == [2013, 2023]
    assert sentence_year_mentions("No year is written here.") == []


@pytest.mark.parametrize(
    ("text", "part", "quoted"),
    [
        ("Putin and Xi met in mid-September.", "mid", "mid-September"),
        ("In early February, the president flew to Beijing.", "early", "early February"),
        ("The statement was approved in late November.", "late", "late November"),
        ("The session will take place early next year.", "early", "early next year"),
        ("Trade should reach the target by the end of this year.", "late", "the end of this year"),
        ("Growth slowed in mid-2023.", "mid", "mid-2023"),
        ("The road opens at the end of March.", "late", "the end of March"),
    ],
)
def test_dates_part_of_period(text: str, part: str, quoted: str) -> None:
    mention = only(text)
    assert (mention.part, mention.text) == (part, quoted)


def test_dates_month_day_with_relative_year_is_one_mention() -> None:
    mention = only("The two leaders first met on December 10 last year.")
    assert (mention.kind, mention.month, mention.day, mention.offset) == ("relative_year", 12, 10, -1)
    assert when("The two leaders first met on December 10 last year.", "2024-05-02")[0] == "2023-12-10"
    assert when("A summit is planned for September this year.", "2024-05-02")[0] == "2024-09"


def test_dates_empty_and_dateless_text() -> None:
    assert find_dates("") == []
    assert find_dates("The two sides agreed to deepen cooperation.") == []


def test_dates_lower_case_month_names_are_words() -> None:
    assert find_dates("Delegates may march to the memorial.") == []
    assert only("May 5 was chosen.").month == 5


_TOKENS = re.findall(
    r"\S+",
    "on Tuesday Dec. 10 , 2024 from March 15-17 - to mid- September last year ( ) 3+3 16th 09/20/2024 "
    "in May and between 4 June 2023-2024 early next week ago Monday the same day two days later",
)


@settings(deadline=None, max_examples=200)
@given(st.lists(st.sampled_from(_TOKENS), max_size=25).map(" ".join))
def test_dates_offsets_always_index_the_text_without_overlap(text: str) -> None:
    found = find_dates(text)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    for first, second in itertools.pairwise(found):
        assert first.end <= second.start


# --- resolving -----------------------------------------------------------------------------------


def test_dates_weekday_past_is_on_or_before_anchor() -> None:
    # 2024-12-10 is a Tuesday.
    assert when("Wang co-chaired the meeting on Tuesday.", "2024-12-10") == ("2024-12-10", "weekday+anchor")
    assert when("The dialogue was held on Monday.", "2024-12-10") == ("2024-12-09", "weekday+anchor")
    assert when("The two presidents talked by phone Thursday.", "2025-06-06")[0] == "2025-06-05"
    assert when("They met on Wednesday.", "2024-12-10")[0] == "2024-12-04"


def test_dates_weekday_future_is_on_or_after_anchor() -> None:
    assert when("The president is set to hold talks on Friday.", "2018-03-23")[0] == "2018-03-23"
    assert when("The visit will end Saturday.", "2018-03-23")[0] == "2018-03-24"
    assert when("He will fly to Hanoi on Monday.", "2024-12-10")[0] == "2024-12-16"


def test_dates_last_and_next_weekday_skip_the_anchor_day() -> None:
    assert when("They spoke last Tuesday.", "2024-12-10")[0] == "2024-12-03"
    assert when("They will speak next Tuesday.", "2024-12-10")[0] == "2024-12-17"


def test_dates_weekday_without_day_anchor() -> None:
    assert when("The meeting was held on Friday.", "2023-09") == ("2023-09", "anchor-year")
    assert when("The meeting was held on Friday.", "2023") == ("2023", "anchor-year")
    assert when("The meeting was held on Friday.", None) == (None, "unresolved")


def test_dates_weekday_beats_a_far_explicit_date_it_contradicts() -> None:
    # 2023-07-27 is a Thursday; 27 June 2023 was a Tuesday, so the month is the slip.
    assert when("The president spoke on Thursday (Jun 27).", "2023-07-27") == ("2023-07-27", "weekday+anchor")


def test_dates_explicit_date_wins_when_it_agrees_or_is_near() -> None:
    assert when("Ministers met on Monday (July 3).", "2023-07-05") == ("2023-07-03", "explicit+anchor-year")
    # 4 July 2023 was a Tuesday, but it lies a day from the anchor: the weekday is the slip.
    assert when("Ministers met on Monday (July 4).", "2023-07-05")[0] == "2023-07-04"
    assert when("The ceremony took place on Monday, Dec. 11, 2023.", "2024-06-01") == (
        "2023-12-11",
        "explicit",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The presidents met today.", "2024-11-21"),
        ("The presidents upgraded relations yesterday.", "2024-11-20"),
        ("The presidents will sign the accords tomorrow.", "2024-11-22"),
        ("The envoys spoke three days ago.", "2024-11-18"),
    ],
)
def test_dates_relative_days_count_from_the_anchor(text: str, expected: str) -> None:
    assert when(text, "2024-11-21") == (expected, "relative+anchor")


def test_dates_same_next_and_previous_day_follow_the_previous_engagement() -> None:
    assert when("They attended a ceremony the same day.", "2024-12-11", previous="2024-12-09") == (
        "2024-12-09",
        "same-day",
    )
    assert when("They flew to Hue the next day.", "2024-12-11", previous="2024-12-09")[0] == "2024-12-10"
    assert when("He had arrived the previous day.", "2024-12-11", previous="2024-12-09")[0] == "2024-12-08"
    assert when("He left two days later.", "2024-12-11", previous="2024-12-09")[0] == "2024-12-11"


def test_dates_next_day_after_a_range_starts_from_its_end() -> None:
    previous = "2024-02-04/2024-02-05"
    assert when("He flew home the next day.", "2024-02-08", previous=previous)[0] == "2024-02-06"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The agreement was reached two weeks ago.", ("2024-11", "relative+anchor")),
        ("The ministers last met three months ago.", ("2024-08", "relative+anchor")),
        ("The first summit was held ten years ago.", ("2014", "relative+anchor")),
        ("A second round followed a year later.", ("2020", "relative+previous")),
    ],
)
def test_dates_counted_units_ago_and_later(text: str, expected: tuple[str, str]) -> None:
    assert when(text, "2024-11-21", previous="2019-05-04") == expected


def test_dates_same_day_without_previous_uses_anchor() -> None:
    assert when("A signing ceremony followed the same day.", "2024-12-10") == (
        "2024-12-10",
        "relative+anchor",
    )
    assert when("A signing ceremony followed the same day.", None) == (None, "unresolved")


def test_dates_relative_weeks_give_the_month() -> None:
    assert when("The president accused them last week.", "2025-06-06") == ("2025-05", "relative+anchor")
    assert when("The minister arrives next week.", "2025-06-06")[0] == "2025-06"
    assert when("Talks were held earlier this week.", "2025-06-06")[0] == "2025-06"


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The prime minister visited China last month.", "2023-07-27", "2023-06"),
        ("The prime minister visited China last month.", "2024-01-15", "2023-12"),
        ("The minister will visit next month.", "2023-12-05", "2024-01"),
        ("Exports rose this month.", "2023-12-05", "2023-12"),
        ("The exchange is slated for this September.", "2023-07-27", "2023-09"),
        ("They last met in Lima last November.", "2024-11-10", "2023-11"),
        ("They will meet again next March.", "2024-03-10", "2025-03"),
    ],
)
def test_dates_relative_months(text: str, anchor: str, expected: str) -> None:
    assert when(text, anchor)[0] == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The president paid a state visit last year.", "2024-02-06", "2023"),
        ("The two parties will hold a seminar this year.", "2025-04-14", "2025"),
        ("The next meeting is scheduled to take place early next year.", "2024-11-12", "2025"),
        ("Relations have grown since the beginning of the year.", "2021-09-11", "2021"),
        ("The two sides agreed to meet again the following year.", "2021-09-11", "2022"),
    ],
)
def test_dates_relative_years(text: str, anchor: str, expected: str) -> None:
    assert when(text, anchor)[0] == expected


def test_dates_following_year_counts_from_the_previous_engagement() -> None:
    assert when("They met again the following year.", "2024-05-01", previous="2019-06-02") == (
        "2020",
        "relative+previous",
    )


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The leaders met in mid-September.", "2022-12-30", "2022-09"),
        ("In early February, the president flew to Beijing.", "2022-12-30", "2022-02"),
        ("They first met in Danang in November.", "2018-03-23", "2017-11"),
        ("They will meet again in November.", "2018-03-23", "2018-11"),
        ("The statement was approved in late November.", "2023", "2023-11"),
    ],
)
def test_dates_month_without_year(text: str, anchor: str, expected: str) -> None:
    assert when(text, anchor) == (expected, "explicit+anchor-year")


def test_dates_month_year_and_year_are_explicit() -> None:
    assert when("They spoke by phone in October 2021.", "2022-03-19") == ("2021-10", "explicit")
    assert when("Trade reached a record in 2023.", "2024-01-01") == ("2023", "explicit")


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Talks were held in Tokyo on December 16.", "2023", "2023-12-16"),
        ("The minister received the envoy on July 27.", "2023-07-27", "2023-07-27"),
        ("The talks took place on December 28.", "2024-01-03", "2023-12-28"),
        ("The delegation arrived on January 2.", "2023-12-30", "2024-01-02"),
        ("The commission will meet on January 10.", "2024-11-20", "2025-01-10"),
        ("The forum opened on March 3.", "2024-06", "2024-03-03"),
        ("The forum opened on November 3.", "2024-06", "2023-11-03"),
    ],
)
def test_dates_month_day_takes_its_year_from_the_anchor(text: str, anchor: str, expected: str) -> None:
    assert when(text, anchor) == (expected, "explicit+anchor-year")


def test_dates_month_day_without_anchor_uses_min_date() -> None:
    assert when("The minister held talks on March 18.", None, min_date="2024-06") == (
        "2025-03-18",
        "min-date",
    )
    assert when("The minister held talks on March 18.", None, min_date="2024-02-01")[0] == "2024-03-18"
    assert when("The minister held talks on March 18.", None) == (None, "unresolved")


def test_dates_month_day_with_weekday_and_min_date_finds_the_year() -> None:
    # 18 March fell on a Monday in 2024 (and not in 2022 or 2023).
    assert when("The talks opened on Monday, March 18.", None, min_date="2022-01-01") == (
        "2024-03-18",
        "weekday+min-date",
    )


def test_dates_month_without_year_and_min_date() -> None:
    assert when("They met in November.", None, min_date="2023-12-01") == ("2024-11", "min-date")


def test_dates_range_without_anchor_uses_min_date() -> None:
    assert when("He toured the region from March 15-17.", None, min_date="2025-01-01")[0] == (
        "2025-03-15/2025-03-17"
    )


def test_dates_unresolvable_inputs_give_unresolved() -> None:
    leap = only("The forum opened on February 29.")
    assert resolve(leap, anchor=PartialDate("2023-05-01")) == (None, "unresolved")
    odd = DateMention(0, 5, "later", "period")
    assert resolve(odd, anchor=PartialDate("2023-05-01")) == (None, "unresolved")


# --- tense ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The president is set to hold a summit with his counterpart on Friday.",
        "The minister will visit Laos next month.",
        "The meeting is scheduled to take place early next year.",
        "The border exchange is slated for this September.",
        "Vietnam plans to host the session in December.",
        "The premier is expected to arrive on Sunday.",
        "The 47th session is to be held in Vientiane.",
    ],
)
def test_dates_tense_future(sentence: str) -> None:
    assert tense_of(sentence) == "future"


@pytest.mark.parametrize(
    "sentence",
    [
        "The two ministers held talks on Tuesday.",
        "The foreign minister met his counterpart in Hanoi.",
        "The visit marked a new chapter in bilateral ties.",
        "The seminar was co-chaired by the two deputy ministers.",
    ],
)
def test_dates_tense_past(sentence: str) -> None:
    assert tense_of(sentence) == "past"


def test_dates_tense_unknown_and_political_will() -> None:
    assert tense_of("The leaders are holding talks via video link on Friday.") == "unknown"
    assert tense_of("Both sides have the political will to cooperate.") == "unknown"


def test_dates_tense_at_a_position_uses_the_nearest_cue_before() -> None:
    sentence = "The two ministers met on Monday and will sign the deal on Wednesday."
    assert tense_of(sentence, at=sentence.index("Monday")) == "past"
    assert tense_of(sentence, at=sentence.index("Wednesday")) == "future"
    plan = "They agreed to implement the statement, which was approved in late November."
    assert tense_of(plan) == "future"
    assert tense_of(plan, at=plan.index("late")) == "past"


# --- the real reports in ../shared (skipped when absent) ------------------------------------------


def _shared_reports() -> list[tuple[str, dict[str, object]]]:
    pairs = []
    for gold_path in sorted((SHARED / "corpus" / "dev" / "gold").glob("*.json")) + sorted(
        (SHARED / "seeds" / "gold").glob("*.json")
    ):
        doc = (
            gold_path.parent.parent
            / ("docs" if "corpus" in gold_path.parts else "")
            / f"{gold_path.stem}.txt"
        )
        if doc.exists():
            pairs.append((doc.read_text(encoding="utf-8"), json.loads(gold_path.read_text(encoding="utf-8"))))
    return pairs


@pytest.mark.shared
def test_dates_find_most_gold_dates_of_dated_shared_reports() -> None:
    reports = [(text, gold) for text, gold in _shared_reports() if gold.get("published")]
    if not reports:
        pytest.skip("../shared is not beside the checkout")
    wanted = found = 0
    for text, gold in reports:
        anchor = PartialDate.parse(str(gold["published"]))
        dates: set[str] = set()
        previous: PartialDate | None = None
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            for mention in find_dates(sentence):
                assert sentence[mention.start : mention.end] == mention.text
                date, _ = resolve(
                    mention, anchor=anchor, tense=tense_of(sentence, at=mention.start), previous=previous
                )
                if date is not None:
                    dates.add(str(date))
                    if date.precision == "day" and mention.ref == "anchor":
                        previous = date
        events = gold["events"]
        assert isinstance(events, list)
        gold_dates = {str(event["date"]) for event in events if event["date"]}
        wanted += len(gold_dates)
        found += len(gold_dates & dates)
    assert found >= 0.75 * wanted, (found, wanted)

"""Tests for standing mechanisms and their session numbers."""

from __future__ import annotations

import pytest

from diplograph.extract.mechanisms import MechanismMention, find_mechanisms


def only(sentence: str, pair: tuple[str, ...] = ()) -> MechanismMention:
    found = find_mechanisms(sentence, pair=pair)
    assert len(found) == 1, [m.name for m in found]
    return found[0]


def test_mechanisms_numbered_meeting_of_a_known_committee() -> None:
    sentence = (
        "On Tuesday the 16th session of the China-Vietnam Steering Committee for Bilateral Cooperation "
        "opened in Beijing."
    )
    mention = only(sentence)
    assert mention.name == "China-Vietnam Steering Committee for Bilateral Cooperation"
    assert mention.ordinal == 16
    assert mention.canonical
    assert sentence[mention.start : mention.end].startswith("16th session of the")


def test_mechanisms_alias_with_reversed_country_order_gets_the_canonical_name() -> None:
    mention = only(
        "They chaired the 46th meeting of the Vietnam-Laos Intergovernmental Committee in Vientiane."
    )
    assert mention.name == "Vietnam-Laos Intergovernmental Committee for Bilateral Cooperation"
    assert mention.ordinal == 46


@pytest.mark.parametrize(
    ("sentence", "ordinal"),
    [
        ("The eighth Vietnam-China border defence friendship exchange took place in Lao Cai.", 8),
        ("The 8th Vietnam-China border defence friendship exchange took place in Lao Cai.", 8),
        ("They held the first meeting of the 3+3 strategic dialogue on Monday.", 1),
        ("They attended the twelfth session of the Vietnam-Laos Intergovernmental Committee.", 12),
    ],
)
def test_mechanisms_ordinal_in_words_or_digits(sentence: str, ordinal: int) -> None:
    assert only(sentence).ordinal == ordinal


def test_mechanisms_unnumbered_mention_has_no_ordinal() -> None:
    mention = only(
        "In 2006 Hanoi and Beijing set up the China-Vietnam Steering Committee for Bilateral Cooperation."
    )
    assert mention.name == "China-Vietnam Steering Committee for Bilateral Cooperation"
    assert mention.ordinal is None


def test_mechanisms_name_stops_before_the_verb() -> None:
    mention = only("The China-Vietnam Steering Committee for Bilateral Cooperation reviewed the year.")
    assert mention.name == "China-Vietnam Steering Committee for Bilateral Cooperation"
    assert mention.canonical


def test_mechanisms_unknown_bilateral_mechanism_keeps_its_text_name() -> None:
    mention = only("They co-chaired the fifth meeting of the India-Kenya Joint Trade Committee in Nairobi.")
    assert not mention.canonical
    assert mention.name == "India-Kenya Joint Trade Committee"
    assert mention.ordinal == 5


def test_mechanisms_unnamed_pair_is_prefixed_with_the_report_countries() -> None:
    mention = only("Vietnam and China held their 14th round of government-level talks on Monday.")
    assert mention.ordinal == 14
    assert mention.name.startswith("Vietnam-China")
    assert mention.name.endswith("government-level talks")


@pytest.mark.parametrize(
    "sentence",
    [
        "The 20th National Congress of the Communist Party of China opened in Beijing.",
        "Delegates gathered for the third plenary session of the 20th CPC Central Committee.",
        "They marked the 10th anniversary of the Joint Committee.",
        "They met on the sidelines of a regional summit.",
        "",
    ],
)
def test_mechanisms_domestic_bodies_and_anniversaries_are_not_mechanisms(sentence: str) -> None:
    assert find_mechanisms(sentence) == []


def test_mechanisms_several_in_one_sentence_in_text_order() -> None:
    sentence = (
        "The 16th session of the China-Vietnam Steering Committee for Bilateral Cooperation opened after "
        "the eighth Vietnam-China border defence friendship exchange."
    )
    found = find_mechanisms(sentence)
    assert [(m.ordinal, m.canonical) for m in found] == [(16, True), (8, True)]
    assert found[0].end <= found[1].start

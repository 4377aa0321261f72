"""Tests for the phrases that state an engagement and the kind each one gives it."""

from __future__ import annotations

import itertools

import pytest

from diplograph.extract.triggers import Trigger, find_triggers


def found(sentence: str) -> list[tuple[str, str, str]]:
    return [(sentence[t.start : t.end], t.kind, t.mode) for t in find_triggers(sentence)]


@pytest.mark.parametrize(
    ("sentence", "phrase", "kind"),
    [
        ("Wang Yi held talks with Bui Thanh Son in Beijing.", "held talks", "talks"),
        ("Li Qiang met with Pham Minh Chinh on Monday.", "met", "meeting"),
        ("Prime Minister Chinh received the Japanese ambassador.", "received", "meeting"),
        ("She co-chaired the session with her Lao counterpart.", "co-chaired", "co_chair"),
        ("The two leaders held a phone call on Friday.", "phone call", "phone_call"),
        ("The ministers spoke by phone on Friday.", "spoke by phone", "phone_call"),
        ("He paid an official visit to Laos.", "paid an official visit", "visit"),
        ("The minister visited Hanoi on Monday.", "visited", "visit"),
        ("President Lula travelled to China.", "travelled to", "visit"),
        ("He arrived in Beijing on Sunday.", "arrived in", "visit"),
        ("They witnessed the signing of five agreements.", "witnessed the signing", "signing"),
        ("The two leaders signed a joint statement.", "signed a joint statement", "signing"),
        ("He attended the opening ceremony.", "attended", "attend"),
    ],
)
def test_triggers_kind_of_each_engagement_phrase(sentence: str, phrase: str, kind: str) -> None:
    hits = found(sentence)
    assert hits, sentence
    assert hits[0][:2] == (phrase, kind)


def test_triggers_offsets_are_relative_to_the_sentence() -> None:
    sentence = "On Monday, Chinese Premier Li Qiang held talks with his guest."
    (trigger,) = find_triggers(sentence)
    assert isinstance(trigger, Trigger)
    assert sentence[trigger.start : trigger.end] == "held talks"
    assert trigger.mode == "verb"
    assert trigger.noun == "talks"


def test_triggers_video_link_is_a_modality_of_the_talks() -> None:
    assert found("They held talks via video link on Friday.") == [
        ("held talks", "talks", "verb"),
        ("via video link", "video_call", "modality"),
    ]


def test_triggers_by_phone_is_a_modality() -> None:
    hits = found("The two presidents talked by phone on Friday.")
    assert ("by phone", "phone_call", "modality") in hits


def test_triggers_anaphor_adds_to_an_earlier_engagement() -> None:
    assert found("The meeting was co-chaired by Wang Yi and Bui Thanh Son.") == [
        ("The meeting was co-chaired by", "co_chair", "anaphor")
    ]
    assert found("The talks were held in Hanoi.")[0][2] == "anaphor"


def test_triggers_attending_a_named_event_points_back_to_it() -> None:
    sentence = "Also attending the seminar were the two ambassadors."
    (trigger,) = find_triggers(sentence)
    assert trigger.kind == "attend"
    assert trigger.mode == "attend_ref"
    assert trigger.noun == "seminar"


def test_triggers_possessed_visit_noun() -> None:
    hits = found("During Xi's state visit to Vietnam, the two sides signed 36 documents.")
    assert ("state visit", "visit", "possessed") in hits


def test_triggers_joined_in_a_list_of_activities() -> None:
    sentence = "Prime Minister Chinh joined President Lula in a welcome ceremony, talks and a banquet."
    hits = found(sentence)
    assert hits[0][1:] == ("attend", "verb")
    assert hits[0][0].startswith("joined President Lula")
    assert [(h[0], h[1]) for h in hits[1:]] == [("talks", "talks"), ("banquet", "attend")]


def test_triggers_anniversary_of_a_visit_is_not_an_engagement() -> None:
    assert found("They marked the 30th anniversary of the visit to Hanoi.") == []
    assert found("Flags flew on the occasion of his visit to Laos.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The factory met the target.",
        "The new port met the demand of exporters.",
        "The minister visited the exhibition.",  # a bare "visited" needs a capitalised place after it
        "Trade between the two countries grew by 20 percent.",
        "",
    ],
)
def test_triggers_sentences_without_engagements(sentence: str) -> None:
    assert found(sentence) == []


def test_triggers_overlapping_matches_keep_the_longest_earliest() -> None:
    triggers = find_triggers("Xi Jinping held talks with To Lam and met reporters after their talks.")
    for earlier, later in itertools.pairwise(triggers):
        assert earlier.end <= later.start

"""Commitments: items, stages, topics, targets and deadlines, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.extract import pipeline
from diplograph.extract.commitments import find_commitments
from diplograph.extract.people import scan_people
from diplograph.extract.segment import split_sentences
from diplograph.extract.statements import find_statements
from diplograph.extract.tokens import tokenize
from diplograph.extract.topics import deadline_of, target_of
from diplograph.ingest import article_from_text
from diplograph.model import Commitment, Evidence, Statement, StatementAct

CV = ("CHN", "VNM")
THREE_PLUS_THREE = 'China-Vietnam "3+3" strategic dialogue on diplomacy, defense and public security'
LEAD = (
    "HANOI, March 3 -- Vietnamese Foreign Minister Bui Thanh Son held talks with "
    "Chinese Foreign Minister Wang Yi in Hanoi on Monday.\n"
)


def _statement(
    text: str, content: str, *, act: StatementAct = "agreed", side: str | None = None
) -> Statement:
    """A statement whose content is the first occurrence of ``content`` and whose evidence is the text."""
    start = text.index(content)
    return Statement(
        speaker=None,
        speaker_kind="side" if side else "both",
        side=side,
        act=act,
        content=Evidence(quote=content, start=start, end=start + len(content)),
        domains=(),
        evidence=Evidence(quote=text, start=0, end=len(text)),
    )


def _agreed(text: str, content: str, *, anchor: int | None = 2025) -> list[Commitment]:
    return find_commitments(text, [_statement(text, content)], anchor_year=anchor, pair=CV)


def _extracted(text: str, *, anchor: int | None = 2025) -> list[Commitment]:
    """Statements found the way pipeline.extract_article finds them, then their commitments."""
    article = article_from_text(text, doc="test")
    body = article.text
    tokens = tokenize(body)
    skip = list(article.skip_spans)
    dateline = [(article.dateline.start, article.dateline.end)] if article.dateline else []
    people, infos = scan_people(body, split_sentences(body, tokens), skip, tokens)
    pair = pipeline._pair(people, body)
    pipeline._settle_countries(people, pair)
    masked = pipeline._masked(body, skip + dateline)
    statements = find_statements(body, masked, infos, people, pair=pair)
    return find_commitments(body, statements, anchor_year=anchor, pair=pair, masked=masked)


def _summary(found: list[Commitment]) -> list[tuple[str, str, str]]:
    return [(c.stage, c.topic, c.item) for c in found]


def test_commitments_coordinated_agreement_splits_into_items() -> None:
    text = (
        "The two sides agreed to maintain regular high-level exchanges, upgrade the 3+3 strategic dialogue "
        "on diplomacy, defence and public security to the ministerial level; establish a Railway Cooperation "
        "Committee between the two governments; and well organise the activities of the Year of Humanistic "
        "Exchange."
    )
    found = _agreed(text, text[text.index("maintain") : -1])
    assert [(c.topic, c.mechanism, c.initiative) for c in found] == [
        ("high-level exchanges", None, None),
        (THREE_PLUS_THREE, THREE_PLUS_THREE, None),
        ("railway", "China-Vietnam Railway Cooperation Committee", None),
        (
            "China-Vietnam Year of People-to-People Exchanges",
            None,
            "China-Vietnam Year of People-to-People Exchanges 2025",
        ),
    ]
    assert found[1].item.endswith("to the ministerial level")
    assert {c.stage for c in found} == {"agreed"}
    assert {c.parties for c in found} == {CV}
    assert all(c.evidence.quote == text for c in found)
    assert found[2].domains == ("infrastructure_connectivity",)


def test_commitments_one_word_piece_stays_with_the_next() -> None:
    text = "They agreed to control and properly settle maritime disputes."
    found = _agreed(text, "control and properly settle maritime disputes")
    assert _summary(found) == [
        ("agreed", "maritime disputes", "control and properly settle maritime disputes")
    ]


def test_commitments_nominal_list_splits_at_comma_and_the() -> None:
    text = (
        "He stressed coordination in building two standard-gauge railways, and the acceleration of "
        "the smart border gate pilot."
    )
    found = find_commitments(
        text, [_statement(text, text[12:-1], act="affirmed", side="VNM")], anchor_year=2025, pair=CV
    )
    assert _summary(found) == [
        ("proposed", "railway", "coordination in building two standard-gauge railways"),
        ("proposed", "border gate", "the acceleration of the smart border gate pilot"),
    ]
    assert found[0].target == "two standard-gauge railways"
    assert found[0].parties == ("VNM", "CHN")
    assert found[1].initiative == "China-Vietnam smart border gate pilot"


def test_commitments_targets_and_deadlines_come_from_the_item() -> None:
    text = (
        "They agreed to raise bilateral trade to US$100 billion by 2030 and to open two more border gates "
        "this year."
    )
    found = _agreed(text, text[text.index("raise") : -1])
    assert [(c.topic, c.target, c.deadline) for c in found] == [
        ("bilateral trade", "US$100 billion", "2030"),
        ("border gate", "two more border gates", "2025"),
    ]
    without_anchor = _agreed(text, text[text.index("raise") : -1], anchor=None)
    assert [c.deadline for c in without_anchor] == ["2030", None]


@pytest.mark.parametrize(
    ("words", "deadline"),
    [
        ("over the next three years", "2025/2028"),
        ("within the next 5 years", "2025/2030"),
        ("early next year", "2026-01/2026-03"),
        ("by the end of this year", "2025-12"),
        ("next year", "2026"),
        ("in the 2026-2030 period", "2026/2030"),
        ("by the end of 2027", "2027-12"),
        ("over the next few years", None),
        ("soon", None),
    ],
)
def test_commitments_deadline_words_resolve_against_the_anchor(words: str, deadline: str | None) -> None:
    assert deadline_of(f"build the bridge {words}", 2025) == deadline


def test_commitments_relative_deadline_needs_an_anchor() -> None:
    assert deadline_of("finish it this year", None) is None
    assert deadline_of("finish it by 2030", None) == "2030"


@pytest.mark.parametrize(
    ("item", "target"),
    [
        ("provide 1,000 scholarships to students", "1,000 scholarships"),
        ("lift trade by 20 percent", "20 percent"),
        ("double two-way investment", "double two-way investment"),
        ("sign an agreement on avoiding double taxation", None),
        ("raise turnover to 50 billion US dollars", "50 billion US dollars"),
        ("deepen ties between the two countries", None),
        ("hold the 16th meeting in 2026", None),
    ],
)
def test_commitments_targets_are_amounts_counts_or_shares(item: str, target: str | None) -> None:
    assert target_of(item) == target


def test_commitments_opening_deadline_applies_to_the_items() -> None:
    text = "Over the next three years, China invites 300 Vietnamese students to join the Red Journey."
    found = find_commitments(
        text, [_statement(text, text[:-1], act="invited", side="CHN")], anchor_year=2025, pair=CV
    )
    assert [(c.stage, c.topic, c.target, c.deadline) for c in found] == [
        ("proposed", "Red Journey", "300 Vietnamese students", "2025/2028")
    ]


def test_commitments_pledge_with_will_is_agreed_by_the_side() -> None:
    found = _extracted(
        LEAD
        + "Wang said China will provide 500 scholarships to Vietnamese students over the next three years."
    )
    assert [(c.stage, c.topic, c.target, c.deadline, c.parties) for c in found] == [
        ("agreed", "education and training", "500 scholarships", "2025/2028", ("CHN", "VNM"))
    ]


def test_commitments_should_proposes_and_hope_does_not_pledge() -> None:
    should = _extracted(LEAD + "Son said the two sides should open more direct flights between the capitals.")
    hoped = _extracted(LEAD + "Son hoped that the two sides will open more direct flights.")
    assert [(c.stage, c.topic, c.parties) for c in should] == [("proposed", "flights", ("VNM", "CHN"))]
    assert [(c.stage, c.topic) for c in hoped] == [("proposed", "flights")]


def test_commitments_reiterated_commitment_is_reaffirmed() -> None:
    found = _extracted(LEAD + "Viet Nam reiterated its firm commitment to the one-China policy.")
    assert [(c.stage, c.topic, c.parties) for c in found] == [
        ("reaffirmed", "one-China policy", ("VNM", "CHN"))
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides agreed to strengthen cooperation in various fields.",
        "Both sides agreed that bilateral relations have developed well.",
        "Wang invited Son to visit China at a convenient time.",
        "Son thanked China for its support.",
        "Wang said China views Vietnam as a priority in its neighbourhood diplomacy.",
    ],
)
def test_commitments_vague_wishes_assessments_and_courtesies_commit_to_nothing(sentence: str) -> None:
    assert _extracted(LEAD + sentence) == []


def test_commitments_support_for_proposals_makes_them_agreed() -> None:
    found = _extracted(
        LEAD
        + "Son proposed accelerating the Lang Son-Hanoi railway. Wang expressed support for Son's proposals."
    )
    assert [(c.stage, c.topic, c.initiative, c.parties) for c in found] == [
        ("agreed", "railway", "Lang Son-Hanoi railway", CV)
    ]


def test_commitments_framing_initiative_yields_the_topic_to_the_theme() -> None:
    text = "They agreed to step up law enforcement work under the framework of Mekong-Lancang Cooperation."
    found = _agreed(text, text[text.index("step") : -1])
    assert [(c.topic, c.initiative) for c in found] == [("law enforcement", "Mekong-Lancang Cooperation")]


def test_commitments_paraphrased_mechanism_is_recognised() -> None:
    text = (
        "They agreed to raise the strategic dialogue mechanism of the foreign, defence and public security "
        "ministries to ministerial level."
    )
    found = _agreed(text, text[text.index("raise") : -1])
    assert [(c.topic, c.mechanism) for c in found] == [(THREE_PLUS_THREE, THREE_PLUS_THREE)]


def test_commitments_report_mechanisms_are_found_by_name() -> None:
    text = "They agreed to hold the Pacific Fisheries Roundtable Mechanism annually."
    found = find_commitments(
        text,
        [_statement(text, text[text.index("hold") : -1])],
        anchor_year=2025,
        pair=("AUS", "FJI"),
        mechanisms=["Pacific Fisheries Roundtable Mechanism"],
    )
    assert [(c.topic, c.mechanism) for c in found] == [
        ("Pacific Fisheries Roundtable Mechanism", "Pacific Fisheries Roundtable Mechanism")
    ]


def test_commitments_progress_sentences_give_later_stages() -> None:
    text = (
        "Construction of the Lao Cai-Hanoi-Hai Phong railway began in December. "
        "The Railway Cooperation Committee was established in May. "
        "The two sides held the first meeting of the 3+3 strategic dialogue on Monday. "
        "The expressway will be completed by 2030. "
        "Diplomatic relations were established in 1950."
    )
    found = find_commitments(text, [], anchor_year=2025, pair=CV)
    assert [(c.stage, c.topic, c.initiative, c.mechanism) for c in found] == [
        ("under_way", "railway", "Lao Cai-Hanoi-Hai Phong railway", None),
        ("done", "railway", None, "China-Vietnam Railway Cooperation Committee"),
        ("under_way", THREE_PLUS_THREE, None, THREE_PLUS_THREE),
    ]
    assert found[0].evidence.quote == "Construction of the Lao Cai-Hanoi-Hai Phong railway began in December."


def test_commitments_masked_captions_report_no_progress() -> None:
    caption = "PHOTO: The China-Laos Railway was opened to traffic"
    text = caption + "\nThe ministers met in Vientiane."
    masked = " " * len(caption) + text[len(caption) :]
    assert find_commitments(text, [], anchor_year=2025, pair=("CHN", "LAO")) != []
    assert find_commitments(text, [], anchor_year=2025, pair=("CHN", "LAO"), masked=masked) == []


def test_commitments_masked_text_must_keep_offsets() -> None:
    with pytest.raises(ValueError, match="offsets"):
        find_commitments("abc", [], anchor_year=None, pair=(), masked="ab")


def test_commitments_without_a_pair_keep_the_speaking_side() -> None:
    text = "Japan said it will build a new port in Da Nang."
    found = find_commitments(
        text,
        [_statement(text, "it will build a new port in Da Nang", act="said", side="JPN")],
        anchor_year=None,
        pair=(),
    )
    assert [(c.stage, c.topic, c.parties) for c in found] == [("agreed", "port", ("JPN",))]


_ACTS: tuple[StatementAct, ...] = ("agreed", "proposed", "said", "affirmed", "supported", "invited")
_WORDS = st.sampled_from(
    "agreed to , ; and build railway the open border gates this year by 2030 US$5 billion three lines "
    "should will Vietnam China construction began was established".split()
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=30), st.data())
def test_commitments_any_statement_gives_items_of_the_text(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words) + "."
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, len(text)))
    act = data.draw(st.sampled_from(_ACTS))
    statement = _statement(text, text[start:end] or text, act=act)
    for commitment in find_commitments(text, [statement], anchor_year=2025, pair=CV):
        assert commitment.item in text
        assert text[commitment.evidence.start : commitment.evidence.end] == commitment.evidence.quote
        assert commitment.topic

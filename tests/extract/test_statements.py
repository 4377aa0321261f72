"""Statements: speakers, acts, content spans and domains, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.errors import ConfigError
from diplograph.extract import domains as domains_module
from diplograph.extract import pipeline
from diplograph.extract.acts import find_act_phrases
from diplograph.extract.domains import WordStartLexicon, classify_domains
from diplograph.extract.people import PeopleIndex, scan_people
from diplograph.extract.segment import split_sentences
from diplograph.extract.statements import find_statements
from diplograph.extract.tokens import tokenize
from diplograph.ingest import article_from_text
from diplograph.model import DOMAINS, Statement


def _statements(text: str) -> list[Statement]:
    """What pipeline.extract_article hands to find_statements, built the same way."""
    article = article_from_text(text, doc="test")
    body = article.text
    tokens = tokenize(body)
    skip = list(article.skip_spans)
    dateline = [(article.dateline.start, article.dateline.end)] if article.dateline else []
    people, infos = scan_people(body, split_sentences(body, tokens), skip, tokens)
    pair = pipeline._pair(people, body)
    pipeline._settle_countries(people, pair)
    return find_statements(body, pipeline._masked(body, skip + dateline), infos, people, pair=pair)


def _who(statement: Statement) -> str:
    if statement.speaker_kind == "person":
        return statement.speaker or "?"
    return statement.side or "?" if statement.speaker_kind == "side" else "both"


def _summary(text: str) -> list[tuple[str, str, str]]:
    return [(_who(s), s.act, s.content.quote) for s in _statements(text)]


LEAD = (
    "HANOI, March 3 -- Vietnamese Foreign Minister Bui Thanh Son held talks with "
    "Chinese Foreign Minister Wang Yi in Hanoi on Monday.\n"
)


def test_statements_said_that_names_the_person_and_the_clause() -> None:
    found = _statements(LEAD + "Son said that Vietnam is ready to open more border gates with China.")
    assert len(found) == 1
    statement = found[0]
    assert (statement.speaker, statement.speaker_kind, statement.side) == ("Bui Thanh Son", "person", "VNM")
    assert statement.act == "said"
    assert statement.content.quote == "Vietnam is ready to open more border gates with China"
    assert statement.domains == ("infrastructure_connectivity",)


def test_statements_attribution_after_the_content_with_adding() -> None:
    text = (
        LEAD + "China will import more fruit, Wang said, adding that the two sides should open more flights."
    )
    assert _summary(text) == [
        ("Wang Yi", "said", "China will import more fruit"),
        ("Wang Yi", "said", "the two sides should open more flights"),
    ]


def test_statements_inverted_attribution() -> None:
    text = LEAD + '"Our two countries have never been closer," said Wang.'
    assert _summary(text) == [("Wang Yi", "said", "Our two countries have never been closer")]


def test_statements_sides_and_both_sides_speak() -> None:
    text = LEAD + (
        "The Vietnamese side reaffirmed its firm adherence to the one-China policy.\n"
        "The two sides agreed to hold the next round of consultations in Beijing.\n"
        "They also agreed to expand trade in farm produce."
    )
    found = _statements(text)
    assert [(_who(s), s.act) for s in found] == [("VNM", "affirmed"), ("both", "agreed"), ("both", "agreed")]
    assert found[0].domains == ("taiwan_one_china",)
    assert found[1].side is None
    assert found[1].speaker is None
    assert found[2].content.quote == "expand trade in farm produce"


def test_statements_titles_and_pronouns_resolve_to_people() -> None:
    text = (
        "Chinese Vice Premier Ding Xuexiang met Vietnamese Deputy Prime Minister Tran Hong Ha in Beijing.\n"
        "The Vice Premier stressed that China supports the industrialisation of Vietnam.\n"
        "He also invited Vietnamese students to study in China."
    )
    assert _summary(text) == [
        ("Ding Xuexiang", "affirmed", "China supports the industrialisation of Vietnam"),
        ("Ding Xuexiang", "invited", "Vietnamese students to study in China"),
    ]


def test_statements_participle_before_the_subject_is_the_same_speaker() -> None:
    text = LEAD + (
        "Noting that next year marks the 75th anniversary of diplomatic ties, "
        "Wang said China is willing to deepen cooperation in education."
    )
    found = _statements(text)
    assert [(_who(s), s.act) for s in found] == [("Wang Yi", "affirmed"), ("Wang Yi", "said")]
    assert found[0].content.quote == "next year marks the 75th anniversary of diplomatic ties"
    assert found[0].domains == ("anniversaries",)
    assert found[1].domains == ("people_to_people",)


def test_statements_coordinated_acts_split_the_sentence() -> None:
    text = LEAD + (
        "Son congratulated China on its national day, thanked it for its help after the typhoon, "
        "and called for closer cooperation in flood prevention."
    )
    assert _summary(text) == [
        ("Bui Thanh Son", "congratulated", "China on its national day"),
        ("Bui Thanh Son", "thanked", "it for its help after the typhoon"),
        ("Bui Thanh Son", "proposed", "closer cooperation in flood prevention"),
    ]


def test_statements_consensus_list_carries_the_agreement() -> None:
    text = LEAD + (
        "The two sides reached important consensus on the next steps.\n"
        "First, the two sides will strengthen high-level exchanges.\n"
        "Second, China will import more Vietnamese fruit."
    )
    assert [(_who(s), s.act) for s in _statements(text)] == [
        ("both", "agreed"),
        ("both", "agreed"),
        ("CHN", "agreed"),
    ]


def test_statements_said_with_comma_runs_to_the_end_of_the_line() -> None:
    text = LEAD + (
        "Wang said, the two countries are good neighbours and good partners. "
        "Together with the Vietnamese side, the Chinese side is ready to deepen political trust."
    )
    found = _statements(text)
    assert [_who(s) for s in found] == ["Wang Yi", "Wang Yi"]
    assert found[1].content.quote.startswith("Together with the Vietnamese side")


def test_statements_present_tense_side_act_inside_a_speech_run_is_the_speaker() -> None:
    text = LEAD + "Wang said China is ready to build more railways. China firmly opposes protectionism."
    assert [(_who(s), s.act) for s in _statements(text)] == [("Wang Yi", "said"), ("Wang Yi", "opposed")]


def test_statements_narration_ends_a_run() -> None:
    text = LEAD + "Wang said China is ready to expand trade. The two ministers later visited a museum."
    assert len(_statements(text)) == 1


def test_statements_nested_past_act_has_its_own_speaker() -> None:
    text = (
        "U.S. President Donald Trump spoke by phone with Chinese President Xi Jinping on Thursday.\n"
        "Trump said Xi invited him to visit China."
    )
    assert _summary(text) == [
        ("Donald Trump", "said", "Xi invited him to visit China"),
        ("Xi Jinping", "invited", "him to visit China"),
    ]


def test_statements_headings_and_greetings_state_nothing() -> None:
    text = (
        "China invites Vietnamese youth to summer camps\n"
        "Defence Minister Phan Van Giang welcomed his Chinese counterpart Dong Jun at the border gate.\n"
    )
    assert _statements(text) == []


def test_statements_plans_are_not_acts() -> None:
    assert _statements(LEAD + "Next month the two sides will review the plan and agree on projects.") == []


def test_statements_offsets_and_evidence_are_exact() -> None:
    text = LEAD + (
        "Son said that Vietnam supports ASEAN centrality. The two sides agreed to fight online fraud.\n"
        '"We will open a consulate in Da Nang," Wang said.'
    )
    found = _statements(text)
    assert len(found) == 3
    for statement in found:
        content, evidence = statement.content, statement.evidence
        assert text[content.start : content.end] == content.quote
        assert evidence.start <= content.start <= content.end <= evidence.end
        assert text[evidence.start : evidence.end] == evidence.quote


def test_statements_empty_and_narrative_texts_have_none() -> None:
    assert _statements("") == []
    assert _statements(LEAD + "The ministers toured a railway station afterwards.") == []


def test_statements_reject_masked_text_of_another_length() -> None:
    with pytest.raises(ValueError, match="offsets"):
        find_statements("Wang said hello.", "Wang said", [], PeopleIndex(), pair=())


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Wang said that",
                "China",
                "the two sides agreed to",
                ", Son said.",
                "He also",
                "expand trade",
                '"',
                "First,",
                "\n",
                "reaffirmed its support for",
                "Viet Nam",
                ".",
                "They",
                "railways",
                "noting that",
            ]
        ),
        max_size=25,
    )
)
def test_statements_never_break_offsets_on_any_text(parts: list[str]) -> None:
    text = LEAD + " ".join(parts)
    for statement in _statements(text):
        assert text[statement.content.start : statement.content.end] == statement.content.quote
        assert statement.domains == tuple(d for d in DOMAINS if d in statement.domains)


# --- domains -------------------------------------------------------------------------------


def test_domains_are_multi_label_in_model_order() -> None:
    assert classify_domains("open more flights and expand trade in rice") == (
        "trade_investment",
        "infrastructure_connectivity",
    )
    assert classify_domains("vaccines, semiconductors and the South China Sea") == (
        "maritime",
        "health",
        "science_technology",
    )


def test_domains_exceptions_override_general_words() -> None:
    assert classify_domains("ensure economic security") == ("trade_investment",)
    assert classify_domains("mark the 75th anniversary of diplomatic relations") == ("anniversaries",)
    assert classify_domains("meet amid the COVID-19 pandemic") == ()
    assert classify_domains("oppose separatist activities for Taiwan independence") == ("taiwan_one_china",)


def test_domains_generic_cooperation_and_empty_text_have_none() -> None:
    assert classify_domains("") == ()
    assert classify_domains("deepen practical and mutually beneficial cooperation") == ()


def test_domains_bad_lexicon_raises_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    domains_module._lexicon.cache_clear()
    monkeypatch.setattr(domains_module, "read_table", lambda name: ({"domain": "sports", "pattern": "golf"},))
    with pytest.raises(ConfigError, match="unknown domain"):
        classify_domains("golf")
    monkeypatch.setattr(domains_module, "read_table", lambda name: ({"domain": "health", "pattern": "(x"},))
    domains_module._lexicon.cache_clear()
    with pytest.raises(ConfigError, match="bad pattern"):
        classify_domains("x")
    monkeypatch.undo()
    domains_module._lexicon.cache_clear()
    assert classify_domains("vaccines") == ("health",)


def test_domains_word_start_lexicon_is_leftmost_first() -> None:
    lexicon = WordStartLexicon([("economic security", "a"), ("econom\\w*", "b"), ("security", "c")])
    assert [label for _, label in lexicon.scan("economic security and security")] == ["a", "c"]
    assert [m.group() for m, _ in lexicon.scan("Economic growth")] == ["Economic"]
    assert list(lexicon.scan("noneconomic")) == []


# --- acts ----------------------------------------------------------------------------------


def test_acts_passives_adjectives_and_infinitives_are_not_acts() -> None:
    for text in ("the initiative proposed by China", "the agreed plan", "the visit is to highlight ties"):
        assert find_act_phrases(text, 0, len(text)) == [], text
    text = "He warmly thanked the hosts and has always supported reform"
    phrases = find_act_phrases(text, 0, len(text))
    assert [(p.act, p.past) for p in phrases] == [("thanked", True), ("supported", False)]

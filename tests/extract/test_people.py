"""Tests for people clustering and coreference: short names, titles, groups and pronouns."""

from __future__ import annotations

from diplograph.extract.people import PeopleIndex, SentenceInfo, scan_people
from diplograph.extract.segment import split_sentences
from diplograph.extract.tokens import tokenize


def scan(text: str) -> tuple[PeopleIndex, list[SentenceInfo]]:
    tokens = tokenize(text)
    return scan_people(text, split_sentences(text, tokens), [], tokens)


def resolved(text: str, phrase: str, *, nth: int = 0) -> list[str]:
    """Names of the people the reference starting at the nth occurrence of ``phrase`` points to."""
    index, infos = scan(text)
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    for info in infos:
        for ref in info.refs:
            if ref.start == at:
                return [index.people[p].name for p in ref.people]
    return []


def named(index: PeopleIndex) -> dict[str, tuple[str | None, list[str], int]]:
    return {p.name: (p.country, p.titles, len(p.mentions)) for p in index.people if p.mentions}


_TALKS = (
    "Chinese Vice Premier Ding Xuexiang met with Vietnamese Deputy Prime Minister Lê Thành Long in "
    "Beijing on Monday. Ding said China valued the partnership. Long affirmed that Vietnam would work "
    "with China. The Vice Premier called for closer cooperation. He said trade was growing."
)


def test_people_full_names_with_titles_and_countries() -> None:
    index, _ = scan(_TALKS)
    assert named(index) == {
        "Ding Xuexiang": ("CHN", ["Vice Premier"], 1),
        "Le Thanh Long": ("VNM", ["Deputy Prime Minister"], 1),
    }


def test_people_family_name_alone_resolves_to_full_name() -> None:
    assert resolved(_TALKS, "Ding said") == ["Ding Xuexiang"]


def test_people_vietnamese_given_name_resolves_to_full_name() -> None:
    assert resolved(_TALKS, "Long affirmed") == ["Le Thanh Long"]


def test_people_vietnamese_middle_name_is_not_a_short_form() -> None:
    text = "Deputy Prime Minister Le Thanh Long met the press. Thanh Hoa province sent a delegation."
    assert resolved(text, "Thanh Hoa") == []


def test_people_definite_title_resolves_to_its_holder() -> None:
    assert resolved(_TALKS, "The Vice Premier") == ["Ding Xuexiang"]


def test_people_subject_pronoun_takes_the_last_subject() -> None:
    assert resolved(_TALKS, "He said") == ["Ding Xuexiang"]


def test_people_counterpart_is_a_separate_person() -> None:
    text = (
        "Vietnamese Minister of Public Security Luong Tam Quang held talks with his Chinese "
        "counterpart Wang Xiaohong in Beijing on Monday. The two ministers agreed to fight "
        "cross-border crime."
    )
    index, _ = scan(text)
    people = named(index)
    assert people["Wang Xiaohong"][0] == "CHN"
    assert people["Wang Xiaohong"][1][0] == "Minister of Public Security"  # the counterpart's office
    assert people["Luong Tam Quang"][:2] == ("VNM", ["Minister of Public Security"])
    assert resolved(text, "his") == ["Luong Tam Quang"]
    assert sorted(resolved(text, "The two ministers")) == ["Luong Tam Quang", "Wang Xiaohong"]


def test_people_unknown_counterpart_gets_country_and_office() -> None:
    index, _ = scan(
        "Governor Tran Van Binh met his Lao counterpart Bounmy Phommachanh in Vientiane on Monday."
    )
    country, titles, _ = named(index)["Bounmy Phommachanh"]
    assert country == "LAO"
    assert titles[0] == "Governor"


def test_people_group_reference_picks_the_pair_holding_the_office() -> None:
    text = (
        "Russian Foreign Minister Sergey Lavrov held talks with Chinese Foreign Minister Wang Yi in "
        "Moscow on Monday. Russian President Vladimir Putin later received Wang. The two foreign "
        "ministers discussed Ukraine."
    )
    assert sorted(resolved(text, "The two foreign ministers")) == ["Sergey Lavrov", "Wang Yi"]
    assert resolved(text, "Wang.") == ["Wang Yi"]


def test_people_spellings_with_and_without_diacritics_are_one_person() -> None:
    text = "Foreign Minister Bùi Thanh Sơn met the press. Foreign Minister Bui Thanh Son then left for Laos."
    index, _ = scan(text)
    people = [p for p in index.people if p.mentions]
    assert len(people) == 1
    assert people[0].name == "Bui Thanh Son"
    assert people[0].spellings == ["Bùi Thanh Sơn", "Bui Thanh Son"]
    assert len(people[0].mentions) == 2


def test_people_shared_family_name_is_not_merged() -> None:
    text = (
        "Indian Prime Minister Narendra Modi met British Prime Minister Keir Starmer in London. "
        "Starmer raised the case of diamond trader Nirav Modi, who faces fraud charges."
    )
    index, _ = scan(text)
    people = named(index)
    assert {"Narendra Modi", "Nirav Modi", "Keir Starmer"} <= people.keys()
    assert people["Nirav Modi"][0] is None
    assert people["Narendra Modi"][:2] == ("IND", ["Prime Minister"])


def test_people_pm_title_picks_the_prime_minister_among_namesakes() -> None:
    # Nirav Modi is named more often, but "PM Modi" can only be the Prime Minister.
    text = (
        "Prime Minister Narendra Modi spoke in Delhi. Diamond trader Nirav Modi was arrested in London. "
        "Nirav Modi appealed. Nirav Modi lost the appeal. PM Modi said India would cooperate."
    )
    assert resolved(text, "Modi said") == ["Narendra Modi"]


def test_people_bare_short_name_prefers_the_most_mentioned_namesake() -> None:
    text = (
        "Prime Minister Narendra Modi spoke in Delhi. Diamond trader Nirav Modi was arrested. "
        "Nirav Modi appealed. Nirav Modi lost. Modi will appeal again."
    )
    assert resolved(text, "Modi will") == ["Nirav Modi"]


def test_people_short_name_used_as_a_place_is_not_a_person() -> None:
    text = "Chinese Foreign Minister Wang Yi met the envoy. Later the envoy flew to Beijing."
    _index, infos = scan(text)
    refs = [text[r.start : r.end] for info in infos for r in info.refs]
    assert "Beijing" not in refs


def test_people_single_unknown_word_is_not_a_person() -> None:
    index, _ = scan("Minh also spoke at the forum. Thanh was absent.")
    assert named(index) == {}


def test_people_they_reference_has_no_people_of_its_own() -> None:
    text = "Chinese Foreign Minister Wang Yi met Lao Foreign Minister Saleumxay Kommasith. They agreed."
    _, infos = scan(text)
    they = [r for info in infos for r in info.refs if text[r.start : r.end] == "They"]
    assert len(they) == 1
    assert they[0].kind == "they"
    assert they[0].people == ()


def test_people_empty_text() -> None:
    index, infos = scan("")
    assert index.people == []
    assert infos == []

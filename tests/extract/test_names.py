"""Tests for finding personal names with their titles and countries in one sentence."""

from __future__ import annotations

import pytest

from diplograph.extract.names import Mention, clean_title, find_mentions, is_title_word, split_titles
from diplograph.extract.tokens import tokenize
from diplograph.ingest import article_from_text


def mentions(text: str, skip: list[tuple[int, int]] | None = None) -> list[Mention]:
    return find_mentions(text, tokenize(text), skip=skip or [])


def only(text: str) -> Mention:
    found = mentions(text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def test_names_title_and_demonym_before_a_known_name() -> None:
    mention = only("Chinese Foreign Minister Wang Yi arrived in Moscow on Monday.")
    assert mention.text == "Wang Yi"
    assert mention.titles == ("Foreign Minister",)
    assert mention.country == "CHN"
    assert mention.known is not None
    assert mention.known.name == "Wang Yi"
    assert mention.strong


def test_names_compound_title_with_diacritic_name() -> None:
    text = "Deputy Prime Minister and Foreign Minister of Vietnam Bùi Thanh Sơn opened the forum."
    mention = only(text)
    assert mention.text == "Bùi Thanh Sơn"
    assert text[mention.start : mention.end] == "Bùi Thanh Sơn"
    assert mention.titles[0] == "Deputy Prime Minister"
    assert mention.titles[1].startswith("Foreign Minister")
    assert mention.country == "VNM"
    assert mention.known is not None
    assert mention.known.name == "Bui Thanh Son"
    assert text[mention.title_start : mention.end].startswith("Deputy Prime Minister")


def test_names_diacritic_spelling_kept_as_alias() -> None:
    # The record uses the ASCII spelling; the text's own spelling stays findable as an alias.
    from diplograph.extract import extract_article

    text = (
        "Deputy Prime Minister and Foreign Minister of Vietnam Bùi Thanh Sơn met Singaporean Foreign "
        "Minister Vivian Balakrishnan in Singapore on Monday.\nThe two ministers discussed trade."
    )
    person = next(p for p in extract_article(article_from_text(text)).people if p.country == "VNM")
    assert person.name == "Bui Thanh Son"
    assert "Bùi Thanh Sơn" in person.aliases
    assert person.mentions[0].quote == "Bùi Thanh Sơn"


def test_names_appositive_titles_after_the_name() -> None:
    mention = only(
        "Huang Kunming, a member of the CPC Political Bureau and Party chief of Guangdong Province, "
        "toured the fair."
    )
    assert mention.text == "Huang Kunming"
    assert mention.titles == ("member of the CPC Political Bureau", "Party chief of Guangdong Province")
    assert mention.country == "CHN"


def test_names_appositive_gives_title_to_an_unknown_name() -> None:
    mention = only("Tran Quoc Hieu, Deputy Minister of Industry and Trade, led the delegation.")
    assert mention.text == "Tran Quoc Hieu"
    assert mention.titles == ("Deputy Minister of Industry and Trade",)
    assert mention.known is None
    assert mention.strong


@pytest.mark.parametrize(
    ("text", "name", "title", "country", "host"),
    [
        (
            "Vietnamese Ambassador to Laos Nguyen Ba Hung presented his credentials.",
            "Nguyen Ba Hung",
            "Ambassador to Laos",
            "VNM",
            "LAO",
        ),
        (
            "Thai Ambassador to Cambodia Pornpimol Kanchanalak met the governor.",
            "Pornpimol Kanchanalak",
            "Ambassador to Cambodia",
            "THA",
            "KHM",
        ),
        (
            "Kenyan Trade Minister Wanjiru Otieno opened the fair.",
            "Wanjiru Otieno",
            "Trade Minister",
            "KEN",
            None,
        ),
        ("Deputy Governor Phan Thi Lan welcomed investors.", "Phan Thi Lan", "Deputy Governor", None, None),
    ],
)
def test_names_unknown_person_introduced_by_a_title(
    text: str, name: str, title: str, country: str | None, host: str | None
) -> None:
    mention = only(text)
    assert mention.text == name
    assert mention.known is None
    assert mention.titles == (title,)
    assert mention.country == country
    assert mention.host == host


def test_names_possessive_country_is_not_part_of_the_title() -> None:
    mention = only("Thailand's Prime Minister Paetongtarn Shinawatra welcomed the guests.")
    assert mention.text == "Paetongtarn Shinawatra"
    assert mention.titles == ("Prime Minister",)
    assert mention.country == "THA"


def test_names_two_titled_people_in_one_sentence() -> None:
    found = mentions("Japanese Prime Minister Fumio Kishida met Vietnamese Prime Minister Pham Minh Chinh.")
    assert [(m.text, m.country, m.titles) for m in found] == [
        ("Fumio Kishida", "JPN", ("Prime Minister",)),
        ("Pham Minh Chinh", "VNM", ("Prime Minister",)),
    ]


def test_names_joint_title_is_split_into_offices() -> None:
    found = mentions("General Secretary and President Xi Jinping held talks with General Secretary To Lam.")
    assert [(m.text, m.titles) for m in found] == [
        ("Xi Jinping", ("General Secretary", "President")),
        ("To Lam", ("General Secretary",)),
    ]


def test_names_counterpart_takes_the_demonym_before_it() -> None:
    found = mentions("Governor Tran Van Binh met his Lao counterpart Bounmy Phommachanh in Vientiane.")
    assert [m.text for m in found] == ["Tran Van Binh", "Bounmy Phommachanh"]
    assert found[1].country == "LAO"
    assert found[1].known is None
    assert found[1].strong


@pytest.mark.parametrize(
    "text",
    [
        "Ho Chi Minh City hosted the forum.",
        "The forum was held in Ho Chi Minh City on Friday.",
        "Students of Tran Phu High School welcomed the delegation.",
        "The delegation laid a wreath at the Ho Chi Minh Mausoleum.",
        "Ho Chi Minh National Academy of Politics hosted the seminar.",
        "The Great Hall of the People was decorated with flags.",
        "PHOTO: NGUYEN VAN HAI",
        "The weather in the region was mild and markets were calm.",
    ],
)
def test_names_things_named_after_people_are_not_people(text: str) -> None:
    assert mentions(text) == []


def test_names_skip_spans_hide_photo_credits() -> None:
    text = "Photo: Tran Van Minh"
    assert [m.text for m in mentions(text)] == ["Tran Van Minh"]  # without the skip span it looks like a name
    assert mentions(text, skip=[(0, len(text))]) == []


def test_names_rank_abbreviations_form_the_title() -> None:
    mention = only("Sen. Lieut. Gen. Nguyen Van Phuc addressed the officers.")
    assert mention.text == "Nguyen Van Phuc"
    assert mention.titles == ("Sen. Lieut. Gen.",)
    assert mention.strong


def test_names_rank_abbreviation_and_appositive_office() -> None:
    mention = only("Lt. Gen. Hoang Xuan Chien, Deputy Minister of National Defence, attended.")
    assert mention.text == "Hoang Xuan Chien"
    assert mention.titles == ("Lt. Gen.", "Deputy Minister of National Defence")


def test_names_sen_without_a_dot_is_a_name_not_a_rank() -> None:
    mention = only("Cambodian Prime Minister Hun Sen welcomed the guests.")
    assert mention.text == "Hun Sen"
    assert mention.titles == ("Prime Minister",)
    assert mention.country == "KHM"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("European Commission President Ursula von der Leyen arrived.", "Ursula von der Leyen", None),
        ("Brazilian President Luiz Inácio Lula da Silva arrived.", "Luiz Inácio Lula da Silva", "BRA"),
    ],
)
def test_names_particles_stay_inside_the_name(text: str, name: str, country: str | None) -> None:
    mention = only(text)
    assert mention.text == name
    assert mention.titles
    assert mention.titles[-1].endswith("President")
    if country:
        assert mention.country == country


def test_names_lower_case_descriptor_introduces_a_name() -> None:
    mention = only("Fugitive liquor baron Vijay Mallya left the country.")
    assert mention.text == "Vijay Mallya"
    assert mention.strong


def test_names_clean_title_drops_demonyms_and_possessives() -> None:
    assert clean_title("Chinese Foreign Minister") == "Foreign Minister"
    assert clean_title("China's Vice President") == "Vice President"
    assert clean_title("Vietnamese Ambassador to Laos") == "Ambassador to Laos"
    assert clean_title("Foreign Minister of") == "Foreign Minister"


def test_names_split_titles_keeps_organisation_and() -> None:
    assert split_titles("Politburo member and Minister of Public Security") == [
        "Politburo member",
        "Minister of Public Security",
    ]
    assert split_titles("Minister of Industry and Trade") == ["Minister of Industry and Trade"]
    assert split_titles("a member of the Political Bureau") == ["member of the Political Bureau"]


def test_names_dotted_ranks_need_their_dot() -> None:
    gen, bare = tokenize("Gen. Gen")
    assert is_title_word(gen)
    assert not is_title_word(bare)
    assert is_title_word(tokenize("Ambassador")[0])
    assert not is_title_word(tokenize("Hanoi")[0])


def test_names_empty_sentence() -> None:
    assert mentions("") == []

"""Initiatives, themed years, projects and anniversaries, on sentences written for these tests."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.errors import ConfigError
from diplograph.extract import initiatives
from diplograph.extract.initiatives import alias_pattern, find_initiatives, fold_keep, initiative_hits
from diplograph.model import InitiativeMention

CV = ("CHN", "VNM")
YEAR_2025 = "China-Vietnam Year of People-to-People Exchanges 2025"


def _names(text: str, pair: tuple[str, ...] = CV) -> list[str]:
    return [m.name for m in find_initiatives(text, text, pair=pair)]


def test_initiatives_fold_keep_keeps_offsets_and_drops_diacritics() -> None:
    text = "Việt Nam’s “Year” – Hà Nội İstanbul"
    folded = fold_keep(text)
    assert len(folded) == len(text)
    assert folded.startswith('viet nam\'s "year" - ha noi')


def test_initiatives_alias_pattern_ignores_hyphens_quotes_and_plural() -> None:
    regex = re.compile(alias_pattern("Year of People-to-People Exchange"))
    assert regex.fullmatch("year of people to people exchanges")
    assert regex.fullmatch('year of "people-to-people" exchange')
    assert not regex.fullmatch("year of people exchanges")


@pytest.mark.parametrize(
    "wording",
    [
        "the Year of Humanistic Exchange",
        "the Year of Humanitarian Exchanges",
        "the China-Vietnam Year of People-to-People Exchanges",
        'the "Year of Viet Nam - China Humanistic Exchange"',
        "the Vietnam-China Humanitarian Exchange Year",
    ],
)
def test_initiatives_translations_of_the_2025_year_meet_on_one_name(wording: str) -> None:
    text = f"Both ministers pledged to make {wording} a success."
    assert _names(text) == [YEAR_2025]


def test_initiatives_year_takes_the_pair_the_mention_names() -> None:
    text = "Officials reviewed the ASEAN-China Year of People-to-People Exchanges held in 2024."
    assert _names(text) == ["China-ASEAN Year of People-to-People Exchanges 2024"]


def test_initiatives_generic_year_follows_the_report_pair() -> None:
    text = "Jakarta joined the Year of People-to-People Exchanges programme."
    assert _names(text, ("CHN", "IDN")) == ["China-ASEAN Year of People-to-People Exchanges 2024"]
    assert _names(text, CV) == [YEAR_2025]


def test_initiatives_stated_year_wins_over_the_table() -> None:
    text = "They opened the Vietnam-Laos Solidarity and Friendship Year 2017 in Vientiane."
    assert _names(text, ("LAO", "VNM")) == ["Vietnam-Laos Solidarity and Friendship Year 2017"]


def test_initiatives_named_projects_and_frameworks_get_canonical_names() -> None:
    text = (
        "The leaders discussed the Lao Cai - Ha Noi - Haiphong railway and linking the "
        '"Belt and Road" with the Two Corridors and One Belt framework.'
    )
    mentions = find_initiatives(text, text, pair=CV)
    assert [(m.name, m.kind) for m in mentions] == [
        ("Lao Cai-Hanoi-Hai Phong railway", "project"),
        ("Belt and Road Initiative", "initiative"),
        ("Two Corridors, One Belt", "initiative"),
    ]
    assert mentions[0].alias == "Lao Cai - Ha Noi - Haiphong railway"


def test_initiatives_bilateral_project_only_in_its_own_pair() -> None:
    text = "Work continues on the three railway lines and the China-Laos Railway."
    # "the three railway lines" are China-Vietnam's only in a China-Vietnam report; the China-Laos
    # Railway names its own pair and counts in any report.
    assert _names(text, CV) == ["China-Vietnam standard-gauge railway lines", "China-Laos Railway"]
    assert _names(text, ("CHN", "LAO")) == ["China-Laos Railway"]


def test_initiatives_anniversary_is_counted_and_keyed_by_pair() -> None:
    text = (
        "Next year marks the 75th anniversary of the establishment of diplomatic relations between "
        "Vietnam and China. Both sides will celebrate the seventy-fifth anniversary of diplomatic ties."
    )
    assert _names(text, CV) == ["75th anniversary of China-Vietnam diplomatic relations"] * 2
    # Without the report's pair only the mention that names the two countries is keyed by them.
    assert _names(text, ()) == [
        "75th anniversary of China-Vietnam diplomatic relations",
        "75th anniversary of diplomatic relations",
    ]


def test_initiatives_anniversary_without_a_pair_keeps_the_number() -> None:
    text = "Events will mark the 30th anniversary of diplomatic relations."
    assert _names(text, ()) == ["30th anniversary of diplomatic relations"]
    assert _names(text, ("KOR", "VNM")) == ["30th anniversary of South Korea-Vietnam diplomatic relations"]


def test_initiatives_unknown_anniversary_is_named_from_the_text() -> None:
    text = "He attended the 60th anniversary of the Hoa Binh hydropower plant in May."
    assert _names(text, ()) == ["60th anniversary of the Hoa Binh hydropower plant"]


def test_initiatives_anniversary_of_a_pronoun_is_not_named() -> None:
    assert _names("The party celebrated the 95th anniversary of its founding.", ()) == []


def test_initiatives_mention_evidence_is_its_sentence_once() -> None:
    text = "Intro line.\nThe Red Journey and the Red Journey study tour continue. Later the GDI was cited."
    mentions = find_initiatives(text, text, pair=CV)
    assert [m.name for m in mentions] == ["Red Journey", "Global Development Initiative"]
    red = mentions[0]
    assert red.evidence.quote == "The Red Journey and the Red Journey study tour continue."
    assert text[red.evidence.start : red.evidence.end] == red.evidence.quote


def test_initiatives_masked_text_hides_credits() -> None:
    text = "PHOTO: Belt and Road\nThe talks covered the Health Silk Road."
    masked = " " * len("PHOTO: Belt and Road") + text[len("PHOTO: Belt and Road") :]
    assert [m.name for m in find_initiatives(text, masked)] == ["Health Silk Road"]


def test_initiatives_masked_text_must_keep_offsets() -> None:
    with pytest.raises(ValueError, match="offsets"):
        find_initiatives("abc", "ab")


def test_initiatives_hits_carry_topics_for_commitments() -> None:
    hits = initiative_hits("build the Jakarta-Bandung high-speed railway", pair=("CHN", "IDN"))
    assert [(h.name, h.topic) for h in hits] == [("Jakarta-Bandung High-Speed Railway", "railway")]


def test_initiatives_bad_table_row_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = ({"name": "X", "kind": "festival", "countries": "", "year": "", "topic": "", "aliases": "x"},)
    monkeypatch.setattr(initiatives, "read_table", lambda name: rows)
    initiatives._rows.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"initiatives\.tsv"):
            initiatives._rows()
    finally:
        monkeypatch.undo()
        initiatives._rows.cache_clear()


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab ,.-'\"ệĐ“”\nBelt and Road 75th anniversary of Year")), max_size=120
    )
)
def test_initiatives_any_text_gives_offsets_that_quote_it(text: str) -> None:
    assert len(fold_keep(text)) == len(text)
    for mention in find_initiatives(text, text, pair=CV):
        assert isinstance(mention, InitiativeMention)
        assert text[mention.evidence.start : mention.evidence.end] == mention.evidence.quote
        assert mention.alias in mention.evidence.quote

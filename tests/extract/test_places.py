"""Tests for venues: places after a preposition, national venues, never inside a title."""

from __future__ import annotations

import pytest

from diplograph.extract.places import PlaceMention, capital_of, find_places
from diplograph.extract.tokens import tokenize


def places(sentence: str, exclude: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
    return find_places(sentence, tokenize(sentence), exclude=exclude or [])


def first(sentence: str) -> tuple[str | None, str, str]:
    found = places(sentence)
    assert found, sentence
    return found[0].name, found[0].country, sentence[found[0].start : found[0].end]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They met in Hanoi on Monday.", ("Hanoi", "VNM", "Hanoi")),
        ("The talks in Ha Noi ended at noon.", ("Hanoi", "VNM", "Ha Noi")),
        ("He arrived in the capital city of Vientiane.", ("Vientiane", "LAO", "Vientiane")),
        ("The delegation travelled to the Chinese city of Chengdu.", ("Chengdu", "CHN", "Chengdu")),
        ("They met in the southern province of Kien Giang.", ("Kien Giang", "VNM", "Kien Giang")),
        ("He returned from Tokyo on Friday.", ("Tokyo", "JPN", "Tokyo")),
    ],
)
def test_places_city_or_province_after_a_preposition(sentence: str, expected: tuple[str, str, str]) -> None:
    assert first(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "city", "country"),
    [
        ("The talks were held at the Great Hall of the People.", "Beijing", "CHN"),
        ("The two presidents met at the Kremlin.", "Moscow", "RUS"),
        ("They spoke to reporters outside the White House.", "Washington", "USA"),
    ],
)
def test_places_national_venue_fixes_its_city(sentence: str, city: str, country: str) -> None:
    found = places(sentence)
    assert found
    assert {(p.name, p.country) for p in found} == {(city, country)}
    assert found[0].kind == "venue"


def test_places_country_after_a_preposition() -> None:
    (place,) = places("He paid a state visit to Japan.")
    assert place.name is None
    assert place.country == "JPN"
    assert place.kind == "country"


def test_places_capital_venue_leaves_the_city_to_the_caller() -> None:
    (place,) = places("The welcome ceremony took place at the Presidential Palace.")
    assert place.kind == "capital_venue"
    assert place.name is None


def test_places_need_a_preposition() -> None:
    assert places("Hanoi and Vientiane signed a twinning agreement.") == []
    assert places("Chinese President Xi Jinping met the guests.") == []


def test_places_excluded_spans_are_skipped() -> None:
    sentence = "Chinese Ambassador to Vietnam He Wei spoke in Hanoi."
    title_zone = (0, sentence.index(" spoke"))
    found = places(sentence, exclude=[title_zone])
    assert [(p.name, p.country) for p in found] == [("Hanoi", "VNM")]


def test_places_offsets_quote_the_sentence_text() -> None:
    sentence = "Bộ trưởng gặp đối tác. They later met in Ho Chi Minh City and in Da Nang."
    found = places(sentence)
    assert [p.name for p in found] == ["Ho Chi Minh City", "Da Nang"]
    assert [sentence[p.start : p.end] for p in found] == ["Ho Chi Minh City", "Da Nang"]


def test_places_capital_of_a_country() -> None:
    assert capital_of("VNM") == "Hanoi"
    assert capital_of("LAO") == "Vientiane"
    assert capital_of("XXX") is None


def test_places_empty_sentence() -> None:
    assert places("") == []

"""Mechanism keys: one key per mechanism under every variant of its name."""

from __future__ import annotations

import re

import pytest

from diplograph.resolve import mechanism_id, mechanism_key, mechanism_name

STEERING = "China-Vietnam Steering Committee for Bilateral Cooperation"


@pytest.mark.parametrize(
    ("name", "countries"),
    [
        (STEERING, ()),
        ("Vietnam-China Steering Committee for Bilateral Cooperation", ()),
        ("Việt Nam-China Steering Committee for Bilateral Cooperation", ()),
        ("VIET NAM - CHINA STEERING COMMITTEE FOR BILATERAL COOPERATION", ()),
        ("the Steering Committee for Bilateral Cooperation", ("CHN", "VNM")),
        ("the Steering Committee for Bilateral Cooperation", ("VNM", "CHN")),
        ("China-Vietnam Steering Committee for Bilateral Cooperation on December", ()),
    ],
)
def test_mechanisms_steering_committee_variants_share_one_key(name: str, countries: tuple[str, ...]) -> None:
    assert mechanism_key(name, countries) == mechanism_key(STEERING)
    assert mechanism_name(name, countries=countries) == STEERING


@pytest.mark.parametrize(
    "name",
    [
        "3+3 strategic dialogue",
        '"3+3" Strategic Dialogue',
        "the Vietnam-China 3+3 strategic dialogue",
        "Vietnam-China '3+3' Strategic Dialogue on Diplomacy, Defence and Public Security",
    ],
)
def test_mechanisms_three_plus_three_dialogue_variants(name: str) -> None:
    assert mechanism_key(name, ["VNM", "CHN"]) == mechanism_key('China-Vietnam "3+3" strategic dialogue')


def test_mechanisms_unknown_mechanism_ignores_country_order_and_little_words() -> None:
    key = mechanism_key("Japan-Korea Joint Committee on Fisheries")
    assert key == mechanism_key("Korea and Japan Joint Committee for Fisheries")
    assert key == mechanism_key("the joint committee on fisheries", ["KOR", "JPN"])
    assert key == "JPN KOR joint committee fisheries"


def test_mechanisms_unknown_mechanism_spelling_variants() -> None:
    assert mechanism_key("U.S.-Viet Nam Defence Co-operation Forum") == mechanism_key(
        "Vietnam-US Defense Cooperation Forum"
    )


def test_mechanisms_generic_alias_needs_matching_countries() -> None:
    # The gazetteer's alias belongs to Vietnam-Laos; a Cambodia-Laos committee of that name is another one.
    generic = "Intergovernmental Committee for Bilateral Cooperation"
    assert mechanism_key(generic, ["LAO", "VNM"]) == mechanism_key("Vietnam-Laos Intergovernmental Committee")
    assert mechanism_key(generic, ["KHM", "LAO"]) != mechanism_key(generic, ["LAO", "VNM"])
    assert mechanism_name(generic, countries=["KHM", "LAO"]) == generic


def test_mechanisms_different_mechanisms_of_one_pair_stay_apart() -> None:
    assert mechanism_key(STEERING) != mechanism_key("China-Vietnam Railway Cooperation Committee")
    assert mechanism_key("Japan-Korea Joint Committee on Fisheries") != mechanism_key(
        "China-Korea Joint Committee on Fisheries"
    )


def test_mechanisms_name_cleans_unknown_names() -> None:
    assert mechanism_name("the  joint committee on fisheries  in 2024") == "Joint committee on fisheries"
    assert mechanism_name("India-Japan 2+2 Ministerial Dialogue") == "India-Japan 2+2 Ministerial Dialogue"


def test_mechanisms_numbers_inside_names_are_kept() -> None:
    assert mechanism_key("Korea-Japan 2+2") != mechanism_key("Korea-Japan")
    assert mechanism_key("Korea-Japan Economic Forum on May 12, 2024") == mechanism_key(
        "Japan-Korea Economic Forum"
    )


def test_mechanisms_id_is_32_hex_of_the_key() -> None:
    key = mechanism_key(STEERING)
    assert re.fullmatch(r"[0-9a-f]{32}", mechanism_id(key))
    assert mechanism_id(key) == mechanism_id(
        mechanism_key("the Steering Committee for Bilateral Cooperation")
    )
    assert mechanism_id(key) != mechanism_id(mechanism_key("Japan-Korea Joint Committee on Fisheries"))


@pytest.mark.parametrize("name", ["", "   ", "--"])
def test_mechanisms_reject_names_without_words(name: str) -> None:
    with pytest.raises(ValueError, match="mechanism"):
        mechanism_key(name)
    with pytest.raises(ValueError, match="mechanism"):
        mechanism_name(name)


def test_mechanisms_id_rejects_empty_key() -> None:
    with pytest.raises(ValueError, match="empty"):
        mechanism_id(" ")

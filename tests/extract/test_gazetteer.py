"""Tests for the gazetteers: lookups, and the well-formedness of every TSV row."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources

import pytest

from diplograph.errors import ConfigError
from diplograph.extract import gazetteer
from diplograph.extract.gazetteer import (
    Official,
    Role,
    countries,
    country_for,
    fold,
    given_names,
    mechanism_for,
    mechanisms,
    official_for,
    officials,
    officials_named,
    place_for,
    places,
    read_table,
    surnames,
)

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_COLUMNS = {
    "countries.tsv": ["iso3", "name", "aliases", "demonyms", "adjective_forms", "capital"],
    "places.tsv": ["name", "aliases", "country", "kind", "parent"],
    "officials.tsv": ["name", "aliases", "country", "title", "start", "end"],
    "surnames.tsv": ["surname", "culture", "aliases"],
    "given_names.tsv": ["given_name", "culture", "ambiguous"],
    "mechanisms.tsv": ["name", "aliases", "countries", "kind"],
}
_PLACE_KINDS = {"city", "province", "county", "region", "district", "state", "border_gate", "venue"}
_MECHANISM_KINDS = {
    "committee",
    "dialogue",
    "summit",
    "conference",
    "exchange",
    "talks",
    "seminar",
    "forum",
    "meeting",
}


def _raw_lines(name: str) -> list[str]:
    text = resources.files("diplograph.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _iso3() -> set[str]:
    return {country.iso3 for country in countries()}


# --- fold -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Việt Nam", "viet nam"),
        ("HÀ NỘI", "ha noi"),
        ("Đà Nẵng", "da nang"),
        ("U.S.", "u s"),
        ("  People's  Republic ", "people s republic"),
        ('"3+3"', "3 3"),
        ("", ""),
    ],
)
def test_gazetteer_fold_strips_diacritics_case_and_punctuation(text: str, folded: str) -> None:
    assert fold(text) == folded


# --- file shape -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(_COLUMNS))
def test_gazetteer_every_row_has_the_header_columns(name: str) -> None:
    header, *rows = _raw_lines(name)
    assert header.split("\t") == _COLUMNS[name]
    bad = [row for row in rows if len(row.split("\t")) != len(_COLUMNS[name])]
    assert bad == []


@pytest.mark.parametrize("name", sorted(_COLUMNS))
def test_gazetteer_has_no_duplicate_rows(name: str) -> None:
    rows = _raw_lines(name)[1:]
    assert [row for row, count in Counter(rows).items() if count > 1] == []


@pytest.mark.parametrize("name", sorted(_COLUMNS))
def test_gazetteer_cells_have_no_stray_whitespace_or_empty_values(name: str) -> None:
    for row in read_table(name):
        for cell in row.values():
            assert cell == cell.strip()
            assert "||" not in cell
            assert not cell.startswith("|")
            assert not cell.endswith("|")


def test_gazetteer_read_table_rejects_a_row_with_too_many_columns(
    tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    class _Fake:
        def joinpath(self, *_parts: str) -> _Fake:
            return self

        def read_text(self, encoding: str) -> str:
            return "a\tb\nx\ty\tz\n"

    monkeypatch.setattr(gazetteer.resources, "files", lambda _package: _Fake())
    with pytest.raises(ConfigError, match="3 columns"):
        read_table("broken.tsv")


def test_gazetteer_read_table_rejects_a_file_without_header(monkeypatch: pytest.MonkeyPatch) -> None:
    class _Fake:
        def joinpath(self, *_parts: str) -> _Fake:
            return self

        def read_text(self, encoding: str) -> str:
            return "# only a comment\n\n"

    monkeypatch.setattr(gazetteer.resources, "files", lambda _package: _Fake())
    with pytest.raises(ConfigError, match="no header"):
        read_table("empty.tsv")


# --- countries --------------------------------------------------------------------------------


def test_gazetteer_countries_cover_un_members_and_extras() -> None:
    codes = _iso3()
    assert len(codes) == len(countries()) >= 199
    for code in ("TWN", "PSE", "XKX", "HKG", "MAC", "EUU", "VNM", "CHN", "USA", "TLS", "SSD"):
        assert code in codes
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


def test_gazetteer_country_keys_are_unambiguous() -> None:
    owners: dict[str, set[str]] = {}
    for country in countries():
        for word in (country.name, *country.aliases, *country.demonyms):
            owners.setdefault(fold(word), set()).add(country.iso3)
    assert {key: found for key, found in owners.items() if len(found) > 1} == {}


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Chinese", "CHN"),
        ("Sino", "CHN"),
        ("PRC", "CHN"),
        ("Việt Nam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Vietnamese", "VNM"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("American", "USA"),
        ("UK", "GBR"),
        ("British", "GBR"),
        ("ROK", "KOR"),
        ("South Korean", "KOR"),
        ("DPRK", "PRK"),
        ("Lao PDR", "LAO"),
        ("Laotian", "LAO"),
        ("Emirati", "ARE"),
        ("EU", "EUU"),
        ("European", "EUU"),
        ("Türkiye", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("vietnam", "VNM"),
    ],
)
def test_gazetteer_country_for_reads_names_aliases_and_demonyms(word: str, iso3: str) -> None:
    assert country_for(word) == iso3


@pytest.mark.parametrize("word", ["", "Atlantis", "Wang", "Party", "CAN", "AND", "PER"])
def test_gazetteer_country_for_returns_none_for_unknown_words(word: str) -> None:
    assert country_for(word) is None


def test_gazetteer_country_capitals_are_places_of_that_country() -> None:
    missing = [
        (country.iso3, country.capital)
        for country in countries()
        if country.capital
        and country.iso3 != "EUU"
        and ((found := place_for(country.capital)) is None or found.country != country.iso3)
    ]
    # Capitals that share a name with a bigger place elsewhere are looked up by the country instead.
    assert {capital for _, capital in missing} <= {"Victoria", "Kingston", "Georgetown", "San Jose"}


# --- places -----------------------------------------------------------------------------------


def test_gazetteer_places_rows_are_valid() -> None:
    codes = _iso3()
    found = places()
    assert len(found) >= 1000
    names = {(place.name, place.country) for place in found}
    for place in found:
        assert place.country in codes, place
        assert place.kind in _PLACE_KINDS, place
        assert place.name.isascii(), place
        assert place.parent is None or (place.parent, place.country) in names, place


def test_gazetteer_places_cover_china_and_vietnam_divisions() -> None:
    chinese = [p for p in places() if p.country == "CHN" and p.kind in {"province", "region"}]
    vietnamese = [p for p in places() if p.country == "VNM" and p.kind == "province"]
    municipalities = {"Beijing", "Tianjin", "Shanghai", "Chongqing"}
    assert len(chinese) + len(municipalities) + 2 >= 33  # + Hong Kong and Macao as their own codes
    assert len(vietnamese) + 5 >= 63  # + Hanoi, Ho Chi Minh City, Hai Phong, Da Nang, Can Tho


@pytest.mark.parametrize(
    ("name", "expected", "iso3"),
    [
        ("Hà Nội", "Hanoi", "VNM"),
        ("HÀ NỘI", "Hanoi", "VNM"),
        ("Ha Noi", "Hanoi", "VNM"),
        ("TP.HCM", "Ho Chi Minh City", "VNM"),
        ("Saigon", "Ho Chi Minh City", "VNM"),
        ("HCM City", "Ho Chi Minh City", "VNM"),
        ("Đà Nẵng", "Da Nang", "VNM"),
        ("Danang", "Da Nang", "VNM"),
        ("Anji County", "Anji", "CHN"),
        ("Anji", "Anji", "CHN"),
        ("Guangxi Zhuang Autonomous Region", "Guangxi", "CHN"),
        ("Zhejiang Province", "Zhejiang", "CHN"),
        ("Quảng Ninh", "Quang Ninh", "VNM"),
        ("Móng Cái", "Mong Cai", "VNM"),
        ("Hữu Nghị", "Huu Nghi", "VNM"),
        ("Geneva", "Geneva", "CHE"),
        ("Vientiane", "Vientiane", "LAO"),
        ("Brasília", "Brasilia", "BRA"),
        ("New Delhi", "New Delhi", "IND"),
        ("Washington, D.C.", "Washington", "USA"),
        ("Nur-Sultan", "Astana", "KAZ"),
        ("Kigali", "Kigali", "RWA"),
    ],
)
def test_gazetteer_place_for_reads_names_and_aliases(name: str, expected: str, iso3: str) -> None:
    found = place_for(name)
    assert found is not None
    assert (found.name, found.country) == (expected, iso3)


def test_gazetteer_place_for_prefers_a_city_over_a_province_of_the_same_name() -> None:
    assert {p.kind for p in places() if fold(p.name) == "washington" or "Washington" in p.aliases} >= {
        "city",
    }
    found = place_for("Washington")
    assert found is not None
    assert found.kind == "city"
    lang_son = place_for("Lang Son City")
    assert lang_son is not None
    assert lang_son.kind == "city"
    assert lang_son.parent == "Lang Son"


def test_gazetteer_place_for_returns_none_for_unknown_places() -> None:
    assert place_for("Atlantis") is None
    assert place_for("") is None


# --- officials --------------------------------------------------------------------------------


def test_gazetteer_officials_rows_are_valid() -> None:
    codes = _iso3()
    rows = read_table("officials.tsv")
    assert len(rows) >= 600
    for row in rows:
        assert row["name"].isascii(), row
        assert row["country"] in codes, row
        assert row["title"], row
        for field in ("start", "end"):
            assert not row[field] or _DATE.match(row[field]), row
        if row["start"] and row["end"]:
            assert row["start"][: len(row["end"])] <= row["end"], row


def test_gazetteer_official_keys_do_not_name_two_different_people() -> None:
    people: dict[str, set[str]] = {}
    for official in officials():
        for word in (official.name, *official.aliases):
            people.setdefault(fold(word), set()).add(official.name)
    assert {key: names for key, names in people.items() if len(names) > 1} == {}


@pytest.mark.parametrize(
    ("name", "canonical", "iso3"),
    [
        ("Tô Lâm", "To Lam", "VNM"),
        ("To Lam", "To Lam", "VNM"),
        ("Bùi Thanh Sơn", "Bui Thanh Son", "VNM"),
        ("Wang Yi", "Wang Yi", "CHN"),
        ("Kishida Fumio", "Fumio Kishida", "JPN"),
        ("Joseph R. Biden", "Joe Biden", "USA"),
        ("Lula", "Luiz Inacio Lula da Silva", "BRA"),
        ("Luiz Inácio Lula da Silva", "Luiz Inacio Lula da Silva", "BRA"),
        ("S. Jaishankar", "S Jaishankar", "IND"),
        ("Moon Jae-in", "Moon Jae-in", "KOR"),
        ("Lê Thành Long", "Le Thanh Long", "VNM"),
        ("NGUYEN PHU TRONG", "Nguyen Phu Trong", "VNM"),
    ],
)
def test_gazetteer_official_for_is_diacritic_and_order_tolerant(name: str, canonical: str, iso3: str) -> None:
    found = official_for(name)
    assert found is not None
    assert (found.name, found.country) == (canonical, iso3)


def test_gazetteer_official_for_returns_none_for_unknown_names() -> None:
    assert official_for("Nobody Atall") is None
    assert official_for("") is None


def test_gazetteer_official_for_prefers_the_state_served_at_the_date() -> None:
    assert {official.country for official in officials_named("Donald Tusk")} == {"EUU", "POL"}
    in_brussels = official_for("Donald Tusk", date="2017-05")
    in_warsaw = official_for("Donald Tusk", date="2024-03-01")
    assert in_brussels is not None
    assert in_warsaw is not None
    assert in_brussels.country == "EUU"
    assert in_warsaw.country == "POL"


def test_gazetteer_roles_at_picks_the_titles_of_the_time() -> None:
    wang_yi = official_for("Wang Yi")
    assert wang_yi is not None
    titles_2021 = {role.title for role in wang_yi.roles_at("2021-09-10")}
    assert {"Foreign Minister", "State Councilor"} <= titles_2021
    titles_2023 = {role.title for role in wang_yi.roles_at("2023-05-01")}
    assert "Foreign Minister" not in titles_2023
    assert (
        "Director of the Office of the Foreign Affairs Commission of the CPC Central Committee" in titles_2023
    )
    assert {role.title for role in wang_yi.roles_at("2024")} >= {"Foreign Minister"}
    assert wang_yi.roles_at(None) == wang_yi.roles


def test_gazetteer_roles_at_handles_partial_dates_on_both_sides() -> None:
    person = Official(
        name="A B",
        aliases=(),
        country="VNM",
        roles=(
            Role("Minister", "2016-04", "2021"),
            Role("Deputy", None, "2016-03-31"),
            Role("Chair", "2021-04-08", None),
        ),
    )
    assert [role.title for role in person.roles_at("2016-04-15")] == ["Minister"]
    assert [role.title for role in person.roles_at("2016")] == ["Minister", "Deputy"]
    assert [role.title for role in person.roles_at("2021-12")] == ["Minister", "Chair"]
    assert [role.title for role in person.roles_at("2030")] == ["Chair"]
    assert [role.title for role in person.roles_at("1999-01-01")] == ["Deputy"]


def test_gazetteer_vietnamese_presidents_follow_each_other() -> None:
    holders = {
        date: sorted(
            official.name
            for official in officials()
            if official.country == "VNM"
            and any(role.title == "President" for role in official.roles_at(date))
        )
        for date in ("2017-06-01", "2019-06-01", "2022-06-01", "2023-06-01", "2025-06-01")
    }
    assert holders == {
        "2017-06-01": ["Tran Dai Quang"],
        "2019-06-01": ["Nguyen Phu Trong"],
        "2022-06-01": ["Nguyen Xuan Phuc"],
        "2023-06-01": ["Vo Van Thuong"],
        "2025-06-01": ["Luong Cuong"],
    }


# --- names ------------------------------------------------------------------------------------


def test_gazetteer_surnames_cover_the_cultures() -> None:
    rows = read_table("surnames.tsv")
    cultures = Counter(row["culture"] for row in rows)
    assert set(cultures) <= {"vietnamese", "chinese", "korean", "japanese", "indian", "other"}
    assert cultures["chinese"] >= 300
    assert cultures["vietnamese"] >= 34
    found = surnames()
    for name in ("nguyen", "tran", "bui", "to", "wang", "xi", "kim", "kishida", "modi", "chan", "vuong"):
        assert name in found


def test_gazetteer_given_names_leave_out_common_english_words() -> None:
    found = given_names()
    assert len(read_table("given_names.tsv")) >= 2000
    assert {"vijay", "nirav", "narendra", "emmanuel", "joko", "fumio", "jean marc"} <= found
    assert not {"may", "will", "grant", "rose", "mark", "gen", "jan", "jordan"} & found
    assert {row["ambiguous"] for row in read_table("given_names.tsv")} <= {"", "yes"}


# --- mechanisms -------------------------------------------------------------------------------


def test_gazetteer_mechanisms_rows_are_valid() -> None:
    codes = _iso3()
    found = mechanisms()
    assert len(found) >= 50
    for mechanism in found:
        assert mechanism.kind in _MECHANISM_KINDS, mechanism
        assert mechanism.countries, mechanism
        assert set(mechanism.countries) <= codes, mechanism


def test_gazetteer_mechanism_keys_are_unambiguous() -> None:
    owners: dict[str, set[str]] = {}
    for mechanism in mechanisms():
        for word in (mechanism.name, *mechanism.aliases):
            owners.setdefault(gazetteer._mechanism_key(word), set()).add(mechanism.name)
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        (
            "Vietnam-China Steering Committee for Bilateral Cooperation",
            "China-Vietnam Steering Committee for Bilateral Cooperation",
        ),
        (
            "Việt Nam–China Steering Committee for Bilateral Cooperation",
            "China-Vietnam Steering Committee for Bilateral Cooperation",
        ),
        (
            "the China-Vietnam Steering Committee for Bilateral Cooperation",
            "China-Vietnam Steering Committee for Bilateral Cooperation",
        ),
        (
            "Laos-Vietnam Intergovernmental Committee for Bilateral Cooperation",
            "Vietnam-Laos Intergovernmental Committee for Bilateral Cooperation",
        ),
        ("Japan-India Annual Summit", "India-Japan Annual Summit"),
        ("China-India Corps Commander talks", "India-China Corps Commander talks"),
        ("Japan-US 2+2", "US-Japan 2+2 Security Consultative Committee"),
        ("U.S.-Japan 2+2", "US-Japan 2+2 Security Consultative Committee"),
        ("Korea-Japan-China trilateral summit", "China-Japan-ROK trilateral summit"),
        ("ROK-China-Japan trilateral summit", "China-Japan-ROK trilateral summit"),
        ("China-ASEAN Summit", "ASEAN-China Summit"),
        ("Mekong-Lancang Cooperation", "Lancang-Mekong Cooperation"),
        (
            'Vietnam-China "3+3" strategic dialogue',
            'China-Vietnam "3+3" strategic dialogue on diplomacy, defense and public security',
        ),
    ],
)
def test_gazetteer_mechanism_for_ignores_country_order_and_diacritics(name: str, canonical: str) -> None:
    found = mechanism_for(name)
    assert found is not None
    assert found.name == canonical


def test_gazetteer_mechanism_for_keeps_different_pairs_apart() -> None:
    assert mechanism_for("India-US 2+2") != mechanism_for("India-Japan 2+2")
    assert mechanism_for("Vietnam-Cambodia Intergovernmental Committee for Bilateral Cooperation") is None
    assert mechanism_for("") is None


def test_gazetteer_country_for_code_reads_iso3_codes_only() -> None:
    found = gazetteer.country_for_code("vnm")
    assert found is not None
    assert (found.iso3, found.name, found.capital) == ("VNM", "Vietnam", "Hanoi")
    assert gazetteer.country_for_code("EUU") is not None
    assert gazetteer.country_for_code("Vietnam") is None
    assert gazetteer.country_for_code("") is None


def test_gazetteer_given_names_are_not_countries_or_places() -> None:
    found = given_names()
    assert not {name for name in found if country_for(name) or place_for(name)}

"""Typed, cached access to the gazetteers in extract/data: the domain knowledge NER lacks.

Every lookup goes through :func:`fold`, so "Việt Nam", "VIET NAM" and "Viet-Nam" meet on one key.
The TSV files are read once per process (functools.cache) with importlib.resources, so they work
from a wheel as well as from a checkout.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii

from diplograph.errors import ConfigError

__all__ = [
    "Country",
    "Mechanism",
    "Official",
    "Place",
    "Role",
    "countries",
    "country_for",
    "country_for_code",
    "fold",
    "given_names",
    "mechanism_for",
    "mechanisms",
    "official_for",
    "officials",
    "officials_named",
    "place_for",
    "places",
    "read_table",
    "surnames",
]

logger = logging.getLogger(__name__)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Order of preference when one folded name means several places: a city is what a dateline or a
# venue usually names ("Lang Son" the city before Lang Son province).
_KIND_RANK = {
    "city": 0,
    "venue": 1,
    "border_gate": 2,
    "district": 3,
    "county": 4,
    "province": 5,
    "state": 6,
    "region": 7,
}
# Blocs that sit in mechanism names beside countries ("China-ASEAN", "ASEAN-China").
_BLOCS = frozenset({"asean", "gcc", "celac", "africa", "arab states", "central asia", "pacific islands"})
_MAX_NGRAM = 5


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The lookup key: ASCII, lowercase, punctuation runs as single spaces (cached: called per token)."""
    return _NON_ALNUM.sub(" ", anyascii(text).lower()).strip()


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of data/<name> as dicts keyed by the header; malformed rows raise ConfigError."""
    text = resources.files("diplograph.extract").joinpath("data", name).read_text(encoding="utf-8")
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise ConfigError(f"{name}:{number}: {len(cells)} columns, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, (cell.strip() for cell in cells), strict=True)))
    if header is None:
        raise ConfigError(f"{name}: no header row")
    return tuple(rows)


# --- countries -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    """A state or territory; demonyms hold adjectives and pre-title short forms ("US", "Sino")."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None


@cache
def countries() -> tuple[Country, ...]:
    """Every country in countries.tsv, in file order."""
    return tuple(
        Country(
            iso3=row["iso3"],
            name=row["name"],
            aliases=_split(row["aliases"]),
            demonyms=_split(row["demonyms"]) + _split(row["adjective_forms"]),
            capital=row["capital"] or None,
        )
        for row in read_table("countries.tsv")
    )


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in countries():
        # ISO codes are not words of running text ("PAN", "CAN", "ARE", "BEN"): only names,
        # aliases and demonyms are indexed; the code itself is matched by country_for_code.
        for word in (country.name, *country.aliases, *country.demonyms):
            index.setdefault(fold(word), country.iso3)
    return index


def country_for(word: str) -> str | None:
    """ISO3 for a country name, alias, demonym or adjective ("Chinese" -> "CHN")."""
    return _country_index().get(fold(word))


@cache
def _country_codes() -> dict[str, Country]:
    return {country.iso3: country for country in countries()}


def country_for_code(code: str) -> Country | None:
    """The country an ISO3 code names ("vnm" or "VNM"); codes are kept out of country_for's words."""
    return _country_codes().get(code.strip().upper())


# --- places ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A city, province, venue or border gate; name is the ASCII English exonym."""

    name: str
    aliases: tuple[str, ...]
    country: str
    kind: str
    parent: str | None


@cache
def places() -> tuple[Place, ...]:
    """Every place in places.tsv, in file order."""
    return tuple(
        Place(
            name=row["name"],
            aliases=_split(row["aliases"]),
            country=row["country"],
            kind=row["kind"],
            parent=row["parent"] or None,
        )
        for row in read_table("places.tsv")
    )


@cache
def _place_index() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for place in places():
        for word in (place.name, *place.aliases):
            key = fold(word)
            held = index.get(key)
            if held is None or _KIND_RANK.get(place.kind, 9) < _KIND_RANK.get(held.kind, 9):
                index[key] = place
    return index


def place_for(name: str) -> Place | None:
    """The place a name or alias means, a city before a province of the same name."""
    return _place_index().get(fold(name))


# --- officials -------------------------------------------------------------------------------


def _bounds(date: str) -> tuple[str, str]:
    """First and last day a partial ISO date can mean, as comparable strings."""
    parts = date.split("-")
    low = "-".join(parts + ["01"] * (3 - len(parts)))
    high = "-".join(parts + ["12", "31"][len(parts) - 1 :])
    return low, high


@dataclass(frozen=True, slots=True)
class Role:
    """One office held over a span; start and end are partial ISO dates, None when open."""

    title: str
    start: str | None
    end: str | None

    def overlaps(self, date: str) -> bool:
        """Whether the role may have been held at some moment of the partial date."""
        low, high = _bounds(date)
        begins = _bounds(self.start)[0] if self.start else "0000-00-00"
        ends = _bounds(self.end)[1] if self.end else "9999-99-99"
        return begins <= high and low <= ends


@dataclass(frozen=True, slots=True)
class Official:
    """A person with dated roles: titles belong to a time, not to a person."""

    name: str
    aliases: tuple[str, ...]
    country: str
    roles: tuple[Role, ...]

    def roles_at(self, date: str | None) -> tuple[Role, ...]:
        """Roles that overlap a partial ISO date ("2024", "2024-12", "2024-12-10"); all if None."""
        if date is None:
            return self.roles
        return tuple(role for role in self.roles if role.overlaps(date))


def _group_officials(rows: tuple[dict[str, str], ...]) -> Iterator[Official]:
    grouped: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in rows:
        grouped.setdefault((row["name"], row["country"]), []).append(row)
    for (name, country), members in grouped.items():
        aliases = tuple(dict.fromkeys(alias for row in members for alias in _split(row["aliases"])))
        roles = tuple(Role(row["title"], row["start"] or None, row["end"] or None) for row in members)
        yield Official(name=name, aliases=aliases, country=country, roles=roles)


@cache
def officials() -> tuple[Official, ...]:
    """Every official in officials.tsv, one per (name, country), roles in file order."""
    return tuple(_group_officials(read_table("officials.tsv")))


@cache
def _official_index() -> dict[str, tuple[Official, ...]]:
    index: dict[str, list[Official]] = {}
    for official in officials():
        for word in dict.fromkeys(fold(word) for word in (official.name, *official.aliases)):
            index.setdefault(word, []).append(official)
    return {key: tuple(found) for key, found in index.items()}


def officials_named(name: str) -> tuple[Official, ...]:
    """Every official a name may mean: one person can sit for two states (Tusk for Poland and the EU)."""
    return _official_index().get(fold(name), ())


def official_for(name: str, *, date: str | None = None) -> Official | None:
    """The official a full name or alias means, whatever its diacritics; date prefers who held office then."""
    found = officials_named(name)
    if date is not None:
        found = tuple(official for official in found if official.roles_at(date)) or found
    return found[0] if found else None


# --- names -----------------------------------------------------------------------------------


@cache
def surnames() -> frozenset[str]:
    """Folded family names of every culture in surnames.tsv, with their variant spellings."""
    rows = read_table("surnames.tsv")
    return frozenset(fold(word) for row in rows for word in (row["surname"], *_split(row["aliases"])))


@cache
def given_names() -> frozenset[str]:
    """Folded given names that are not also common English words."""
    return frozenset(fold(row["given_name"]) for row in read_table("given_names.tsv") if not row["ambiguous"])


# --- mechanisms ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mechanism:
    """A standing cooperation mechanism whose sessions are numbered across years."""

    name: str
    aliases: tuple[str, ...]
    countries: tuple[str, ...]
    kind: str


@cache
def mechanisms() -> tuple[Mechanism, ...]:
    """Every mechanism in mechanisms.tsv, in file order."""
    return tuple(
        Mechanism(
            name=row["name"],
            aliases=_split(row["aliases"]),
            countries=_split(row["countries"]),
            kind=row["kind"],
        )
        for row in read_table("mechanisms.tsv")
    )


def _party(words: list[str], start: int) -> tuple[str, int] | None:
    """The country or bloc that begins at words[start], longest match first, and its length."""
    for size in range(min(_MAX_NGRAM, len(words) - start), 0, -1):
        phrase = " ".join(words[start : start + size])
        code = _country_index().get(phrase) or (phrase.upper() if phrase in _BLOCS else None)
        if code:
            return code, size
    return None


def _mechanism_key(name: str) -> str:
    """Folded name with its leading run of parties sorted, so "Vietnam-China" keys as "China-Vietnam"."""
    words = fold(name).split()
    if words[:1] == ["the"]:
        words = words[1:]
    parties: list[str] = []
    position = 0
    while position < len(words) and (found := _party(words, position)):
        parties.append(found[0])
        position += found[1]
    if len(parties) < 2:
        return " ".join(words)
    return " ".join([*sorted(parties), *words[position:]])


@cache
def _mechanism_index() -> dict[str, Mechanism]:
    index: dict[str, Mechanism] = {}
    for mechanism in mechanisms():
        for word in (mechanism.name, *mechanism.aliases):
            index.setdefault(_mechanism_key(word), mechanism)
    return index


def mechanism_for(name: str) -> Mechanism | None:
    """The mechanism a name or alias means, in either country order."""
    return _mechanism_index().get(_mechanism_key(name))

"""Deciding whether two person records from different reports are one person.

Spellings differ across outlets in diacritics and case ("Bùi Thanh Sơn", "BUI THANH SON"), and for
Chinese, Japanese and Korean names in order ("Kishida Fumio", "Fumio Kishida"). Vietnamese names
keep the family name first in every language, so "Lam To" is never read as "To Lam". What must
never happen is the opposite error: two people who share a family name ("Nguyen Phu Trong",
"Nguyen Xuan Phuc") or a name held in two countries merged into one. So the rules only ever
relax spelling, never the name itself, and a known country or gazetteer identity vetoes a match.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from diplograph.extract import gazetteer
from diplograph.extract.gazetteer import fold
from diplograph.model import Person

__all__ = ["PersonView", "person_blocks", "person_id", "person_key", "person_view", "same_person"]

# States whose people English media may write in either order; name order elsewhere is fixed.
_REORDERABLE_COUNTRIES = frozenset({"CHN", "TWN", "HKG", "MAC", "JPN", "KOR", "PRK"})
_REORDERABLE_CULTURES = frozenset({"chinese", "japanese", "korean"})


@dataclass(frozen=True, slots=True)
class PersonView:
    """What resolution needs to know of a person, stored or newly extracted.

    ``aliases`` holds every spelling seen (the name included is harmless); ``official`` is the
    gazetteer's name for a known official, the strongest evidence of identity there is.
    """

    id: str | None
    name: str
    country: str | None
    aliases: frozenset[str]
    official: str | None


@cache
def _surname_cultures() -> dict[str, frozenset[str]]:
    """Folded family name -> the cultures it belongs to ("lam" is Vietnamese and Cantonese)."""
    cultures: dict[str, set[str]] = {}
    for row in gazetteer.read_table("surnames.tsv"):
        for spelling in (row["surname"], *row["aliases"].split("|")):
            if spelling.strip():
                cultures.setdefault(fold(spelling), set()).add(row["culture"])
    return {name: frozenset(found) for name, found in cultures.items()}


def _identify(person: Person) -> tuple[str | None, str | None]:
    """(official name, country) from the gazetteer: the one official every spelling points to.

    Ambiguity (two officials of different names under the person's spellings) leaves the person
    unknown rather than guessing. One official listed for two states (a leader for a state and a
    union) keeps the official's name but gets no country, so the country check vetoes neither.
    """
    found = {
        (official.name, official.country)
        for spelling in (person.name, *person.aliases)
        for official in gazetteer.officials_named(spelling)
        if person.country is None or official.country == person.country
    }
    names = {name for name, _ in found}
    if len(names) != 1:
        return None, person.country
    if person.country is not None:
        return names.pop(), person.country
    countries = {country for _, country in found}
    return names.pop(), countries.pop() if len(countries) == 1 else None


def person_view(person: Person) -> PersonView:
    """The view of a freshly extracted person: no id yet; official and missing country from the gazetteer.

    Raises ValueError for a name without letters or digits: nothing could ever match it.
    """
    if not fold(person.name):
        raise ValueError(f"a person needs a name with letters or digits, got {person.name!r}")
    official, country = _identify(person)
    return PersonView(
        id=None,
        name=person.name,
        country=country,
        aliases=frozenset((person.name, *person.aliases)),
        official=official,
    )


def _reorderable(spelling: str, country: str | None) -> bool:
    """Whether this name may appear family-name-first or last: CJK by country, else by its surnames.

    Without a country, a Vietnamese family name among the tokens forbids it ("Lam To" stays
    distinct from "To Lam"), and a Chinese, Japanese or Korean one allows it.
    """
    if country is not None:
        return country in _REORDERABLE_COUNTRIES
    cultures = _surname_cultures()
    found = [cultures.get(fold(token), frozenset()) for token in spelling.split()]
    if any("vietnamese" in culture for culture in found):
        return False
    return any(culture & _REORDERABLE_CULTURES for culture in found)


def _spelling_keys(spelling: str, country: str | None, *, known: bool = False) -> set[str]:
    """Keys under which a spelling meets other spellings of the same name.

    "f:" is the folded name, words and order kept; "s:" the same for a one-word name, which is
    weaker evidence. "c:" keys exist only for unknown people whose names may be reordered: spaces
    dropped ("Jin-ping" meets "Jinping") and, for two-part names, both orders. A known official
    (``known``) gets none: the gazetteer lists the orders it is written in, and a reversed
    spelling it does not list is someone else ("Yi Wang" the scholar, not Wang Yi the minister).
    """
    folded = fold(spelling)
    if not folded:
        return set()
    if " " not in folded:
        return {f"s:{folded}"}
    keys = {f"f:{folded}"}
    if not known and _reorderable(spelling, country):
        keys.add("c:" + folded.replace(" ", ""))
        parts = spelling.split()
        if len(parts) == 2:
            keys.add("c:" + fold(f"{parts[1]} {parts[0]}").replace(" ", ""))
    return keys


def _name_keys(view: PersonView) -> frozenset[str]:
    spellings = {view.name, *view.aliases}
    if view.official:
        spellings.add(view.official)
    known = view.official is not None
    return frozenset(
        key for spelling in spellings for key in _spelling_keys(spelling, view.country, known=known)
    )


def person_key(view: PersonView) -> str:
    """The canonical resolution key the id is hashed from: official or folded name, then country.

    Reorderable names key on their alphabetically first compact order, so "Fumio Kishida" and
    "Kishida Fumio" seen first give the same id whichever report came first.
    """
    country = view.country or ""
    if view.official:
        return f"official:{fold(view.official)}|{country}"
    compact = sorted(key[2:] for key in _spelling_keys(view.name, view.country) if key.startswith("c:"))
    if compact:
        return f"cjk:{compact[0]}|{country}"
    return f"name:{fold(view.name)}|{country}"


def person_blocks(view: PersonView) -> frozenset[str]:
    """Lookup keys to fetch candidates with: every pair same_person accepts shares at least one.

    Name keys for each spelling ("f:to lam", and "c:" keys for reorderable names), "o:" and the
    official's folded name, and "k:" with the resolution key.
    """
    blocks = set(_name_keys(view))
    if view.official:
        blocks.add(f"o:{fold(view.official)}")
    blocks.add(f"k:{person_key(view)}")
    return frozenset(blocks)


def same_person(a: PersonView, b: PersonView) -> bool:
    """Whether two views are one person.

    In order: one id or one resolution key means yes; two known countries that differ mean no;
    two known officials decide by themselves; otherwise a spelling in common decides, except a
    bare one-word name, which proves identity only when both countries are known and agree.
    """
    if a.id is not None and a.id == b.id:
        return True
    if person_key(a) == person_key(b):
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.official and b.official:
        return fold(a.official) == fold(b.official)
    shared = _name_keys(a) & _name_keys(b)
    if not shared:
        return False
    if all(key.startswith("s:") for key in shared):
        return a.country is not None and a.country == b.country
    return True


def person_id(view: PersonView) -> str:
    """Deterministic id for a new person: 32 hex characters of SHA-256 over its resolution key."""
    return hashlib.sha256(f"person|{person_key(view)}".encode()).hexdigest()[:32]

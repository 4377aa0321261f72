"""One key per standing mechanism, whatever the country order, spelling or wording of the report.

Each side's media name a joint mechanism with their own country first ("China-Vietnam ..." in
Beijing, "Việt Nam-China ..." in Hanoi) and often drop the countries altogether ("the Steering
Committee for Bilateral Cooperation") when the report's subject makes them plain. Sessions are
numbered across years, so all of these must meet on one key for the session thread to be whole.
The gazetteer (extract/data/mechanisms.tsv) names the known ones; unknown mechanisms get the same
treatment by rule: country runs sorted as ISO codes, spelling variants and little words set aside,
and the report's countries standing in for countries the name leaves out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from diplograph.extract import gazetteer
from diplograph.extract.gazetteer import fold

__all__ = ["mechanism_id", "mechanism_key", "mechanism_name"]

# British and American spellings, and hyphenated prefixes that fold() splits into two words.
_SPELLING = {
    "defence": "defense",
    "programme": "program",
    "dialog": "dialogue",
    "centre": "center",
    "organisation": "organization",
    "labour": "labor",
}
_JOINED = {("co", "operation"): "cooperation", ("inter", "governmental"): "intergovernmental"}
# Words whose presence or choice ("Committee for" / "on" Bilateral Cooperation) never tells two
# mechanisms apart.
_LITTLE = frozenset({"the", "of", "on", "for", "and", "a", "an", "mechanism"})
# Groupings that sit beside countries in mechanism names ("China-ASEAN").
_BLOCS = {"asean": "ASEAN", "gcc": "GCC", "celac": "CELAC", "brics": "BRICS", "g20": "G20", "g7": "G7"}
# Words of time that a sentence can leave stuck to the end of a name ("... Cooperation on December"):
# no mechanism name ends with them.
_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_TRAILING_TIME = _MONTHS | frozenset(
    """monday tuesday wednesday thursday friday saturday sunday on in at this last next year week
    month today yesterday tomorrow""".split()
)
_MAX_PARTY_WORDS = 4
_SPACES = re.compile(r"\s+")


def _words(name: str) -> list[str]:
    """Folded words with spelling variants unified; little words are dropped later, after parties."""
    words: list[str] = []
    for word in fold(name).split():
        word = _SPELLING.get(word, word)
        joined = _JOINED.get((words[-1], word)) if words else None
        if joined:
            words[-1] = joined
        else:
            words.append(word)
    return words


def _time_tail(words: list[str]) -> int:
    """How many of the words are a tail of time: "on", "December", "12", "2024" (a day only after a month)."""
    end = len(words)
    while end > 1:
        word = words[end - 1]
        if word in _TRAILING_TIME or (word.isdigit() and len(word) == 4):
            end -= 1
        elif word.isdigit() and len(word) <= 2 and end > 2 and words[end - 2] in _MONTHS:
            end -= 2
        else:
            break
    return len(words) - end


def _trimmed(name: str) -> str:
    """The folded name without trailing words of time; a sentence sometimes leaves them stuck on."""
    words = fold(name).split()
    return " ".join(words[: len(words) - _time_tail(words)])


def _party(words: list[str], start: int) -> tuple[str, int] | None:
    """The country or bloc that begins at words[start] (longest first) and how many words it takes."""
    for size in range(min(_MAX_PARTY_WORDS, len(words) - start), 0, -1):
        phrase = " ".join(words[start : start + size])
        code = _BLOCS.get(phrase) or gazetteer.country_for(phrase)
        if code:
            return code, size
    return None


def _canonical(name: str, countries: Iterable[str]) -> str:
    """Words with every run of parties ("viet nam china", "china and vietnam") as sorted ISO codes.

    A name that mentions no country at all gets the report's countries in front, so "the Steering
    Committee ..." of a China-Vietnam report keys with "China-Vietnam Steering Committee ...".
    """
    words = _words(name)
    tokens: list[str] = []
    run: list[str] = []
    mentioned = False
    position = 0
    while position < len(words):
        found = _party(words, position)
        if found is not None:
            run.append(found[0])
            mentioned = True
            position += found[1]
            continue
        if words[position] == "and" and run:  # "China and Vietnam": the run goes on
            position += 1
            continue
        tokens.extend(sorted(set(run)))
        run = []
        if words[position] not in _LITTLE:
            tokens.append(words[position])
        position += 1
    tokens.extend(sorted(set(run)))
    if not mentioned:
        tokens = sorted({code.strip().upper() for code in countries if code and code.strip()}) + tokens
    return " ".join(tokens)


def _known(name: str, countries: Iterable[str]) -> gazetteer.Mechanism | None:
    """The gazetteer's mechanism for a name, unless its members cannot be the report's countries.

    A generic alias ("Intergovernmental Committee for Bilateral Cooperation") means Vietnam-Laos
    in a Vietnam-Laos report, not in a Cambodia-Laos one; with no countries given, it is trusted.
    """
    found = gazetteer.mechanism_for(name) or gazetteer.mechanism_for(_trimmed(name))
    if found is None:
        return None
    codes = {code.strip().upper() for code in countries if code and code.strip()}
    members = set(found.countries)
    if not codes or codes <= members or members <= codes:
        return found
    return None


def _require(name: str) -> None:
    if not isinstance(name, str) or not fold(name):
        raise ValueError(f"a mechanism needs a name with letters or digits, got {name!r}")


def mechanism_key(name: str, countries: Iterable[str] = ()) -> str:
    """The key all variants of one mechanism share: ISO codes sorted, then the folded significant words.

    ``countries`` are the ISO3 codes of the report's or the engagement's parties. Raises
    ValueError for a name with no letters or digits.
    """
    _require(name)
    return _key(name, tuple(sorted({code.strip().upper() for code in countries if code and code.strip()})))


@lru_cache(maxsize=8192)
def _key(name: str, codes: tuple[str, ...]) -> str:
    """mechanism_key's work, cached: ingest asks for the same few names over and over."""
    known = _known(name, codes)
    if known is not None:
        return _canonical(known.name, known.countries)
    return _canonical(_trimmed(name), codes)


def mechanism_name(name: str, *, countries: Iterable[str] = ()) -> str:
    """The name to show: the gazetteer's canonical one, else the report's own without a leading "the"."""
    _require(name)
    known = _known(name, countries)
    if known is not None:
        return known.name
    words = _SPACES.sub(" ", name).strip().split(" ")
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    tail = _time_tail([fold(word) for word in words])
    cleaned = " ".join(words[: len(words) - tail])
    return cleaned[:1].upper() + cleaned[1:]


def mechanism_id(key: str) -> str:
    """Deterministic id of a mechanism: 32 hex characters of SHA-256 over its key."""
    if not key.strip():
        raise ValueError("an empty mechanism key has no id")
    return hashlib.sha256(f"mechanism|{key}".encode()).hexdigest()[:32]

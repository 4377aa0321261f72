"""The dateline of a story ("BEIJING, Dec. 10 (Xinhua) --", "HÀ NỘI —", "Hanoi (VNA) –"): where it was filed.

A dateline is read only where a caller says a paragraph starts, so a sentence that merely begins
with a capital city is never taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from diplograph.ingest.dates import MONTH, month_number
from diplograph.ingest.tables import agency_name, known_place, place_exonym
from diplograph.model import Dateline

_WORD = r"[^\W\d_][\w'’.&\-]*"
_PLACE = re.compile(rf"{_WORD}(?:[ \t]+{_WORD}){{0,4}}")
_PAREN_PLACE = re.compile(r"\((?P<place>[^()\n]{2,40})\)")
_DATE = re.compile(
    rf"(?:(?P<mon>{MONTH})[ \t]*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})[ \t]+(?P<mon2>{MONTH}))"
    r"(?:,?[ \t]*(?P<y>(?:19|20)\d{2})\b)?",
    re.IGNORECASE,
)
_REGION = re.compile(rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}")
_AGENCY_PAREN = re.compile(r",?[ \t]*\((?P<agency>[^()\n]{2,30})\)")
_AGENCY_SLASH = re.compile(r"\.?[ \t]*/(?P<agency>[^/\n]{2,20})/\.?")
_SEP = re.compile(r"[ \t]*(?P<sep>--|—|–|-|:)(?=\s|$)")
_COMMA = re.compile(r",[ \t]*")
_SPACE = re.compile(r"[ \t]*")

# Upper-case words that open a line as labels, not as places.
_NOT_PLACES = frozenset(
    {
        "EXCLUSIVE",
        "UPDATE",
        "UPDATED",
        "BREAKING",
        "WATCH",
        "VIDEO",
        "VIDEOS",
        "PHOTO",
        "PHOTOS",
        "ANALYSIS",
        "OPINION",
        "EDITORIAL",
        "FACTBOX",
        "EXPLAINER",
        "NOTE",
        "FEATURE",
        "INTERVIEW",
        "LIVE",
        "SOURCE",
        "BY",
        "ATTENTION",
        "WARNING",
        "CORRECTION",
        "COMMENTARY",
        "SPOTLIGHT",
        "FOCUS",
        "ROUNDUP",
        "REVIEW",
        "ADVISORY",
        "URGENT",
        "FLASH",
        "FILE",
        # Organisations and abbreviations that head a line but file no story.
        "ASEAN",
        "APEC",
        "BRICS",
        "NATO",
        "UN",
        "EU",
        "WHO",
        "WTO",
        "IMF",
        "SCO",
        "CPC",
        "CPV",
        "PM",
        "US",
        "UK",
        "FM",
        "VN",
    }
)
_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class _Parts:
    """What a dateline candidate said before it is checked."""

    place: str | None
    caps: bool
    agency: str | None
    month: int | None
    day: int | None
    year: int | None
    sep: str | None
    end: int
    region: bool = False


def _is_caps(words: str) -> bool:
    letters = [c for c in words if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _read_date(text: str, pos: int) -> tuple[int | None, int | None, int | None, int]:
    match = _DATE.match(text, pos)
    if not match:
        return None, None, None, pos
    month = month_number(match.group("mon") or match.group("mon2"))
    day = int(match.group("d") or match.group("d2"))
    year = int(match.group("y")) if match.group("y") else None
    if month is None or not 1 <= day <= 31:
        return None, None, None, pos
    return month, day, year, match.end()


def _read_tail(text: str, pos: int, place: str | None, caps: bool) -> _Parts | None:
    """Read what may follow the place: ", Region", ", Dec. 10", "(Agency)", "/TASS/." and a separator."""
    month = day = year = None
    region_seen = False
    for _ in range(2):
        comma = _COMMA.match(text, pos)
        if not comma:
            break
        month_read, day_read, year_read, after = _read_date(text, comma.end())
        if month_read is not None:
            month, day, year, pos = month_read, day_read, year_read, after
            continue
        region = _REGION.match(text, comma.end())
        if not region or region.group(0).rstrip(".").lower() in {"and", "the"}:
            break
        pos, region_seen = region.end(), True
    agency = None
    slash = _AGENCY_SLASH.match(text, pos)
    paren = _AGENCY_PAREN.match(text, pos)
    if slash:
        agency, pos = slash.group("agency").strip(), slash.end()
    elif paren:
        agency, pos = paren.group("agency").strip(), paren.end()
    sep = _SEP.match(text, pos)
    if sep:
        return _Parts(place, caps, agency, month, day, year, sep.group("sep"), sep.end(), region_seen)
    if slash and slash.group(0).endswith("."):
        return _Parts(place, caps, agency, month, day, year, None, pos, region_seen)
    return None


def _parse(text: str, pos: int) -> _Parts | None:
    paren = _PAREN_PLACE.match(text, pos)
    if paren and _is_caps(paren.group("place")):
        sep = _SEP.match(text, paren.end())
        if sep and sep.group("sep") != ":":
            return _Parts(paren.group("place"), True, None, None, None, None, sep.group("sep"), sep.end())
        return None
    words = _PLACE.match(text, pos)
    if not words:
        return None
    # A greedy run of words may swallow the opening of the story; try the shortest place first.
    tokens = list(re.finditer(_WORD, words.group(0)))
    for count in range(1, min(len(tokens), _MAX_WORDS) + 1):
        end = pos + tokens[count - 1].end()
        place = text[pos:end]
        parts = _read_tail(text, end, place, _is_caps(place))
        if parts is not None:
            return parts
    return None


def _accept(parts: _Parts) -> bool:
    place = parts.place or ""
    first = place.split()[0].upper() if place else ""
    if first in _NOT_PLACES:
        return False
    if not parts.caps:
        words_ok = all(w[:1].isupper() for w in place.split())
        return words_ok and parts.agency is not None
    known = known_place(place) is not None
    if parts.sep == ":":
        return known or parts.agency is not None
    bare = parts.agency is None and parts.month is None and not parts.region
    # An unknown run of capitals with nothing after it ("CHINA-VIETNAM TALKS —") is a headline.
    return known or not bare or " " not in place.strip()


def _resolve(parts: _Parts, text: str, start: int) -> Dateline:
    place = parts.place
    agency = parts.agency
    end = parts.end
    bare = parts.agency is None and parts.month is None and parts.place is not None
    if bare and place is not None and known_place(place) is None and len(place) <= 5 and " " not in place:
        # "WVR - ": a short unknown capital word with nothing else is an agency tag, not a place.
        place, agency = None, place
    second = _second_place(text, end)
    if second is not None:
        place, end = second
    return Dateline(
        place=place_exonym(place) if place else None,
        start=start,
        end=end,
        agency=(agency_name(agency) or agency) if agency else None,
        year=parts.year,
        month=parts.month,
        day=parts.day,
    )


def _second_place(text: str, pos: int) -> tuple[str, int] | None:
    """The "BEIJING —" after "VIETNAM, October 30 -": a wire prefix followed by the real dateline."""
    space = _SPACE.match(text, pos)
    start = space.end() if space else pos
    words = _PLACE.match(text, start)
    if not words:
        return None
    place = words.group(0)
    sep = _SEP.match(text, words.end())
    if sep and sep.group("sep") != ":" and _is_caps(place) and known_place(place):
        return place, sep.end()
    return None


def parse_dateline(text: str, pos: int) -> Dateline | None:
    """The dateline that opens ``text`` at ``pos``, or None if the paragraph does not start with one."""
    parts = _parse(text, pos)
    if parts is None or not _accept(parts):
        return None
    return _resolve(parts, text, pos)


def find_dateline(text: str, starts: Iterable[int]) -> Dateline | None:
    """The first dateline opening one of the given paragraph starts."""
    for pos in starts:
        found = parse_dateline(text, pos)
        if found is not None:
            return found
    return None

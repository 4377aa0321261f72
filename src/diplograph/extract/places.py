"""Where an engagement took place: a place named after "in", "at" or "to", never the dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.extract import gazetteer
from diplograph.extract.tokens import Token

_PREPOSITIONS = frozenset({"in", "at", "to", "from", "inside", "near"})
_OF_HEADS = frozenset({"city", "capital", "province", "county", "town", "region", "state", "island", "port"})
# National venues that fix a city whoever reports them.
_VENUES = {
    "great hall of the people": "Beijing",
    "diaoyutai": "Beijing",
    "zhongnanhai": "Beijing",
    "kremlin": "Moscow",
    "white house": "Washington",
    "oval office": "Washington",
    "elysee": "Paris",
    "elysee palace": "Paris",
    "downing street": "London",
    "hyderabad house": "New Delhi",
    "rashtrapati bhavan": "New Delhi",
    "malacanang": "Manila",
    "istana": "Singapore",
    "blue house": "Seoul",
    "cheong wa dae": "Seoul",
    "kantei": "Tokyo",
}
# Seats of power named without their city: the capital of the country the engagement is in.
_CAPITAL_VENUES = re.compile(
    r"\b(?:Party Central Committee headquarters|Presidential Palace|Government Headquarters|"
    r"National Assembly (?:House|building)|State Guesthouse|Government Office)\b"
)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a sentence, with the country it is in."""

    start: int
    end: int
    name: str | None  # None for a whole country
    country: str
    kind: str


def find_places(text: str, tokens: list[Token], *, exclude: list[tuple[int, int]]) -> list[PlaceMention]:
    """Places introduced by a preposition (or "city of", "capital"), outside the excluded spans."""
    out: list[PlaceMention] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.is_cap or any(a <= token.start < b for a, b in exclude) or not _introduced(tokens, i):
            i += 1
            continue
        hit = _longest_place(tokens, i)
        if hit is None:
            i += 1
            continue
        width, mention = hit
        out.append(mention)
        i += width
    out.extend(_venues(text, tokens))
    out.sort(key=lambda p: p.start)
    return out


def _introduced(tokens: list[Token], i: int) -> bool:
    """Whether a preposition (possibly across "the", an adjective, "capital" or "city of") leads here."""
    for back in range(1, 7):
        if i - back < 0:
            return False
        word = tokens[i - back]
        key = word.key
        if key in _PREPOSITIONS or (
            back == 1 and key in ("visit", "visited", "visiting", "visits", "toured")
        ):
            return True
        if key == "of":
            return i - back - 1 >= 0 and tokens[i - back - 1].key in _OF_HEADS
        if (
            key
            in {
                "capital",
                "city",
                "the",
                "province",
                "county",
                "southwestern",
                "northern",
                "southern",
                "eastern",
                "western",
                "central",
                "northeastern",
                "northwestern",
                "southeastern",
                "coastal",
                "border",
                "town",
                "port",
                "resort",
                "island",
            }
            or word.text == ","
        ):
            continue
        if gazetteer.country_for(key):
            continue
        return False
    return False


def _longest_place(tokens: list[Token], i: int) -> tuple[int, PlaceMention] | None:
    for n in range(min(5, len(tokens) - i), 0, -1):
        span = tokens[i : i + n]
        if not all(t.is_word for t in span):
            continue
        words = " ".join(t.text for t in span)
        place = gazetteer.place_for(words)
        if place is not None:
            name = place.name
            if place.kind in ("venue", "border_gate") and place.parent:
                name = place.parent
            return n, PlaceMention(span[0].start, span[-1].end, name, place.country, place.kind)
        code = gazetteer.country_for(words)
        usable = n > 1 or tokens[i].key not in {"chinese", "vietnamese"}
        if code and usable and len(words) > 2 and not _is_demonym_use(tokens, i + n):
            return n, PlaceMention(span[0].start, span[-1].end, None, code, "country")
    return None


def _is_demonym_use(tokens: list[Token], after: int) -> bool:
    """ "Chinese city of Chengdu": the country word qualifies what follows."""
    return (
        after < len(tokens)
        and tokens[after].is_word
        and not tokens[after].is_cap
        and tokens[after].key
        in {"city", "capital", "province", "side", "delegation", "counterpart", "president", "leader"}
    )


def _venues(text: str, tokens: list[Token]) -> list[PlaceMention]:
    if not tokens:
        return []
    start, end = tokens[0].start, tokens[-1].end
    sentence = text[start:end]
    lowered = sentence.lower()
    out: list[PlaceMention] = []
    for venue, city in _VENUES.items():
        at = lowered.find(venue)
        if at >= 0 and re.search(
            r"\b(?:at|in|inside|to|outside)\s+(?:the\s+)?$", lowered[max(0, at - 12) : at]
        ):
            place = gazetteer.place_for(city)
            if place:
                out.append(
                    PlaceMention(start + at, start + at + len(venue), place.name, place.country, "venue")
                )
    for match in _CAPITAL_VENUES.finditer(sentence):
        out.append(PlaceMention(start + match.start(), start + match.end(), None, "", "capital_venue"))
    return out


def capital_of(country: str) -> str | None:
    """The capital of a country, for venues such as "the Presidential Palace"."""
    for item in gazetteer.countries():
        if item.iso3 == country and item.capital:
            place = gazetteer.place_for(item.capital)
            return place.name if place else item.capital
    return None

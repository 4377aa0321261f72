"""The publication year implied by an anniversary ("this year marks the 15th anniversary of ...").

The base events and the words that name them are data (ingest/data/anniversaries.tsv). Only a
sentence that ties the anniversary to the present ("this year", "next year", "today") counts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from diplograph.ingest.dates import plausible_year
from diplograph.ingest.tables import read_tsv

_ORDINAL_WORDS = {
    "first": 1,
    "fifth": 5,
    "tenth": 10,
    "fifteenth": 15,
    "twentieth": 20,
    "twenty-fifth": 25,
    "thirtieth": 30,
    "thirty-fifth": 35,
    "fortieth": 40,
    "forty-fifth": 45,
    "fiftieth": 50,
    "fifty-fifth": 55,
    "sixtieth": 60,
    "sixty-fifth": 65,
    "seventieth": 70,
    "seventy-fifth": 75,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "centenary": 100,
    "centennial": 100,
}
_MENTION = re.compile(
    r"\b(?:(?P<n>\d{1,3})(?:st|nd|rd|th)|(?P<word>" + "|".join(_ORDINAL_WORDS) + r"))"
    r"(?:\s+founding)?\s+anniversary\s+of\b|\b(?P<cent>centenary|centennial)\s+of\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
# (pattern, years to add to the anniversary's year to get the publication year)
_CUES = (
    (re.compile(r"\bnext year\b|\bthe coming year\b"), -1),
    (re.compile(r"\blast year\b|\bthe previous year\b"), 1),
    (re.compile(r"\bthis year\b|\bthe current year\b|\btoday\b|\bthis (?:month|week)\b"), 0),
)
_WINDOW = 160


@dataclass(frozen=True, slots=True)
class BaseEvent:
    """An event anniversaries count from, with the keyword groups that identify it."""

    key: str
    year: int
    anchor: tuple[tuple[re.Pattern[str], ...], ...]
    context: tuple[tuple[re.Pattern[str], ...], ...]


def _keyword(word: str) -> re.Pattern[str]:
    word = word.strip()
    if word.endswith("*"):
        return re.compile(r"(?<!\w)" + re.escape(word[:-1]))
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")


def _groups(spec: str) -> tuple[tuple[re.Pattern[str], ...], ...]:
    return tuple(
        tuple(_keyword(w) for w in group.split("|") if w.strip())
        for group in spec.split(";")
        if group.strip()
    )


@lru_cache(maxsize=1)
def base_events() -> tuple[BaseEvent, ...]:
    """The table of base events, parsed once."""
    rows = read_tsv("anniversaries.tsv")
    return tuple(BaseEvent(row[0], int(row[1]), _groups(row[2]), _groups(row[3])) for row in rows)


def _first(group: tuple[re.Pattern[str], ...], text: str) -> int | None:
    hits = [m.start() for p in group if (m := p.search(text))]
    return min(hits) if hits else None


def _count(group: tuple[re.Pattern[str], ...], text: str) -> int:
    return sum(len(p.findall(text)) for p in group)


def _rank(event: BaseEvent, window: str, document: str) -> tuple[int, int, int] | None:
    """Lower is better: (-groups matched in the sentence, summed keyword distance, -doc mentions)."""
    positions = [_first(g, window) for g in event.anchor]
    if any(p is None for p in positions):
        return None
    local = 0
    distance = sum(p for p in positions if p is not None)
    mentions: list[int] = []
    for group in event.context:
        at = _first(group, window)
        if at is not None:
            local += 1
            distance += at
        elif _first(group, document) is None:
            return None
        mentions.append(_count(group, document))
    return (-(len(event.anchor) + local), distance, -min(mentions, default=0))


def _identify(window: str, document: str) -> BaseEvent | None:
    ranked = sorted(
        ((rank, event) for event in base_events() if (rank := _rank(event, window, document)) is not None),
        key=lambda pair: pair[0],
    )
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0] and ranked[0][1].year != ranked[1][1].year:
        return None
    return ranked[0][1]


def _cue(sentence: str, previous: str) -> int | None:
    for pattern, offset in _CUES:
        if pattern.search(sentence):
            return offset
    if _CUES[2][0].search(previous):
        return 0
    return None


def _ordinal(match: re.Match[str]) -> int:
    if match.group("n"):
        return int(match.group("n"))
    return _ORDINAL_WORDS[match.group("word") or match.group("cent")]


def anniversary_years(text: str) -> list[int]:
    """Every publication year the anniversaries of ``text`` imply, in order."""
    folded = anyascii(text)
    document = folded.lower()
    sentences = [s.lower() for s in _SENTENCE_END.split(folded.replace("\n", " "))]
    years: list[int] = []
    for index, sentence in enumerate(sentences):
        previous = sentences[index - 1] if index else ""
        for match in _MENTION.finditer(sentence):
            offset = _cue(sentence, previous)
            if offset is None:
                continue
            after = sentence[match.end() : match.end() + _WINDOW]
            window = sentence if after.lstrip().startswith("its ") else after
            event = _identify(window, document)
            if event is None:
                continue
            year = event.year + _ordinal(match) + offset
            if plausible_year(year):
                years.append(year)
    return years


def year_from_anniversaries(text: str) -> int | None:
    """The year most anniversaries in ``text`` agree on; None when there are none or they tie."""
    votes = Counter(anniversary_years(text)).most_common()
    if not votes or (len(votes) > 1 and votes[0][1] == votes[1][1]):
        return None
    return votes[0][0]

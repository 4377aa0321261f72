"""Tell whether a sentence reports something done or something planned, to place its weekdays.

"on Friday" in "met on Friday" is the Friday before the report; in "is set to hold talks on Friday"
it is the Friday after. A few cue words settle most reports; the first cue in the sentence wins,
so pass the clause that holds the date when a sentence mixes both.
"""

from __future__ import annotations

import re
from typing import Literal

from diplograph.extract.daterules import words

Tense = Literal["past", "future", "unknown"]

_FUTURE = re.compile(
    r"(?<!political\s)(?<!good\s)(?<!free\s)(?<!the\s)\bwill\b|\bshall\b|\w'll\b|\bwould\b"
    r"|\b(?:is|are|was|were)\s+(?:set|scheduled|slated|expected|due|poised|planned|planning|preparing|going|about)"
    r"\s+to\b"
    r"|\b(?:scheduled|slated|set|planned|earmarked)\s+for\b|\bto\s+take\s+place\b|\bto\s+be\s+held\b"
    r"|\b(?:plans?|planning|intends?|intending|agreed|agree|decided|prepares|preparing)\s+to\b"
    r"|\b(?:is|are)\s+to\s+(?:be|hold|visit|meet|attend|pay|travel|host|sign|co-chair|chair|take|begin|start|"
    r"open|make|join|lead|receive|have)\b"
    r"|\b(?:upcoming|forthcoming|tomorrow)\b"
    r"|\bnext\s+(?:week|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|held|met|visited|attended|hosted|received|signed|arrived|paid|talked|spoke|"
    r"co-chaired|chaired|joined|took|concluded|began|started|opened|made|discussed|exchanged|reviewed|"
    r"witnessed|welcomed|left|departed|flew|travell?ed|returned|sat|shook|gave|went|came|yesterday|ago|"
    r"previously|has\s+been|have\s+been|last\s+(?:week|month|year|night))\b",
    re.IGNORECASE,
)
_ED_WORD = re.compile(r"\b(?P<w>[A-Za-z]{2,}ed)\b")
# "-ed" words that are not a past event: speech acts, plans, and adjectives or nouns that end so.
_NOT_PAST_ED = words(
    "said stressed noted added emphasized emphasised affirmed reaffirmed announced stated reported expressed "
    "agreed pledged vowed underlined highlighted suggested proposed hoped wished asserted confirmed informed "
    "revealed disclosed declared urged called appreciated valued praised thanked congratulated "
    "scheduled slated planned expected invited intended decided prepared "
    "united hundred need indeed proceed exceed succeed red bed seed feed speed breed shed embed weed based "
    "related limited advanced detailed interested concerned supposed used shared committed "
    "unprecedented sacred wicked naked beloved learned aged"
)
_DETERMINERS = words("the a an its their his her this that these those our your such")


def tense_of(sentence: str, *, at: int | None = None) -> Tense:
    """Say "future" for plans ("will", "is set to", "slated for"), "past" for done, else "unknown".

    Without ``at`` the first cue of the sentence decides. With ``at`` (the offset of a date in the
    sentence) the last cue before it decides, else the first after it: in "met on Monday and will
    hold talks on Tuesday", Monday is past and Tuesday future. A bare "-ed" verb is a weak cue: it
    decides only before ``at`` or when nothing else does ("the expanded meeting will be held").
    """
    cues: list[tuple[int, int, Tense]] = [(m.start(), 0, "future") for m in _FUTURE.finditer(sentence)]
    cues += [(m.start(), 1, "past") for m in _PAST.finditer(sentence)]
    weak = _past_participles(sentence)
    if at is not None:
        before = sorted(cue for cue in cues + [(position, 2, "past") for position in weak] if cue[0] < at)
        if before:
            last = before[-1][0]
            return next(tense for position, _, tense in before if position == last)
    if cues:
        return min(cues)[2]
    return "past" if weak else "unknown"


def _past_participles(sentence: str) -> list[int]:
    """Where "-ed" verbs start, leaving out speech acts and adjectives after a determiner."""
    found: list[int] = []
    for match in _ED_WORD.finditer(sentence):
        if match.group("w").lower() in _NOT_PAST_ED:
            continue
        before = sentence[max(0, match.start() - 12) : match.start()].split()
        if before and before[-1].lower() in _DETERMINERS:
            continue
        found.append(match.start())
    return found

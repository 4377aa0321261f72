"""Standing mechanisms and their session numbers: "the 16th meeting of the X Steering Committee"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.extract import gazetteer

_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
_ORD = r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|" + "|".join(_ORDINAL_WORDS) + r")"
_NOUN = (
    r"(?:Steering Committee|Committee|Commission|Dialogue|dialogue|Summit|summit|Conference|conference|"
    r"Exchange|exchange|Forum|Council|Mechanism|mechanism|[Tt]alks|[Ss]eminar|Consultations?|"
    r"consultations?|Meeting|Working Group|Joint Working Committee)"
    # not "Dialogue Relations" or "Dialogue Partner": those are diplomatic statuses
    r"(?!\s+(?:[Rr]elations|[Pp]artners(?:hip)?|[Pp]artner|[Ss]tatus)\b)"
)
_NOT_TAIL = (
    r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|the (?:morning|afternoon|evening|sidelines)|behalf|the occasion)"
)
# A capitalised tail runs over capitalised words and connectors only: "for Bilateral Cooperation",
# "on Economic, Cultural, Scientific and Technical Cooperation" -- and stops at ", they" or "followed".
_CAP_TAIL = (
    r"\s+(?:for|on|of)\s+" + _NOT_TAIL + r"(?:the\s+)?[A-Z][\w’'-]*"
    r"(?:(?:\s+|\s*,\s*)(?:(?:and|of|the|on|for|&)\s+)*" + _NOT_TAIL + r"[A-Z][\w’'-]*)*"
)
# A lower-case tail ("strategic dialogue on diplomacy, defense and public security") runs to a stop word.
_LOW_TAIL = (
    r"\s+(?:for|on|of)\s+" + _NOT_TAIL + r"(?=[a-z])[\w\s,'’-]{3,90}?"
    r"(?=\s+(?:on|in|at)\s+(?:[A-Z]|the\b)|[.;:]|,\s+(?:[A-Z]|which|who|and the|as|they|he|she|it|we|both)|"
    r"\s+(?:was|were|which|that|with|to|is|are|slated|scheduled|will|would|shall|has|had|took|takes|take|"
    r"opened|closed|reviewed|concluded|kicked|followed|dates)\b|$)"
)
_TAIL = r"(?:\s+mechanism)?(?:" + _CAP_TAIL + "|" + _LOW_TAIL + ")?"
_SESSION = (
    r"(?:(?P<session>meeting|session|round|plenary session|conference|Meeting|Session|Round|Conference)"
    r"\s+of\s+(?:the\s+)?)"
)
_WORD = r"[\w\"“”'’+\-]+\s+"
_CAP_WORD = r"[A-Z\"“][\w\"“”'’+\-]*\s+"
_PATTERNS = (
    # "the 16th meeting of the X Committee", "the eighth Vietnam-China border defence exchange"
    re.compile(
        r"\b" + _ORD + r"\s+" + _SESSION + r"?(?P<name>(?:" + _WORD + r"){0,7}?" + _NOUN + r")" + _TAIL
    ),
    # "the meeting of the Secretary-General of the X Steering Committee"
    re.compile(r"\b" + _SESSION + r"(?P<name>(?:" + _WORD + r"){0,9}?" + _NOUN + r")" + _TAIL),
    # "the China-Vietnam Steering Committee for Bilateral Cooperation"
    re.compile(r"(?P<name>(?:" + _CAP_WORD + r"){1,7}" + _NOUN + r")" + _TAIL),
)
_BILATERAL = re.compile(
    r"[A-Z][\w’]+(?:\s[A-Z][\w]+)?\s?[-–]\s?[A-Z][\w’]+|\b(?:bilateral|joint|intergovernmental|"
    r"inter-governmental|strategic|\d\+\d|annual|border defen[cs]e|theory seminar|crime prevention)\b",
    re.IGNORECASE,
)
_DOMESTIC = re.compile(r"\b(?:Central Committee|National Congress|plenary|congress of)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MechanismMention:
    """A standing mechanism named in a sentence, with the session number if given."""

    start: int
    end: int
    name: str
    ordinal: int | None
    canonical: bool


def _ordinal(text: str | None) -> int | None:
    if not text:
        return None
    text = text.lower()
    if text in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[text]
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else None


_THEIR = re.compile(
    r"(?:^|[-–—]\s)(?:The\s+)?(?P<a>[A-Z][\w ]+?)(?:\s+\([A-Z]+\))?\s+and\s+(?:the\s+)?(?P<b>[A-Z][\w ]+?)"
    r"(?:\s+\([A-Z]+\))?\s+(?:held|hold|holds|co-chaired|convened|opened)\s+their\b"
)


def find_mechanisms(sentence: str, *, pair: tuple[str, ...] = ()) -> list[MechanismMention]:
    """Mechanisms a sentence names; domestic bodies ("the 19th CPC Central Committee") are left out."""
    their = _THEIR.search(sentence)
    if their:
        pair = (their.group("a").strip(), their.group("b").strip())
    out: list[MechanismMention] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(m.start < match.end() and match.start() < m.end for m in out):
                continue
            mention = _mention(match, pair)
            if mention is not None:
                out.append(mention)
    out.sort(key=lambda m: m.start)
    return out


def _mention(match: re.Match[str], pair: tuple[str, ...]) -> MechanismMention | None:
    groups = match.groupdict()
    name = match.group("name")
    if re.search(r"anniversary|commemorat", match.group(), re.IGNORECASE):
        return None
    candidate = _clean(match.group()[match.group().find(name) :])
    inner = re.search(r"\bof the (.+)$", candidate)
    while inner and (_has_pair(inner.group(1)) or gazetteer.mechanism_for(inner.group(1))):
        candidate = inner.group(1)
        inner = re.search(r"\bof the (.+)$", candidate)
    if _DOMESTIC.search(candidate) or re.search(r"anniversary|commemorat", candidate, re.IGNORECASE):
        return None
    ordinal = _ordinal(groups.get("ord"))
    known = gazetteer.mechanism_for(candidate) or gazetteer.mechanism_for(_clean(name))
    if known is None and not _BILATERAL.search(candidate) and not (ordinal and groups.get("session")):
        return None
    if known is None and ordinal is None and not groups.get("session") and not _has_pair(candidate):
        return None
    return MechanismMention(
        start=match.start(),
        end=match.end(),
        name=known.name if known else _with_pair(candidate, pair),
        ordinal=ordinal,
        canonical=known is not None,
    )


def _clean(name: str) -> str:
    name = re.sub(r"[\"“”]", "", name)
    name = re.sub(r"^(?:the|their|its|a)\s+", "", name.strip(), flags=re.IGNORECASE)
    name = re.sub(r"[\s,]+(?:and|or|as well as)$", "", name.strip())
    return re.sub(r"\s+", " ", name).strip(" ,")


def _has_pair(name: str) -> bool:
    return bool(re.search(r"[A-Z][\w’]+\s?[-–]\s?[A-Z][\w’]+", name))


def _is_generic(name: str) -> bool:
    return len(name.split()) <= 1


def _with_pair(name: str, pair: tuple[str, ...]) -> str:
    """Prefix an unnamed pair ("theory seminar") with the report's two countries, for resolving later."""
    if _has_pair(name) or len(pair) != 2:
        return name
    names = []
    for code in pair:
        country = next((c for c in gazetteer.countries() if c.iso3 == code), None)
        names.append(country.name if country else code)
    if re.match(r"(?i)the\s", name):
        name = name[4:]
    return f"{names[0]}-{names[1]} {name}"

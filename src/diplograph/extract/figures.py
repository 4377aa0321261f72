"""Money figures of a relationship (trade, investment, aid) read with precompiled patterns.

No spaCy here: the sweep has to keep up with thousands of reports a minute, and an amount with a
currency next to an indicator word is regular enough for regular expressions. An amount becomes a
figure only when its sentence names what it measures; a sum in a fraud case or a seizure is left out.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from dataclasses import dataclass

from diplograph.model import Evidence, Figure

__all__ = ["find_figures"]

_log = logging.getLogger(__name__)

# ---------------------------------------------------------------- amounts
_MAGNITUDES = {
    "thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bln": 1e9,
    "bn": 1e9, "trillion": 1e12, "trn": 1e12, "tn": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5,
    "lakhs": 1e5, "lakh crore": 1e12,
}  # fmt: skip
_CODES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "VND", "INR", "KRW", "RUB", "AUD", "CAD", "SGD", "HKD", "TWD",
    "NZD", "BRL", "CHF", "THB", "MYR", "IDR", "PHP", "KHR", "LAK", "MMK", "SAR", "AED", "ZAR", "MXN", "TRY",
)  # fmt: skip
_PREFIXES = {
    "US$": "USD", "$": "USD", "S$": "SGD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "HK$": "HKD", "NT$": "TWD", "NZ$": "NZD", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY",
    "JP¥": "JPY", "CN¥": "CNY", "₫": "VND", "₹": "INR", "Rs": "INR", "₩": "KRW", "₽": "RUB",
} | {code: code for code in _CODES} | {"RMB": "CNY"}  # fmt: skip
_SUFFIXES = {
    "singapore dollars": "SGD", "australian dollars": "AUD", "canadian dollars": "CAD",
    "hong kong dollars": "HKD", "new zealand dollars": "NZD", "taiwan dollars": "TWD",
    "us dollars": "USD", "american dollars": "USD", "dollars": "USD", "dollar": "USD", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
    "british pounds": "GBP", "dong": "VND", "rupees": "INR", "indian rupees": "INR", "won": "KRW",
    "roubles": "RUB", "rubles": "RUB", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR", "reais": "BRL",
    "riels": "KHR", "riel": "KHR", "kip": "LAK", "kyat": "MMK", "swiss francs": "CHF",
} | {code.lower(): _PREFIXES[code] for code in _CODES}  # fmt: skip

_QUALIFIER = (
    r"(?:\b(?:more\s+than|over|nearly|almost|about|around|approximately|roughly|some|close\s+to|up\s+to|"
    r"at\s+least|an\s+estimated|in\s+excess\s+of|just\s+(?:over|under)|less\s+than|under)\s+)?"
)
_NUMBER = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MAG = (
    r"(?:[\s\u00a0-]*(?P<{g}>lakh\s+crore|thousand|million|mln|mn|billion|bln|bn|trillion|trn|tn|crores?"
    r"|lakhs?)\b|(?P<{g}m>m)\b)?"
)
_PREFIX = (
    r"(?<![A-Za-z])(?P<pre>(?:US|U\.S\.|S|A|AU|C|CA|HK|NT|NZ|R)\s?\$|\$|€|£|₹|₩|₫|₽|(?:JP|CN)?¥"
    r"|Rs\.?|" + "|".join(_CODES) + r")(?![A-Za-z])[\s\u00a0]?"
)
_SUFFIX = (
    r"[\s\u00a0]+(?P<suf>(?:Singapore|Australian|Canadian|Hong\s+Kong|New\s+Zealand|Taiwan|US|U\.S\.|"
    r"American)\s+dollars|dollars?|yen|yuan|renminbi|euros?|pounds\s+sterling|British\s+pounds|dong|"
    r"(?:Indian\s+)?rupees|won|r[ou]+bles|ringgit|baht|rupiah|reais|riels?|kip|kyat|Swiss\s+francs|"
    + "|".join(_CODES)
    + r")\b"
)
_RANGE = rf"(?:\s*(?:-|–|to)\s*(?:US)?\$?(?:{_NUMBER}))?"  # "$5-6 billion" is read as its lower bound
_AMOUNT = re.compile(
    rf"(?P<qual>{_QUALIFIER})(?:{_PREFIX}(?P<num>{_NUMBER}){_RANGE}{_MAG.format(g='mag')}"
    rf"|(?<![\w.,])(?P<num2>{_NUMBER}){_RANGE}{_MAG.format(g='mag2')}{_SUFFIX})"
)
_CONVERSION_GAP = re.compile(r"\s*(?:\(\s*(?:or\s+|i\.e\.\s*|equivalent\s+to\s+|equal\s+to\s+)?|,?\s*or\s+)")
_CLOSE_PAREN = re.compile(r"\s*\)")

# ---------------------------------------------------------------- sentences
_BOUNDARY = re.compile(r"\n\s*|(?<=[.!?])[\"'”’)\]]*[ \t\u00a0]+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Capt|Prof|Sen|Rep|Gov|No|Nos|Rs|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Co|Corp|Inc|Ltd|vs|approx|est)\.)$"
)

# ---------------------------------------------------------------- indicators
_INDICATOR = re.compile(
    r"\b(?:(?P<trade>(?:[Bb]ilateral|[Tt]wo-way|[Tt]otal|[Oo]verall|[Aa]nnual)\s+trade"
    r"(?:\s+(?:turnover|volume|value|exchanges?))?"
    r"|(?:[Ii]mport[- ]export|[Ee]xport[- ]import|[Ii]mport\s+and\s+export|[Ee]xport\s+and\s+import)"
    r"\s+(?:turnover|value|volume)"
    r"|[Tt]rade\s+(?:turnover|volume|value|exchanges?|surplus|deficit|flows?)\b"
    r"|[Tt]rade\b(?!\s+(?:war|tension|dispute|barrier|friction|polic|agreement|deal|pact|minister|talk|fair"
    r"|union|zone|cent|office|promotion|representative|mission|partner|relation|cooperation|and\s+invest))"
    r"|[Ee]xport\s+(?:turnover|value|revenue|earnings)|[Ee]xports|[Ii]mports)"
    r"|(?P<invest>[Ff]oreign\s+direct\s+investment(?:\s*\(FDI\))?|FDI\b"
    r"|(?:[Rr]egistered|[Dd]isbursed|[Ii]nvestment)\s+capital"
    r"|(?:(?:[Tt]otal|[Rr]egistered|[Dd]irect|[Ff]oreign|[Nn]ew|[Pp]ledged|[Cc]umulative)\s+)?"
    r"[Ii]nvestments?\b"
    r"(?!\s+(?:cooperation|environment|climate|promotion|forum|agreement|treaty|opportunit|ties|relation"
    r"|potential|[Bb]ank))"
    r"|[Ii]nvest(?:s|ed|ing)?\b)"
    r"|(?P<aid>[Oo]fficial\s+development\s+assistance(?:\s*\(ODA\))?|ODA(?:\s+loans?)?\b"
    r"|(?:[Dd]evelopment|[Hh]umanitarian|[Ee]mergency|[Ff]inancial|[Ee]conomic|[Mm]ilitary|[Tt]echnical"
    r"|[Ff]oreign|[Rr]elief)\s+(?:assistance|aid)\b|[Aa]id\b|[Aa]ssistance\b"
    r"|(?:[Nn]on-refundable\s+)?[Gg]rants?\b|(?:[Cc]oncessional|[Pp]referential|[Ss]oft)\s+"
    r"(?:loans?|credits?)\b|[Ll]oans?\b|[Ll]ines?\s+of\s+credit|[Cc]redit\s+lines?\b"
    r"|[Dd]onat(?:ions?|ed|ing)\b"
    r"|(?:aid|relief|support|assistance)\s+package)"
    r"|(?P<deal>(?:[Dd]eals?|[Cc]ontracts?|[Aa]greements?|MoUs?|[Dd]ocuments)\b)"
    r"|(?P<ref>(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:figure|total|amount|sum)\b))"
)
_PLACE = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
_INDICATOR_TAIL = re.compile(rf"\s+(between\s+{_PLACE}\s+and\s+{_PLACE}|(?:to|in|into)\s+{_PLACE})")
_VERB = re.compile(r"[Ii]nvest(?:s|ed|ing)?|[Dd]onat(?:ed|ing)")
_DEAL_GAP = re.compile(
    r"(?:\s+\S+){0,6}?\s+(?:worth|valued\s+at|(?:with\s+)?a\s+(?:total\s+)?value\s+of)\s*$"
)
_RIGHT_LINK = re.compile(r"\s*(?:of|in|worth\s+of|in\s+the\s+form\s+of)\s+")
_SPACE = re.compile(r"[ \u00a0]+")
_MODIFIER = re.compile(r"(?:the|new|annual|total|[A-Z][a-z]+|[a-z-]+)\s+")  # "$2 billion in new Japanese ODA"
_LINK_END = re.compile(
    r"(?:\b(?:to|of|at|from|for|by|and|than|with|worth|valued|estimated|record|high|breakthrough|level|mark"
    r"|was|were|is|are|be|been|reach\w*|hit(?:s|ting)?|total\w*|stood|stands?|amount\w*|exceed\w*|surpass\w*"
    r"|top\w*|cross\w*|pass\w*|register\w*|record\w*|post\w*|attract\w*|provid\w*|pledg\w*|commit\w*"
    r"|grant\w*|disburs\w*|invest\w*|spen[dt]\w*|earn\w*|approv\w*|offer\w*|extend\w*|gave|give\w*"
    r"|receiv\w*|donat\w*|allocat\w*|mobili[sz]\w*|jump\w*|rose|ris\w*|climb\w*|gr[eo]w\w*|increas\w*"
    r"|fell|fall\w*|drop\w*|declin\w*|decreas\w*|soar\w*|surg\w*|doubl\w*)|[,(:])\s*$",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"\b(?:default\w*|fraud\w*|scam\w*|brib\w+|launder\w*|embezzl\w*|smuggl\w*|seiz\w+|ransom|fined|fines"
    r"|penalt\w+|damages|bail|stolen|theft|extort\w*|corrupt\w*|loss(?:es)?)\b",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"\b(?:aim(?:s|ed|ing)?|striv(?:e|es|ed|ing)|strove|seek(?:s|ing)?|sought|target(?:s|ed|ing)?|goal"
    r"|objective|aspir\w+|endeavou?r\w*|work(?:s|ing)?\s+towards?)\b",
    re.IGNORECASE,
)
_RAISE_TO = re.compile(
    r"\b(?:increase|raise|boost|lift|bring|push|elevate|take|double|triple)\b[^.;]*\bto\s*$", re.IGNORECASE
)
_PROJECTION = re.compile(
    r"\b(?:expect(?:s|ed|ing)?|projected|projections?|forecast(?:s|ed)?|predict(?:s|ed)?|anticipat(?:e|es|ed)"
    r"|(?:estimated|set|likely|poised|on\s+track)\s+to)\b",
    re.IGNORECASE,
)
_PLAN = re.compile(
    r"\b(?:plan(?:s|ned)?|pledg(?:e|es|ed|ing)|commit(?:s|ted)?|promis(?:e|es|ed)|earmark\w*|allocat\w+"
    r"|will\s+(?:invest|provide|offer|extend|grant|give|spend))\b",
    re.IGNORECASE,
)
_CUES = (("target", _TARGET), ("target", _RAISE_TO), ("projection", _PROJECTION), ("plan", _PLAN))

# ---------------------------------------------------------------- periods
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ORDINALS = ("first", "second", "third", "fourth")
_MONTH = (  # capitalised, so "may" and "march" as verbs stay out
    r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_COUNT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_YREF = r"(?P<yref>(?:19|20)\d{2}|(?:this|last|next|the\s+previous|the\s+current|the)\s+year)"
_PERIODS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b(?:in|during|for|over)\s+the\s+first\s+(?P<n>\d{{1,2}}|{'|'.join(_COUNT_WORDS)})\s+months"
        rf"(?:\s+of\s+{_YREF})?",
        rf"\b(?:in|during|for)\s+the\s+(?P<half>first|second)\s+half(?:\s+of\s+{_YREF})?",
        rf"\b(?:in|during|for)\s+(?:the\s+(?P<q>first|second|third|fourth)\s+quarter|Q(?P<qn>[1-4]))"
        rf"(?:\s+(?:of\s+)?{_YREF})?",
        rf"\b(?:in|during|from)\s+(?:the\s+)?(?P<m1>{_MONTH})\s*(?:-|–|—|to|through|until)\s*"
        rf"(?P<m2>{_MONTH})"
        rf"(?:\s+period)?(?:\s+(?:of\s+)?{_YREF})?",
        rf"\b(?:in|during|as\s+of|by|(?:by|at)\s+the\s+end\s+of)\s+(?P<m>{_MONTH})"
        r"(?:\s+(?P<yref>(?:19|20)\d{2}))?\b",
        r"\b(?:in|by|during|for|as\s+of|(?:by|at)\s+the\s+end\s+of|until|through(?:out)?)\s+"
        r"(?P<yref>(?:19|20)\d{2})\b(?!\s*[-–/]\s*\d)",
        r"\b(?:(?:by|at|before)\s+the\s+end\s+of\s+(?P<yref>the|this)\s+year|by\s+(?P<ye>year[- ]end)"
        r"|(?P<rel>(?:this|last|next|the\s+previous|the\s+current)\s+year))\b",
        rf"\b(?:over|in|during|within)\s+the\s+(?:next|coming)\s+(?P<span>\d{{1,2}}|{'|'.join(_COUNT_WORDS)})"
        r"\s+years\b",
    )
)
_COMPARISON = re.compile(
    r"(?:same\s+period|compared\s+(?:with|to)|from|than|versus|against|since|over)\s*$", re.IGNORECASE
)

# ---------------------------------------------------------------- changes
_ABOUT = r"(?:(?:about|nearly|almost|over|more\s+than)\s+)?"
_PCT = _ABOUT + r"(?P<n>\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent|pct)"
_CHANGES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b(?P<dir>up|down)\s+(?:by\s+)?{_PCT}",
        rf"\b(?:an?|the)\s+{_PCT}\s+(?:year[- ]on[- ]year\s+|y-o-y\s+|annual\s+|yearly\s+)?"
        r"(?P<dir>increase|rise|growth|jump|surge|gain|hike|decrease|decline|drop|fall|reduction"
        r"|contraction)\b",
        r"\b(?P<dir>increase|rise|growth|jump|surge|gain|decrease|decline|drop|fall|reduction)\s+of\s+"
        + _PCT,
        r"\b(?P<dir>rose|risen|rising|increas(?:ed|ing)|gr[eo]wn?|growing|jump(?:ed|ing)|surg(?:ed|ing)"
        r"|climb(?:ed|ing)|gain(?:ed|ing)|soar(?:ed|ing)|expand(?:ed|ing)|went\s+up|fell|fallen|falling"
        r"|drop(?:ped|ping)|declin(?:ed|ing)|decreas(?:ed|ing)|slipp(?:ed|ing)|shr[aiu]nk|shrinking"
        r"|contract(?:ed|ing)|plung(?:ed|ing)|went\s+down)\s+(?:by\s+)?" + _PCT,
    )
)
_FALLING = re.compile(r"down|decreas|declin|drop|fall|fell|reduc|contract|slip|shr[iau]nk|plung", re.I)

_NEXT_WORDS = re.compile(r"(?:\s+[\w-]+){1,2}")  # "$5 million fraud case": the crime follows the sum
_CLAUSE_BREAK = re.compile(r"[,;]")
_INDICATOR_REACH = 250  # characters: farther back than this, a noun rarely governs the amount
_SIDE_REACH = 100  # characters after the amount searched for its period and change


@dataclass(frozen=True, slots=True)
class _Amount:
    start: int
    end: int  # past any parenthesised conversion
    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class _Indicator:
    label: str
    kind: str
    start: int
    end: int


def _to_amount(m: re.Match[str]) -> _Amount | None:
    """The value and ISO code of one amount match, or None for what only looks like one (a year, zero)."""
    raw = m["num"] or m["num2"]
    mag = m["mag"] or m["magm"] or m["mag2"] or m["mag2m"]
    if m["pre"] is not None:
        unit = _PREFIXES[m["pre"].replace(".", "").replace(" ", "")]
    else:
        unit = _SUFFIXES[" ".join(m["suf"].replace(".", "").lower().split())]
        if mag is None and re.fullmatch(r"(?:19|20)\d\d", raw):
            return None
    value = float(raw.replace(",", "")) * (_MAGNITUDES[" ".join(mag.lower().split())] if mag else 1.0)
    if not 0 < value < 1e18:  # a run of digits, not money
        return None
    return _Amount(m.start(), m.end(), value, unit)


def _amounts(text: str) -> list[_Amount]:
    """Every currency amount, with a conversion in brackets ("5 trillion yen ($42 billion)") folded in."""
    found = [a for a in map(_to_amount, _AMOUNT.finditer(text)) if a is not None]
    merged: list[_Amount] = []
    for amount in found:
        if merged:
            last = merged[-1]
            gap = _CONVERSION_GAP.fullmatch(text, last.end, amount.start)
            if gap and "(" in gap.group():
                close = _CLOSE_PAREN.match(text, amount.end)
                if close:
                    merged[-1] = _Amount(last.start, close.end(), last.value, last.unit)
                    continue
            elif gap and amount.unit != last.unit:
                merged[-1] = _Amount(last.start, amount.end, last.value, last.unit)
                continue
        merged.append(amount)
    return merged


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("\n") or not _ABBREVIATION.search(text, max(0, m.start() - 12), m.start()):
            starts.append(m.end())
    return starts


def _label(m: re.Match[str], text: str, limit: int) -> _Indicator:
    """The indicator as a short lower-case phrase, acronyms kept, with "between A and B" if given."""
    kind = m.lastgroup or "trade"
    if kind == "deal":
        return _Indicator("deals", kind, m.start(), m.end())
    if _VERB.fullmatch(m.group()):  # "plans to invest 5 trillion yen", "donated $2 million"
        return _Indicator("investment" if kind == "invest" else "donations", kind, m.start(), m.end())
    label = " ".join(w if w.isupper() or w.startswith("(") else w.lower() for w in m.group().split())
    end = m.end()
    tail = _INDICATOR_TAIL.match(text, end, limit)
    if tail:
        label, end = f"{label} {' '.join(tail.group(1).split())}", tail.end()
    return _Indicator(label, kind, m.start(), end)


def _indicator(
    text: str, amount: _Amount, *, left: int, sent_start: int, sent_end: int
) -> tuple[_Indicator | None, bool]:
    """The indicator governing the amount, and whether it follows the amount ("$5 billion of trade")."""
    found = _indicator_after(text, amount.end, sent_end)
    if found is not None:
        return found, True
    best: _Indicator | None = None
    for m in _INDICATOR.finditer(text, max(left, amount.start - _INDICATOR_REACH), amount.start):
        if m.lastgroup == "deal" and not _DEAL_GAP.match(text, m.end(), amount.start):
            continue
        if _proper_noun(m.group()) and text[sent_start : m.start()].strip(' "“‘(['):
            continue  # "World Trade Organization", "Investment Bank": a name, not an indicator
        best = _label(m, text, amount.start)
    if best is not None and not _linked(text, best.end, amount.start):
        return None, False  # "trade ties grew, and the $2 billion railway": the amount is not the trade
    return best, False


def _linked(text: str, start: int, end: int) -> bool:
    """Whether the words between an indicator and an amount lead into it ("reached", "of", "to")."""
    return not text[start:end].strip() or _LINK_END.search(text, start, end) is not None


def _indicator_after(text: str, end: int, sent_end: int) -> _Indicator | None:
    """The indicator named right after an amount: "$150 billion of bilateral trade", "$2m in new aid"."""
    link = _RIGHT_LINK.match(text, end, sent_end)
    if link is None:  # "a $1.5 billion investment": only a noun right after the amount
        space = _SPACE.match(text, end, sent_end)
        m = _INDICATOR.match(text, space.end(), sent_end) if space else None
        ok = m is not None and m.lastgroup in ("trade", "invest", "aid") and not _proper_noun(m.group())
        return _label(m, text, sent_end) if m is not None and ok else None
    at = link.end()
    for _ in range(5):  # the indicator, or up to four modifiers: "of public and private investment"
        m = _INDICATOR.match(text, at, sent_end)
        if m and m.lastgroup not in ("ref", "deal") and not _proper_noun(m.group()):
            found = _label(m, text, sent_end)
            extra = [w for w in text[link.end() : at].split() if w.islower() and w != "the"]
            return _Indicator(" ".join([*extra, found.label]), found.kind, found.start, found.end)
        modifier = _MODIFIER.match(text, at, sent_end)
        if modifier is None:
            return None
        at = modifier.end()
    return None


def _proper_noun(word: str) -> bool:
    return word[0].isupper() and not word[:3].isupper()


def _resolve_year(ref: str | None, anchor_year: int | None) -> int | None:
    if ref is None:
        return anchor_year
    ref = " ".join(ref.lower().split())
    if ref[:1].isdigit():
        return int(ref)
    if anchor_year is None:
        return None
    return anchor_year + {"last year": -1, "the previous year": -1, "next year": 1}.get(ref, 0)


def _period(m: re.Match[str], anchor_year: int | None, anchor_month: int | None) -> str | None:
    """The ISO period one period match states, resolved against the publication year when relative."""
    groups = m.groupdict()
    year = _resolve_year(groups.get("yref") or groups.get("rel"), anchor_year)
    if year is None:
        return None
    first, last = 1, 0
    if groups.get("n"):
        n = groups["n"]
        last = int(n) if n.isdigit() else _COUNT_WORDS.index(n.lower()) + 2
        if not groups.get("yref") and anchor_month is not None and anchor_month < last:
            year -= 1  # "in the first 11 months" read in January is about the year before
    elif groups.get("half"):
        first = 1 if groups["half"].lower() == "first" else 7
        last = first + 5
    elif groups.get("q") or groups.get("qn"):
        quarter = int(groups["qn"]) if groups.get("qn") else _ORDINALS.index(groups["q"].lower()) + 1
        first, last = 3 * quarter - 2, 3 * quarter
    elif groups.get("m1"):
        first, last = _month(groups["m1"]), _month(groups["m2"])
    elif groups.get("span"):  # "over the next five years", counted from the publication year
        span = groups["span"]
        return f"{year}/{year + (int(span) if span.isdigit() else _COUNT_WORDS.index(span.lower()) + 2)}"
    elif groups.get("m"):
        month = _month(groups["m"])
        if not groups.get("yref") and anchor_month is not None and anchor_month < month:
            year -= 1  # "as of November" read in January
        return f"{year}-{month:02d}"
    if not 1 <= first <= last <= 12:
        return str(year)
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _month(name: str) -> int:
    return _MONTHS.index(name[:3].lower()) + 1


def _first(patterns: tuple[re.Pattern[str], ...], text: str, start: int, end: int) -> re.Match[str] | None:
    """The earliest match of any pattern in text[start:end], not a comparison base ("from last year")."""
    best: re.Match[str] | None = None
    for pattern in patterns:
        for m in pattern.finditer(text, start, end):
            if not _COMPARISON.search(text, max(0, m.start() - 30), m.start()):
                if best is None or m.start() < best.start():
                    best = m
                break
    return best


def _change(m: re.Match[str] | None) -> float | None:
    if m is None:
        return None
    value = float(m["n"])
    return -value if _FALLING.match(m["dir"]) else value


def _status(text: str, start: int, end: int) -> tuple[str | None, int]:
    """Whether the words before the amount make it a target, a projection or a plan, and where they start."""
    cues = [(cue.start(), status) for status, pattern in _CUES for cue in pattern.finditer(text, start, end)]
    if not cues:
        return None, end
    return max(cues)[1], min(cues)[0]  # the nearest cue decides; the quote takes in the first


def _with_status(indicator: _Indicator, status: str | None) -> str:
    if status == "plan" and indicator.kind in ("invest", "aid"):
        return f"planned {indicator.label}"
    if status is None:
        return indicator.label
    return f"{indicator.label} ({'target' if status == 'plan' else status})"


@dataclass(frozen=True, slots=True)
class _Last:
    sentence: int
    end: int
    indicator: _Indicator


def find_figures(
    text: str, *, anchor_year: int | None = None, anchor_month: int | None = None
) -> list[Figure]:
    """Trade, investment and aid amounts the text states, each with its period, change and evidence."""
    amounts = _amounts(text)
    if not amounts:
        return []
    starts = _sentence_starts(text)
    figures: list[Figure] = []
    last: _Last | None = None
    for i, amount in enumerate(amounts):
        sent = bisect.bisect_right(starts, amount.start) - 1
        bounds = (starts[sent], starts[sent + 1] if sent + 1 < len(starts) else len(text))
        following = amounts[i + 1].start if i + 1 < len(amounts) else len(text)
        left = last.end if last is not None and last.sentence == sent else bounds[0]
        indicator, after = _indicator(text, amount, left=left, sent_start=bounds[0], sent_end=bounds[1])
        if indicator is not None and indicator.kind == "ref":
            indicator = last.indicator if last is not None and sent - last.sentence <= 2 else None
            after = True  # the referent is in an earlier sentence: the quote starts at the amount
        elif (
            indicator is None
            and last is not None
            and last.sentence == sent
            and _linked(text, left, amount.start)
        ):
            indicator, after = last.indicator, True  # "$10.57 billion in 2022 and $7.1 billion in ..."
        if indicator is None:
            _log.debug("amount without an indicator at %d: %r", amount.start, text[amount.start : amount.end])
            continue
        right = min(bounds[1], following, amount.end + _SIDE_REACH)
        scope = (left, bounds[1], right)
        figure = _figure(
            text, amount, indicator, after=after, scope=scope, anchor=(anchor_year, anchor_month)
        )
        if figure is not None:
            figures.append(figure)
            last = _Last(sent, figure.evidence.end, indicator)
    return _dedupe(figures, headline_end=text.find("\n"))


def _figure(
    text: str,
    amount: _Amount,
    indicator: _Indicator,
    *,
    after: bool,
    scope: tuple[int, int, int],
    anchor: tuple[int | None, int | None],
) -> Figure | None:
    """The figure one amount states under its indicator, or None when its context is a crime or a loss.

    ``scope`` is (left, sentence end, right): words are read from ``left`` (the sentence start or the
    previous figure's end) and, after the amount, up to ``right``.
    """
    left, sent_end, right = scope
    ind_start = amount.start if after else indicator.start
    tail = _NEXT_WORDS.match(text, amount.end, sent_end)
    if _NEGATIVE.search(text, ind_start, tail.end() if tail else amount.end):
        return None
    status, cue_at = _status(text, max(left, ind_start - 50), amount.start)
    span_end = indicator.end if after and indicator.start > amount.start else amount.end
    period_m = _period_match(text, (left, span_end, right), ind_start=ind_start, amount_start=amount.start)
    tail_start = max(span_end, period_m.end() if period_m and period_m.start() > amount.start else 0)
    blocker = _INDICATOR.search(text, tail_start, right)
    change_m = _first(_CHANGES, text, tail_start, blocker.start() if blocker else right)
    if change_m is None and not after:
        change_m = _first(_CHANGES, text, indicator.end, amount.start)  # "rose 5% to $10 billion"
    found = [m for m in (period_m, change_m) if m is not None]
    start = min([ind_start, amount.start, cue_at] + [m.start() for m in found])
    end = max([span_end] + [m.end() for m in found])
    return Figure(
        indicator=_with_status(indicator, status),
        value=amount.value,
        unit=amount.unit,
        period=_period(period_m, *anchor) if period_m else None,
        change_pct=_change(change_m),
        evidence=Evidence(quote=text[start:end], start=start, end=end),
    )


def _period_match(
    text: str, bounds: tuple[int, int, int], *, ind_start: int, amount_start: int
) -> re.Match[str] | None:
    """The period right after the amount, else one between indicator and amount or opening the sentence."""
    left, span_end, right = bounds
    found = _first(_PERIODS, text, span_end, right)
    if found and found.start() - span_end <= 40 and not _CLAUSE_BREAK.search(text, span_end, found.start()):
        return found
    lead = _first(_PERIODS, text, left, amount_start)
    if lead and (lead.start() >= ind_start or lead.start() - left <= 3):
        return lead
    return None


def _dedupe(figures: list[Figure], *, headline_end: int) -> list[Figure]:
    """One figure per value: a headline repeating the body's number is not a second figure."""
    kept: list[Figure] = []
    for figure in figures:
        twin = next((i for i, k in enumerate(kept) if _same_value(k, figure)), None)
        if twin is None:
            kept.append(figure)
        elif _richness(figure, headline_end) > _richness(kept[twin], headline_end):
            kept[twin] = figure
    return kept


def _same_value(a: Figure, b: Figure) -> bool:
    periods_agree = a.period is None or b.period is None or a.period == b.period
    return a.unit == b.unit and math.isclose(a.value, b.value) and periods_agree


def _richness(figure: Figure, headline_end: int) -> tuple[bool, bool, bool]:
    """Prefer the mention that says more, and the body's over the headline's."""
    return (figure.period is not None, figure.change_pct is not None, figure.evidence.start > headline_end)

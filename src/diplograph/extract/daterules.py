"""Vocabulary and compiled patterns for the date finder, kept apart so dates.py reads as logic.

Month names must be capitalised (``may`` and ``march`` are verbs); the relative phrases are matched
case-insensitively. Every pattern is compiled once at import: the finder runs on every sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """A set of words written as one string, for the word lists below."""
    return frozenset(text.split())


MONTHS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
PARTS: dict[str, str | None] = {
    "early": "early",
    "beginning": "early",
    "start": "early",
    "first half": "early",
    "mid": "mid",
    "middle": "mid",
    "late": "late",
    "end": "late",
    "second half": "late",
    "earlier": None,
    "later": None,
}

# (kind, offset, ref) for fixed relative phrases, keyed by the lower-cased phrase with single spaces.
RELATIVE_PHRASES: dict[str, tuple[str, int, str]] = {
    "today": ("relative_day", 0, "anchor"),
    "earlier today": ("relative_day", 0, "anchor"),
    "later today": ("relative_day", 0, "anchor"),
    "tonight": ("relative_day", 0, "anchor"),
    "this morning": ("relative_day", 0, "anchor"),
    "this afternoon": ("relative_day", 0, "anchor"),
    "this evening": ("relative_day", 0, "anchor"),
    "yesterday": ("relative_day", -1, "anchor"),
    "last night": ("relative_day", -1, "anchor"),
    "tomorrow": ("relative_day", 1, "anchor"),
    "the day before yesterday": ("relative_day", -2, "anchor"),
    "the day after tomorrow": ("relative_day", 2, "anchor"),
    "the same day": ("relative_day", 0, "previous"),
    "that same day": ("relative_day", 0, "previous"),
    "the very same day": ("relative_day", 0, "previous"),
    "later that day": ("relative_day", 0, "previous"),
    "earlier that day": ("relative_day", 0, "previous"),
    "later the same day": ("relative_day", 0, "previous"),
    "earlier the same day": ("relative_day", 0, "previous"),
    "the same morning": ("relative_day", 0, "previous"),
    "the same afternoon": ("relative_day", 0, "previous"),
    "the same evening": ("relative_day", 0, "previous"),
    "the next day": ("relative_day", 1, "previous"),
    "the following day": ("relative_day", 1, "previous"),
    "the next morning": ("relative_day", 1, "previous"),
    "the following morning": ("relative_day", 1, "previous"),
    "the day after": ("relative_day", 1, "previous"),
    "the previous day": ("relative_day", -1, "previous"),
    "the preceding day": ("relative_day", -1, "previous"),
    "the day before": ("relative_day", -1, "previous"),
    "the previous evening": ("relative_day", -1, "previous"),
    "this week": ("relative_week", 0, "anchor"),
    "last week": ("relative_week", -1, "anchor"),
    "next week": ("relative_week", 1, "anchor"),
    "the following week": ("relative_week", 1, "previous"),
    "the previous week": ("relative_week", -1, "previous"),
    "the week before": ("relative_week", -1, "previous"),
    "over the weekend": ("range", 0, "anchor"),
    "at the weekend": ("range", 0, "anchor"),
    "this weekend": ("range", 0, "anchor"),
    "last weekend": ("range", -1, "anchor"),
    "next weekend": ("range", 1, "anchor"),
    "this month": ("relative_month", 0, "anchor"),
    "the current month": ("relative_month", 0, "anchor"),
    "last month": ("relative_month", -1, "anchor"),
    "next month": ("relative_month", 1, "anchor"),
    "the following month": ("relative_month", 1, "previous"),
    "the previous month": ("relative_month", -1, "previous"),
    "this year": ("relative_year", 0, "anchor"),
    "the current year": ("relative_year", 0, "anchor"),
    "the end of the year": ("relative_year", 0, "anchor"),
    "the beginning of the year": ("relative_year", 0, "anchor"),
    "the start of the year": ("relative_year", 0, "anchor"),
    "last year": ("relative_year", -1, "anchor"),
    "the year before last": ("relative_year", -2, "anchor"),
    "next year": ("relative_year", 1, "anchor"),
    "the next year": ("relative_year", 1, "anchor"),
    "the coming year": ("relative_year", 1, "anchor"),
    "the following year": ("relative_year", 1, "previous"),
    "the previous year": ("relative_year", -1, "previous"),
}
PHRASE_PARTS: dict[str, str] = {
    "the end of the year": "late",
    "the beginning of the year": "early",
    "the start of the year": "early",
}

# Words after which a bare month name ("in November") is a date; "May" needs a stricter set.
MONTH_PREPS = words(
    "in since from until till by during before after through throughout last this next and or to of around as"
)
MAY_PREPS = words("in since from until till by during before after through throughout last this next")
# A weekday after these is a name or a generic day ("Good Friday", "the Sunday Times", "a Monday").
NOT_A_WEEKDAY_AFTER = words("good black super ash holy easter cyber palm maundy bloody the a")
# A year followed by one of these is a quantity ("2000 people"), preceded by one a label ("No. 2024").
UNIT_AFTER = re.compile(
    r"\s*(?:%|per\s*cent|percent|billion|million|thousand|trillion|tonnes?|tons?|km|kilomet(?:er|re)s?|"
    r"people|persons|members|troops|soldiers|students|units|cases|hectares|ha\b|yuan|dollars|USD|VND|yen|won\b|"
    r"euros?|projects|enterprises|companies|firms|vehicles|visitors|tourists|workers|delegates|officers|"
    r"participants|households|meters|metres|m\b|kg|MW|GW)",
    re.IGNORECASE,
)
LABEL_BEFORE = re.compile(
    r"(?:\$|US\$|USD|VND|¥|€|£|yuan|No\.?|number|Article|Resolution|Decree|Decision|Circular|Directive|"
    r"Law|flight|Route|Room|page|km|Highway|Item)\s*$",
    re.IGNORECASE,
)
# Names of plans and programmes: a year in them is a target, not the time of anything ("the 2030 Agenda").
PLAN_WORDS = re.compile(r"\b(?:Agenda|Vision|Strategy|Plan|Goals?|Targets?|Roadmap|Programme|Program)\b")

# Full names take no dot, so a sentence's full stop stays outside the mention ("in November.").
MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![a-z])"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![a-z])\.?)"
)
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\w)"
YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)"
WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)"
_WD_ABBR_UPPER = _WD_ABBR.upper()
SEP = r"(?:\s*[-–—]\s*|\s+(?:to|through|thru|till|until|and)\s+)"
YSEP = r"(?:,\s*|\s+)"
_NOT_BEFORE_NUM = r"(?<![\w$€£¥/.,:+-])"

_I = re.IGNORECASE
# Each pattern: (name, regex). Longest match wins among overlaps, then the earlier entry.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            rf"(?<![\w/.-])(?P<y>{YEAR})(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])(?![-/]?\d)"
        ),
    ),
    (
        "numeric",
        re.compile(
            rf"(?<![\w/.-])(?P<a>\d{{1,2}})(?P<s>[/.-])(?P<b>\d{{1,2}})(?P=s)(?P<y>{YEAR})(?![/.-]?\d)"
        ),
    ),
    (
        "md_md_range",
        re.compile(
            rf"(?P<m1>{MON})\s*(?P<d1>{DAY})(?:{YSEP}(?P<y1>{YEAR}))?{SEP}"
            rf"(?P<m2>{MON})\s*(?P<d2>{DAY})(?:{YSEP}(?P<y2>{YEAR}))?",
            _I,
        ),
    ),
    (
        "dm_dm_range",
        re.compile(
            rf"{_NOT_BEFORE_NUM}(?P<d1>{DAY})\s+(?:of\s+)?(?P<m1>{MON})(?:,?\s*(?P<y1>{YEAR}))?{SEP}"
            rf"(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MON})(?:,?\s*(?P<y2>{YEAR}))?",
            _I,
        ),
    ),
    (
        "md_range",
        re.compile(rf"(?P<m1>{MON})\s*(?P<d1>{DAY}){SEP}(?P<d2>{DAY})(?:{YSEP}(?P<y2>{YEAR}))?", _I),
    ),
    (
        "dm_range",
        re.compile(
            rf"{_NOT_BEFORE_NUM}(?P<d1>{DAY}){SEP}(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MON})(?:,?\s*(?P<y2>{YEAR}))?",
            _I,
        ),
    ),
    (
        "month_range",
        re.compile(
            rf"(?P<m1>{MON})(?:,?\s+(?P<y1>{YEAR}))?(?P<sep>{SEP})(?P<m2>{MON})(?:{YSEP}(?P<y2>{YEAR}))?", _I
        ),
    ),
    (
        "year_range",
        re.compile(rf"{_NOT_BEFORE_NUM}(?P<y1>{YEAR})(?P<sep>{SEP})(?P<y2>{YEAR})(?![\w%]|[.,]\d)", _I),
    ),
    ("weekday_range", re.compile(rf"\b(?P<w1>{WD_FULL}){SEP}(?P<w2>{WD_FULL})\b", _I)),
    ("full_mdy", re.compile(rf"(?P<m>{MON})\s*(?P<d>{DAY}){YSEP}(?P<y>{YEAR})", _I)),
    (
        "full_dmy",
        re.compile(rf"{_NOT_BEFORE_NUM}(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MON}),?\s*(?P<y>{YEAR})", _I),
    ),
    ("md", re.compile(rf"(?P<m>{MON})\s*(?P<d>{DAY})", _I)),
    ("dm", re.compile(rf"{_NOT_BEFORE_NUM}(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MON})", _I)),
    ("month_year", re.compile(rf"(?P<m>{MON})(?:,?\s+|\s+of\s+)(?P<y>{YEAR})", _I)),
    (
        "relative_month_name",
        re.compile(rf"\b(?P<rel>this\s+coming|this|last|next|coming)\s+(?P<m>{MON})(?!\s*\d)", _I),
    ),
    ("month", re.compile(rf"\b(?P<m>{MON})", _I)),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>last|next|this|this\s+coming|coming|past)\s+)?(?P<w>{WD_FULL})(?!s\b)\b", _I
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?=["
            + "".join(sorted({p[0] for p in RELATIVE_PHRASES} | {p[0].upper() for p in RELATIVE_PHRASES}))
            + r"])(?P<p>"
            + "|".join(p.replace(" ", r"\s+") for p in sorted(RELATIVE_PHRASES, key=len, reverse=True))
            + r")\b",
            _I,
        ),
    ),
    (
        "units_apart",
        re.compile(
            r"\b(?=[aotfsenAOTFSEN\d])(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
            r"(?P<unit>day|week|month|year)s?\s+(?P<dir>later|after|earlier|before|ago)\b",
            _I,
        ),
    ),
    (
        "year",
        re.compile(rf"(?<![\w$€£¥/])(?<!\d[.,])(?<![\dA-Z]-)(?P<y>{YEAR})(?![\w%]|[.,]\d|\s*[-–]\s*\d|/\d)"),
    ),
)

# Patterns that can only start at a month name or at a digit are tried at those places alone, which
# is several times faster than scanning the whole text with each of them.
MONTH_LED = frozenset({"md_md_range", "md_range", "month_range", "full_mdy", "md", "month_year", "month"})
DIGIT_LED = frozenset({"iso", "numeric", "dm_dm_range", "dm_range", "year_range", "full_dmy", "dm", "year"})
MONTH_START = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
)
DIGIT_START = re.compile(r"(?<!\d)\d")
TRIGGER = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"today|tonight|yesterday|tomorrow|day|week|month|year|morning|afternoon|evening|night)",
    re.IGNORECASE,
)
WEEKDAY_BEFORE = re.compile(
    rf"\b(?:(?P<w>(?i:{WD_FULL}))|(?P<a>{_WD_ABBR}|{_WD_ABBR_UPPER})\.?)(?P<sep>,\s*|\s+|\s*\(\s*)$",
)
WEEKDAY_AFTER = re.compile(rf"\s*\(\s*(?P<w>{WD_FULL})\s*\)", _I)
RELATIVE_YEAR_AFTER = re.compile(r"(?:,\s*|\s+)(?:of\s+)?(?P<rel>this|last|next)\s+year\b", _I)
PART_BEFORE = re.compile(
    r"(?:\b(?P<a>early|mid|late|earlier|later)(?:\s*-\s*|\s+)"
    r"|\b(?:the\s+)?(?P<b>end|beginning|start|middle|first\s+half|second\s+half)\s+of\s+(?:the\s+)?)$",
    _I,
)
PREP_BEFORE = re.compile(
    r"\b(?P<p>on|in|since|from|until|till|by|during|before|after|through|throughout|between|of|at|for|to|"
    r"and|or|around|as|last|this|next|the|with)\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?$",
    _I,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression found in text, parsed but not yet placed on the calendar.

    ``kind`` is one of "full", "month_day", "weekday", "relative_day", "month_year", "month", "year",
    "relative_year", "relative_month", "relative_week" or "range". A weekday written with an explicit
    date ("Monday (July 3)", "Monday, Dec. 11, 2023") keeps the date's kind and sets ``weekday`` too,
    so the resolver can check one against the other. A "year" may be part of a name ("the 2030
    Agenda", ``named``): the finder reports it and the caller decides whether it dates anything.
    ``offset`` counts units from the reference (-1 for "yesterday" or "last year"); ``ref`` says which
    reference: "anchor" (the report's date) or "previous" (the last engagement: "the next day").
    ``prep`` is the word before the expression ("on", "in", "since", "by"...), lower-cased.
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    end_weekday: int | None = None
    offset: int | None = None
    ref: str = "anchor"
    part: str | None = None
    prep: str | None = None
    named: bool = False


def month_number(token: str) -> int | None:
    """1-12 for a month name or abbreviation in any case; None when the token is not one."""
    key = token.rstrip(".").lower()[:3]
    return MONTHS.get(key)


def weekday_number(token: str) -> int | None:
    """0 (Monday) to 6 for a weekday name or abbreviation."""
    return WEEKDAYS.get(token.rstrip(".").lower()[:3])


def day_number(token: str) -> int:
    """The day of month in "10", "10th" or "1st"."""
    return int(token.rstrip("stndrh"))

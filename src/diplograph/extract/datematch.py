"""Turn the finder's pattern matches into DateMentions, rejecting those that only look like dates.

Each builder checks what a regular expression cannot say well: the day exists in that month, a
month name is capitalised, a bare month stands in a date-like frame ("in November"), a year is not
a quantity ("2000 people") or a label ("No. 2024").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from diplograph.extract.daterules import (
    LABEL_BEFORE,
    MAY_PREPS,
    MONTH_PREPS,
    NOT_A_WEEKDAY_AFTER,
    NUMBER_WORDS,
    PART_BEFORE,
    PATTERNS,
    PHRASE_PARTS,
    PREP_BEFORE,
    RELATIVE_PHRASES,
    RELATIVE_YEAR_AFTER,
    UNIT_AFTER,
    DateMention,
    day_number,
    month_number,
    weekday_number,
    words,
)

Builder = Callable[[re.Match[str], str, bool | None], DateMention | None]
_NUMERIC = next(pattern for name, pattern in PATTERNS if name == "numeric")
_TIME_PREPS = words("in since from until till by during before after through throughout of and or to")
_CAPITAL_WORD_AFTER = re.compile(r"\s+(?P<w>[A-Z][\w-]*)")
_CAPITAL_WORD_BEFORE = re.compile(r"(?P<w>\b[A-Z][\w-]*)\s+$")


def prep_before(text: str, start: int) -> str | None:
    """The preposition just before ``start`` ("on", "in", "since"...), skipping "the morning of"."""
    match = PREP_BEFORE.search(text, max(0, start - 40), start)
    return match.group("p").lower() if match is not None else None


def _capitalised(token: str) -> bool:
    """Month names count only when capitalised: "may" and "march" are verbs."""
    return token[:1].isupper()


def _valid_day(day: int, month: int, year: int | None) -> bool:
    last = calendar.monthrange(year, month)[1] if year is not None else (29 if month == 2 else 31)
    return 1 <= day <= last


def _month(match: re.Match[str], group: str) -> int | None:
    token = match.group(group)
    return month_number(token) if token is not None and _capitalised(token) else None


def _year(match: re.Match[str], group: str) -> int | None:
    token = match.group(group)
    return int(token) if token is not None else None


def _mention(match: re.Match[str], kind: str, **fields: object) -> DateMention:
    return DateMention(match.start(), match.end(), match.group(0), kind, **fields)  # type: ignore[arg-type]


def _build_iso(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
    return _mention(match, "full", year=year, month=month, day=day) if _valid_day(day, month, year) else None


def _build_numeric(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        month, day = first, second
    elif first <= 12 and second <= 12:
        dmy = _infer_day_first(text) if day_first is None else day_first
        day, month = (first, second) if dmy else (second, first)
    else:
        return None
    return _mention(match, "full", year=year, month=month, day=day) if _valid_day(day, month, year) else None


def _infer_day_first(text: str) -> bool:
    """Order of an ambiguous numeric date: as another unambiguous one in the text shows, else day first."""
    for match in _NUMERIC.finditer(text):
        first, second = int(match.group("a")), int(match.group("b"))
        if first > 12 >= second:
            return True
        if second > 12 >= first:
            return False
    return True


def _build_day_range(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    groups = match.groupdict()
    end_month = _month(match, "m2") if groups.get("m2") else None
    month = _month(match, "m1") if groups.get("m1") else end_month
    end_month = end_month if end_month is not None else month
    if month is None or end_month is None:
        return None
    year, end_year = _year(match, "y1") if "y1" in groups else None, _year(match, "y2")
    day, end_day = day_number(match.group("d1")), day_number(match.group("d2"))
    if not (_valid_day(day, month, year) and _valid_day(end_day, end_month, end_year)):
        return None
    if not _ordered((year, month, day), (end_year, end_month, end_day)):
        return None
    return _mention(
        match,
        "range",
        year=year,
        month=month,
        day=day,
        end_year=end_year,
        end_month=end_month,
        end_day=end_day,
    )


def _ordered(first: tuple[int | None, int, int], last: tuple[int | None, int, int]) -> bool:
    """The range runs forward; without both years, only December/November into January may wrap."""
    if first[0] is not None and last[0] is not None:
        return (first[0], first[1], first[2]) < (last[0], last[1], last[2])
    if first[1:] < last[1:]:
        return True
    return first[1] - last[1] >= 10


def _build_month_range(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    month, end_month = _month(match, "m1"), _month(match, "m2")
    year, end_year = _year(match, "y1"), _year(match, "y2")
    if month is None or end_month is None or (month >= end_month and (year is None or year == end_year)):
        return None
    if not _range_joined(match.group("sep"), prep_before(text, match.start()), has_year=end_year is not None):
        return None
    return _mention(match, "range", year=year, month=month, end_year=end_year, end_month=end_month)


def _build_year_range(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    year, end_year = int(match.group("y1")), int(match.group("y2"))
    if end_year <= year or UNIT_AFTER.match(text, match.end()) or _labelled(text, match.start()):
        return None
    if not _range_joined(match.group("sep"), prep_before(text, match.start()), has_year=False):
        return None
    return _mention(match, "range", year=year, end_year=end_year)


def _range_joined(sep: str, prep: str | None, *, has_year: bool) -> bool:
    """A range of months or years joined by a word needs "from"/"between" ("from 2021 to 2025")."""
    word = sep.strip().lower()
    if word in ("-", "–", "—"):
        return True
    if word == "and":
        return prep == "between"
    return has_year or prep in ("from", "between")


def _build_weekday_range(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    weekday, end_weekday = weekday_number(match.group("w1")), weekday_number(match.group("w2"))
    if weekday == end_weekday:
        return None
    return _mention(match, "range", weekday=weekday, end_weekday=end_weekday)


def _build_full(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    month, year, day = _month(match, "m"), int(match.group("y")), day_number(match.group("d"))
    if month is None or not _valid_day(day, month, year):
        return None
    return _mention(match, "full", year=year, month=month, day=day)


def _build_month_day(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    month, day = _month(match, "m"), day_number(match.group("d"))
    if month is None or not _valid_day(day, month, None):
        return None
    return _mention(match, "month_day", month=month, day=day)


def _build_month_year(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    month = _month(match, "m")
    return None if month is None else _mention(match, "month_year", year=int(match.group("y")), month=month)


def _build_relative_month_name(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    month = _month(match, "m")
    if month is None:
        return None
    rel = " ".join(match.group("rel").lower().split())
    offset = {"this": 0, "last": -1, "next": 1, "coming": 1, "this coming": 1}[rel]
    return _mention(match, "relative_month", month=month, offset=offset)


def _build_month(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    """A bare month name counts only in a date-like frame: "in November", "mid-September", "May 2017"."""
    token = match.group("m")
    month = _month(match, "m")
    if month is None or (len(token.rstrip(".")) == 3 and token.lower() != "may"):
        return None
    prep = prep_before(text, match.start())
    framed = (
        prep in (MAY_PREPS if month == 5 else MONTH_PREPS)
        or PART_BEFORE.search(text, max(0, match.start() - 40), match.start()) is not None
        or RELATIVE_YEAR_AFTER.match(text, match.end()) is not None
    )
    return _mention(match, "month", month=month) if framed else None


def _build_weekday(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    before = text[max(0, match.start() - 10) : match.start()].split()
    if before and before[-1].lower() in NOT_A_WEEKDAY_AFTER:
        return None
    rel = match.group("rel")
    offsets = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1, "this coming": 1}
    offset = offsets[" ".join(rel.lower().split())] if rel else None
    return _mention(match, "weekday", weekday=weekday_number(match.group("w")), offset=offset)


def _build_relative(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    phrase = " ".join(match.group("p").lower().split())
    kind, offset, ref = RELATIVE_PHRASES[phrase]
    if kind == "range":
        return _mention(match, kind, weekday=5, end_weekday=6, offset=offset)
    return _mention(match, kind, offset=offset, ref=ref, part=PHRASE_PARTS.get(phrase))


def _build_units_apart(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    """ "two days later" counts from the previous engagement, "three weeks ago" from the report."""
    count_word = match.group("n").lower()
    count = NUMBER_WORDS[count_word] if count_word in NUMBER_WORDS else int(count_word)
    kind = "relative_" + match.group("unit").lower()
    direction = match.group("dir").lower()
    if direction == "ago":
        return _mention(match, kind, offset=-count, ref="anchor")
    sign = 1 if direction in ("later", "after") else -1
    return _mention(match, kind, offset=sign * count, ref="previous")


def _build_year(match: re.Match[str], text: str, day_first: bool | None) -> DateMention | None:
    """A standalone year, unless it is a quantity ("2000 people") or a number label ("No. 2024")."""
    if UNIT_AFTER.match(text, match.end()) or _labelled(text, match.start()):
        return None
    return _mention(match, "year", year=int(match.group("y")), named=_is_named(text, match))


def _labelled(text: str, start: int) -> bool:
    return LABEL_BEFORE.search(text, max(0, start - 12), start) is not None


def _is_named(text: str, match: re.Match[str]) -> bool:
    """A year inside a proper name: "the 2023 Spring Meeting", "Year of Friendship 2025"."""
    prep = prep_before(text, match.start())
    after = _CAPITAL_WORD_AFTER.match(text, match.end())
    if after is not None and prep not in _TIME_PREPS and month_number(after.group("w")) is None:
        return True
    before = _CAPITAL_WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
    return before is not None and before.group("w").lower() not in _TIME_PREPS | {"the", "on", "at", "for"}


BUILDERS: dict[str, Builder] = {
    "iso": _build_iso,
    "numeric": _build_numeric,
    "md_md_range": _build_day_range,
    "dm_dm_range": _build_day_range,
    "md_range": _build_day_range,
    "dm_range": _build_day_range,
    "month_range": _build_month_range,
    "year_range": _build_year_range,
    "weekday_range": _build_weekday_range,
    "full_mdy": _build_full,
    "full_dmy": _build_full,
    "md": _build_month_day,
    "dm": _build_month_day,
    "month_year": _build_month_year,
    "relative_month_name": _build_relative_month_name,
    "month": _build_month,
    "weekday": _build_weekday,
    "relative": _build_relative,
    "units_apart": _build_units_apart,
    "year": _build_year,
}

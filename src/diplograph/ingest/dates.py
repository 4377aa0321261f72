"""Calendar helpers shared by the date finders: month names, plausible dates, date phrases."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MIN_YEAR = 1990
MAX_YEAR = 2100

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY = (
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
    r"|Sat(?:urday)?|Sun(?:day)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"

# Each pattern names its parts; "a"/"b" are the two numbers of an all-numeric date.
_PHRASES = (
    re.compile(rf"\b(?P<mon>{MONTH})\s*(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})\b"),
)
_WEEKDAY_RE = re.compile(rf"\b{WEEKDAY}(?=[\s,.]|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A calendar date found in a phrase, with where it stands in that phrase."""

    date: dt.date
    start: int
    end: int


def month_number(name: str) -> int | None:
    """Month 1..12 for an English month name or abbreviation ("Dec.", "Sept", "October")."""
    return _MONTHS.get(name.lower().rstrip("."))


def weekday_number(name: str) -> int | None:
    """Weekday 0 (Monday)..6 for an English weekday name or abbreviation."""
    return _WEEKDAYS.get(name.lower().rstrip("."))


def plausible_year(year: int) -> bool:
    """Publication years diplograph accepts; anything else is an id or a typo, not a date."""
    return MIN_YEAR <= year <= MAX_YEAR


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it is not a real calendar day in a plausible year."""
    if not plausible_year(year):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _numeric(a: int, b: int, year: int, weekday: int | None) -> dt.date | None:
    """Read "17/08/2023" or "09/20/2024": day-first and month-first, settled by range or weekday."""
    day_first = make_date(year, b, a)
    month_first = make_date(year, a, b)
    if day_first and month_first and day_first != month_first:
        if weekday is None:
            return None
        fits = [d for d in (day_first, month_first) if d.weekday() == weekday]
        return fits[0] if len(fits) == 1 else None
    return day_first or month_first


def find_dates(phrase: str) -> list[DateMatch]:
    """Every full calendar date (day, month and year) a short phrase gives, left to right."""
    weekday_match = _WEEKDAY_RE.search(phrase)
    weekday = weekday_number(weekday_match.group(0)) if weekday_match else None
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PHRASES:
        for match in pattern.finditer(phrase):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            parts = match.groupdict()
            year = int(parts["y"])
            if parts.get("a"):
                date = _numeric(int(parts["a"]), int(parts["b"]), year, weekday)
            else:
                month = month_number(parts["mon"]) if parts.get("mon") else int(parts["m"])
                date = make_date(year, month or 0, int(parts["d"]))
            if date is not None:
                found.append(DateMatch(date, match.start(), match.end()))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def parse_iso_like(value: str) -> str | None:
    """The partial ISO form ("2024", "2024-12", "2024-12-11") of a metadata date string, if any.

    Accepts ISO dates and datetimes, "2024/12/11", RFC 2822 ("Wed, 11 Dec 2024 08:55:00 GMT")
    and the phrases find_dates reads.
    """
    text = value.strip()
    iso = re.match(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:$|[T\s])", text)
    if iso:
        year, month, day = iso.group(1), iso.group(2), iso.group(3)
        if day and make_date(int(year), int(month), int(day)):
            return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
        if month and not day and 1 <= int(month) <= 12 and plausible_year(int(year)):
            return f"{year}-{int(month):02d}"
        if not month and plausible_year(int(year)):
            return year
        return None
    compact = re.match(r"^(\d{4})(\d{2})(\d{2})(?:$|[T\s])", text)
    if compact:
        date = make_date(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)))
        return date.isoformat() if date else None
    dates = find_dates(text)
    return dates[0].date.isoformat() if dates else None

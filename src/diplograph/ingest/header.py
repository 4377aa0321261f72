"""The head of a plain-text report: the " date YYYY-MM-DD" marker, "Article Number: N", byline time
lines ("Xinhua) 08:55, December 11, 2024", "Published : March 23, 2018 - 09:35"), site-chrome date
lines ("Friday,  09/20/2024") and the title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from diplograph.ingest.dates import WEEKDAY, find_dates, make_date
from diplograph.ingest.lines import Line
from diplograph.ingest.tables import agency_name

_MARKER = re.compile(
    r"^[ \t]*date[ \t]*:?[ \t]*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?=\s|$)", re.IGNORECASE
)
_ARTICLE_NUMBER = re.compile(r"^article\s+(?:number|no\.?|id)\s*:?\s*(?P<n>\d+)$", re.IGNORECASE)
_AGENCY_PREFIX = re.compile(r"^\(?(?P<agency>[A-Z][\w .'&-]{0,40}?)\)[ \t]*(?=\d)")
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?(?!\w))?")
_ZONE = re.compile(
    r"\b(?:GMT|UTC)(?:[ \t]*[+−-][ \t]*\d{1,2}(?::?\d{2})?)?"
    r"|\b(?:ICT|BJT|KST|JST|IST|SGT|WIB|CET|CEST|EST|EDT)\b"
)
_PUBLISHED_LABEL = re.compile(r"\b(?:published|posted|first published|created|issued)\b", re.IGNORECASE)
_LABELS = re.compile(
    r"\b(?:published|posted|first|last|updated?|modified|created|issued|date|time|on|at)\b", re.IGNORECASE
)
_WEEKDAY = re.compile(rf"\b{WEEKDAY}(?=[\s,.|]|$)", re.IGNORECASE)
_LEFTOVER = re.compile(r"[\s,|()\[\]:.\-–—/+]*")
_MAX_DATE_LINE = 100
_MAX_TITLE = 200


@dataclass(frozen=True, slots=True)
class Marker:
    """The " date YYYY-MM-DD" opening: its date, its span, and where the text after it starts."""

    date: dt.date | None
    span: tuple[int, int]
    rest: int


@dataclass(frozen=True, slots=True)
class DateLine:
    """A byline or site-chrome line that gives a date (and maybe a time)."""

    span: tuple[int, int]
    dates: tuple[dt.date, ...]
    labelled: bool
    timed: bool
    agency: str | None


def read_marker(text: str) -> Marker | None:
    """The " date YYYY-MM-DD" header a crawler put before the first line, if there is one."""
    match = _MARKER.match(text)
    if not match:
        return None
    date = make_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    rest = match.end()
    while rest < len(text) and text[rest] in " \t":
        rest += 1
    return Marker(date, (0, match.end()), rest)


def read_article_number(line: Line) -> str | None:
    """N of an "Article Number: N" line."""
    match = _ARTICLE_NUMBER.match(line.text)
    return match.group("n") if match else None


def read_date_line(line: Line) -> DateLine | None:
    """The dates of a line that holds nothing but dates, times, weekdays and labels."""
    text = line.text
    if len(text) > _MAX_DATE_LINE:
        return None
    dates = find_dates(text)
    if not dates:
        return None
    agency = None
    prefix = _AGENCY_PREFIX.match(text)
    rest = text
    if prefix:
        agency = agency_name(prefix.group("agency")) or prefix.group("agency")
        rest = " " * prefix.end() + text[prefix.end() :]
    for found in reversed(dates):
        rest = rest[: found.start] + " " * (found.end - found.start) + rest[found.end :]
    timed = bool(_TIME.search(rest))
    stripped = _LABELS.sub(" ", _WEEKDAY.sub(" ", _ZONE.sub(" ", _TIME.sub(" ", rest))))
    if _LEFTOVER.fullmatch(stripped) is None:
        return None
    labelled = prefix is not None or bool(_PUBLISHED_LABEL.search(text))
    return DateLine(line.span, tuple(d.date for d in dates), labelled, timed, agency)


def headline_like(text: str) -> bool:
    """Whether a line reads as a headline rather than a paragraph or a caption."""
    words = text.split()
    if not 2 <= len(words) <= 30 or len(text) > _MAX_TITLE:
        return False
    if text[-1] in ".,;:" or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
        return False
    if re.search(r"[a-z0-9)”\"'’]\.[ \t]+[A-Z]", text):
        return False
    return not re.search(r"\b(?:photo|ảnh)\s*:", text, re.IGNORECASE)

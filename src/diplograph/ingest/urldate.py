"""Publication dates that news sites write into their URLs.

Shapes: "/2024/11/21/", "/n3/2021/1230/", "-2024-11-21", "20220319.htm", a query value such as
"?ud=20180323000168" or "utm_content=20210911", a Vietnamese CMS id with the date inside
("...-18525041422183829.htm": "185" + YYMMDD + hhmmss + 2 digits), and "/2024/11/" (a month).
Only real calendar dates in plausible years count, so story ids are not taken for dates.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlsplit

from diplograph.ingest.dates import make_date, plausible_year
from diplograph.model import PartialDate

_YMD_PATH = re.compile(r"/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$|[-_.])")
_YEAR_MMDD_PATH = re.compile(r"/(?P<y>\d{4})/(?P<m>\d{2})(?P<d>\d{2})(?=/|$)")
_ISO_IN_PATH = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
_YM_PATH = re.compile(r"/(?P<y>\d{4})/(?P<m>\d{1,2})(?=/)")
_DIGITS = re.compile(r"(?<!\d)\d{8,}(?!\d)")
# A 17-digit id: 3-digit section prefix, YYMMDD, hhmmss, 2 more digits.
_CMS_ID = re.compile(
    r"(?<!\d)\d{3}(?P<y>\d{2})(?P<m>\d{2})(?P<d>\d{2})(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})\d{2}(?!\d)"
)


def _from_groups(match: re.Match[str]) -> dt.date | None:
    return make_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))


def _from_digit_run(run: str) -> dt.date | None:
    """A date from "20220319" or a longer run that starts with one ("20180323000168")."""
    if len(run) != 8 and len(run) < 12:
        return None
    return make_date(int(run[:4]), int(run[4:6]), int(run[6:8]))


def _from_cms_id(path: str) -> dt.date | None:
    for match in _CMS_ID.finditer(path):
        clock_ok = int(match.group("h")) < 24 and int(match.group("mi")) < 60 and int(match.group("s")) < 60
        date = make_date(2000 + int(match.group("y")), int(match.group("m")), int(match.group("d")))
        if clock_ok and date:
            return date
    return None


def _day_from_path(path: str) -> dt.date | None:
    for pattern in (_YMD_PATH, _YEAR_MMDD_PATH, _ISO_IN_PATH):
        for match in pattern.finditer(path):
            date = _from_groups(match)
            if date:
                return date
    for run in _DIGITS.findall(path):
        date = _from_digit_run(run)
        if date:
            return date
    return None


def date_from_url(url: str) -> PartialDate | None:
    """The publication date a URL carries, at the precision it carries it, or None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    path = parts.path
    date = _day_from_path(path)
    if date is None:
        for _, value in parse_qsl(parts.query):
            runs = _DIGITS.findall(value)
            date = next((d for d in map(_from_digit_run, runs) if d), None)
            if date:
                break
    date = date or _from_cms_id(path)
    if date:
        return PartialDate(date.isoformat())
    for match in _YM_PATH.finditer(path):
        year, month = int(match.group("y")), int(match.group("m"))
        if plausible_year(year) and 1 <= month <= 12:
            return PartialDate(f"{year:04d}-{month:02d}")
    return None

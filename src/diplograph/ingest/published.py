"""When a report was published, and how we know: the most trusted clue wins.

Order of trust: metadata from the caller, feed or page ("metadata"); the " date YYYY-MM-DD" header
("header"); a byline or agency time line ("byline"); a dateline with a year ("dateline"); the URL
("url"); an anniversary the text counts ("text-anniversary", year only). Never the file's mtime.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from diplograph.ingest.anniversary import year_from_anniversaries
from diplograph.ingest.dates import make_date, parse_iso_like
from diplograph.ingest.header import DateLine
from diplograph.ingest.urldate import date_from_url
from diplograph.model import Dateline, PartialDate

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Clues:
    """Everything a report offers about its publication date."""

    metadata: str | None = None
    header: dt.date | None = None
    date_lines: Sequence[DateLine] = ()
    dateline: Dateline | None = None
    url: str | None = None
    text: str = ""


def from_metadata(value: str | None) -> PartialDate | None:
    """A caller's or page's date string as a PartialDate; unreadable values are logged and dropped."""
    if not value or not value.strip():
        return None
    iso = parse_iso_like(value)
    if iso is None:
        logger.warning("ignoring unreadable publication date %r", value)
        return None
    return PartialDate(iso)


def from_date_lines(lines: Sequence[DateLine]) -> dt.date | None:
    """The byline date: a "Published"/agency line if any, else the earliest date at the top.

    Site chrome prints the crawl day ("Friday, 09/20/2024"); a crawl never precedes publication,
    so of several such lines the earliest is the publication date.
    """
    labelled = [d for line in lines if line.labelled for d in line.dates]
    if labelled:
        return min(labelled)
    dates = [d for line in lines for d in line.dates]
    return min(dates) if dates else None


def from_dateline(dateline: Dateline | None) -> dt.date | None:
    """The date of a dateline that gives day, month and year."""
    if dateline is None or None in (dateline.year, dateline.month, dateline.day):
        return None
    return make_date(dateline.year or 0, dateline.month or 0, dateline.day or 0)


def find_published(clues: Clues) -> tuple[PartialDate | None, str]:
    """The publication date and its basis, from the surest clue available."""
    metadata = from_metadata(clues.metadata)
    if metadata is not None:
        return metadata, "metadata"
    if clues.header is not None:
        return PartialDate(clues.header.isoformat()), "header"
    byline = from_date_lines(clues.date_lines)
    if byline is not None:
        return PartialDate(byline.isoformat()), "byline"
    dated = from_dateline(clues.dateline)
    if dated is not None:
        return PartialDate(dated.isoformat()), "dateline"
    if clues.url:
        from_url = date_from_url(clues.url)
        if from_url is not None:
            return from_url, "url"
    year = year_from_anniversaries(clues.text)
    if year is not None:
        return PartialDate(str(year)), "text-anniversary"
    return None, "unknown"


def dateline_year(dateline: Dateline, published: PartialDate | None) -> int | None:
    """The year of a month-and-day dateline, when the publication date fixes it.

    A story is filed on or shortly before it is published: pick the year that puts the dateline
    nearest the publication date (a Dec 31 dateline published Jan 1 belongs to the year before).
    """
    if dateline.year is not None:
        return dateline.year
    if published is None or dateline.month is None or dateline.day is None or published.precision == "year":
        return None
    parts = [int(p) for p in published.start.split("-")]
    anchor = dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 15)
    best: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        date = make_date(year, dateline.month, dateline.day)
        if date is None:
            continue
        gap = abs((anchor - date).days)
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else None

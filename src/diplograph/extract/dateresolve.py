"""Place a date mention on the calendar against the report's date, the last engagement and the tense.

Every answer carries its basis ("explicit", "weekday+anchor", "relative+anchor"...) so a reader can
judge how far to trust a date the text never wrote out in full.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from diplograph.extract.daterules import DateMention
from diplograph.extract.datetense import Tense
from diplograph.model import PartialDate

logger = logging.getLogger(__name__)

Resolution = tuple[PartialDate | None, str]
_Parts = tuple[int, int | None, int | None]
UNRESOLVED: Resolution = (None, "unresolved")

# A past-tense report may still name a date a little after its own (a dateline filed a day early,
# time zones); beyond this a month-day without a year belongs to the year before.
_PAST_SLACK = dt.timedelta(days=62)
# A future-tense sentence about a date just before the report is late news, not next year's event.
_FUTURE_SLACK = dt.timedelta(days=7)
_WEEK = dt.timedelta(days=7)
_MAX_TRIES = 30


def resolve(
    mention: DateMention,
    *,
    anchor: PartialDate | None,
    tense: Tense = "past",
    previous: PartialDate | None = None,
    min_date: str | None = None,
) -> Resolution:
    """The date a mention stands for and how it was found, or (None, "unresolved").

    ``anchor`` is the report's own date, ``previous`` the date of the engagement mentioned before
    (for "the same day"), ``min_date`` a lower bound used to pick a year when there is no anchor.
    """
    resolver = _RESOLVERS.get(mention.kind)
    if resolver is None:
        return UNRESOLVED
    context = _Context(_parts(anchor), tense, _parts(previous), _parse_min_date(min_date))
    if previous is not None and previous.end is not None:
        context.previous_end = _parts(PartialDate(previous.end))
    try:
        return resolver(mention, context)
    except (ValueError, OverflowError) as error:
        logger.debug("cannot resolve %r: %s", mention.text, error)
        return UNRESOLVED


def _parse_min_date(min_date: str | None) -> _Parts | None:
    """The lower bound as parts; a malformed one is ignored rather than failing the whole report."""
    if not min_date:
        return None
    try:
        return _parts(PartialDate(min_date))
    except ValueError:
        logger.warning("ignoring malformed min_date %r", min_date)
        return None


class _Context:
    """The references one resolution works against, parsed once."""

    __slots__ = ("anchor", "min_date", "previous", "previous_end", "tense")

    def __init__(self, anchor: _Parts | None, tense: Tense, previous: _Parts | None, min_date: _Parts | None):
        self.anchor = anchor
        self.tense = tense
        self.previous = previous
        self.previous_end = previous
        self.min_date = min_date

    @property
    def anchor_day(self) -> dt.date | None:
        return _day(self.anchor)


def _parts(date: PartialDate | None) -> _Parts | None:
    """Year, month and day of a partial date's start; a range counts from its first day."""
    if date is None:
        return None
    numbers = [int(piece) for piece in date.start.split("-")]
    return numbers[0], numbers[1] if len(numbers) > 1 else None, numbers[2] if len(numbers) > 2 else None


def _day(parts: _Parts | None) -> dt.date | None:
    if parts is None or parts[1] is None or parts[2] is None:
        return None
    return dt.date(parts[0], parts[1], parts[2])


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _as_partial(parts: _Parts) -> PartialDate:
    return PartialDate(_iso(*parts))


def _resolve_full(mention: DateMention, context: _Context) -> Resolution:
    assert mention.year is not None
    assert mention.month is not None
    assert mention.day is not None
    written = dt.date(mention.year, mention.month, mention.day)
    return _check_weekday(mention, written, context, year_written=True)


def _check_weekday(
    mention: DateMention, written: dt.date, context: _Context, *, year_written: bool
) -> Resolution:
    """A written date wins unless its weekday disagrees and it lies far from the report's date.

    "Thursday (Jun 27)" in a report of Thursday 27 July: the month is the slip, so the weekday counts.
    """
    basis = "explicit" if year_written else "explicit+anchor-year"
    anchor = context.anchor_day
    if mention.weekday is None or mention.weekday == written.weekday() or anchor is None:
        return PartialDate(written.isoformat()), basis
    gap = abs((written - anchor).days)
    if gap > 7 and (not year_written or gap <= 62):
        return PartialDate(
            _weekday_date(anchor, mention.weekday, None, context.tense).isoformat()
        ), "weekday+anchor"
    return PartialDate(written.isoformat()), basis


def _resolve_month_day(mention: DateMention, context: _Context) -> Resolution:
    assert mention.month is not None
    assert mention.day is not None
    if context.anchor is None:
        return _month_day_from_min(mention, context)
    year = _year_of_month_day(mention.month, mention.day, context)
    return _check_weekday(mention, dt.date(year, mention.month, mention.day), context, year_written=False)


def _year_of_month_day(month: int, day: int, context: _Context) -> int:
    """The year of a month-day in a dated report: of the anchor's year and its neighbours, the latest
    not more than two months after the report (past tense), or the first not before it (future)."""
    assert context.anchor is not None
    year, anchor_month, _ = context.anchor
    anchor = context.anchor_day
    years = (year - 1, year, year + 1)
    if anchor is not None:
        if context.tense == "future":
            return next(y for y in years if _safe_date(y, month, day) >= anchor - _FUTURE_SLACK)
        return max(y for y in years if _safe_date(y, month, day) <= anchor + _PAST_SLACK)
    if anchor_month is not None:
        here = year * 12 + anchor_month
        if context.tense == "future":
            return next(y for y in years if y * 12 + month >= here)
        return max(y for y in years if y * 12 + month <= here + 2)
    return year


def _safe_date(year: int, month: int, day: int) -> dt.date:
    """The date, with 29 February moved to the 28th in common years (only used for comparisons)."""
    return dt.date(year, month, 28 if (month, day) == (2, 29) else day)


def _month_day_from_min(mention: DateMention, context: _Context) -> Resolution:
    """No report date: the first year at or after the lower bound, matching the weekday if given."""
    assert mention.month is not None
    assert mention.day is not None
    year = _min_year(mention.month, mention.day, mention.weekday, context.min_date)
    if year is None:
        return UNRESOLVED
    basis = "min-date" if mention.weekday is None else "weekday+min-date"
    return PartialDate(dt.date(year, mention.month, mention.day).isoformat()), basis


def _min_year(month: int, day: int, weekday: int | None, floor: _Parts | None) -> int | None:
    """The first year at or after ``floor`` in which the month-day exists (on ``weekday``, if given)."""
    if floor is None:
        return None
    for year in range(floor[0], floor[0] + _MAX_TRIES):
        if year == floor[0] and (month, day) < (floor[1] or 1, floor[2] or 1):
            continue
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if weekday is None or date.weekday() == weekday:
            return year
    return None


def _weekday_date(anchor: dt.date, weekday: int, offset: int | None, tense: Tense) -> dt.date:
    """The weekday nearest the report: on or before it in the past tense, on or after in the future."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if offset == -1:
        return anchor - dt.timedelta(days=back or 7)
    if offset == 1:
        return anchor + dt.timedelta(days=ahead or 7)
    if tense == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def _resolve_weekday(mention: DateMention, context: _Context) -> Resolution:
    assert mention.weekday is not None
    anchor = context.anchor_day
    if anchor is None:
        return _coarse_anchor(context)
    return PartialDate(_weekday_date(anchor, mention.weekday, mention.offset, context.tense).isoformat()), (
        "weekday+anchor"
    )


def _coarse_anchor(context: _Context) -> Resolution:
    """Only the anchor's year (and month) when the mention needs a day the anchor lacks."""
    if context.anchor is None:
        return UNRESOLVED
    year, month, _ = context.anchor
    return PartialDate(_iso(year, month)), "anchor-year"


def _reference(mention: DateMention, context: _Context) -> tuple[_Parts | None, str]:
    """The date a relative phrase counts from: the previous engagement when it names one, else the anchor."""
    if mention.ref == "previous" and context.previous is not None:
        return context.previous, "previous"
    return context.anchor, "anchor"


def _resolve_relative_day(mention: DateMention, context: _Context) -> Resolution:
    offset = mention.offset or 0
    base, name = _reference(mention, context)
    if name == "previous" and offset > 0:
        base = context.previous_end
    if base is None:
        return UNRESOLVED
    basis = ("same-day" if offset == 0 else "relative+previous") if name == "previous" else "relative+anchor"
    day = _day(base)
    if day is None:
        return _as_partial(base), basis if name == "previous" else "anchor-year"
    return PartialDate((day + dt.timedelta(days=offset)).isoformat()), basis


def _resolve_relative_week(mention: DateMention, context: _Context) -> Resolution:
    """A week is reported at month precision: "last week" is the month of the day a week before."""
    offset = mention.offset or 0
    base, name = _reference(mention, context)
    if base is None:
        return UNRESOLVED
    day = _day(base)
    if day is None:
        return PartialDate(_iso(base[0], base[1] if offset == 0 else None)), "anchor-year"
    moved = day + offset * _WEEK
    return PartialDate(_iso(moved.year, moved.month)), f"relative+{name}"


def _resolve_relative_month(mention: DateMention, context: _Context) -> Resolution:
    offset = mention.offset or 0
    base, name = _reference(mention, context)
    if base is None:
        return UNRESOLVED
    year, base_month, _ = base
    if mention.month is not None:
        if offset == 0 or base_month is None:
            return (PartialDate(_iso(year, mention.month)), f"relative+{name}") if offset == 0 else UNRESOLVED
        if offset < 0:
            year = year if mention.month < base_month else year - 1
        else:
            year = year if mention.month > base_month else year + 1
        return PartialDate(_iso(year, mention.month)), f"relative+{name}"
    if base_month is None:
        return PartialDate(_iso(year)), "anchor-year"
    index = year * 12 + base_month - 1 + offset
    return PartialDate(_iso(index // 12, index % 12 + 1)), f"relative+{name}"


def _resolve_relative_year(mention: DateMention, context: _Context) -> Resolution:
    base, name = _reference(mention, context)
    if base is None:
        return UNRESOLVED
    year = base[0] + (mention.offset or 0)
    if mention.day is not None and mention.month is not None:
        dt.date(year, mention.month, mention.day)
    return PartialDate(_iso(year, mention.month, mention.day if mention.month else None)), f"relative+{name}"


def _resolve_month_year(mention: DateMention, context: _Context) -> Resolution:
    assert mention.year is not None
    return PartialDate(_iso(mention.year, mention.month)), "explicit"


def _resolve_year(mention: DateMention, context: _Context) -> Resolution:
    assert mention.year is not None
    return PartialDate(_iso(mention.year)), "explicit"


def _resolve_month(mention: DateMention, context: _Context) -> Resolution:
    """A month without a year: the latest one at or before the report in the past tense, next in future."""
    assert mention.month is not None
    year = _year_of_month(mention.month, context)
    if year is None:
        return UNRESOLVED
    basis = "explicit+anchor-year" if context.anchor is not None else "min-date"
    return PartialDate(_iso(year, mention.month)), basis


def _year_of_month(month: int, context: _Context) -> int | None:
    """The year of a month named alone: the anchor's, or the one before or after by tense."""
    if context.anchor is None:
        if context.min_date is None:
            return None
        floor_year, floor_month, _ = context.min_date
        return floor_year if floor_month is None or month >= floor_month else floor_year + 1
    year, anchor_month, _ = context.anchor
    if anchor_month is None:
        return year
    if context.tense == "future":
        return year if month >= anchor_month else year + 1
    return year if month <= anchor_month else year - 1


def _resolve_range(mention: DateMention, context: _Context) -> Resolution:
    if mention.day is not None:
        return _day_range(mention, context)
    if mention.month is not None:
        return _month_range(mention, context)
    if mention.weekday is not None and mention.end_weekday is not None:
        return _weekday_range(mention, mention.weekday, mention.end_weekday, context)
    if mention.year is not None and mention.end_year is not None:
        return PartialDate(_iso(mention.year), _iso(mention.end_year)), "explicit"
    return UNRESOLVED


def _day_range(mention: DateMention, context: _Context) -> Resolution:
    assert mention.month is not None
    assert mention.day is not None
    month, day = mention.month, mention.day
    end_month, end_day = mention.end_month or month, mention.end_day or day
    wraps = (month, day) > (end_month, end_day)
    year, end_year, basis = _range_years(mention.year, mention.end_year, wraps, context)
    if year is None:
        if context.anchor is not None:
            year = _year_of_month_day(month, day, context)
        else:
            year = _min_year(month, day, None, context.min_date)
        if year is None:
            return UNRESOLVED
        end_year, basis = year + wraps, "explicit+anchor-year" if context.anchor else "min-date"
    assert end_year is not None
    first, last = dt.date(year, month, day), dt.date(end_year, end_month, end_day)
    return PartialDate(first.isoformat(), last.isoformat()), basis


def _range_years(
    year: int | None, end_year: int | None, wraps: bool, context: _Context
) -> tuple[int | None, int | None, str]:
    """Fill the missing end of a range's years from the end written ("February 4 to 5, 2024")."""
    if year is not None and end_year is not None:
        return year, end_year, "explicit"
    if end_year is not None:
        return end_year - wraps, end_year, "explicit"
    if year is not None:
        return year, year + wraps, "explicit"
    return None, None, "unresolved"


def _month_range(mention: DateMention, context: _Context) -> Resolution:
    assert mention.month is not None
    month, end_month = mention.month, mention.end_month or mention.month
    wraps = month > end_month
    year, end_year, basis = _range_years(mention.year, mention.end_year, wraps, context)
    if year is None:
        year = _year_of_month(month, context)
        if year is None:
            return UNRESOLVED
        end_year, basis = year + wraps, "explicit+anchor-year" if context.anchor else "min-date"
    assert end_year is not None
    return PartialDate(_iso(year, month), _iso(end_year, end_month)), basis


def _weekday_range(mention: DateMention, weekday: int, end_weekday: int, context: _Context) -> Resolution:
    """Days from the nearest such first weekday ("Saturday to Tuesday"); "last weekend" looks back."""
    anchor = context.anchor_day
    if anchor is None:
        return _coarse_anchor(context)
    tense = context.tense
    if mention.offset:
        tense = "past" if mention.offset < 0 else "future"
    first = _weekday_date(anchor, weekday, None, tense)
    last = first + dt.timedelta(days=(end_weekday - weekday) % 7)
    return PartialDate(first.isoformat(), last.isoformat()), "weekday+anchor"


_RESOLVERS: dict[str, Callable[[DateMention, _Context], Resolution]] = {
    "full": _resolve_full,
    "month_day": _resolve_month_day,
    "weekday": _resolve_weekday,
    "relative_day": _resolve_relative_day,
    "relative_week": _resolve_relative_week,
    "relative_month": _resolve_relative_month,
    "relative_year": _resolve_relative_year,
    "month_year": _resolve_month_year,
    "month": _resolve_month,
    "year": _resolve_year,
    "range": _resolve_range,
}

"""Find date expressions in report text: explicit dates, ranges, weekdays and relative phrases.

The finder only reads; placing a mention on the calendar needs the report's date and is the job of
:func:`resolve`, re-exported here with :func:`tense_of`. Standard library only: general date parsers
take "the 16th" or "3+3" for dates and know nothing of datelines or "the same day".

The work is split by concern: daterules.py holds the vocabulary, the patterns and DateMention;
datematch.py turns pattern matches into mentions; this module picks the longest non-overlapping
ones and joins neighbours ("Monday (July 3)", "December 10 last year"); dateresolve.py and
datetense.py place them in time. A year in a name ("the 2030 Agenda") is still reported, as a
"year" with ``named`` set: whether it dates an engagement is the caller's call.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from diplograph.extract.datematch import BUILDERS, prep_before
from diplograph.extract.dateresolve import resolve
from diplograph.extract.daterules import (
    DIGIT_LED,
    DIGIT_START,
    MONTH_LED,
    MONTH_START,
    PART_BEFORE,
    PARTS,
    PATTERNS,
    PLAN_WORDS,
    RELATIVE_YEAR_AFTER,
    TRIGGER,
    WEEKDAY_AFTER,
    WEEKDAY_BEFORE,
    DateMention,
    weekday_number,
)
from diplograph.extract.datetense import Tense, tense_of

__all__ = ["DateMention", "Tense", "find_dates", "resolve", "sentence_year_mentions", "tense_of"]

_PART_KINDS = frozenset({"month", "month_year", "year", "relative_year", "relative_month", "relative_week"})
_DEADLINE_PREPS = frozenset({"by", "until", "till"})
_CLOSE_PAREN = re.compile(r"\s*\)")


def find_dates(text: str, *, day_first: bool | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in order, without overlaps; offsets index ``text`` itself.

    ``day_first`` settles numeric dates such as 05/06/2024 when neither number exceeds 12; by default
    the order is taken from another numeric date in the text, else day first (the usage of the
    Vietnamese, Asian and European sources this domain draws on).
    """
    if not text or TRIGGER.search(text) is None:
        return []
    month_starts = [m.start() for m in MONTH_START.finditer(text)]
    digit_starts = [m.start() for m in DIGIT_START.finditer(text)]
    candidates: list[tuple[DateMention, int]] = []
    for rank, (name, pattern) in enumerate(PATTERNS):
        build = BUILDERS[name]
        for match in _matches(name, pattern, text, month_starts, digit_starts):
            mention = build(match, text, day_first)
            if mention is not None:
                candidates.append((mention, rank))
    mentions = _select(candidates)
    mentions = _merge_weekdays(text, mentions)
    mentions = _merge_relative_years(text, mentions)
    placed: list[DateMention] = []
    for mention in mentions:
        placed.append(_with_context(text, mention, floor=placed[-1].end if placed else 0))
    return placed


def _matches(
    name: str, pattern: re.Pattern[str], text: str, month_starts: list[int], digit_starts: list[int]
) -> Iterator[re.Match[str]]:
    """Matches of one pattern, tried only where it can begin when that is known."""
    starts = month_starts if name in MONTH_LED else digit_starts if name in DIGIT_LED else None
    if starts is None:
        yield from pattern.finditer(text)
        return
    for start in starts:
        match = pattern.match(text, start)
        if match is not None:
            yield match


def sentence_year_mentions(text: str) -> list[int]:
    """Explicit years that date something in ``text``, in order, for when a report has no date.

    Both ends of a range count. Years that are deadlines ("by 2030") or part of a plan's name
    ("the 2030 Agenda", "Vision 2045") are left out: they say when something is due, not when the
    report was written.
    """
    years: list[int] = []
    for mention in find_dates(text):
        if mention.year is None or mention.prep in _DEADLINE_PREPS:
            continue
        if mention.kind == "year" and mention.named and _is_plan_name(text, mention):
            continue
        years.append(mention.year)
        if mention.end_year is not None and mention.end_year != mention.year:
            years.append(mention.end_year)
    return years


def _is_plan_name(text: str, mention: DateMention) -> bool:
    """True when a plan word stands next to the year: "2030 Agenda", "Vision 2045"."""
    around = text[max(0, mention.start - 12) : mention.end + 12]
    return PLAN_WORDS.search(around) is not None


def _select(candidates: list[tuple[DateMention, int]]) -> list[DateMention]:
    """Keep the longest candidates that do not overlap; among equals, the earlier pattern."""
    ordered = sorted(candidates, key=lambda c: (c[0].start - c[0].end, c[1], c[0].start))
    kept: list[DateMention] = []
    for mention, _rank in ordered:
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _absorb(mentions: list[DateMention], merged: DateMention, index: int) -> list[DateMention]:
    """Put ``merged`` at ``index`` and drop whatever else now lies inside its span."""
    out = [
        m for i, m in enumerate(mentions) if i != index and (m.end <= merged.start or m.start >= merged.end)
    ]
    out.append(merged)
    return sorted(out, key=lambda m: m.start)


def _merge_weekdays(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Join a weekday to the date it names: "Monday (July 3)", "Sat, 27th Jul 2024", "Dec. 10 (Tuesday)"."""
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        if mention.kind in ("full", "month_day") and mention.weekday is None:
            merged = _weekday_around(text, mention)
            if merged is not None:
                mentions = _absorb(mentions, merged, index)
                index = mentions.index(merged)
        index += 1
    return mentions


def _weekday_around(text: str, mention: DateMention) -> DateMention | None:
    """The mention widened to a weekday written just before it, or in brackets just after."""
    window_start = max(0, mention.start - 16)
    before = WEEKDAY_BEFORE.search(text, window_start, mention.start)
    if before is not None:
        end = mention.end
        if "(" in before.group("sep"):
            close = _CLOSE_PAREN.match(text, mention.end)
            if close is None:
                return None
            end = close.end()
        start = before.start()
        return dataclasses.replace(
            mention,
            start=start,
            end=end,
            text=text[start:end],
            weekday=weekday_number(before.group("w") or before.group("a")),
        )
    after = WEEKDAY_AFTER.match(text, mention.end)
    if after is not None:
        end = after.end()
        return dataclasses.replace(
            mention, end=end, text=text[mention.start : end], weekday=weekday_number(after.group("w"))
        )
    return None


def _merge_relative_years(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Join "December 10 last year" and "September this year" into one mention with a relative year."""
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        if mention.kind in ("month_day", "month"):
            after = RELATIVE_YEAR_AFTER.match(text, mention.end)
            if after is not None:
                offset = {"this": 0, "last": -1, "next": 1}[after.group("rel").lower()]
                end = after.end()
                merged = dataclasses.replace(
                    mention, end=end, text=text[mention.start : end], kind="relative_year", offset=offset
                )
                mentions = _absorb(mentions, merged, index)
                index = mentions.index(merged)
        index += 1
    return mentions


def _with_context(text: str, mention: DateMention, *, floor: int) -> DateMention:
    """Add the part-of-period prefix ("early", "mid-", "the end of") and the preposition before."""
    if mention.kind in _PART_KINDS or (mention.kind == "range" and mention.day is None):
        part = PART_BEFORE.search(text, max(floor, mention.start - 40), mention.start)
        if part is not None:
            word = " ".join((part.group("a") or part.group("b")).lower().split())
            start = part.start()
            mention = dataclasses.replace(
                mention, start=start, text=text[start : mention.end], part=PARTS[word] or mention.part
            )
    prep = prep_before(text, mention.start)
    return mention if prep == mention.prep else dataclasses.replace(mention, prep=prep)

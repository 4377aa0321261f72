"""Plain-text reports as crawlers and readers save them: header lines, title, dateline, credits.

``build_article`` is the one place an Article is assembled; the HTML, JSON Lines and feed readers
pass their text and metadata through it, so every format gets the same header and credit handling.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from diplograph.ingest.credits import byline_credit, find_credits
from diplograph.ingest.dateline import find_dateline
from diplograph.ingest.header import (
    DateLine,
    Marker,
    headline_like,
    read_article_number,
    read_date_line,
    read_marker,
)
from diplograph.ingest.lines import Line, split_lines
from diplograph.ingest.published import Clues, dateline_year, find_published
from diplograph.ingest.tables import agency_from_host
from diplograph.model import Article, Dateline

_LEAD_LINES = 15
_TAIL_LINES = 4
_CREDIT_PAREN = re.compile(r"\((?:[^()\n]{0,20}\b)?(?:photo|ảnh|image)\b[^()\n]{0,80}\)", re.IGNORECASE)


@dataclass(slots=True)
class TextFacts:
    """What the plain-text reading found, before metadata from elsewhere is laid over it."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    url: str | None = None
    sources: list[tuple[int, str]] = field(default_factory=list)
    marker: Marker | None = None
    date_lines: list[DateLine] = field(default_factory=list)
    dateline: Dateline | None = None
    skip: list[tuple[int, int]] = field(default_factory=list)
    metadata: list[tuple[str, str]] = field(default_factory=list)


def normalize_text(text: str) -> str:
    """The reference form of a text: no BOM, LF line ends, NFC. Nothing else changes."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _paragraph_starts(text: str, lines: list[Line], marker: Marker | None) -> list[int]:
    """Where the dateline may stand: after the marker, at a line start, or right after a photo credit."""
    starts: list[int] = []
    if marker is not None:
        starts.append(marker.rest)
    for line in lines[:_LEAD_LINES]:
        if marker is None or line.start > marker.span[1]:
            starts.append(line.start)
        for credit in _CREDIT_PAREN.finditer(line.text):
            after = line.start + credit.end()
            while after < line.end and text[after] in " \t":
                after += 1
            if after < line.end:
                starts.append(after)
    return sorted(set(starts))


def _title(text: str, lines: list[Line], marker: Marker | None, facts: TextFacts) -> None:
    """The headline: the text after the date marker or the first content line, if headline-like."""
    skipped = set(facts.skip)
    content = [line for line in lines if line.span not in skipped]
    if (
        marker is not None
        and content
        and content[0].start <= marker.span[1]
        and marker.rest >= content[0].end
    ):
        content = content[1:]
    if len(content) < 2:
        return
    first = content[0]
    start = first.start
    if marker is not None and first.start <= marker.span[1]:
        start = marker.rest
    candidate = text[start : first.end]
    dateline = facts.dateline
    if dateline is not None and start <= dateline.start < first.end:
        return
    if candidate and headline_like(candidate):
        facts.title = candidate
        facts.title_span = (start, first.end)


def _lead(lines: list[Line], facts: TextFacts) -> None:
    """Header lines above the dateline (or among the first lines): numbers, bylines, date lines."""
    limit = facts.dateline.start if facts.dateline is not None else None
    for line in lines[:_LEAD_LINES]:
        if limit is not None and line.start >= limit:
            break
        number = read_article_number(line)
        if number is not None:
            facts.skip.append(line.span)
            facts.metadata.append(("article_number", number))
            continue
        date_line = read_date_line(line)
        if date_line is not None:
            facts.skip.append(line.span)
            facts.date_lines.append(date_line)
            if date_line.agency:
                facts.sources.append((1, date_line.agency))
            continue
        byline = byline_credit(line)
        if byline is not None:
            facts.skip.append(byline[0])
            if byline[1]:
                facts.sources.append((1, byline[1]))


def _tail(lines: list[Line], facts: TextFacts) -> None:
    """A "Posted ..." or "Published ..." line at the foot of the page."""
    lead = {line.span for line in lines[:_LEAD_LINES]}
    for line in lines[-_TAIL_LINES:]:
        if line.span in lead:
            continue
        date_line = read_date_line(line)
        if date_line is not None and date_line.labelled:
            facts.skip.append(line.span)
            facts.date_lines.append(date_line)


def analyse_text(text: str) -> TextFacts:
    """Read the shapes of a plain-text report (``text`` already normalised)."""
    facts = TextFacts()
    lines = split_lines(text)
    marker = read_marker(text)
    facts.marker = marker
    if marker is not None:
        facts.skip.append(marker.span)
        if marker.date is not None:
            facts.metadata.append(("header_date", marker.date.isoformat()))
    facts.dateline = find_dateline(text, _paragraph_starts(text, lines, marker))
    _lead(lines, facts)
    _tail(lines, facts)
    credits = find_credits(lines)
    facts.skip.extend(credits.skip)
    facts.sources.extend(credits.sources)
    facts.url = credits.url
    if facts.dateline is not None and facts.dateline.agency:
        facts.sources.append((2, facts.dateline.agency))
    _title(text, lines, marker, facts)
    return facts


def _merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _locate_title(text: str, title: str, lines: list[Line]) -> tuple[int, int] | None:
    """Where a title given from outside stands in the text, if the text opens with it."""
    wanted = " ".join(title.split())
    for line in lines[:3]:
        if " ".join(line.text.split()) == wanted:
            return line.span
        at = text.find(title, line.start, line.end)
        if at >= 0 and line.end - (at + len(title)) == 0:
            return (at, at + len(title))
    return None


def _source(facts: TextFacts, url: str | None) -> str | None:
    if facts.sources:
        return min(facts.sources, key=lambda pair: pair[0])[1]
    if url:
        host = urlsplit(url).hostname
        return agency_from_host(host) if host else None
    return None


def build_article(
    text: str,
    *,
    doc: str,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    metadata: tuple[tuple[str, str], ...] = (),
) -> Article:
    """The Article for a normalised text and whatever metadata came with it (metadata wins)."""
    facts = analyse_text(text)
    final_url = url or facts.url
    date, basis = find_published(
        Clues(
            metadata=published,
            header=facts.marker.date if facts.marker else None,
            date_lines=facts.date_lines,
            dateline=facts.dateline,
            url=final_url,
            text=text,
        )
    )
    dateline = facts.dateline
    if dateline is not None:
        dateline = dataclasses.replace(dateline, year=dateline_year(dateline, date))
    title_span = facts.title_span
    if title:
        title_span = _locate_title(text, title, split_lines(text))
    extra = list(metadata)
    if published and basis != "metadata":
        extra.append(("published_raw", published))
    return Article(
        text=text,
        doc=doc,
        title=title or facts.title,
        source=source.strip() if source and source.strip() else _source(facts, final_url),
        url=final_url,
        published=date,
        published_basis=basis,
        dateline=dateline,
        title_span=title_span,
        skip_spans=_merge_spans(facts.skip),
        metadata=tuple(extra + facts.metadata),
    )

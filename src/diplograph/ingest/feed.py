"""RSS and Atom feeds: one Article per entry, its text from the content or summary, HTML stripped."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import feedparser

from diplograph.errors import IngestError
from diplograph.ingest.html import html_to_text
from diplograph.ingest.text import build_article, normalize_text
from diplograph.model import Article


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            return html_to_text(value)
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    raw = entry.get("published") or entry.get("updated")
    return str(raw) if raw else None


def _parse(data: bytes, encoding: str | None) -> Any:
    headers = {"content-type": f"application/xml; charset={encoding}"} if encoding else None
    return feedparser.parse(data, response_headers=headers)


def articles_from_feed(
    data: bytes, *, source: str, basename: str, encoding: str | None = None
) -> Iterator[Article | IngestError]:
    """One Article (or IngestError) per feed entry; ``source`` names the feed in errors."""
    parsed = _parse(data, encoding)
    entries = parsed.get("entries") or []
    if not entries:
        problem = "feed has no entries"
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception")).split())
            problem = f"not a readable RSS/Atom feed ({reason})"
        yield IngestError(source, problem)
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for index, entry in enumerate(entries, 1):
        text = normalize_text(_entry_text(entry))
        if not text.strip():
            yield IngestError(f"{source}:{index}", "feed entry has no content or summary")
            continue
        link = entry.get("link")
        if not (isinstance(link, str) and link.startswith(("http://", "https://"))):
            link = None
        title = html_to_text(entry.get("title") or "") or None
        article = build_article(
            text,
            doc=str(link) if link else f"{basename}:{index}",
            title=title,
            url=str(link) if link else None,
            published=_entry_date(entry),
            metadata=(("format", "feed"),) + ((("feed_title", str(feed_title)),) if feed_title else ()),
        )
        if article.source is None and feed_title:
            article = replace(article, source=str(feed_title))
        yield article

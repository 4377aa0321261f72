"""Files, pages and feeds -> Article: the first layer of diplograph.

``read_articles`` never stops at a bad source: it yields an IngestError for it and goes on, so a
batch over a directory loses only the files that cannot be read. ``read_article`` reads one file
and raises instead. ``article_from_text`` builds an Article from a string already in hand.
"""

from __future__ import annotations

from diplograph.ingest.decode import DEFAULT_MAX_BYTES
from diplograph.ingest.read import read_article, read_articles
from diplograph.ingest.text import build_article, normalize_text
from diplograph.model import Article

__all__ = ["DEFAULT_MAX_BYTES", "article_from_text", "read_article", "read_articles"]


def article_from_text(
    text: str,
    *,
    doc: str = "<text>",
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
) -> Article:
    """An Article from text in hand; the keyword arguments are metadata and win over the text's own clues."""
    return build_article(
        normalize_text(text), doc=doc, title=title, url=url, published=published, source=source
    )

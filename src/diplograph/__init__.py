"""diplograph: a sourced, queryable record of diplomatic engagements, built from reports.

    >>> import diplograph
    >>> x = diplograph.extract("HANOI, Feb. 17 -- Prime Minister Pham Minh Chinh met ...")
    >>> [e.kind for e in x.engagements]

Everything else (ingest, extract, formats) is importable from its own package; this module keeps
the public API small and sorted.
"""

from __future__ import annotations

from diplograph.errors import ConfigError, DiplographError, ExtractionError, IngestError, StoreError
from diplograph.extract import extract_article
from diplograph.ingest import article_from_text, read_article, read_articles
from diplograph.model import (
    Article,
    Engagement,
    Evidence,
    Extraction,
    Figure,
    PartialDate,
    Participant,
    Person,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "DiplographError",
    "Engagement",
    "Evidence",
    "Extraction",
    "ExtractionError",
    "Figure",
    "IngestError",
    "PartialDate",
    "Participant",
    "Person",
    "StoreError",
    "__version__",
    "article_from_text",
    "extract",
    "read_article",
    "read_articles",
]


def extract(text_or_article: str | Article, *, doc: str = "<text>") -> Extraction:
    """Extract engagements, people and figures from report text or an Article read from a file."""
    if isinstance(text_or_article, Article):
        return extract_article(text_or_article)
    if not isinstance(text_or_article, str):
        raise TypeError(f"extract() takes report text or an Article, not {type(text_or_article).__name__}")
    return extract_article(article_from_text(text_or_article, doc=doc))

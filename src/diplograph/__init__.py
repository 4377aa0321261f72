"""diplograph: a sourced, queryable record of diplomatic engagements, built from reports.

    >>> import diplograph
    >>> x = diplograph.extract("HANOI, Feb. 17 -- Prime Minister Pham Minh Chinh met ...")
    >>> [e.kind for e in x.engagements]

The public API is small and sorted. Heavy parts (the extractor and spaCy, the readers and their
HTML and feed libraries, the store and SQLAlchemy) load on first use, so `import diplograph` and
the query commands start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The subpackage is imported before the function of the same name is defined below, so that
# `diplograph.extract` stays the function (importing diplograph.extract.* later does not rebind it).
# The subpackage itself is cheap to import: spaCy loads on first extraction.
import diplograph.extract as _extract_package  # noqa: F401
from diplograph.errors import ConfigError, DiplographError, ExtractionError, IngestError, StoreError
from diplograph.model import (
    Article,
    Engagement,
    Evidence,
    Extraction,
    Figure,
    PartialDate,
    Participant,
    Person,
    Statement,
)

if TYPE_CHECKING:
    from diplograph.extract import extract_article
    from diplograph.ingest import article_from_text, read_article, read_articles
    from diplograph.process import open_knowledge_base as open_store

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
    "Statement",
    "StoreError",
    "__version__",
    "article_from_text",
    "extract",
    "extract_article",
    "open_store",
    "read_article",
    "read_articles",
]

_LAZY = {
    "article_from_text": "diplograph.ingest",
    "read_article": "diplograph.ingest",
    "read_articles": "diplograph.ingest",
    "extract_article": "diplograph.extract",
    "open_store": "diplograph.process",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'diplograph' has no attribute {name!r}")
    import importlib

    # open_store is the store that can also add reports (process.KnowledgeBase).
    attribute = "open_knowledge_base" if name == "open_store" else name
    return getattr(importlib.import_module(module), attribute)


def extract(text_or_article: str | Article, *, doc: str = "<text>") -> Extraction:
    """Extract engagements, people and figures from report text or an Article read from a file."""
    from diplograph.extract import extract_article
    from diplograph.ingest import article_from_text

    if isinstance(text_or_article, Article):
        return extract_article(text_or_article)
    if not isinstance(text_or_article, str):
        raise TypeError(f"extract() takes report text or an Article, not {type(text_or_article).__name__}")
    return extract_article(article_from_text(text_or_article, doc=doc))

"""Article -> Extraction: the only package that imports spaCy."""

from __future__ import annotations

from diplograph.model import Article, Extraction

__all__ = ["extract_article"]


def extract_article(article: Article) -> Extraction:
    """Placeholder until the pipeline lands (the lead is writing it now)."""
    return Extraction(article=article)

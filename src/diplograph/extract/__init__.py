"""Article -> Extraction: the only package that imports spaCy."""

from __future__ import annotations

from diplograph.extract.pipeline import EXTRACTOR_VERSION, extract_article, make_nlp

__all__ = ["EXTRACTOR_VERSION", "extract_article", "make_nlp"]

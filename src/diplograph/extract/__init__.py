"""Article -> Extraction: the only package that imports spaCy.

The pipeline (and spaCy with it) is imported on first use, so that code that only needs the
gazetteers (resolve/, the query CLI) starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diplograph.extract.pipeline import EXTRACTOR_VERSION, extract_article, make_nlp

__all__ = ["EXTRACTOR_VERSION", "extract_article", "make_nlp"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from diplograph.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'diplograph.extract' has no attribute {name!r}")

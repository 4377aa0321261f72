"""The part of a save that needs no database: computed beside extraction, in the worker that extracted.

A save's writer is one process; everything it does is on the critical path of an ingest. What
depends on the report alone (its fingerprint, MinHash signature, report row values, and the folded
text the search index holds) is worked out here instead, where extraction already runs in
parallel, and handed to ``Store.save`` with the extraction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diplograph.model import Extraction
from diplograph.resolve import duplicates
from diplograph.store.reports import fingerprint, report_values
from diplograph.store.search import fold_document

__all__ = ["Prepared", "prepare"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A report's database-free save work; only valid for the extraction it was prepared from."""

    fingerprint: str
    signature: tuple[int, ...]
    values: dict[str, Any]  # the reports row's own columns (see reports.report_values)
    title: str  # title and text as the search index holds them (see search.fold_document)
    body: str


def prepare(extraction: Extraction) -> Prepared:
    """Everything ``Store.save`` would compute from ``extraction`` before touching the database."""
    article = extraction.article
    print_ = fingerprint(article, extractor_version=extraction.extractor_version)
    sig = duplicates.signature(article.text)
    title, body = fold_document(article.title, article.text)
    return Prepared(
        fingerprint=print_,
        signature=sig,
        values=report_values(extraction, print_=print_, sig=sig),
        title=title,
        body=body,
    )

"""The knowledge base: reports and what they say, resolved across reports, on SQLite or PostgreSQL.

    >>> from diplograph.store import open_store
    >>> store = open_store("diplograph.db")          # or "postgresql://localhost/dg"
    >>> store.save(extraction, source_key="reports/vna_talks.txt")
    'added'

docs/schema.md describes the tables; query/ reads them.
"""

from __future__ import annotations

from diplograph.store.prepare import Prepared, prepare
from diplograph.store.reports import fingerprint
from diplograph.store.search import SearchHit
from diplograph.store.store import SaveOutcome, Store, open_store, report_id

__all__ = [
    "Prepared",
    "SaveOutcome",
    "SearchHit",
    "Store",
    "fingerprint",
    "open_store",
    "prepare",
    "report_id",
]

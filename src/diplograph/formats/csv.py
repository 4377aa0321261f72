"""Engagements as CSV, one row per engagement, for spreadsheets and pandas.

Lists (attendees, their countries and titles, source documents) are joined with "; " in parallel
columns: the i-th country belongs to the i-th participant, an empty slot meaning unknown. The csv
module quotes every cell that holds a comma, a quote or a line break (RFC 4180).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from diplograph.query.results import EngagementRecord

HEADER = (
    "id",
    "date",
    "kind",
    "status",
    "location",
    "location_country",
    "mechanism",
    "ordinal",
    "participants",
    "participant_countries",
    "participant_titles",
    "participant_ids",
    "sources",
    "source_docs",
    "source_urls",
    "evidence",
    "held_as",
    "conflicts",
)
SEPARATOR = "; "


def row(record: EngagementRecord) -> tuple[str, ...]:
    """The CSV cells of one engagement, in HEADER order (None becomes an empty cell)."""
    people = record.attendees
    docs = list(dict.fromkeys(source.doc for source in record.sources))
    urls = list(dict.fromkeys(source.url for source in record.sources if source.url))
    return (
        record.id,
        record.date or "",
        record.kind,
        record.status,
        record.location or "",
        record.location_country or "",
        record.mechanism or "",
        "" if record.ordinal is None else str(record.ordinal),
        SEPARATOR.join(p.name for p in people),
        SEPARATOR.join(p.country or "" for p in people),
        SEPARATOR.join(p.title or "" for p in people),
        SEPARATOR.join(p.id for p in people),
        str(record.source_count),
        SEPARATOR.join(docs),
        SEPARATOR.join(urls),
        record.sources[0].quote if record.sources else "",
        record.held_as or "",
        SEPARATOR.join(record.conflicts),
    )


def write_engagements(records: Iterable[EngagementRecord], out: TextIO) -> int:
    """Write a header and one row per engagement; returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(HEADER)
    count = 0
    for record in records:
        writer.writerow(row(record))
        count += 1
    return count

"""Reports and the figures they state, read in batches for full exports."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from diplograph.query._common import Readable, chunks, connect
from diplograph.query.results import FigureRecord, ReportRecord
from diplograph.store import schema

R = schema.reports
F = schema.figures


def iter_reports(store: Readable, *, batch: int = 200, text: bool = True) -> Iterator[ReportRecord]:
    """Every report by id; ``text=False`` leaves the (large) report text out."""
    body = R.c.text if text else R.c.text_hash
    with connect(store) as conn:
        ids = list(conn.execute(select(R.c.id).order_by(R.c.id)).scalars())
        for part in chunks(ids, batch):
            query = select(
                R.c.id,
                R.c.source_key,
                R.c.doc,
                R.c.title,
                R.c.source,
                R.c.url,
                R.c.published,
                R.c.published_basis,
                R.c.duplicate_of,
                R.c.extractor_version,
                body.label("body"),
            ).where(R.c.id.in_(part))
            for row in sorted(conn.execute(query), key=lambda r: r.id):
                yield ReportRecord(
                    id=row.id,
                    source_key=row.source_key,
                    doc=row.doc,
                    title=row.title,
                    publisher=row.source,
                    url=row.url,
                    published=row.published,
                    published_basis=row.published_basis,
                    duplicate_of=row.duplicate_of,
                    extractor_version=row.extractor_version,
                    text=row.body if text else "",
                )


def iter_figures(store: Readable, *, batch: int = 200) -> Iterator[FigureRecord]:
    """Every figure, by report id and position in the report."""
    with connect(store) as conn:
        ids = list(conn.execute(select(F.c.report_id).distinct().order_by(F.c.report_id)).scalars())
        for part in chunks(ids, batch):
            query = select(F).where(F.c.report_id.in_(part))
            for row in sorted(conn.execute(query), key=lambda r: (r.report_id, r.position)):
                yield FigureRecord(
                    report_id=row.report_id,
                    indicator=row.indicator,
                    value=row.value,
                    unit=row.unit,
                    period=row.period,
                    change_pct=row.change_pct,
                    quote=row.evidence,
                    start=row.start,
                    end=row.end,
                )

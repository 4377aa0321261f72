"""The Store: open a database, save one report per transaction, read reports back, search them.

``save`` is the whole write path for one report, inside one transaction: the report row, its
facts, resolution of its people, mechanisms and engagements against everything stored, and the
clean-up of entities an edit left without facts. A crash or a kill at any moment leaves either the
previous state of that report or the new one, never a mix, and saving again finishes the job.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Literal

from sqlalchemy import Connection, Engine, bindparam, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from diplograph.errors import StoreError
from diplograph.model import Extraction
from diplograph.store import claims, facts, schema
from diplograph.store._common import Touched, chunks, digest, gathering, insert_rows, now, reason
from diplograph.store.engagements import recompute
from diplograph.store.engine import ADVISORY_LOCK, WRITE, make_engine, migrate
from diplograph.store.load import load_extraction
from diplograph.store.mechanisms import collect_mechanisms
from diplograph.store.people import collect_people, resolve_people
from diplograph.store.planned import relink_planned
from diplograph.store.prepare import Prepared, prepare
from diplograph.store.reports import (
    check_storable,
    dependents,
    find_original,
    set_duplicate,
    unpack_signature,
    write_bands,
)
from diplograph.store.schema import mentions, reports
from diplograph.store.search import SearchHit, compact_index, index_report, search_reports
from diplograph.store.tidy import Tidier

__all__ = ["SaveOutcome", "Store", "open_store", "report_id"]

log = logging.getLogger(__name__)

SaveOutcome = Literal["added", "updated", "unchanged", "duplicate"]


_FINGERPRINT = select(reports.c.fingerprint).where(reports.c.id == bindparam("id"))


COMPACT_FROM = 500  # reports saved in one batch before it may end by compacting the search index
ANALYZE_FROM = 200  # reports a Store saves on PostgreSQL before it first refreshes the planner's statistics

# A write transaction on PostgreSQL queues on the writers' lock and, in the same statement, makes
# PostgreSQL plan its prepared statements once instead of on every call. The write path's
# parameters are JSON lists and key arrays, whose contents the planner cannot see (an array's
# length aside): a custom plan came out the same as the generic one, but PostgreSQL, judging custom
# plans cheaper, made one on every call, about a tenth of the server's work per save. A generic
# plan is made again whenever statistics change (ANALYZE; see _keep_statistics), so plans keep up
# with a filling store. Only the transaction is affected: read paths, whose parameters (a person, a
# date range) do steer their plans, keep PostgreSQL's choice. plan_cache_mode is PostgreSQL 12's.
_LOCK = f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})"
_LOCK_AND_PLAN_ONCE = _LOCK + ", set_config('plan_cache_mode', 'force_generic_plan', true)"


def report_id(source_key: str) -> str:
    """The id a report is stored under: a hash of where it came from, so an edit keeps its id."""
    return digest("report", source_key)


def open_store(url: str | os.PathLike[str]) -> Store:
    """Open (creating and migrating as needed) a SQLite file, ``:memory:``, or a postgresql:// URL."""
    engine = make_engine(url)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


class Store:
    """A diplograph database. Writes go through ``save``; readers use ``engine`` (see query/)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._bucket_sizes: dict[str, int] = {}  # see reports.find_original
        self._analyzed_size: int | None = None  # reports the statistics count (see _keep_statistics)
        self._saved_since = 0
        self._tidier = Tidier(engine)  # PostgreSQL: VACUUMs the tables saves read, beside them

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def dialect(self) -> str:
        """The backend's name, "sqlite" or "postgresql", for the few places that differ."""
        return self._engine.dialect.name

    def __repr__(self) -> str:
        return f"Store({self._engine.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if error is not None:  # interrupted or failing: housekeeping under way is cancelled, not awaited
            self._tidier.stop()
        self.close()

    def close(self) -> None:
        self._tidier.wait()
        self._engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction; writers queue on an advisory lock (PostgreSQL) or BEGIN IMMEDIATE."""
        with self._engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                version = conn.dialect.server_version_info or (0,)
                conn.exec_driver_sql(_LOCK_AND_PLAN_ONCE if version >= (12,) else _LOCK)
            yield conn

    def save(
        self, extraction: Extraction, *, source_key: str, prepared: Prepared | None = None
    ) -> SaveOutcome:
        """Store one report and everything extracted from it, replacing an earlier version of it.

        "unchanged" when the same report (text, metadata, extractor version) is already stored;
        "duplicate" when it was stored as a copy of another report. Any failure rolls the whole
        report back and raises StoreError, which names the report. ``prepared`` is
        ``prepare(extraction)`` when the caller already worked it out (in an extraction worker).
        """
        check_storable(extraction, source_key=source_key)
        claims.check_claims(extraction)
        key = report_id(source_key)
        ready = prepared if prepared is not None else prepare(extraction)
        try:
            with self._write() as conn:
                outcome = self._save(conn, extraction, key=key, source_key=source_key, ready=ready)
        except SQLAlchemyError as error:
            self._bucket_sizes.clear()  # they counted rows that were rolled back
            raise StoreError(f"{extraction.article.doc}: could not be saved: {reason(error)}") from error
        except Exception as error:  # a report that trips a bug must not end a batch of thousands
            self._bucket_sizes.clear()
            log.debug("store bug on %s", source_key, exc_info=True)
            raise StoreError(
                f"{extraction.article.doc}: could not be saved (bug: {type(error).__name__}: {error})"
            ) from error
        log.debug("%s: %s", source_key, outcome)
        if outcome != "unchanged" and self.dialect == "postgresql":
            self._keep_statistics()
            self._tidier.saved()
        return outcome

    def _keep_statistics(self) -> None:
        """ANALYZE each time this writer has saved as many reports as the statistics last counted.

        PostgreSQL plans from statistics that autovacuum refreshes at most once a minute; a store
        filling from empty at dozens of reports a second outgrew them, and plans made for a nearly
        empty database (the engagement-key lookup ran ten times slower) made saves three times
        slower until autovacuum caught up. Refreshing at every doubling keeps them in step for an
        amortised constant cost per report, and costs a large store's trickle of saves nothing.
        The report is committed by now: nothing here may fail its save.
        """
        self._saved_since += 1
        try:
            if self._analyzed_size is None:
                self._analyzed_size = self._counted_reports()
            if self._saved_since < max(ANALYZE_FROM, self._analyzed_size):
                return
            self._saved_since = 0
            self._tidier.wait()  # ANALYZE would queue behind a VACUUM of the same tables
            with self._engine.connect() as conn, conn.begin():
                conn.exec_driver_sql("ANALYZE")
            self._analyzed_size = self._counted_reports()
        except SQLAlchemyError as error:  # a slower plan is no reason to fail an ingest
            log.warning("could not refresh the planner's statistics: %s", reason(error))
            self._saved_since = 0

    def _counted_reports(self) -> int:
        """How many reports PostgreSQL's statistics say the store holds (0 before any ANALYZE)."""
        with self._engine.connect() as conn:
            found = conn.exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE oid = CAST('reports' AS regclass)"
            ).scalar()
        return max(0, int(found or 0))

    def _save(
        self, conn: Connection, extraction: Extraction, *, key: str, source_key: str, ready: Prepared
    ) -> SaveOutcome:
        existing = conn.execute(_FINGERPRINT, {"id": key}).first()
        if existing is not None and existing.fingerprint == ready.fingerprint:
            return "unchanged"
        if existing is not None:
            _settle(conn, facts.remove_facts(conn, key), removed=True)
            self._bucket_sizes.clear()  # the old version's bands are gone: count afresh when next seen
        sig = ready.signature
        original = find_original(conn, key, sig, sizes=self._bucket_sizes)
        values = dict(ready.values)
        values |= {
            "duplicate_of": original[0] if original else None,
            "similarity": original[1] if original else None,
        }
        stamp = now()
        touched = Touched()
        with gathering(conn):  # the rows below go out together; _settle reads them
            if existing is None:
                row = {"id": key, "source_key": source_key, "added_at": stamp, "updated_at": stamp, **values}
                insert_rows(conn, reports, [row])
            else:
                conn.execute(update(reports).where(reports.c.id == key).values(updated_at=stamp, **values))
            write_bands(conn, key, sig, sizes=self._bucket_sizes)
            participants = (p for engagement in extraction.engagements for p in engagement.participants)
            people = resolve_people(conn, key, extraction.people, participants)
            written = facts.write_mentions(conn, key, extraction, people, touched)
            facts.write_titles(conn, key, extraction, people, written)
            facts.write_figures(conn, key, extraction)
            claims.write_claims(conn, key, extraction, people)
        index_report(conn, key, title=ready.title, body=ready.body)
        if existing is not None:
            touched.engagements |= _repoint(conn, dependents(conn, key))
        _settle(conn, touched, removed=False)
        if original is not None:
            return "duplicate"
        return "added" if existing is None else "updated"

    def remove(self, source_key: str) -> bool:
        """Delete a report, its facts, and whatever only it supported; False if it was not stored."""
        key = report_id(source_key)
        try:
            with self._write() as conn:
                if conn.execute(select(reports.c.id).where(reports.c.id == key)).first() is None:
                    return False
                touched = facts.remove_facts(conn, key)
                self._bucket_sizes.clear()  # its bands are gone: count afresh when next seen
                copies = dependents(conn, key)
                conn.execute(reports.delete().where(reports.c.id == key))
                touched.engagements |= _repoint(conn, copies)
                _settle(conn, touched, removed=True)
        except SQLAlchemyError as error:
            raise StoreError(f"{source_key}: could not be removed: {reason(error)}") from error
        return True

    def finish_batch(self, saved: int) -> bool:
        """Tidy the store after a batch that saved ``saved`` reports; True when it compacted the index.

        Compacting the search index (``compact_index``) costs time in proportion to the whole store,
        so only a batch that grew the store by a tenth or more, and by at least COMPACT_FROM reports,
        pays for it: one large ingest ends with an index as fast as a freshly built one, while a
        steady trickle of small batches never rewrites a large index. On PostgreSQL the same batch
        ends with ANALYZE, so the planner sees the store's new size at once instead of whenever
        autovacuum gets to it.
        """
        if saved < COMPACT_FROM:
            return False
        self._tidier.wait()
        try:
            with self._write() as conn:
                stored = int(conn.execute(select(func.count()).select_from(reports)).scalar_one())
                if saved * 10 < stored:
                    return False
                compact_index(conn)
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql("ANALYZE")
        except SQLAlchemyError as error:
            raise StoreError(f"could not compact the search index: {reason(error)}") from error
        return True

    def fingerprint_of(self, source_key: str) -> str | None:
        """The stored fingerprint (see reports.fingerprint) of a report, to skip re-extracting it."""
        return self.fingerprints_of([source_key]).get(source_key)

    def fingerprints_of(self, source_keys: Sequence[str], *, under: Sequence[str] = ()) -> dict[str, str]:
        """Stored fingerprints by source key: of ``source_keys``, and of every key ``origin#...`` for
        each origin in ``under`` (the records of a multi-record file), in a few queries.
        """
        found: dict[str, str] = {}
        with self._engine.connect() as conn:
            for part in chunks([report_id(key) for key in source_keys]):
                rows = conn.execute(
                    select(reports.c.source_key, reports.c.fingerprint).where(reports.c.id.in_(part))
                )
                found.update({row.source_key: row.fingerprint for row in rows})
            for origin in under:
                # "#" + 1 is "$": the keys that begin with origin + "#", through the unique index.
                rows = conn.execute(
                    select(reports.c.source_key, reports.c.fingerprint).where(
                        reports.c.source_key >= origin + "#", reports.c.source_key < origin + "$"
                    )
                )
                found.update({row.source_key: row.fingerprint for row in rows})
        return found

    def load(self, source_key: str) -> Extraction | None:
        """The Extraction stored for ``source_key``, as it was saved."""
        with self._engine.connect() as conn:
            return load_extraction(conn, report_id(source_key))

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Reports whose title or text hold every word of ``query``, best first."""
        with self._engine.connect() as conn:
            return search_reports(conn, query, limit=limit, offset=offset)

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        with self._engine.connect() as conn:
            return {
                name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in sorted(schema.metadata.tables.items())
            }


def _settle(conn: Connection, touched: Touched, *, removed: bool) -> None:
    """Bring resolved entities in line with the facts: recompute, relink planned sessions, collect orphans."""
    recompute(conn, touched.engagements, touched)
    relink_planned(conn, touched)
    if removed:
        collect_people(conn, touched.persons)
        collect_mechanisms(conn, touched.mechanisms)
        claims.collect_initiatives(conn, touched.initiatives)


def _repoint(conn: Connection, copies: list[str]) -> set[str]:
    """Find a new original for reports whose original changed or went; return engagements to recount."""
    changed: set[str] = set()
    for copy in copies:
        sig = conn.execute(select(reports.c.minhash).where(reports.c.id == copy)).scalar_one()
        set_duplicate(conn, copy, find_original(conn, copy, unpack_signature(sig)))
        changed |= set(
            conn.execute(
                select(mentions.c.engagement_id).where(
                    mentions.c.report_id == copy, mentions.c.engagement_id.is_not(None)
                )
            ).scalars()
        )
    return changed

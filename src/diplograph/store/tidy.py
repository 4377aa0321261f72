"""Keep PostgreSQL's visibility maps up with a fast ingest: VACUUM the tables a save reads, beside it.

A save finds its candidates (near-duplicate bands, engagement keys, participants, mentions) by
index-only scans, which read a row's table page too unless the visibility map says the page holds
only rows every transaction can see. Only VACUUM sets those bits, and autovacuum gets to a table at
most once a minute (autovacuum_naptime) and only after a fifth of it is new: at dozens of reports a
second, thousands of reports' rows stayed unmarked and every lookup fetched their pages (at the tail
of a 10,000-report ingest, ~1 ms of the server's ~11 ms a save). The writer therefore asks for a
VACUUM of those tables every few hundred saves, on a connection of its own, in a thread: it runs on
another core while saving goes on, and VACUUM blocks no reads or writes (TRUNCATE false: cutting
empty pages off a table's end would lock it briefly). A table that is busy being vacuumed already
(autovacuum) is skipped; where the store's user does not own a table, PostgreSQL skips it with a
warning of its own and saving goes on. SKIP_LOCKED and TRUNCATE are PostgreSQL 12's: older servers
are left to autovacuum.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from sqlalchemy import Engine

from diplograph.store._common import reason

__all__ = ["TIDIED", "TIDY_EVERY", "Tidier"]

log = logging.getLogger(__name__)

TIDY_EVERY = 250  # saves between two VACUUMs (about 5 s of ingest at 50 reports/s)
# The tables a save reads through index-only scans, in the order a save reads them.
TIDIED = ("report_bands", "engagement_blocks", "engagements", "engagement_participants", "mentions")
_VACUUM = "VACUUM (SKIP_LOCKED, TRUNCATE false) " + ", ".join(TIDIED)


class Tidier:
    """Counts a writer's saves and VACUUMs the tables saves read every ``TIDY_EVERY`` of them, in the
    background; at most one VACUUM runs at a time, and ``wait`` lets the writer finish it first."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._saves = 0
        self._running: threading.Thread | None = None
        self._connection: Any = None  # the driver connection a running VACUUM uses, to cancel it

    def saved(self) -> None:
        """One more committed save; starts a VACUUM when enough have been made since the last."""
        self._saves += 1
        if self._saves < TIDY_EVERY or (self._running is not None and self._running.is_alive()):
            return
        if (self._engine.dialect.server_version_info or (0,)) < (12,):
            return
        self._saves = 0
        self._running = threading.Thread(target=self._vacuum, name="diplograph-vacuum", daemon=True)
        self._running.start()

    def wait(self) -> None:
        """Let a running VACUUM finish (before ANALYZE, which would queue behind it, and at close)."""
        if self._running is not None:
            self._running.join()
            self._running = None

    def stop(self) -> None:
        """Cancel a running VACUUM and wait for its thread: a writer interrupted (Ctrl-C) or failing
        should not wait for housekeeping. What the VACUUM did so far is kept."""
        running = self._connection
        if running is not None:
            try:
                running.cancel_safe()
            except Exception as error:  # the VACUUM may have ended meanwhile; waiting still works
                log.debug("could not cancel the VACUUM: %s", error)
        self.wait()

    def _vacuum(self) -> None:
        try:
            with self._engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                self._connection = conn.connection.driver_connection
                try:
                    conn.exec_driver_sql(_VACUUM)
                finally:
                    self._connection = None
        except Exception as error:  # a slower lookup is no reason to stop an ingest
            log.warning("could not vacuum the tables saves read: %s", reason(error))

"""The writer's background VACUUM on PostgreSQL (store.tidy): when it runs, what it touches, and that
a VACUUM that cannot run costs an ingest nothing but a warning."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import text
from store_helpers import report

from diplograph.store import Store, report_id, tidy

BODIES = [
    "Railway officials from both countries met in Lao Cai on Monday to review the cross-border line.",
    "The two trade ministers signed a memorandum on farm exports at talks in Hanoi on Tuesday.",
    "Coast guard commanders held their annual meeting in Beihai and agreed to a joint patrol.",
    "Education ministers opened a student exchange programme at a ceremony in Nanning on Friday.",
    "Energy officials discussed a power line across the border at a meeting in Kunming on Sunday.",
]


def _vacuums(store: Store) -> dict[str, int]:
    """How many times each tidied table has been vacuumed by hand, as PostgreSQL counts them."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SELECT pg_stat_clear_snapshot()")
        rows = conn.execute(
            text("SELECT relname, vacuum_count FROM pg_stat_user_tables WHERE relname = ANY(:names)"),
            {"names": list(tidy.TIDIED)},
        ).all()
    return {name: int(count) for name, count in rows}


class _Engine:
    """As much of an Engine as Tidier.saved looks at: the server's version."""

    def __init__(self, version: tuple[int, ...]) -> None:
        self.dialect = type("Dialect", (), {"server_version_info": version})()


def _save_all(store: Store) -> None:
    for number, body in enumerate(BODIES):
        assert store.save(report(body, doc=f"{number}.txt"), source_key=f"r{number}") == "added"


def test_store_tidy_vacuums_the_tables_saves_read_every_few_saves(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every TIDY_EVERY saves the tables a save reads are vacuumed, in a thread of the writer's;
    a report saved unchanged does not count. SQLite has nothing to vacuum and starts no thread."""
    monkeypatch.setattr(tidy, "TIDY_EVERY", 2)
    started: list[str] = []
    real = threading.Thread.start

    def start(self: threading.Thread) -> None:
        started.append(self.name)
        real(self)

    monkeypatch.setattr(threading.Thread, "start", start)
    before = _vacuums(store) if store.dialect == "postgresql" else {}
    _save_all(store)
    store.save(report(BODIES[0], doc="0.txt"), source_key="r0")  # unchanged
    store._tidier.wait()
    if store.dialect != "postgresql":
        assert "diplograph-vacuum" not in started
        return
    # Five saves, a VACUUM after the second and the fourth (unless one still ran at the fourth).
    assert 1 <= started.count("diplograph-vacuum") <= 2
    after = _vacuums(store)
    assert set(after) == set(tidy.TIDIED)
    assert all(after[name] > before.get(name, 0) for name in tidy.TIDIED)


def test_store_tidy_failure_is_logged_and_saving_goes_on(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A VACUUM refused (here: a table that is not there) leaves the reports saved and a warning."""
    if store.dialect != "postgresql":
        pytest.skip("only PostgreSQL is vacuumed")
    monkeypatch.setattr(tidy, "TIDY_EVERY", 1)
    monkeypatch.setattr(tidy, "_VACUUM", "VACUUM (SKIP_LOCKED) no_such_table")
    with caplog.at_level(logging.WARNING, logger="diplograph.store.tidy"):
        _save_all(store)
        store._tidier.wait()
    assert "could not vacuum the tables saves read" in caplog.text
    assert "no_such_table" in caplog.text
    with store.engine.connect() as conn:
        stored = set(conn.execute(text("SELECT id FROM reports")).scalars())
    assert stored == {report_id(f"r{number}") for number in range(len(BODIES))}


def test_store_tidy_waits_for_a_running_vacuum() -> None:
    """wait() returns only when the VACUUM under way has ended, and a new one starts only after."""
    release = threading.Event()
    ran: list[str] = []

    class Slow(tidy.Tidier):
        def _vacuum(self) -> None:
            release.wait(5)
            ran.append("vacuum")

    tidier = Slow(_Engine((15, 4)))  # type: ignore[arg-type]  # _vacuum above never touches it
    for _ in range(tidy.TIDY_EVERY * 3):  # the first VACUUM is still running for the later ones
        tidier.saved()
    assert ran == []
    release.set()
    tidier.wait()
    assert ran == ["vacuum"]


def test_store_tidy_stop_cancels_a_running_vacuum() -> None:
    """stop() cancels the VACUUM under way on its own connection and waits for the thread."""
    release = threading.Event()
    ran: list[str] = []

    class Connection:
        def cancel_safe(self) -> None:
            ran.append("cancelled")
            release.set()

    class Slow(tidy.Tidier):
        def _vacuum(self) -> None:
            self._connection = Connection()
            release.wait(5)
            self._connection = None
            ran.append("ended")

    tidier = Slow(_Engine((15, 4)))  # type: ignore[arg-type]
    tidier._running = threading.Thread(target=tidier._vacuum)
    tidier._running.start()
    while tidier._connection is None:
        release.wait(0.01)
    tidier.stop()
    assert ran == ["cancelled", "ended"]
    assert tidier._running is None


def test_store_interrupted_stops_housekeeping_instead_of_waiting(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store closed by an exception (Ctrl-C) cancels a running VACUUM; closed normally, it waits."""
    calls: list[str] = []
    monkeypatch.setattr(tidy.Tidier, "stop", lambda self: calls.append("stop"))
    monkeypatch.setattr(tidy.Tidier, "wait", lambda self: calls.append("wait"))
    with pytest.raises(KeyboardInterrupt), store:
        raise KeyboardInterrupt
    assert calls[0] == "stop"
    calls.clear()
    with store:
        pass
    assert "stop" not in calls
    assert "wait" in calls


def test_store_tidy_leaves_servers_before_12_to_autovacuum(monkeypatch: pytest.MonkeyPatch) -> None:
    """SKIP_LOCKED and TRUNCATE are PostgreSQL 12's: an older server gets no VACUUM from the writer."""

    monkeypatch.setattr(tidy, "TIDY_EVERY", 1)
    tidier = tidy.Tidier(_Engine((11, 22)))  # type: ignore[arg-type]
    tidier.saved()
    assert tidier._running is None
    assert "TRUNCATE false" in tidy._VACUUM

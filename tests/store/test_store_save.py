"""Saving reports: round trips, idempotency, edits that replace, removal, one transaction per report."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select
from store_helpers import dump, engagement, figure, person, report

from diplograph.errors import StoreError
from diplograph.model import Extraction
from diplograph.store import Store, fingerprint, open_store, report_id
from diplograph.store import facts as store_facts
from diplograph.store.schema import engagements, mentions, person_mentions, persons, reports

TALKS = (
    "HANOI, March 4 -- Prime Minister Pham Minh Chinh held talks with Singaporean Prime Minister "
    "Lawrence Wong in Hanoi on Monday. Chinh and Wong agreed to lift two-way trade. "
    "Trade between the two countries reached US$ 9.1 billion last year."
)


def talks(body: str = TALKS, **changes: object) -> Extraction:
    extraction = report(
        body,
        doc="wong-chinh.txt",
        title="Vietnam, Singapore leaders hold talks",
        source="VNA",
        published="2025-03-04",
        people=[
            person(body, "Pham Minh Chinh", "VNM", titles=["Prime Minister"], aliases=["Chinh"]),
            person(body, "Lawrence Wong", "SGP", titles=["Prime Minister"], aliases=["Wong"]),
        ],
        engagements=[
            engagement(
                body,
                "Prime Minister Pham Minh Chinh held talks with Singaporean Prime Minister Lawrence Wong",
                date="2025-03-03",
                location="Hanoi",
                country="VNM",
                participants=[
                    ("Pham Minh Chinh", "VNM", "Prime Minister"),
                    ("Lawrence Wong", "SGP", "Prime Minister"),
                ],
            )
        ],
        figures=[figure(body, "US$ 9.1 billion", indicator="bilateral trade", value=9.1e9)],
        warnings=["a note from the extractor"],
    )
    return dataclasses.replace(extraction, **changes) if changes else extraction


def test_store_save_load_round_trip_of_the_samples(store: Store, samples: list[Extraction]) -> None:
    for extraction in samples:
        assert store.save(extraction, source_key=extraction.article.origin) in {"added", "duplicate"}
    for extraction in samples:
        assert store.load(extraction.article.origin) == extraction
    assert store.load("never saved") is None


def test_store_save_load_round_trip_of_a_built_report(store: Store) -> None:
    extraction = talks()
    assert store.save(extraction, source_key="k") == "added"
    assert store.load("k") == extraction


def test_store_save_same_report_twice_is_unchanged(store: Store, samples: list[Extraction]) -> None:
    for extraction in samples:
        store.save(extraction, source_key=extraction.article.origin)
    before = dump(store.engine)
    with store.engine.connect() as conn:
        stamps = conn.execute(select(reports.c.id, reports.c.updated_at)).all()
    for extraction in samples:
        assert store.save(extraction, source_key=extraction.article.origin) == "unchanged"
    assert dump(store.engine) == before
    with store.engine.connect() as conn:
        assert conn.execute(select(reports.c.id, reports.c.updated_at)).all() == stamps


def test_store_save_fingerprint_lets_a_caller_skip_extraction(store: Store) -> None:
    extraction = talks()
    assert store.fingerprint_of("k") is None
    store.save(extraction, source_key="k")
    assert store.fingerprint_of("k") == fingerprint(
        extraction.article, extractor_version=extraction.extractor_version
    )
    assert fingerprint(extraction.article, extractor_version="other") != store.fingerprint_of("k")


def test_store_save_new_extractor_version_updates(store: Store) -> None:
    store.save(talks(), source_key="k")
    assert store.save(talks(extractor_version="store-tests-2"), source_key="k") == "updated"
    loaded = store.load("k")
    assert loaded is not None
    assert loaded.extractor_version == "store-tests-2"
    with store.engine.connect() as conn:
        versions = set(conn.execute(select(mentions.c.extractor_version)).scalars())
    assert versions == {"store-tests-2"}


def test_store_save_edit_replaces_the_old_facts(store_url: str, tmp_path: object) -> None:
    edited_body = (
        "HANOI, March 4 -- Prime Minister Pham Minh Chinh received Malaysian Prime Minister Anwar Ibrahim "
        "in Hanoi on Monday. Chinh and Anwar agreed to lift two-way trade."
    )
    edited = report(
        edited_body,
        doc="wong-chinh.txt",
        title="Vietnam, Malaysia leaders meet",
        source="VNA",
        published="2025-03-04",
        people=[
            person(edited_body, "Pham Minh Chinh", "VNM", titles=["Prime Minister"], aliases=["Chinh"]),
            person(edited_body, "Anwar Ibrahim", "MYS", titles=["Prime Minister"], aliases=["Anwar"]),
        ],
        engagements=[
            engagement(
                edited_body,
                "Prime Minister Pham Minh Chinh received Malaysian Prime Minister Anwar Ibrahim",
                kind="meeting",
                date="2025-03-03",
                location="Hanoi",
                country="VNM",
                participants=[
                    ("Pham Minh Chinh", "VNM", "Prime Minister"),
                    ("Anwar Ibrahim", "MYS", "Prime Minister"),
                ],
            )
        ],
    )
    with open_store(store_url) as store:
        assert store.save(talks(), source_key="k") == "added"
        assert store.save(edited, source_key="k") == "updated"
        assert store.load("k") == edited
        with store.engine.connect() as conn:
            names = set(conn.execute(select(persons.c.name)).scalars())
        assert "Lawrence Wong" not in names  # only the old version named him: collected
        assert {"Pham Minh Chinh", "Anwar Ibrahim"} <= names
        assert store.search("Singaporean") == []
        assert [hit.report_id for hit in store.search("Malaysian")] == [report_id("k")]
        after_edit = dump(store.engine)
        store.remove("k")
        store.save(edited, source_key="k")
        # Saving the edited version into a database that never held the first gives the same rows.
        assert dump(store.engine) == after_edit


def test_store_save_remove_collects_orphans(store: Store, samples: list[Extraction]) -> None:
    empty = dump(store.engine)
    for extraction in samples:
        store.save(extraction, source_key=extraction.article.origin)
    for extraction in samples:
        assert store.remove(extraction.article.origin) is True
    assert store.remove(samples[0].article.origin) is False
    assert dump(store.engine) == empty


def test_store_save_remove_keeps_what_other_reports_support(store: Store) -> None:
    first, second = (
        talks(),
        talks(TALKS.replace("HANOI, March 4", "SINGAPORE, March 4"), extractor_version="x"),
    )
    store.save(first, source_key="first")
    store.save(
        dataclasses.replace(second, article=dataclasses.replace(second.article, doc="other.txt")),
        source_key="second",
    )
    with store.engine.connect() as conn:
        assert conn.execute(select(engagements.c.sources)).scalars().all() == [1]  # a copy: one story
    store.remove("first")
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(persons)).scalar_one() == 2
        assert conn.execute(select(engagements.c.sources)).scalars().all() == [1]
        assert conn.execute(select(reports.c.duplicate_of)).scalars().all() == [None]
        assert conn.execute(select(func.count()).select_from(person_mentions)).scalar_one() > 0


def test_store_save_failure_mid_save_leaves_nothing(
    store: Store, samples: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report is saved whole or not at all, for a new report and for an edit alike."""
    for extraction in samples[:4]:
        store.save(extraction, source_key=extraction.article.origin)
    before = dump(store.engine)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_facts, "write_figures", broken)
    with pytest.raises(StoreError, match="disk on fire") as caught:
        store.save(samples[5], source_key=samples[5].article.origin)
    assert isinstance(caught.value.__cause__, RuntimeError)
    edited = dataclasses.replace(samples[0], extractor_version="edited")
    with pytest.raises(StoreError, match="disk on fire"):
        store.save(edited, source_key=samples[0].article.origin)
    assert dump(store.engine) == before
    monkeypatch.undo()
    assert store.save(samples[5], source_key=samples[5].article.origin) in {"added", "duplicate"}


def test_store_save_database_errors_become_store_errors(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    def refused(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT ...", {}, Exception("database is locked"))

    monkeypatch.setattr(store_facts, "write_figures", refused)
    with pytest.raises(StoreError, match="database is locked"):
        store.save(talks(), source_key="k")
    assert store.counts()["reports"] == 0


def test_store_save_counts_every_table(store: Store) -> None:
    store.save(talks(), source_key="k")
    counts = store.counts()
    assert counts["reports"] == 1
    assert counts["mentions"] == 1
    assert counts["figures"] == 1
    assert counts["persons"] == 2

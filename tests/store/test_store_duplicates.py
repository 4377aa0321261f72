"""Near-duplicate reports: the same wire story on several sites is kept as sources and counted once."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select
from store_helpers import engagement, person, report

from diplograph.model import Extraction
from diplograph.resolve import duplicates
from diplograph.store import Store, report_id
from diplograph.store import reports as reports_module
from diplograph.store.reports import _least_shared_bands
from diplograph.store.schema import engagements, mentions, report_bands, reports

STORY = (
    "Foreign Minister Bui Thanh Son held talks with his Thai counterpart Maris Sangiampongsa in Bangkok on "
    "Tuesday, the two ministries said. The ministers reviewed cooperation in trade, investment, tourism and "
    "security, and agreed to prepare for the next meeting of the Joint Cabinet Retreat. They also discussed "
    "the Mekong subregion, water resources, rice exports and the protection of fishermen at sea, and agreed "
    "to keep up regular exchanges between their ministries, provinces and businesses in the coming year."
)
OTHER = (
    "BANGKOK -- Thailand and Vietnam want trade between them to reach 25 billion dollars, Maris "
    "Sangiampongsa told reporters after meeting Bui Thanh Son, who is on a two-day visit to the Thai capital."
)
QUOTE = "Foreign Minister Bui Thanh Son held talks with his Thai counterpart Maris Sangiampongsa"


def wire(header: str, footer: str, *, doc: str, source: str) -> Extraction:
    body = header + STORY + footer
    return report(
        body,
        doc=doc,
        source=source,
        published="2025-06-04",
        people=[person(body, "Bui Thanh Son", "VNM"), person(body, "Maris Sangiampongsa", "THA")],
        engagements=[
            engagement(
                body,
                QUOTE,
                date="2025-06-03",
                location="Bangkok",
                country="THA",
                participants=[
                    ("Bui Thanh Son", "VNM", "Foreign Minister"),
                    ("Maris Sangiampongsa", "THA", "Foreign Minister"),
                ],
            )
        ],
    )


COPIES = [
    wire("BANGKOK (VNA) -- ", "\n\nSource: VNA", doc="vna.txt", source="VNA"),
    wire("Bangkok, June 3 -- ", "\n\nPhoto: the two ministers. (Courtesy)", doc="vov.txt", source="VOV"),
    wire("", "\n\nShare this story", doc="portal.txt", source="Portal"),
]


def independent() -> Extraction:
    return report(
        OTHER,
        doc="post.txt",
        source="Bangkok Post",
        published="2025-06-04",
        people=[person(OTHER, "Bui Thanh Son", "VNM"), person(OTHER, "Maris Sangiampongsa", "THA")],
        engagements=[
            engagement(
                OTHER,
                "meeting Bui Thanh Son",
                kind="meeting",
                date="2025-06-03",
                participants=[("Bui Thanh Son", "VNM", None), ("Maris Sangiampongsa", "THA", None)],
            )
        ],
    )


def _state(store: Store) -> tuple[dict[str, str | None], list[int]]:
    with store.engine.connect() as conn:
        copies = {
            row.source_key: row.duplicate_of
            for row in conn.execute(select(reports.c.source_key, reports.c.duplicate_of))
        }
        sources = list(conn.execute(select(engagements.c.sources)).scalars())
    return copies, sources


def test_store_duplicates_same_story_is_one_source(store: Store) -> None:
    outcomes = [store.save(copy, source_key=copy.article.doc) for copy in COPIES]
    assert outcomes == ["added", "duplicate", "duplicate"]
    copies, sources = _state(store)
    first = report_id("vna.txt")
    assert copies == {"vna.txt": None, "vov.txt": first, "portal.txt": first}
    assert sources == [1]
    with store.engine.connect() as conn:
        assert len(conn.execute(select(mentions.c.id)).all()) == 3  # every copy kept as a source
        similarity = conn.execute(select(reports.c.similarity).where(reports.c.doc == "vov.txt")).scalar_one()
    assert similarity >= duplicates.DUPLICATE_THRESHOLD


def test_store_duplicates_independent_report_counts_again(store: Store) -> None:
    for copy in COPIES:
        store.save(copy, source_key=copy.article.doc)
    assert store.save(independent(), source_key="post.txt") == "added"
    copies, sources = _state(store)
    assert copies["post.txt"] is None
    assert sources == [2]


def test_store_duplicates_edited_original_hands_over(store: Store) -> None:
    """When the first copy is rewritten, the next copy becomes the original and the third points at it."""
    for copy in COPIES:
        store.save(copy, source_key=copy.article.doc)
    store.save(independent(), source_key="vna.txt")  # vna.txt now holds another story
    copies, sources = _state(store)
    # Copies are re-examined in id order: the first becomes the original, the other points at it.
    first, second = sorted(["vov.txt", "portal.txt"], key=report_id)
    assert copies == {"vna.txt": None, first: None, second: report_id(first)}
    assert sources == [2]


def test_store_duplicates_removed_original_hands_over(store: Store) -> None:
    for copy in COPIES:
        store.save(copy, source_key=copy.article.doc)
    store.remove("vna.txt")
    copies, sources = _state(store)
    assert copies == {"vov.txt": None, "portal.txt": report_id("vov.txt")}
    assert sources == [1]


def test_store_duplicates_band_pruning_is_exact_at_the_threshold() -> None:
    """A pair at exactly the threshold shares at least the bands the candidate query requires."""
    needed = _least_shared_bands()
    equal = -(-int(duplicates.DUPLICATE_THRESHOLD * duplicates.PERMUTATIONS * 1000) // 1000)
    a = tuple(range(duplicates.PERMUTATIONS))
    # Spread the differing registers over as many bands as possible: the worst case for pruning.
    spoilt = [band * duplicates.ROWS for band in range(duplicates.PERMUTATIONS - equal)]
    b = tuple(value + 10_000 if index in spoilt else value for index, value in enumerate(a))
    assert duplicates.similarity(a, b) >= duplicates.DUPLICATE_THRESHOLD
    shared = len(set(duplicates.bands(a)) & set(duplicates.bands(b)))
    assert shared >= needed >= 1


def test_store_duplicates_found_when_common_buckets_are_set_aside(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every bucket counted as boilerplate, the widest-shared ones are left out of the candidate
    count, which then asks for fewer shared buckets: copies are still found, other stories are not."""
    monkeypatch.setattr(reports_module, "_COMMON", 1)
    assert store.save(independent(), source_key="post.txt") == "added"
    outcomes = [store.save(copy, source_key=copy.article.doc) for copy in COPIES]
    assert outcomes == ["added", "duplicate", "duplicate"]
    copies, _ = _state(store)
    assert copies == {
        "post.txt": None,
        "vna.txt": None,
        "vov.txt": report_id("vna.txt"),
        "portal.txt": report_id("vna.txt"),
    }
    # The sizes of the common buckets were counted once and kept for the next saves.
    assert store._bucket_sizes


def test_store_duplicates_remembered_buckets_are_not_counted_again(store: Store) -> None:
    """Buckets whose size the writer remembers are set aside from memory, without a statement, and
    the widest-shared go first, up to the bands allowed."""
    banded = duplicates.bands(duplicates.signature(STORY))
    sizes = {bucket: 100 + band for band, bucket in banded}
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *rest: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        with store.engine.connect() as conn:
            aside = reports_module._set_aside(conn, banded, sizes)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert statements == []
    widest = sorted(banded, key=lambda pair: -sizes[pair[1]])[: reports_module._SET_ASIDE]
    assert aside == {bucket for _, bucket in widest}


def test_store_duplicates_remembered_sizes_follow_the_writers_rows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A remembered bucket size grows with every row this writer files under the bucket: a size
    frozen at first sight ranked a bucket that kept filling below ones that had stopped."""
    monkeypatch.setattr(reports_module, "_COMMON", 1)
    store.save(independent(), source_key="post.txt")
    for copy in COPIES:
        store.save(copy, source_key=copy.article.doc)
    assert store._bucket_sizes
    assert store._bucket_sizes == _stored_sizes(store)
    # An edit takes the old version's bands away and files new ones; a removal takes them away.
    edited = report(STORY + " Both sides also agreed to meet again next spring.", doc="vov.txt")
    assert store.save(edited, source_key=COPIES[1].article.doc) in {"updated", "duplicate"}
    assert store._bucket_sizes == _stored_sizes(store)
    store.save(COPIES[2], source_key="another.txt")
    assert store._bucket_sizes == _stored_sizes(store)
    store.remove("another.txt")
    assert store._bucket_sizes == _stored_sizes(store)


def _stored_sizes(store: Store) -> dict[str, int]:
    """How many band rows the store holds for each bucket the writer remembers."""
    with store.engine.connect() as conn:
        return dict(
            conn.execute(
                select(report_bands.c.bucket, func.count())
                .where(report_bands.c.bucket.in_(list(store._bucket_sizes)))
                .group_by(report_bands.c.bucket)
            ).all()
        )

"""Full-text search on both backends: folding, stemming, ranking, snippets, queries that cannot break."""

from __future__ import annotations

import pytest
from store_helpers import report

from diplograph.model import Extraction
from diplograph.store import Store, report_id
from diplograph.store.search import _snippet, count_matches, search_reports, search_terms

RAIL = (
    "LANG SON -- Deputy Prime Minister Trần Hồng Hà and Chinese officials inspected the planned railway "
    "link between Lào Cai and Hekou on Friday, and visited the border gate at Đồng Đăng."
)
FLIGHTS = "HANOI -- Airlines will add direct flights between Hà Nội and Kunming from May, the ministry said."
PORTS = "Railways, ports and roads topped the agenda when the two transport ministers met in Đà Nẵng."


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(report(RAIL, doc="rail.txt", title="Officials inspect rail link"), source_key="rail")
    store.save(report(FLIGHTS, doc="flights.txt", title="More flights to Kunming"), source_key="flights")
    store.save(
        report(PORTS, doc="ports.txt", title="Transport ministers meet on railway plans"), source_key="ports"
    )
    return store


def _found(store: Store, query: str) -> set[str]:
    return {hit.report_id for hit in store.search(query)}


def test_store_search_finds_words_and_their_inflections(filled: Store) -> None:
    assert _found(filled, "railway") == {report_id("rail"), report_id("ports")}
    assert _found(filled, "railways") == {report_id("rail"), report_id("ports")}
    assert _found(filled, "flights Kunming") == {report_id("flights")}
    assert _found(filled, "submarine") == set()


def test_store_search_ignores_diacritics_and_case(filled: Store) -> None:
    assert _found(filled, "Tran Hong Ha") == {report_id("rail")}
    assert _found(filled, "dong dang") == {report_id("rail")}  # đ folds to d
    assert _found(filled, "ĐÀ NẴNG") == {report_id("ports")}
    assert _found(filled, "ha noi") == {report_id("flights")}


def test_store_search_needs_every_word(filled: Store) -> None:
    assert _found(filled, "railway Kunming") == set()


def test_store_search_ranks_title_matches_first(filled: Store) -> None:
    hits = filled.search("railway")
    assert [hit.report_id for hit in hits] == [report_id("ports"), report_id("rail")]
    assert hits[0].score >= hits[1].score


def test_store_search_snippet_points_at_the_match(filled: Store) -> None:
    (hit,) = filled.search("border gate")
    assert hit.doc == "rail.txt"
    assert hit.title == "Officials inspect rail link"
    assert hit.start is not None
    assert hit.end is not None
    assert RAIL[hit.start : hit.end] == "border"
    assert "border gate" in hit.snippet


def test_store_search_pages(filled: Store) -> None:
    first = filled.search("railway", limit=1)
    second = filled.search("railway", limit=1, offset=1)
    assert len(first) == len(second) == 1
    assert first[0].report_id != second[0].report_id
    with pytest.raises(ValueError, match="limit"):
        filled.search("railway", limit=0)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "NEAR(rail",
        "rail*",
        "title:rail",
        "rail OR 1=1",
        "'; DROP TABLE reports; --",
        "^rail",
        "a & b | !c",
        "(",
        "\\",
    ],
)
def test_store_search_operator_syntax_cannot_break_a_query(filled: Store, query: str) -> None:
    filled.search(query)  # no error, whatever it finds
    assert filled.counts()["reports"] == 3


@pytest.mark.parametrize("query", ["", "   ", "!!!", "—"])
def test_store_search_empty_queries_find_nothing(filled: Store, query: str) -> None:
    assert filled.search(query) == []


def test_store_search_follows_edits_and_removals(filled: Store) -> None:
    filled.save(report(FLIGHTS.replace("Kunming", "Nanning"), doc="flights.txt"), source_key="flights")
    assert _found(filled, "Kunming") == set()
    assert _found(filled, "Nanning") == {report_id("flights")}
    filled.remove("flights")
    assert _found(filled, "Nanning") == set()


def test_store_search_samples(store: Store, samples: list[Extraction]) -> None:
    for extraction in samples:
        store.save(extraction, source_key=extraction.article.origin)
    hits = store.search("steering committee")
    assert any("steering" in hit.snippet.lower() for hit in hits)
    assert {hit.doc for hit in store.search("To Lam")} >= {"vna_to_lam_xi_talks.txt"}


def test_store_search_terms_fold_queries() -> None:
    assert search_terms("Tô Lâm, Đà Nẵng!") == ["to", "lam", "da", "nang"]
    assert search_terms("rail rail") == ["rail"]


@pytest.mark.parametrize(
    ("body", "terms", "span"),
    [
        ("Tô Lâm met Đà Nẵng officials on railway_links; railways grew", ["da", "railways"], (11, 13)),
        ("The élan of Lancaster", ["lan"], (12, 21)),  # not the "lan" inside "élan"
        ("foo_bar baz", ["bar"], (0, 7)),
        ("Hà Nội and Việt Nam", ["viet"], (11, 15)),
        ("WREATH laid at the memorial", ["wreath"], (0, 6)),
        ("nothing here", ["wreath"], (None, None)),
    ],
)
def test_store_search_snippet_marks_the_first_word_that_folds_to_a_term(
    body: str, terms: list[str], span: tuple[int | None, int | None]
) -> None:
    """ASCII words are found without folding each one; words with diacritics still fold."""
    _, start, end = _snippet(body, terms)
    assert (start, end) == span


def _segments(store: Store) -> int | None:
    """How many FTS5 segments the SQLite index holds (None on PostgreSQL, which has none)."""
    if store.dialect != "sqlite":
        return None
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(DISTINCT segid) FROM reports_fts_idx").scalar_one())


def _estimated_reports(store: Store) -> float:
    with store.engine.connect() as conn:
        found = conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE relname = 'reports'")
        return float(found.scalar_one())


def test_store_finish_batch_compacts_the_index_after_a_large_batch(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("diplograph.store.store.COMPACT_FROM", 2)
    before = {query: [hit.report_id for hit in filled.search(query)] for query in ("railway", "Kunming")}
    if filled.dialect == "sqlite":
        assert _segments(filled) == 3  # one per save transaction
    if filled.dialect == "postgresql":
        assert _estimated_reports(filled) == -1  # never analysed yet
    assert filled.finish_batch(3) is True
    assert _segments(filled) in (1, None)
    if filled.dialect == "postgresql":
        assert _estimated_reports(filled) == 3  # ANALYZE ran: the planner knows the table's size
    assert {query: [hit.report_id for hit in filled.search(query)] for query in before} == before


def test_store_finish_batch_leaves_a_large_index_alone_after_a_small_batch(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("diplograph.store.store.COMPACT_FROM", 2)
    assert filled.finish_batch(1) is False  # under COMPACT_FROM
    monkeypatch.setattr("diplograph.store.store.COMPACT_FROM", 0)
    assert filled.finish_batch(0) is False  # a tenth of the store would be 0.3 reports: 0 is less
    if filled.dialect == "sqlite":
        assert _segments(filled) == 3


def test_store_search_ties_come_in_report_id_order(store: Store) -> None:
    """Reports that score the same are listed by id on both backends, page after page."""
    for number in range(12):
        text = f"HANOI -- The ministers discussed coastal shipping routes, item {number}."
        store.save(report(text, doc=f"tie{number}.txt"), source_key=f"tie{number}")
    pages = [store.search("coastal shipping", limit=5, offset=offset) for offset in (0, 5, 10)]
    listed = [hit.report_id for page in pages for hit in page]
    assert sorted(listed) == listed == sorted(report_id(f"tie{number}") for number in range(12))


def test_store_search_counts_every_match_and_leaves_the_planner_as_it_was(filled: Store) -> None:
    """count_matches agrees with the full result list; on PostgreSQL, the index-only planning that
    search uses inside a transaction is put back for whatever the transaction runs next."""
    with filled.engine.connect() as conn:
        assert count_matches(conn, "railway") == len(search_reports(conn, "railway", limit=100)) == 2
        assert count_matches(conn, "") == 0
        if filled.dialect == "postgresql":
            assert conn.exec_driver_sql("SHOW enable_seqscan").scalar_one() == "on"
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            search_reports(conn, "railway")
            assert conn.exec_driver_sql("SHOW enable_seqscan").scalar_one() == "off"


def test_store_search_on_postgresql_reads_matches_through_the_index(filled: Store) -> None:
    """On a table this small the planner would scan it; inside _through_the_index it takes the GIN
    bitmap, as search and count_matches do on large stores."""
    if filled.dialect != "postgresql":
        pytest.skip("PostgreSQL's planner setting")
    from diplograph.store.search import _through_the_index

    explain = (
        "EXPLAIN SELECT count(*) FROM reports_fts WHERE document @@ plainto_tsquery('english', 'railway')"
    )
    with filled.engine.connect() as conn:
        plain = "\n".join(conn.exec_driver_sql(explain).scalars())
        with _through_the_index(conn):
            indexed = "\n".join(conn.exec_driver_sql(explain).scalars())
    assert "Bitmap Index Scan" not in plain
    assert "Bitmap Index Scan on ix_reports_fts_document" in indexed


def test_store_refreshes_postgresql_statistics_each_time_the_store_doubles(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store filling fast must not be planned from the statistics of its first minute."""
    monkeypatch.setattr("diplograph.store.store.ANALYZE_FROM", 2)
    texts = [RAIL, FLIGHTS, PORTS, RAIL + " More.", FLIGHTS + " More."]
    seen: list[float] = []
    for number, body in enumerate(texts):
        store.save(report(body, doc=f"{number}.txt"), source_key=f"r{number}")
        store.save(report(body, doc=f"{number}.txt"), source_key=f"r{number}")  # unchanged: not counted
        if store.dialect == "postgresql":
            seen.append(_estimated_reports(store))
    if store.dialect == "postgresql":
        # Analysed after 2 saves (ANALYZE_FROM), then after as many more as it had counted: at 4.
        assert seen == [-1, 2, 2, 4, 4]


@pytest.mark.parametrize("refused", ["ANALYZE", "reltuples"])
def test_store_saves_on_when_statistics_cannot_be_refreshed(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, refused: str
) -> None:
    """The report is committed before statistics are looked at: a failure there is only logged."""
    from sqlalchemy.engine import Connection
    from sqlalchemy.exc import OperationalError

    real = Connection.exec_driver_sql

    def refuse(self: Connection, statement: str, *args: object, **kwargs: object) -> object:
        if refused in statement:
            raise OperationalError(statement, None, Exception("permission denied"))
        return real(self, statement, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Connection, "exec_driver_sql", refuse)
    monkeypatch.setattr("diplograph.store.store.ANALYZE_FROM", 1)
    assert store.save(report(RAIL, doc="rail.txt"), source_key="rail") == "added"
    assert store.save(report(PORTS, doc="ports.txt"), source_key="ports") == "added"
    assert _found(store, "railway") == {report_id("rail"), report_id("ports")}
    if store.dialect == "postgresql":
        assert "could not refresh the planner's statistics" in caplog.text


def test_store_write_transactions_plan_each_statement_once(store: Store) -> None:
    """On PostgreSQL a write transaction keeps one generic plan per prepared statement (the write
    path's JSON and array parameters gave custom plans no better, replanned on every call); only
    inside that transaction: reads keep PostgreSQL's own choice."""
    if store.dialect != "postgresql":
        pytest.skip("plan_cache_mode is PostgreSQL's")
    with store._write() as conn:
        assert conn.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_generic_plan"
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW plan_cache_mode").scalar() == "auto"
    assert store.save(report(RAIL, doc="rail.txt"), source_key="rail") == "added"
    assert _found(store, "railway") == {report_id("rail")}

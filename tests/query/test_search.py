"""query.search on stores built from the bundled samples."""

from __future__ import annotations

import pytest

from diplograph import query
from diplograph.store import Store


def test_search_finds_reports_engagements_and_people(sample_store: Store) -> None:
    result = query.search(sample_store, "railway")
    docs = {hit.doc for hit in result.reports.items}
    assert {"vna_to_lam_xi_talks.txt", "xinhua_steering_committee_16th.txt"} <= docs
    assert result.reports.total == len(result.reports.items)
    for hit in result.reports.items:
        assert "railway" in hit.snippet.lower()
    touched = {doc for record in result.engagements for doc in (s.doc for s in record.sources)}
    assert touched <= docs
    assert "To Lam" in {p.name for p in result.people}


def test_search_folds_diacritics_and_lists_the_named_person_first(sample_store: Store) -> None:
    result = query.search(sample_store, "Tô Lâm")
    assert result.reports.total >= 1
    assert result.people[0].name == "To Lam"


def test_search_pages_report_the_total(sample_store: Store) -> None:
    whole = query.search(sample_store, "talks", limit=100).reports
    assert whole.total == len(whole.items) >= 3
    first = query.search(sample_store, "talks", limit=2).reports
    second = query.search(sample_store, "talks", limit=2, offset=2).reports
    assert first.total == second.total == whole.total
    assert [h.id for h in first.items + second.items] == [h.id for h in whole.items[:4]]
    past = query.search(sample_store, "talks", offset=whole.total + 5).reports
    assert past.items == ()
    assert past.total == whole.total


def test_search_nothing_found_and_empty_text(sample_store: Store) -> None:
    result = query.search(sample_store, "zeppelin")
    assert result.reports.total == 0
    assert result.engagements == ()
    assert result.people == ()
    with pytest.raises(ValueError, match="empty"):
        query.search(sample_store, "   ")


def test_search_operators_are_plain_words(sample_store: Store) -> None:
    for text in ['railway" OR "', "NEAR(railway", "railway*", "-railway", "rail & way | !x"]:
        query.search(sample_store, text)  # never an SQL or FTS syntax error

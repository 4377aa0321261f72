"""Statements, commitments, topic threads and initiatives, read from the samples and our own readouts."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from thread_readouts import THREADS

from diplograph.process import add_paths
from diplograph.query import NoMatch, timeline
from diplograph.query.commitments import commitments, initiatives, thread, topics
from diplograph.query.statements import domain_timeline, statements
from diplograph.store import Store, open_store

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "diplograph" / "samples"
BACKENDS = ("sqlite", "postgresql")


def new_database(server: str) -> str:
    """A new empty database on the session's PostgreSQL server (see conftest.postgres_server)."""
    name = f"claims_{uuid.uuid4().hex[:12]}"
    url = server.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        engine.dispose()
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="module", params=BACKENDS)
def claims_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The samples and the railway / "3+3" readouts, stored once per backend."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("claims") / "claims.db")
    else:
        url = new_database(request.getfixturevalue("postgres_server"))
    store = open_store(url)
    summary = add_paths(store, [SAMPLES, THREADS])
    assert not summary.failures, summary.failures
    yield store
    store.close()


def test_query_statements_filter_by_domain_in_date_order(claims_store: Store) -> None:
    page = statements(claims_store, domain="infrastructure_connectivity", limit=100)
    assert page.total == len(page.items) >= 4
    assert all("infrastructure_connectivity" in item.domains for item in page.items)
    dated = [item.published for item in page.items if item.published]
    assert dated == sorted(dated)
    assert {"rail_nov.txt", "summit_apr.txt"} <= {item.doc for item in page.items}


def test_query_statements_by_person_any_spelling(claims_store: Store) -> None:
    page = statements(claims_store, person="wang yi")
    assert page.total >= 2
    assert {item.speaker for item in page.items} == {"Wang Yi"}
    assert all(item.person_id and item.side == "CHN" for item in page.items)
    assert statements(claims_store, person="Tran Hong Ha").items[0].content.startswith("Vietnam hopes")


def test_query_statements_side_act_and_dates(claims_store: Store) -> None:
    page = statements(claims_store, side="Vietnam", since="2024-11", until="2024-11")
    assert [(item.speaker, item.doc) for item in page.items] == [("Tran Hong Ha", "rail_nov.txt")]
    both = statements(claims_store, act="agreed", since="2025-04-14", until="2025-04-14")
    assert [item.speaker_kind for item in both.items] == ["both"]
    assert both.items[0].anchor == "statement-0"


def test_query_statements_page(claims_store: Store) -> None:
    everything = statements(claims_store, limit=1000)
    second = statements(claims_store, limit=3, offset=3)
    assert second.items == everything.items[3:6]
    assert second.total == everything.total


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"domain": "sports"}, "domain"),
        ({"act": "shouted"}, "act"),
        ({"side": "Atlantis"}, "country"),
        ({"since": "2024-13"}, "since"),
        ({"limit": 0}, "limit"),
    ],
)
def test_query_statements_bad_arguments(claims_store: Store, arguments: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        statements(claims_store, **arguments)


def test_query_statements_unknown_person_is_no_match(claims_store: Store) -> None:
    with pytest.raises(NoMatch):
        statements(claims_store, person="Nobody Atall")


def test_query_commitments_by_topic_and_stage(claims_store: Store) -> None:
    page = commitments(claims_store, topic="railway")
    assert page.total == 4
    assert {item.topic_key for item in page.items} == {"CHN-VNM|railway"}
    assert [item.stage for item in commitments(claims_store, topic="railway", stage="proposed").items] == [
        "proposed"
    ]
    assert commitments(claims_store, topic="no such topic at all").total == 0
    with pytest.raises(ValueError, match="stage"):
        commitments(claims_store, stage="dreamt")


def test_query_commitments_of_a_mechanism(claims_store: Store) -> None:
    page = commitments(claims_store, mechanism="3+3")
    assert [item.doc for item in page.items] == ["dialogue_dec.txt", "summit_apr.txt"]
    assert "ministerial level" in page.items[1].item


def test_query_thread_railway_follows_the_lifecycle(claims_store: Store) -> None:
    (found,) = thread(claims_store, "Railway")
    assert found.key == "CHN-VNM|railway"
    assert found.parties == ("CHN", "VNM")
    steps = [(step.date, step.stage, step.advances) for step in found.steps]
    assert steps == [
        ("2024-11-21", "proposed", True),
        ("2024-11-21", "agreed", True),
        ("2025-04-14", "agreed", False),
    ]
    last = {entry.doc for entry in found.steps[-1].entries}
    assert last == {"summit_apr.txt", "vna_to_lam_xi_talks.txt"}  # an undated sample, dated by its talks
    assert "China-Vietnam Railway Cooperation Committee" in found.mechanisms
    assert all(entry.evidence for step in found.steps for entry in step.entries)


def test_query_thread_three_plus_three_from_first_meeting_to_upgrade(claims_store: Store) -> None:
    (found,) = thread(claims_store, "3+3")
    assert [step.date for step in found.steps] == ["2024-12-19", "2025-04-14"]
    assert "ministerial" in found.steps[-1].entries[0].item


def test_query_thread_errors(claims_store: Store) -> None:
    with pytest.raises(NoMatch):
        thread(claims_store, "submarine cables")
    with pytest.raises(ValueError, match="text"):
        thread(claims_store, " +++ ")


def test_query_topics_most_reported_first(claims_store: Store) -> None:
    page = topics(claims_store)
    assert page.items[0].key == "CHN-VNM|railway"
    assert page.items[0].reports == 3
    assert page.items[0].stage == "agreed"
    assert page.total == len(page.items)


def test_query_initiatives_with_aliases(claims_store: Store) -> None:
    found = {item.name: item for item in initiatives(claims_store)}
    anniversary = found["75th anniversary of China-Russia diplomatic relations"]
    assert anniversary.kind == "anniversary"
    assert anniversary.reports >= 2
    assert len(anniversary.aliases) >= 2
    assert "Lao Cai-Hanoi-Hai Phong railway" in found


def test_query_domain_timeline_narrows_the_timeline(claims_store: Store) -> None:
    narrowed = domain_timeline(claims_store, domain="infrastructure_connectivity", limit=100)
    everything = timeline(claims_store, limit=1000)
    assert 0 < narrowed.total < everything.total
    docs = {source.doc for item in narrowed.items for source in item.sources}
    assert {"rail_nov.txt", "summit_apr.txt"} <= docs
    assert "dialogue_dec.txt" not in docs
    with pytest.raises(ValueError, match="domain"):
        domain_timeline(claims_store, domain="sports")


def test_query_claims_same_answers_on_both_backends(tmp_path: Path, postgres_server: str) -> None:
    answers = []
    for url in (str(tmp_path / "a.db"), new_database(postgres_server)):
        with open_store(url) as store:
            add_paths(store, [THREADS])
            answers.append(
                (
                    statements(store, limit=100),
                    commitments(store, limit=100),
                    thread(store, "railway"),
                    topics(store),
                    initiatives(store),
                )
            )
    assert answers[0] == answers[1]

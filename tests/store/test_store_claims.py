"""Statements, commitments and initiatives in the store: saved with their report, resolved, read back."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select
from store_helpers import dump, person, report, span

from diplograph.errors import StoreError
from diplograph.model import Commitment, Extraction, InitiativeMention, Statement
from diplograph.resolve import topic_key
from diplograph.store import Store, open_store
from diplograph.store.schema import (
    commitments,
    initiative_mentions,
    initiatives,
    persons,
    statement_domains,
    statements,
)

RAIL = (
    "HANOI, Nov. 21 -- Deputy Prime Minister Tran Hong Ha met Vice Premier Liu Guozhong. "
    "Ha said Vietnam wants faster rail links with China. "
    "The two sides agreed to speed up work on three standard-gauge railway lines this year, "
    "marking the 75th anniversary of diplomatic ties."
)

# A different story before the same paragraph, so that the two reports are not near-duplicates.
OTHER = (
    "Officials from both ministries of transport spent the morning in Lao Cai reviewing surveys, "
    "border crossings, freight yards, customs sheds, bridge designs and the budget for new stations. "
) * 3


def rail(body: str = RAIL) -> Extraction:
    said = "Ha said Vietnam wants faster rail links with China."
    agreed = "The two sides agreed to speed up work on three standard-gauge railway lines this year"
    base = report(
        body,
        doc="rail.txt",
        published="2024-11-21",
        people=[
            person(body, "Tran Hong Ha", "VNM", titles=["Deputy Prime Minister"], aliases=["Ha"]),
            person(body, "Liu Guozhong", "CHN", titles=["Vice Premier"]),
        ],
    )
    return dataclasses.replace(
        base,
        statements=(
            Statement(
                speaker="Tran Hong Ha",
                speaker_kind="person",
                side="VNM",
                act="said",
                content=span(body, "Vietnam wants faster rail links with China"),
                domains=("infrastructure_connectivity", "political"),
                evidence=span(body, said),
            ),
            Statement(
                speaker=None,
                speaker_kind="both",
                side=None,
                act="agreed",
                content=span(body, "speed up work on three standard-gauge railway lines this year"),
                domains=("infrastructure_connectivity",),
                evidence=span(body, agreed),
            ),
        ),
        commitments=(
            Commitment(
                item="speed up work on three standard-gauge railway lines",
                stage="agreed",
                parties=("VNM", "CHN"),
                target="three standard-gauge railway lines",
                deadline="this year",
                topic="railways",
                mechanism=None,
                initiative=None,
                domains=("infrastructure_connectivity",),
                evidence=span(body, agreed),
            ),
        ),
        initiatives=(
            InitiativeMention(
                name="75th anniversary of China-Vietnam diplomatic relations",
                alias="75th anniversary of diplomatic ties",
                kind="anniversary",
                evidence=span(body, "75th anniversary of diplomatic ties"),
            ),
        ),
    )


def test_store_claims_round_trip_and_resolution(store: Store) -> None:
    extraction = rail()
    assert store.save(extraction, source_key="rail") == "added"
    assert store.load("rail") == extraction
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(statements.c.position, persons.c.name)
            .outerjoin(persons, persons.c.id == statements.c.person_id)
            .order_by(statements.c.position)
        ).all()
        assert [tuple(row) for row in rows] == [(0, "Tran Hong Ha"), (1, None)]
        domains = conn.execute(select(statement_domains.c.domain).order_by(statement_domains.c.domain))
        assert list(domains.scalars()) == sorted(
            ["infrastructure_connectivity", "political", "infrastructure_connectivity"]
        )
        key = conn.execute(select(commitments.c.topic_key)).scalar_one()
        assert key == topic_key(extraction.commitments[0]) == "CHN-VNM|railway"
        assert conn.execute(select(initiatives.c.name, initiatives.c.kind)).all() == [
            ("75th anniversary of China-Vietnam diplomatic relations", "anniversary")
        ]


def test_store_claims_one_initiative_for_two_reports_and_collected_with_the_last(store: Store) -> None:
    store.save(rail(), source_key="a")
    store.save(rail(RAIL + " More text."), source_key="b")
    assert store.counts()["initiatives"] == 1
    assert store.counts()["initiative_mentions"] == 2
    assert store.remove("a")
    assert store.counts()["initiatives"] == 1
    assert store.remove("b")
    counts = store.counts()
    assert counts["initiatives"] == counts["statements"] == counts["statement_domains"] == 0
    assert counts["commitments"] == counts["initiative_mentions"] == 0


def test_store_claims_edit_replaces_them(store: Store) -> None:
    store.save(rail(), source_key="rail")
    edited = dataclasses.replace(rail(RAIL + " Edited."), statements=(), initiatives=())
    assert store.save(edited, source_key="rail") == "updated"
    assert store.load("rail") == edited
    counts = store.counts()
    assert counts["statements"] == counts["statement_domains"] == counts["initiatives"] == 0
    assert counts["commitments"] == 1


def test_store_claims_same_database_whatever_the_order(store_url: str, fresh_url: object) -> None:
    assert callable(fresh_url)
    other = OTHER + RAIL
    with open_store(store_url) as first:
        first.save(rail(), source_key="a")
        first.save(rail(other), source_key="b")
        one = dump(first.engine)
    with open_store(fresh_url()) as second:
        second.save(rail(other), source_key="b")
        second.save(rail(), source_key="a")
        assert dump(second.engine) == one


@pytest.mark.parametrize("field", ["item", "topic", "deadline"])
def test_store_claims_refuse_a_nul_in_a_commitment(store: Store, field: str) -> None:
    extraction = rail()
    bad = dataclasses.replace(extraction.commitments[0], **{field: "x\x00y"})
    with pytest.raises(StoreError, match="NUL"):
        store.save(dataclasses.replace(extraction, commitments=(bad,)), source_key="bad")
    assert store.counts()["reports"] == 0


def test_store_claims_refuse_a_party_holding_the_separator(store: Store) -> None:
    extraction = rail()
    bad = dataclasses.replace(extraction.commitments[0], parties=("VNM|CHN",))
    with pytest.raises(StoreError, match="party"):
        store.save(dataclasses.replace(extraction, commitments=(bad,)), source_key="bad")


def test_store_claims_speaker_not_among_the_people_has_no_person(store: Store) -> None:
    extraction = rail()
    stranger = dataclasses.replace(extraction.statements[0], speaker="Someone Unlisted")
    store.save(dataclasses.replace(extraction, statements=(stranger,)), source_key="s")
    with store.engine.connect() as conn:
        assert conn.execute(select(statements.c.person_id, statements.c.speaker)).one() == (
            None,
            "Someone Unlisted",
        )
    assert store.load("s") is not None
    assert store.load("s").statements == (stranger,)  # type: ignore[union-attr]


def test_store_claims_samples_keep_initiative_mentions(store: Store, samples: list[Extraction]) -> None:
    for extraction in samples:
        store.save(extraction, source_key=extraction.article.origin)
    stored = sum(len(extraction.initiatives) for extraction in samples)
    assert stored
    assert store.counts()["initiative_mentions"] == stored
    assert store.counts()["statements"] == sum(len(extraction.statements) for extraction in samples)
    with store.engine.connect() as conn:
        named = set(conn.execute(select(initiative_mentions.c.initiative_id)).scalars())
        assert named == set(conn.execute(select(initiatives.c.id)).scalars())

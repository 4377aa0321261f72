"""Threading commitments across reports: topic keys, same_topic and the ordered lifecycle."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from diplograph.extract.commitments import find_commitments
from diplograph.extract.pipeline import extract_article
from diplograph.ingest import article_from_text, read_article
from diplograph.model import Commitment, CommitmentStage, Evidence
from diplograph.resolve.commitments import Step, lifecycle, same_topic, topic_key

RAILWAY = Commitment(
    item="establish a Railway Cooperation Committee",
    stage="agreed",
    parties=("CHN", "VNM"),
    target=None,
    deadline=None,
    topic="railway",
    mechanism="China-Vietnam Railway Cooperation Committee",
    initiative=None,
    domains=("infrastructure_connectivity",),
    evidence=Evidence(quote="x", start=0, end=1),
)


def test_commitments_topic_key_ignores_party_order_spelling_and_plural() -> None:
    flights = replace(RAILWAY, topic="Flights", mechanism=None, parties=("VNM", "CHN"))
    assert topic_key(flights) == "CHN-VNM|flight"
    assert topic_key(replace(flights, topic="flight")) == topic_key(flights)
    defence = replace(flights, topic="defence cooperation")
    assert topic_key(defence) == topic_key(replace(defence, topic="Defense Cooperation"))


def test_commitments_topic_key_keeps_pairs_apart() -> None:
    laos = replace(RAILWAY, parties=("LAO", "CHN"), mechanism=None)
    assert topic_key(laos) != topic_key(RAILWAY)
    assert not same_topic(laos, RAILWAY)


def test_commitments_mechanism_topics_key_like_mechanisms() -> None:
    one = replace(
        RAILWAY,
        topic="Vietnam-China Steering Committee for Bilateral Cooperation",
        mechanism="Vietnam-China Steering Committee for Bilateral Cooperation",
    )
    other = replace(
        one,
        topic="China-Vietnam Steering Committee for Bilateral Cooperation",
        mechanism="China-Vietnam Steering Committee for Bilateral Cooperation",
    )
    assert topic_key(one) == topic_key(other)
    assert topic_key(one).startswith("CHN-VNM|mechanism:")


def test_commitments_same_initiative_or_mechanism_is_one_topic() -> None:
    line = replace(
        RAILWAY, topic="Lao Cai line", mechanism=None, initiative="Lao Cai-Hanoi-Hai Phong railway"
    )
    themed = replace(RAILWAY, mechanism=None, initiative="Lao Cai-Hanoi-Hai Phong railway")
    assert same_topic(line, themed)
    assert same_topic(replace(RAILWAY, topic="rail committee"), RAILWAY)
    assert not same_topic(replace(line, initiative="Red Journey"), replace(RAILWAY, mechanism=None))


def test_commitments_topic_key_needs_a_topic() -> None:
    with pytest.raises(ValueError, match="topic"):
        topic_key(replace(RAILWAY, topic=" - "))


def test_commitments_lifecycle_orders_by_date_then_stage() -> None:
    steps = lifecycle(
        [
            ("agreed", "2025-04-14", "r3"),
            ("under_way", "2024-12-10", "r1"),
            ("proposed", "2024-12-10", "r1"),
            ("reaffirmed", "2025-04-14", "r3"),
            ("done", None, "r9"),
            ("agreed", "2025-04-14", "r4"),
        ]
    )
    assert [(s.date, s.stage, s.refs, s.advances) for s in steps] == [
        ("2024-12-10", "proposed", ("r1",), True),
        ("2024-12-10", "under_way", ("r1",), True),
        ("2025-04-14", "agreed", ("r3", "r4"), False),
        ("2025-04-14", "reaffirmed", ("r3",), False),
        (None, "done", ("r9",), True),
    ]
    assert all(isinstance(step, Step) for step in steps)


def test_commitments_lifecycle_of_nothing_is_empty() -> None:
    assert lifecycle([]) == []


def test_commitments_lifecycle_rejects_unknown_stages() -> None:
    bad: CommitmentStage = "shelved"  # type: ignore[assignment]
    with pytest.raises(ValueError, match="stage"):
        lifecycle([(bad, "2025", "r1")])


def _threads(reports: list[tuple[str, str, str]]) -> dict[str, list[Step[str]]]:
    """Commitments of each (doc, date, text), grouped by topic key, each group's lifecycle."""
    entries: dict[str, list[tuple[CommitmentStage, str | None, str]]] = {}
    for doc, date, text in reports:
        extraction = extract_article(article_from_text(text, doc=doc))
        for commitment in find_commitments(
            extraction.article.text, extraction.statements, anchor_year=int(date[:4]), pair=("CHN", "VNM")
        ):
            entries.setdefault(topic_key(commitment), []).append((commitment.stage, date, doc))
    return {key: lifecycle(values) for key, values in entries.items()}


def test_commitments_railway_threads_across_two_reports() -> None:
    first = (
        "HANOI, Nov. 19 (VNA) -- Deputy Prime Minister Le Thanh Long held talks with Chinese Vice Premier "
        "Ding Xuexiang on November 19, 2024.\n\nLong proposed speeding up the consultation on three "
        "standard-gauge railway lines linking the two countries. Ding voiced support for Long's proposals.\n"
    )
    second = (
        "HANOI, April 14 (VNA) -- General Secretary To Lam held talks with President Xi Jinping on April 14, "
        "2025.\n\nThe two sides agreed to establish a Railway Cooperation Committee between the two "
        "governments.\n"
    )
    threads = _threads([("apr", "2025-04-14", second), ("nov", "2024-11-19", first)])
    railway = threads["CHN-VNM|railway"]
    assert [(s.date, s.stage, s.refs, s.advances) for s in railway] == [
        ("2024-11-19", "agreed", ("nov",), True),
        ("2025-04-14", "agreed", ("apr",), False),
    ]


_SEEDS = ("000_f9f6cf85b71da44a.txt", "003_6a695dc37a96dbaa.txt", "004_fbf9af1224aa518f.txt")


@pytest.mark.shared
def test_commitments_seed_threads_for_the_dialogue_and_the_railways(shared_dir: Path) -> None:
    """The issue's examples: "3+3" (first meeting Dec 2024 -> ministerial level Apr 2025), railways."""
    entries: dict[str, list[tuple[CommitmentStage, str | None, str]]] = {}
    for name in _SEEDS:
        path = shared_dir / "seeds" / name
        if not path.exists():
            pytest.skip(f"{name} is not in ../shared/seeds")
        extraction = extract_article(read_article(path))
        date = extraction.article.published
        day = date.start if date else None
        year = int(day[:4]) if day else None
        mechanisms = [e.mechanism for e in extraction.engagements if e.mechanism]
        found = find_commitments(
            extraction.article.text,
            extraction.statements,
            anchor_year=year,
            pair=("CHN", "VNM"),
            mechanisms=mechanisms,
        )
        for commitment in found:
            entries.setdefault(topic_key(commitment), []).append((commitment.stage, day, name[:3]))
    dialogue = next(steps for key, steps in entries.items() if "3 3 strategic dialogue" in key)
    assert [(stage, doc) for stage, _, doc in sorted(dialogue, key=lambda e: e[1] or "")][-1] == (
        "agreed",
        "004",
    )
    moves = [(step.stage, step.refs[0]) for step in lifecycle(dialogue)]
    assert moves[0][1] == "000"
    assert ("under_way", "000") in moves
    assert moves[-1] == ("agreed", "004")
    railway = lifecycle(entries["CHN-VNM|railway"])
    assert {ref for step in railway for ref in step.refs} == {"003", "004"}
    assert [step.refs[0] for step in railway] == sorted(step.refs[0] for step in railway)

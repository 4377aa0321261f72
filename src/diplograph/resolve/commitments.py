"""One thread per commitment topic across reports, and the order of its life: proposed to done.

Reports of the same relationship name a topic in many ways ("the three standard-gauge railway
lines", "a Railway Cooperation Committee", "the Lao Cai-Hanoi-Hai Phong railway"); extraction
already gave them one topic ("railway"), so threading needs only a key that also keeps pairs
apart (railways of China-Vietnam and of China-Laos are two threads) and tolerates spelling
("defence" / "defense"). Pure functions: the store asks, and writes the answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from diplograph.extract.gazetteer import fold
from diplograph.model import COMMITMENT_STAGES, Commitment, CommitmentStage
from diplograph.resolve.mechanisms import mechanism_key

__all__ = ["Step", "lifecycle", "same_topic", "topic_key"]

T = TypeVar("T")

_SPELLING = {"defence": "defense", "programme": "program", "centre": "center", "organisation": "organization"}
_UNDATED = "9999"  # undated reports go last: their place in the story is unknown
_RANK = {stage: rank for rank, stage in enumerate(COMMITMENT_STAGES)}
_PROGRESS = ("proposed", "agreed", "under_way", "done")


def _pair(commitment: Commitment) -> str:
    return "-".join(sorted({party.strip().upper() for party in commitment.parties if party.strip()}))


def _words(topic: str) -> str:
    """Folded words, British and American spellings as one, a final plural dropped ("flights")."""
    words = [_SPELLING.get(word, word) for word in fold(topic).split()]
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def topic_key(commitment: Commitment) -> str:
    """The key every commitment of one topic shares: the pair's ISO codes, then the folded topic.

    A topic that is a mechanism keys as resolve.mechanisms does, so "Vietnam-China ..." and
    "China-Vietnam ..." spellings of one committee meet. Raises ValueError for an empty topic.
    """
    if not fold(commitment.topic):
        raise ValueError(f"a commitment needs a topic with letters or digits, got {commitment.topic!r}")
    pair = _pair(commitment)
    if commitment.mechanism and fold(commitment.topic) == fold(commitment.mechanism):
        return f"{pair}|mechanism:{mechanism_key(commitment.mechanism, commitment.parties)}"
    return f"{pair}|{_words(commitment.topic)}"


def same_topic(a: Commitment, b: Commitment) -> bool:
    """Whether two commitments belong to one thread: one pair and one topic key.

    Beyond equal keys, two commitments of one pair about the same named initiative or mechanism
    are one topic even when one of them was keyed by its theme ("railway" for the Lao Cai line).
    """
    if topic_key(a) == topic_key(b):
        return True
    if _pair(a) != _pair(b):
        return False
    if a.initiative and b.initiative and fold(a.initiative) == fold(b.initiative):
        return True
    return bool(a.mechanism and b.mechanism) and mechanism_key(a.mechanism or "", a.parties) == mechanism_key(
        b.mechanism or "", b.parties
    )


@dataclass(frozen=True, slots=True)
class Step(Generic[T]):
    """One point of a topic's path: a stage a report (or several on one date) put it in.

    ``advances`` is True when the step takes the topic further along proposed -> agreed ->
    under way -> done than any earlier step did; a restatement or a reaffirmation does not.
    """

    stage: CommitmentStage
    date: str | None
    refs: tuple[T, ...]
    advances: bool


def lifecycle(stages_with_dates: Iterable[tuple[CommitmentStage, str | None, T]]) -> list[Step[T]]:
    """A topic's path across reports in order: by date, then proposed, agreed, under way, done, reaffirmed.

    Each input is (stage, date, ref): the stage one report gives the topic, that report's date
    (a partial ISO date such as "2024-12-10" or "2025-04", or None) and anything identifying it
    (a report id, a Commitment). Entries with the same date and stage form one step with all
    their refs. Raises ValueError for an unknown stage.
    """
    grouped: dict[tuple[str, int], list[T]] = {}
    dates: dict[tuple[str, int], str | None] = {}
    for stage, date, ref in stages_with_dates:
        if stage not in _RANK:
            raise ValueError(f"unknown commitment stage {stage!r}")
        key = (date or _UNDATED, _RANK[stage])
        grouped.setdefault(key, []).append(ref)
        dates[key] = date
    steps: list[Step[T]] = []
    reached = -1
    for key in sorted(grouped):
        stage = COMMITMENT_STAGES[key[1]]
        rank = _PROGRESS.index(stage) if stage in _PROGRESS else -1
        steps.append(Step(stage, dates[key], tuple(grouped[key]), rank > reached))
        reached = max(reached, rank)
    return steps

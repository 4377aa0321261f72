"""Deciding whether reports tell of one engagement, merging them, linking planned to held (WIP)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "EngagementView",
    "engagement_blocks",
    "engagement_id",
    "held_session",
    "merge_engagement",
    "same_engagement",
]


@dataclass(frozen=True, slots=True)
class EngagementView:
    """What resolution needs to know of an engagement, stored or newly extracted."""

    id: str | None
    kind: str
    status: str
    date: str | None
    participants: frozenset[str]
    mechanism_id: str | None
    ordinal: int | None
    location: str | None
    report_id: str | None


def engagement_blocks(view: EngagementView) -> frozenset[str]:
    """Keys to fetch candidates with."""
    raise NotImplementedError


def same_engagement(a: EngagementView, b: EngagementView) -> bool:
    """Whether two views are the same engagement told by different reports."""
    raise NotImplementedError


def merge_engagement(
    existing: EngagementView,
    new: EngagementView,
    *,
    existing_label: str | None = None,
    new_label: str | None = None,
) -> tuple[EngagementView, list[str]]:
    """The merged view and human-readable conflicts."""
    raise NotImplementedError


def held_session(planned: EngagementView, candidates: Iterable[EngagementView]) -> str | None:
    """Id of the held engagement a planned one became, if any."""
    raise NotImplementedError


def engagement_id(view: EngagementView) -> str:
    """Deterministic id (32 hex)."""
    raise NotImplementedError

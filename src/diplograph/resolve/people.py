"""Deciding whether two person records across reports are one person (work in progress)."""

from __future__ import annotations

from dataclasses import dataclass

from diplograph.model import Person

__all__ = ["PersonView", "person_blocks", "person_id", "person_key", "person_view", "same_person"]


@dataclass(frozen=True, slots=True)
class PersonView:
    """What resolution needs to know of a person, stored or newly extracted."""

    id: str | None
    name: str
    country: str | None
    aliases: frozenset[str]
    official: str | None


def person_view(person: Person) -> PersonView:
    """The view of a freshly extracted person: no id yet; official from the gazetteer."""
    raise NotImplementedError


def person_blocks(view: PersonView) -> frozenset[str]:
    """Folded lookup keys to fetch candidates with."""
    raise NotImplementedError


def same_person(a: PersonView, b: PersonView) -> bool:
    """Whether two views are one person."""
    raise NotImplementedError


def person_key(view: PersonView) -> str:
    """The canonical resolution key the id is hashed from."""
    raise NotImplementedError


def person_id(view: PersonView) -> str:
    """Deterministic id for a new person (32 hex)."""
    raise NotImplementedError

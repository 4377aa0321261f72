"""A minimal in-memory stand-in for the store: how resolve's pure functions are meant to be called.

The store does the same inside its per-report transaction: fetch candidates by block, ask
same_person / same_engagement, merge or create with a deterministic id, link planned to held.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pytest

from diplograph.model import Extraction, Person
from diplograph.resolve import (
    EngagementView,
    PersonView,
    engagement_blocks,
    engagement_id,
    held_session,
    mechanism_id,
    mechanism_key,
    merge_engagement,
    person_blocks,
    person_id,
    person_view,
    same_engagement,
    same_person,
)


@dataclass
class Ledger:
    """Resolved people and engagements across the reports added so far."""

    people: dict[str, PersonView] = field(default_factory=dict)
    engagements: dict[str, EngagementView] = field(default_factory=dict)
    sources: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    conflicts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    held_as: dict[str, str] = field(default_factory=dict)
    _person_index: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _engagement_index: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def person(self, person: Person) -> str:
        """The id of the resolved person this extracted one is, created when new."""
        view = person_view(person)
        candidates = sorted({pid for block in person_blocks(view) for pid in self._person_index[block]})
        for pid in candidates:
            if same_person(self.people[pid], view):
                known = self.people[pid]
                merged = replace(known, aliases=known.aliases | view.aliases)
                self._index_person(merged)
                return pid
        new = replace(view, id=person_id(view))
        self._index_person(new)
        assert new.id is not None
        return new.id

    def _index_person(self, view: PersonView) -> None:
        assert view.id is not None
        self.people[view.id] = view
        for block in person_blocks(view):
            self._person_index[block].add(view.id)

    def add(self, extraction: Extraction, *, label: str) -> list[str]:
        """Resolve one report's engagements; the ids they went to, in order."""
        names: dict[str, str] = {}
        for person in extraction.people:
            pid = self.person(person)
            for spelling in (person.name, *person.aliases):
                names[spelling] = pid
        touched: list[str] = []
        for engagement in extraction.engagements:
            participants = frozenset(names[p.name] for p in engagement.participants if p.name in names)
            countries = sorted({p.country for p in engagement.participants if p.country})
            mech = (
                mechanism_id(mechanism_key(engagement.mechanism, countries)) if engagement.mechanism else None
            )
            view = EngagementView(
                id=None,
                kind=engagement.kind,
                status=engagement.status,
                date=str(engagement.date) if engagement.date else None,
                participants=participants,
                mechanism_id=mech,
                ordinal=engagement.ordinal,
                location=engagement.location,
                report_id=label,
            )
            touched.append(self.engagement(view, label=label))
        # Link planned engagements to their holding, whichever of the two reports came first.
        planned = {eid for eid in touched if self.engagements[eid].status == "planned"}
        for eid in touched:
            planned |= {
                c for c in self._candidates(self.engagements[eid]) if self.engagements[c].status == "planned"
            }
        for eid in sorted(planned):
            candidates = (self.engagements[c] for c in self._candidates(self.engagements[eid]))
            held = held_session(self.engagements[eid], candidates)
            if held:
                self.held_as[eid] = held
        return touched

    def _candidates(self, view: EngagementView) -> list[str]:
        return sorted({eid for block in engagement_blocks(view) for eid in self._engagement_index[block]})

    def engagement(self, view: EngagementView, *, label: str) -> str:
        for eid in self._candidates(view):
            existing = self.engagements[eid]
            if same_engagement(existing, view):
                merged, conflicts = merge_engagement(existing, view, new_label=label)
                self.conflicts[eid].extend(conflicts)
                self.sources[eid].append(label)
                self._index_engagement(merged)
                return eid
        eid, number = engagement_id(view), 1
        while eid in self.engagements:  # a taken id gets a suffix, as in the store
            number += 1
            eid = hashlib.sha256(f"{eid}|{number}".encode()).hexdigest()[:32]
        new = replace(view, id=eid)
        self.sources[eid].append(label)
        self._index_engagement(new)
        return new.id

    def _index_engagement(self, view: EngagementView) -> None:
        assert view.id is not None
        self.engagements[view.id] = view
        for block in engagement_blocks(view):
            self._engagement_index[block].add(view.id)


@pytest.fixture
def ledger() -> Callable[[], Ledger]:
    """A factory of empty ledgers."""
    return Ledger

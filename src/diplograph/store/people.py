"""People across reports: find the stored person an extracted one is, or create them; keep them tidy.

Candidates come from ``person_blocks`` (keys resolve.person_blocks gives), the decision from
resolve.same_person. ``report_people`` keeps each report's own view of a person (provenance);
``persons``, ``person_aliases`` and ``person_blocks`` are derived from those views and rebuilt for a
person when a report that named them is removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from diplograph import resolve
from diplograph.extract.normalize import fold
from diplograph.model import Participant, Person
from diplograph.resolve import PersonView
from diplograph.store._common import chunks, digest, dumps, most_common
from diplograph.store.schema import person_aliases, person_blocks, person_mentions, persons, report_people

__all__ = ["ReportPeople", "collect_people", "resolve_people"]


@dataclass(slots=True)
class ReportPeople:
    """One report's people after resolution: stored id per position, and a way to find them by name."""

    ids: list[str]
    people: list[Person]
    by_name: dict[str, int]  # folded name or alias -> position

    def position_of(self, name: str) -> int | None:
        return self.by_name.get(fold(name))


def resolve_people(
    conn: Connection, report_id: str, people: Sequence[Person], participants: Iterable[Participant]
) -> ReportPeople:
    """Resolve every person of a report, and every participant the extractor did not list as a person.

    A participant without a Person of their own still gets a stored person: one unresolvable name
    must never drop an engagement's participant.
    """
    found = ReportPeople(ids=[], people=[], by_name={})
    for person in people:
        _add(conn, report_id, found, person)
    for participant in participants:
        if found.position_of(participant.name) is None:
            titles = (participant.title,) if participant.title else ()
            _add(conn, report_id, found, Person(name=participant.name, country=participant.country, titles=titles))
    return found


def _add(conn: Connection, report_id: str, found: ReportPeople, person: Person) -> None:
    view = resolve.person_view(person)
    person_id = _match(conn, view) or _create(conn, view)
    _enrich(conn, person_id, view)
    position = len(found.ids)
    found.ids.append(person_id)
    found.people.append(person)
    for name in (person.name, *person.aliases):
        found.by_name.setdefault(fold(name), position)
    conn.execute(
        insert(report_people).values(
            report_id=report_id,
            position=position,
            person_id=person_id,
            name=person.name,
            country=person.country,
            official=view.official,
            titles=dumps(list(person.titles)),
            aliases=dumps(list(person.aliases)),
        )
    )
    rows = [
        {
            "report_id": report_id,
            "person_position": position,
            "position": index,
            "person_id": person_id,
            "name": mention.quote,
            "start": mention.start,
            "end": mention.end,
        }
        for index, mention in enumerate(person.mentions)
    ]
    if rows:
        conn.execute(insert(person_mentions), rows)


def _match(conn: Connection, view: PersonView) -> str | None:
    """The stored person ``view`` is, if any: same_person among the block candidates, best first."""
    blocks = sorted(resolve.person_blocks(view))
    if not blocks:
        return None
    ids = sorted(
        set(
            conn.execute(
                select(person_blocks.c.person_id).where(person_blocks.c.block.in_(blocks)).distinct()
            ).scalars()
        )
    )
    matches = [candidate for candidate in stored_views(conn, ids) if resolve.same_person(candidate, view)]
    if not matches:
        return None
    spelled = {fold(view.name), *(fold(alias) for alias in view.aliases)}

    def rank(candidate: PersonView) -> tuple[bool, bool, str]:
        names = {fold(candidate.name), *(fold(alias) for alias in candidate.aliases)}
        return (not (names & spelled), candidate.country != view.country, candidate.id or "")

    return min(matches, key=rank).id


def stored_views(conn: Connection, ids: Sequence[str]) -> list[PersonView]:
    """The resolution views of stored persons, in id order."""
    views: list[PersonView] = []
    for part in chunks(ids):
        aliases: dict[str, set[str]] = {}
        for person_id, alias in conn.execute(
            select(person_aliases.c.person_id, person_aliases.c.alias).where(person_aliases.c.person_id.in_(part))
        ):
            aliases.setdefault(person_id, set()).add(alias)
        rows = conn.execute(select(persons).where(persons.c.id.in_(part)).order_by(persons.c.id))
        views.extend(
            PersonView(
                id=row.id,
                name=row.name,
                country=row.country,
                aliases=frozenset(aliases.get(row.id, ())),
                official=row.official,
            )
            for row in rows
        )
    return views


def _create(conn: Connection, view: PersonView) -> str:
    """A new person under resolve's id; a taken id (another person with the same key) gets a suffix."""
    person_id = resolve.person_id(view)
    base, number = person_id, 1
    while conn.execute(select(persons.c.id).where(persons.c.id == person_id)).first() is not None:
        number += 1
        person_id = digest(base, str(number))
    conn.execute(
        insert(persons).values(
            id=person_id,
            name=view.name,
            key=resolve.person_key(view),
            country=view.country,
            official=view.official,
        )
    )
    return person_id


def _enrich(conn: Connection, person_id: str, view: PersonView) -> None:
    """Add this report's spellings and keys to the person, and fill a country or official still unknown."""
    current = stored_views(conn, [person_id])[0]
    spellings = {view.name, *view.aliases} - current.aliases
    if spellings:
        conn.execute(
            insert(person_aliases),
            [{"person_id": person_id, "alias": alias, "folded": fold(alias)} for alias in sorted(spellings)],
        )
    merged = PersonView(
        id=person_id,
        name=current.name,
        country=current.country or view.country,
        aliases=current.aliases | spellings,
        official=current.official or view.official,
    )
    if (merged.country, merged.official) != (current.country, current.official):
        conn.execute(
            update(persons).where(persons.c.id == person_id).values(country=merged.country, official=merged.official)
        )
    _add_blocks(conn, person_id, resolve.person_blocks(view) | resolve.person_blocks(merged))


def _add_blocks(conn: Connection, person_id: str, blocks: Iterable[str]) -> None:
    known = set(
        conn.execute(select(person_blocks.c.block).where(person_blocks.c.person_id == person_id)).scalars()
    )
    missing = sorted(set(blocks) - known)
    if missing:
        conn.execute(insert(person_blocks), [{"block": block, "person_id": person_id} for block in missing])


def collect_people(conn: Connection, ids: Iterable[str]) -> None:
    """After a report is removed: delete persons no report names, rebuild the others from what is left."""
    for person_id in sorted(set(ids)):
        rows = conn.execute(
            select(report_people.c.name, report_people.c.country, report_people.c.official, report_people.c.aliases)
            .where(report_people.c.person_id == person_id)
            .order_by(report_people.c.report_id, report_people.c.position)
        ).all()
        if not rows:
            conn.execute(delete(persons).where(persons.c.id == person_id))
            continue
        current = conn.execute(select(persons).where(persons.c.id == person_id)).one()
        spellings = {row.name for row in rows} | {alias for row in rows for alias in json.loads(row.aliases)}
        view = PersonView(
            id=person_id,
            name=most_common((row.name for row in rows), keep=current.name) or current.name,
            country=most_common((row.country for row in rows), keep=current.country),
            aliases=frozenset(spellings),
            official=most_common((row.official for row in rows), keep=current.official),
        )
        conn.execute(
            update(persons)
            .where(persons.c.id == person_id)
            .values(name=view.name, country=view.country, official=view.official)
        )
        conn.execute(delete(person_aliases).where(person_aliases.c.person_id == person_id))
        conn.execute(
            insert(person_aliases),
            [{"person_id": person_id, "alias": alias, "folded": fold(alias)} for alias in sorted(spellings)],
        )
        conn.execute(delete(person_blocks).where(person_blocks.c.person_id == person_id))
        blocks = set(resolve.person_blocks(view))
        for row in rows:
            blocks |= resolve.person_blocks(
                PersonView(
                    id=None,
                    name=row.name,
                    country=row.country,
                    aliases=frozenset(json.loads(row.aliases)),
                    official=row.official,
                )
            )
        _add_blocks(conn, person_id, blocks)

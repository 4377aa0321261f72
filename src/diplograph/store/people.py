"""People across reports: find the stored person an extracted one is, or create them; keep them tidy.

Candidates come from ``person_blocks`` (keys resolve.person_blocks gives), the decision from
resolve.same_person. A report's people are resolved together: one query fetches every stored
person any of them could be, the decisions are made in memory (a person created by this report is
a candidate for the report's later people, as if saved one by one), and the changes are written in
a handful of batched statements. ``report_people`` keeps each report's own view of a person
(provenance); ``persons``, ``person_aliases`` and ``person_blocks`` are derived from those views and
rebuilt for a person when a report that named them is removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert, literal, null, select, union_all, update

from diplograph import resolve
from diplograph.extract.normalize import fold
from diplograph.model import Participant, Person
from diplograph.resolve import PersonView
from diplograph.store._common import chunks, digest, dumps, in_ids, insert_rows, most_common, update_rows
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


@dataclass(slots=True)
class _Known:
    """Stored persons this report may resolve to, and those it creates, kept in step as it goes."""

    views: dict[str, PersonView]
    by_block: dict[str, set[str]]
    blocks_of: dict[str, set[str]]
    created: dict[str, str] = field(default_factory=dict)  # id -> resolution key
    changed: set[str] = field(default_factory=set)
    aliases: list[dict[str, str]] = field(default_factory=list)
    blocks: list[dict[str, str]] = field(default_factory=list)

    def add_blocks(self, person_id: str, blocks: Iterable[str]) -> None:
        have = self.blocks_of.setdefault(person_id, set())
        for block in sorted(set(blocks) - have):
            have.add(block)
            self.by_block.setdefault(block, set()).add(person_id)
            self.blocks.append({"block": block, "person_id": person_id})


def _listing(people: Sequence[Person], participants: Iterable[Participant]) -> ReportPeople:
    """The report's people in order, then each participant the extraction did not list as a person."""
    found = ReportPeople(ids=[], people=[], by_name={})
    for person in people:
        _list(found, person)
    for participant in participants:
        if found.position_of(participant.name) is None:
            titles = (participant.title,) if participant.title else ()
            _list(found, Person(name=participant.name, country=participant.country, titles=titles))
    return found


def _list(found: ReportPeople, person: Person) -> None:
    position = len(found.people)
    found.people.append(person)
    for name in (person.name, *person.aliases):
        found.by_name.setdefault(fold(name), position)


def _view(person: Person) -> PersonView | None:
    """resolve's view of a person, or None for a name it cannot read ("***")."""
    try:
        return resolve.person_view(person)
    except ValueError:
        return None


_FILED_UNDER = select(person_blocks.c.person_id).where(in_ids(person_blocks.c.block)).scalar_subquery()
# The persons filed under any of the keys given, their spellings and all their keys, as rows of
# (part, person_id, text, country, official): one statement where four took turns.
_CANDIDATES = union_all(
    select(
        literal("person").label("part"),
        persons.c.id.label("person_id"),
        persons.c.name.label("text"),
        persons.c.country,
        persons.c.official,
    ).where(persons.c.id.in_(_FILED_UNDER)),
    select(literal("alias"), person_aliases.c.person_id, person_aliases.c.alias, null(), null()).where(
        person_aliases.c.person_id.in_(_FILED_UNDER)
    ),
    select(literal("key"), person_blocks.c.person_id, person_blocks.c.block, null(), null()).where(
        person_blocks.c.person_id.in_(_FILED_UNDER)
    ),
)


def resolve_people(
    conn: Connection, report_id: str, people: Sequence[Person], participants: Iterable[Participant]
) -> ReportPeople:
    """Resolve every person of a report, and every participant the extractor did not list as a person.

    A participant without a Person of their own still gets a stored person, and so does a name
    resolution cannot read (as a person of this report alone): one unresolvable name must never
    cost a report its other facts.
    """
    found = _listing(people, participants)
    listed = len(people)
    views = [_view(person) for person in found.people]
    known = _load(conn, {block for view in views if view for block in resolve.person_blocks(view)})
    for person, view in zip(found.people, views, strict=True):
        if view is None:
            names = frozenset((person.name, *person.aliases))
            view = PersonView(id=None, name=person.name, country=person.country, aliases=names, official=None)
            person_id = _create(conn, known, view, key=f"unresolved:{person.name}|{person.country or ''}")
            _merge(known, person_id, view, blocks=False)
        else:
            person_id = _match(known, view) or _create(conn, known, view, key=resolve.person_key(view))
            _merge(known, person_id, view, blocks=True)
        found.ids.append(person_id)
    _flush(conn, known)
    rows = [
        {
            "report_id": report_id,
            "position": position,
            "person_id": person_id,
            "name": person.name,
            "country": person.country,
            "official": view.official if view else None,
            "titles": dumps(list(person.titles)),
            "aliases": dumps(list(person.aliases)),
            "listed": position < listed,
        }
        for position, (person, person_id, view) in enumerate(zip(found.people, found.ids, views, strict=True))
    ]
    if rows:
        insert_rows(conn, report_people, rows)
    mentions = [
        {
            "report_id": report_id,
            "person_position": position,
            "position": index,
            "person_id": person_id,
            "name": mention.quote,
            "start": mention.start,
            "end": mention.end,
        }
        for position, (person, person_id) in enumerate(zip(found.people, found.ids, strict=True))
        for index, mention in enumerate(person.mentions)
    ]
    if mentions:
        insert_rows(conn, person_mentions, mentions)
    return found


def _load(conn: Connection, blocks: set[str]) -> _Known:
    """Every stored person sharing a lookup key with the report's people, with all their keys."""
    persons_found: dict[str, Any] = {}
    aliases: dict[str, set[str]] = {}
    known = _Known(views={}, by_block={}, blocks_of={})
    for part in chunks(sorted(blocks)):
        for row in conn.execute(_CANDIDATES, {"ids": part}).all():
            if row.part == "person":
                persons_found[row.person_id] = row
            elif row.part == "alias":
                aliases.setdefault(row.person_id, set()).add(row.text)
            else:
                known.by_block.setdefault(row.text, set()).add(row.person_id)
                known.blocks_of.setdefault(row.person_id, set()).add(row.text)
    for person_id in sorted(persons_found):
        row = persons_found[person_id]
        known.views[person_id] = PersonView(
            id=person_id,
            name=row.text,
            country=row.country,
            aliases=frozenset(aliases.get(person_id, ())),
            official=row.official,
        )
    return known


def _match(known: _Known, view: PersonView) -> str | None:
    """The known person ``view`` is, if any: same_person among the block candidates, best first."""
    ids = sorted(
        {person for block in resolve.person_blocks(view) for person in known.by_block.get(block, ())}
    )
    matches = [known.views[person] for person in ids if resolve.same_person(known.views[person], view)]
    if not matches:
        return None
    spelled = {fold(view.name), *(fold(alias) for alias in view.aliases)}

    def rank(candidate: PersonView) -> tuple[bool, bool, str]:
        names = {fold(candidate.name), *(fold(alias) for alias in candidate.aliases)}
        return (not (names & spelled), candidate.country != view.country, candidate.id or "")

    return min(matches, key=rank).id


def _create(conn: Connection, known: _Known, view: PersonView, *, key: str) -> str:
    """A new person under resolve's id; a taken id (another person with the same key) gets a suffix."""
    person_id = resolve.person_id(view) if not key.startswith("unresolved:") else digest("person", key)
    base, number = person_id, 1
    while person_id in known.views or _exists(conn, person_id):
        number += 1
        person_id = digest(base, str(number))
    known.views[person_id] = PersonView(
        id=person_id, name=view.name, country=view.country, aliases=frozenset(), official=view.official
    )
    known.created[person_id] = key
    return person_id


def _exists(conn: Connection, person_id: str) -> bool:
    return conn.execute(select(persons.c.id).where(persons.c.id == person_id)).first() is not None


def _merge(known: _Known, person_id: str, view: PersonView, *, blocks: bool) -> None:
    """Add this report's spellings and keys to the person, and fill a country or official still unknown."""
    current = known.views[person_id]
    spellings = {view.name, *view.aliases} - current.aliases
    known.aliases.extend(
        {"person_id": person_id, "alias": alias, "folded": fold(alias)} for alias in sorted(spellings)
    )
    merged = PersonView(
        id=person_id,
        name=current.name,
        country=current.country or view.country,
        aliases=current.aliases | spellings,
        official=current.official or view.official,
    )
    if (merged.country, merged.official) != (current.country, current.official):
        known.changed.add(person_id)
    known.views[person_id] = merged
    if blocks:
        known.add_blocks(person_id, resolve.person_blocks(view) | resolve.person_blocks(merged))


def _flush(conn: Connection, known: _Known) -> None:
    """Write what resolving the report changed: new persons, new spellings and keys, filled-in fields."""
    if known.created:
        insert_rows(
            conn,
            persons,
            [
                {
                    "id": person_id,
                    "name": known.views[person_id].name,
                    "key": key,
                    "country": known.views[person_id].country,
                    "official": known.views[person_id].official,
                }
                for person_id, key in known.created.items()
            ],
        )
    changed = sorted(known.changed - set(known.created))
    if changed:
        identities = [
            {"id": person, "country": known.views[person].country, "official": known.views[person].official}
            for person in changed
        ]
        update_rows(conn, persons, ("id",), identities)
    if known.aliases:
        insert_rows(conn, person_aliases, known.aliases)
    if known.blocks:
        insert_rows(conn, person_blocks, known.blocks)


def collect_people(conn: Connection, ids: Iterable[str]) -> None:
    """After a report is removed: delete persons no report names, rebuild the others from what is left.

    Each remaining report's view of the person is read as resolve reads a fresh one (gazetteer
    country and official included), so a rebuilt person looks as if saved from those reports.
    """
    for person_id in sorted(set(ids)):
        rows = conn.execute(
            select(report_people.c.name, report_people.c.country, report_people.c.aliases)
            .where(report_people.c.person_id == person_id)
            .order_by(report_people.c.report_id, report_people.c.position)
        ).all()
        if not rows:
            conn.execute(delete(persons).where(persons.c.id == person_id))
            continue
        current = conn.execute(select(persons).where(persons.c.id == person_id)).one()
        said = [
            Person(name=row.name, country=row.country, aliases=tuple(json.loads(row.aliases))) for row in rows
        ]
        views = [_view(person) for person in said]
        spellings = {name for person in said for name in (person.name, *person.aliases)}
        merged = PersonView(
            id=person_id,
            name=most_common((person.name for person in said), keep=current.name) or current.name,
            country=most_common(
                (view.country if view else person.country for person, view in zip(said, views, strict=True)),
                keep=current.country,
            ),
            aliases=frozenset(spellings),
            official=most_common((view.official for view in views if view), keep=current.official),
        )
        conn.execute(
            update(persons)
            .where(persons.c.id == person_id)
            .values(name=merged.name, country=merged.country, official=merged.official)
        )
        conn.execute(delete(person_aliases).where(person_aliases.c.person_id == person_id))
        insert_rows(
            conn,
            person_aliases,
            [{"person_id": person_id, "alias": alias, "folded": fold(alias)} for alias in sorted(spellings)],
        )
        conn.execute(delete(person_blocks).where(person_blocks.c.person_id == person_id))
        readable = [view for view in views if view is not None]  # unreadable names get no keys (see above)
        blocks = sorted(
            {block for view in [*readable, merged] if readable for block in resolve.person_blocks(view)}
        )
        if blocks:
            conn.execute(
                insert(person_blocks), [{"block": block, "person_id": person_id} for block in blocks]
            )

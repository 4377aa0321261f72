"""Standing mechanisms across reports: one row per mechanism whatever the country order or spelling."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, select, update

from diplograph import resolve
from diplograph.store._common import chunks, in_ids, insert_rows, update_rows
from diplograph.store.schema import mechanism_aliases, mechanisms, mention_participants, mentions

__all__ = ["collect_mechanisms", "resolve_mechanisms"]


def _joined(countries: Iterable[str]) -> str | None:
    return "-".join(sorted(set(countries))) or None


def _key(name: str, countries: Sequence[str]) -> str | None:
    """resolve's key, or None for a name it cannot read (no letters or digits): kept as written only."""
    try:
        return resolve.mechanism_key(name, countries)
    except ValueError:
        return None


# Stored mechanisms with each of their spellings (a row per spelling): one statement, not two.
_STORED = (
    select(mechanisms.c.id, mechanisms.c.countries, mechanism_aliases.c.alias)
    .select_from(mechanisms.outerjoin(mechanism_aliases))
    .where(in_ids(mechanisms.c.id))
)


def resolve_mechanisms(conn: Connection, named: Sequence[tuple[str, Iterable[str]]]) -> list[str | None]:
    """The mechanism id for each (name, participant countries) of a report; new ones are created."""
    wanted: list[tuple[str, str, list[str]] | None] = []
    for name, countries in named:
        codes = sorted(set(countries))
        key = _key(name, codes)
        wanted.append((resolve.mechanism_id(key), key, codes) if key is not None else None)
    ids = sorted({item[0] for item in wanted if item})
    stored: dict[str, set[str]] = {}
    spelled: set[tuple[str, str]] = set()
    for part in chunks(ids):
        for row in conn.execute(_STORED, {"ids": part}).all():
            stored[row.id] = set(row.countries.split("-")) if row.countries else set()
            if row.alias is not None:
                spelled.add((row.id, row.alias))
    created: dict[str, dict[str, str | None]] = {}
    grown: dict[str, set[str]] = {}
    aliases: list[dict[str, str]] = []
    for (name, _), item in zip(named, wanted, strict=True):
        if item is None:
            continue
        mechanism_id, key, codes = item
        if mechanism_id in stored:
            if not set(codes) <= stored[mechanism_id]:
                stored[mechanism_id] |= set(codes)
                grown[mechanism_id] = stored[mechanism_id]
        elif mechanism_id in created:
            known = set((created[mechanism_id]["countries"] or "").split("-")) - {""}
            created[mechanism_id]["countries"] = _joined(known | set(codes))
        else:
            name_shown = resolve.mechanism_name(name, countries=codes)
            created[mechanism_id] = {
                "id": mechanism_id,
                "name": name_shown,
                "key": key,
                "countries": _joined(codes),
            }
        if (mechanism_id, name) not in spelled:
            spelled.add((mechanism_id, name))
            aliases.append({"mechanism_id": mechanism_id, "alias": name})
    if created:
        insert_rows(conn, mechanisms, list(created.values()))
    grown_rows = [{"id": key, "countries": _joined(codes)} for key, codes in sorted(grown.items())]
    update_rows(conn, mechanisms, ("id",), grown_rows)
    if aliases:
        insert_rows(conn, mechanism_aliases, aliases)
    return [item[0] if item else None for item in wanted]


def collect_mechanisms(conn: Connection, ids: Iterable[str]) -> None:
    """After a report is removed: delete mechanisms no mention names; rebuild spellings and countries."""
    for mechanism_id in sorted(set(ids)):
        names = set(
            conn.execute(
                select(mentions.c.mechanism).where(
                    mentions.c.mechanism_id == mechanism_id, mentions.c.mechanism.is_not(None)
                )
            ).scalars()
        )
        if not names:
            conn.execute(delete(mechanisms).where(mechanisms.c.id == mechanism_id))
            continue
        countries = conn.execute(
            select(mention_participants.c.country)
            .join(mentions, mentions.c.id == mention_participants.c.mention_id)
            .where(mentions.c.mechanism_id == mechanism_id, mention_participants.c.country.is_not(None))
            .distinct()
        ).scalars()
        conn.execute(
            update(mechanisms).where(mechanisms.c.id == mechanism_id).values(countries=_joined(countries))
        )
        conn.execute(delete(mechanism_aliases).where(mechanism_aliases.c.mechanism_id == mechanism_id))
        insert_rows(
            conn,
            mechanism_aliases,
            [{"mechanism_id": mechanism_id, "alias": name} for name in sorted(names)],
        )

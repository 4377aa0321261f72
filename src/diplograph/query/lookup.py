"""From what a user types to store ids: people and mechanisms by id, any spelling, or part of a name.

An exact match (diacritics and case set aside) wins; otherwise every word typed must appear in a
name. Several matches raise Ambiguous with the candidates, so the user can type more.
"""

from __future__ import annotations

from sqlalchemy import Connection, String, cast, literal, select

from diplograph.extract.normalize import fold
from diplograph.query._common import Ambiguous, NoMatch, looks_like_id, unique
from diplograph.resolve import mechanism_key
from diplograph.store import schema

__all__ = ["mechanism_id", "mechanism_ids", "person_id", "person_ids"]

P = schema.persons
PA = schema.person_aliases
M = schema.mechanisms
MA = schema.mechanism_aliases


def person_id(conn: Connection, name: str) -> str:
    """The one person ``name`` designates, by id, exact spelling, or every word of it."""
    ids = person_ids(conn, name)
    if not ids:
        raise NoMatch(f"no person matches {name!r}")
    if len(ids) > 1:
        raise Ambiguous("person", name, _person_labels(conn, ids))
    return ids[0]


def person_ids(conn: Connection, name: str) -> list[str]:
    """Every person ``name`` could designate: exact matches if any, else those with all its words."""
    text = name.strip()
    if looks_like_id(text) and conn.execute(select(P.c.id).where(P.c.id == text)).first():
        return [text]
    key = fold(text)
    if not key:
        return []
    exact = select(PA.c.person_id).where(PA.c.folded == key).union(select(P.c.id).where(P.c.name == text))
    found = unique(conn.execute(exact).scalars())
    if found:
        return sorted(found)
    padded = literal(" ") + cast(PA.c.folded, String) + literal(" ")
    words = [padded.like(f"% {word} %") for word in key.split()]
    return sorted(unique(conn.execute(select(PA.c.person_id).where(*words).distinct()).scalars()))


def _person_labels(conn: Connection, ids: list[str]) -> list[str]:
    rows = conn.execute(select(P.c.id, P.c.name, P.c.country).where(P.c.id.in_(ids)))
    return sorted(f"{row.name} ({row.country or '?'}, {row.id})" for row in rows)


def mechanism_ids(conn: Connection, name: str) -> list[str]:
    """Every mechanism ``name`` could designate: exact name, variant or key if any, else all with its words.

    The resolver's key puts "Việt Nam-China ..." and "China-Vietnam ..." on one mechanism; words
    are matched against names, variants and keys, so "Steering Committee" or "VNM steering" work.
    """
    text = name.strip()
    if looks_like_id(text) and conn.execute(select(M.c.id).where(M.c.id == text)).first():
        return [text]
    folded = fold(text)
    if not folded:
        return []
    key = mechanism_key(text).lower()
    labels: dict[str, set[str]] = {}
    for mechanism, label, mechanism_key_ in conn.execute(select(M.c.id, M.c.name, M.c.key)):
        labels.setdefault(mechanism, set()).update((fold(label), mechanism_key_.lower()))
    for mechanism, alias in conn.execute(select(MA.c.mechanism_id, MA.c.alias)):
        labels.setdefault(mechanism, set()).add(fold(alias))
    exact = sorted(m for m, found in labels.items() if folded in found or key in found)
    if exact:
        return exact
    queries = {tuple(folded.split()), tuple(key.split())}
    return sorted(
        m
        for m, found in labels.items()
        if any(_has_words(label, words) for label in found for words in queries)
    )


def mechanism_id(conn: Connection, name: str) -> str:
    """The one mechanism ``name`` designates."""
    ids = mechanism_ids(conn, name)
    if not ids:
        raise NoMatch(f"no mechanism matches {name!r}")
    if len(ids) > 1:
        rows = conn.execute(select(M.c.id, M.c.name).where(M.c.id.in_(ids)))
        raise Ambiguous("mechanism", name, sorted(f"{row.name} ({row.id})" for row in rows))
    return ids[0]


def _has_words(label: str, words: tuple[str, ...]) -> bool:
    tokens = set(label.split())
    return all(word in tokens for word in words)

"""Small helpers every store module shares: deterministic ids, JSON columns, the set of touched entities."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import BindParameter, bindparam

from diplograph.store.schema import ID

T = TypeVar("T")

CHUNK = 500  # values per IN (...) list: far below SQLite's and PostgreSQL's bound-parameter limits
# The list parameter of statements built once at import (``column.in_(IDS)``, run with {"ids": [...]}):
# a statement object keeps its compiled form and cache key, where building one per call cost more
# than running it.
IDS: BindParameter[Any] = bindparam("ids", expanding=True)


def digest(*parts: str) -> str:
    """A 32-hex id from its parts; the separator keeps ("ab", "c") apart from ("a", "bc")."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:ID]


def dumps(value: Any) -> str:
    """Compact JSON that keeps non-ASCII text readable in datasette and psql."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for begin in range(0, len(items), size):
        yield items[begin : begin + size]


def most_common(values: Iterable[T | None], *, keep: T | None = None) -> T | None:
    """The most frequent non-null value (ties to the smallest), or ``keep`` while it is still among them.

    Keeping the current value while it stays valid stops a display name from flipping with every
    report that adds a vote for another spelling.
    """
    counts = Counter(value for value in values if value is not None)
    if not counts:
        return None
    if keep is not None and keep in counts:
        return keep
    best = max(counts.values())
    return min(value for value, count in counts.items() if count == best)  # type: ignore[type-var]


@dataclass(slots=True)
class Touched:
    """Resolved entities a save or a removal changed: what must be recomputed or collected after."""

    engagements: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    mechanisms: set[str] = field(default_factory=set)
    initiatives: set[str] = field(default_factory=set)
    # Planned engagements whose held session must be looked for again among all candidates...
    planned: set[str] = field(default_factory=set)
    # ...and those for which only these changed held engagements are new candidates.
    held_near: dict[str, set[str]] = field(default_factory=dict)

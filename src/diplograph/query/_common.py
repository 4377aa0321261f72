"""What every query shares: the store it reads, argument checks, and name lookups that fail clearly."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy import Connection, Engine, Row
from sqlalchemy.sql.elements import ColumnElement

from diplograph.extract.gazetteer import country_for, country_for_code
from diplograph.model import ENGAGEMENT_KINDS, PartialDate

T = TypeVar("T")
if TYPE_CHECKING:
    AnyRow = Row[*tuple[Any, ...]]  # a result row of any width (SQLAlchemy 2.1 types rows variadically)
else:
    AnyRow = Row

MAX_LIMIT = 10_000
CHUNK = 500  # ids per IN (...) list: far below SQLite's and PostgreSQL's bound-parameter limits
_ID = re.compile(r"^[0-9a-f]{32}$")


class Readable(Protocol):
    """Anything with an engine to read from: the store, or a test double."""

    @property
    def engine(self) -> Engine: ...


class NoMatch(LookupError):
    """A name given to a query matches nothing in the store."""


class Ambiguous(LookupError):
    """A name given to a query matches several entities; ``candidates`` lists them for the user to pick."""

    def __init__(self, what: str, name: str, candidates: Sequence[str]) -> None:
        shown = "; ".join(candidates[:10]) + ("; ..." if len(candidates) > 10 else "")
        super().__init__(f"{what} {name!r} matches {len(candidates)}: {shown}")
        self.candidates = tuple(candidates)


def looks_like_id(text: str) -> bool:
    """Whether a user's argument is a store id rather than a name."""
    return bool(_ID.match(text))


def check_page(limit: int, offset: int) -> None:
    """Refuse pages that cannot be served rather than returning surprising slices."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise ValueError(f"offset must not be negative, not {offset}")


def check_date(value: str | None, *, name: str) -> str | None:
    """A partial ISO date ("2024", "2024-01", "2024-01-15") or None; anything else is an error."""
    if value is None:
        return None
    text = value.strip()
    try:
        PartialDate(text)
        parts = [int(part) for part in text.split("-")]
        if len(parts) > 1:
            dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ValueError(f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}") from None
    return text


def until_bound(until: str) -> str:
    """An exclusive upper bound that keeps every date inside ``until``'s precision.

    "2024-06" must keep "2024-06-30": "2024-06-99" sorts after every day of the month and before
    "2024-07". Only digits and hyphens are compared, so PostgreSQL's locale collations (which skip
    punctuation) order it the same as SQLite does.
    """
    return until + "-99"


def ordered(conn: Connection, column: ColumnElement[T]) -> ColumnElement[T]:
    """A text column sorted byte-wise on every backend (PostgreSQL's locale collations ignore spaces)."""
    if conn.dialect.name == "postgresql":
        return column.collate("C")  # type: ignore[return-value]  # a CollationClause is a ColumnElement
    return column


def check_kind(kind: str | None) -> str | None:
    if kind is not None and kind not in ENGAGEMENT_KINDS:
        raise ValueError(f"kind must be one of {', '.join(ENGAGEMENT_KINDS)}, not {kind!r}")
    return kind


def check_status(status: str | None) -> str | None:
    if status is not None and status not in ("held", "planned"):
        raise ValueError(f"status must be held or planned, not {status!r}")
    return status


def country_code(value: str | None) -> str | None:
    """ISO3 for a code or a country name ("VNM", "vnm", "Vietnam", "Viet Nam"); unknown ones are errors."""
    if value is None:
        return None
    known = country_for_code(value)
    if known is not None:
        return known.iso3
    code = country_for(value)
    if code is None:
        raise ValueError(f"unknown country {value!r}: give an ISO 3166 alpha-3 code such as VNM")
    return code


def conflicts(text: str | None) -> tuple[str, ...]:
    """The store's JSON list of disagreements between sources, as display strings."""
    if not text:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return (text,)
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    if isinstance(value, dict):
        return tuple(f"{key}: {item}" for key, item in value.items())
    return (str(value),)


def date_text(start: str | None, end: str | None) -> str | None:
    """The store's two date columns as one PartialDate string."""
    if start is None:
        return None
    return f"{start}/{end}" if end and end != start else start


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for begin in range(0, len(items), size):
        yield items[begin : begin + size]


def unique(items: Iterable[T]) -> list[T]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))


def connect(store: Readable) -> Connection:
    """A read connection; the caller closes it with ``with``."""
    return store.engine.connect()

"""One key per standing mechanism, whatever the country order or spelling (work in progress)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["mechanism_id", "mechanism_key", "mechanism_name"]


def mechanism_key(name: str, countries: Iterable[str] = ()) -> str:
    """Order-insensitive key; gazetteer canonical when known."""
    raise NotImplementedError


def mechanism_name(name: str, *, countries: Iterable[str] = ()) -> str:
    """Display name: gazetteer canonical or cleaned."""
    raise NotImplementedError


def mechanism_id(key: str) -> str:
    """Deterministic id (32 hex) of a mechanism key."""
    raise NotImplementedError

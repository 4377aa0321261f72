"""Near-duplicate reports by MinHash (work in progress)."""

from __future__ import annotations

__all__ = [
    "BANDS",
    "DUPLICATE_THRESHOLD",
    "PERMUTATIONS",
    "ROWS",
    "SIGNATURE_SCHEME",
    "bands",
    "signature",
    "similarity",
]

PERMUTATIONS = 128
BANDS = 32
ROWS = 4
DUPLICATE_THRESHOLD: float = 0.8
SIGNATURE_SCHEME = "oph128-w5-v1"


def signature(text: str) -> tuple[int, ...]:
    """MinHash signature over word shingles, fixed seeds."""
    raise NotImplementedError


def bands(sig: tuple[int, ...]) -> list[tuple[int, str]]:
    """(band index, bucket hash) pairs for LSH lookup."""
    raise NotImplementedError


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the shingle sets."""
    raise NotImplementedError

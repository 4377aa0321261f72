"""Near-duplicate reports: the same wire story republished by several sites under its own header and footer.

A MinHash signature of the report's word shingles estimates the Jaccard similarity of two reports
without comparing their texts, and its bands give the store an index to find candidates in O(1).

Why one permutation and not 128: classic MinHash hashes every shingle 128 times, ~9 ms for a
600-word report in pure Python, too slow for an ingest of thousands of reports a minute. One
permutation hashing (Li, Owen & Zhang 2012) hashes each shingle once with 64-bit BLAKE2b and
splits the hash space into 128 bins, each bin keeping its minimum: 128 registers whose pairwise
agreement estimates Jaccard just as 128 permutations do. Bins a short text leaves empty borrow the
value of another bin chosen by a fixed probe sequence per bin ("optimal densification", Shrivastava
2017), so two similar texts borrow from the same places and the estimate stays unbiased, which the
banded lookup (32 bands x 4 rows) needs.

Everything is keyed by constants: a signature computed today equals one computed on another machine
next year, so the store can keep signatures and compare new reports with old ones.
"""

from __future__ import annotations

import hashlib
import string
import struct
from functools import cache, partial
from operator import methodcaller

__all__ = [
    "BANDS",
    "DUPLICATE_THRESHOLD",
    "PERMUTATIONS",
    "ROWS",
    "SHINGLE_WORDS",
    "SIGNATURE_SCHEME",
    "bands",
    "signature",
    "similarity",
]

PERMUTATIONS = 128  # registers in a signature
BANDS = 32
ROWS = 4  # BANDS * ROWS == PERMUTATIONS; at Jaccard 0.8 a pair shares a band with probability ~1 - 5e-8
SHINGLE_WORDS = 5  # long enough that two stories about one meeting share few shingles
DUPLICATE_THRESHOLD: float = 0.8
# Changes whenever a signature would change: the store keeps it beside each signature to know when
# stored signatures must be recomputed.
SIGNATURE_SCHEME = "oph128-w5-blake2b-v1"

_BIN_BITS = 7  # 2**7 == PERMUTATIONS
_VALUE_BITS = 64 - _BIN_BITS
_VALUE_MASK = (1 << _VALUE_BITS) - 1
_EMPTY = 1 << _VALUE_BITS  # above any value: marks an empty bin, and an empty text's whole signature
_SEED = b"diplograph-minhash-v1"  # fixes the densification probe order
_ASCII_PUNCTUATION = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
# Typographic marks a republishing site may swap for ASCII ones: word boundaries, not word content.
_UNICODE_PUNCTUATION = tuple(
    mark.encode() for mark in "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u00a0\u3001\u3002"
)
_hasher = partial(hashlib.blake2b, digest_size=8)
_DIGEST = methodcaller("digest")
_UNSET = b"\xff" * 9  # sorts after every 8-byte digest: an empty bin
_BAND = struct.Struct(f"<{ROWS}Q")


def _shingle_digests(text: str) -> set[bytes]:
    """8-byte BLAKE2b digests of the overlapping word n-grams, case and punctuation set aside.

    Everything runs in C through map() over bytes: a Python-level loop per shingle would cost
    more than the hashing itself.
    """
    data = text.lower().encode()
    for mark in _UNICODE_PUNCTUATION:
        if mark in data:
            data = data.replace(mark, b" ")
    words = data.translate(_ASCII_PUNCTUATION).split()
    if len(words) < SHINGLE_WORDS:
        return {_digest(b" ".join(words))} if words else set()
    shingles = map(b" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False))
    return set(map(_DIGEST, map(_hasher, shingles)))


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8).digest()


@cache
def _probes() -> tuple[tuple[int, ...], ...]:
    """For each bin, the fixed order in which it looks at the other bins when it is empty."""
    order: list[tuple[int, ...]] = []
    for empty in range(PERMUTATIONS):
        others = [other for other in range(PERMUTATIONS) if other != empty]
        others.sort(key=lambda other: hashlib.blake2b(f"{empty}:{other}".encode(), key=_SEED).digest())
        order.append(tuple(others))
    return tuple(order)


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of a text: PERMUTATIONS registers, each below 2**57 (fits a signed BIGINT).

    A text without words gets a signature of sentinels, which bands() and similarity() treat as
    matching nothing, so empty reports are never taken for copies of one another.
    """
    registers = [_UNSET] * PERMUTATIONS
    for digest in _shingle_digests(text):
        slot = digest[0] >> 1  # the top _BIN_BITS bits choose the bin; the rest is the value
        if digest < registers[slot]:
            registers[slot] = digest
    values = [
        int.from_bytes(digest, "big") & _VALUE_MASK if digest != _UNSET else _EMPTY for digest in registers
    ]
    if _EMPTY in values and any(value != _EMPTY for value in values):
        filled = tuple(values)
        probes = _probes()
        for slot, value in enumerate(filled):
            if value == _EMPTY:
                values[slot] = next(filled[other] for other in probes[slot] if filled[other] != _EMPTY)
    return tuple(values)


def _check(sig: tuple[int, ...]) -> None:
    if len(sig) != PERMUTATIONS:
        raise ValueError(f"a signature has {PERMUTATIONS} values, got {len(sig)}")


def _is_empty(sig: tuple[int, ...]) -> bool:
    return sig[0] == _EMPTY


def bands(sig: tuple[int, ...]) -> list[tuple[int, str]]:
    """(band index, 16-hex bucket) pairs: two reports sharing any pair are candidates to compare."""
    _check(sig)
    if _is_empty(sig):
        return []
    return [
        (band, hashlib.blake2b(_BAND.pack(*sig[band * ROWS : (band + 1) * ROWS]), digest_size=8).hexdigest())
        for band in range(BANDS)
    ]


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two reports' shingle sets, from 0.0 to 1.0."""
    _check(a)
    _check(b)
    if _is_empty(a) or _is_empty(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / PERMUTATIONS

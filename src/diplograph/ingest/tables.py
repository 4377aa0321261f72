"""The small data tables of the ingest layer (places, agencies), read once from ingest/data/*.tsv."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from anyascii import anyascii


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a bundled TSV file, without comments and blank lines."""
    text = resources.files("diplograph.ingest").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def fold_key(name: str) -> str:
    """The lookup form of a place or agency name: ASCII, upper case, no dots, single spaces."""
    folded = anyascii(name).upper().replace(".", " ").replace("’", "'")
    return re.sub(r"\s+", " ", folded).strip()


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, str]]:
    return {fold_key(row[0]): (row[1], row[2]) for row in read_tsv("places.tsv")}


@lru_cache(maxsize=1)
def _agencies() -> dict[str, str]:
    return {fold_key(row[0]): row[1] for row in read_tsv("agencies.tsv")}


def known_place(name: str) -> tuple[str, str] | None:
    """(exonym, ISO3) for a place spelling the table knows, e.g. "HÀ NỘI" -> ("Hanoi", "VNM")."""
    return _places().get(fold_key(name))


def place_exonym(name: str) -> str:
    """The English ASCII name of a dateline place: from the table, else the name title-cased."""
    known = known_place(name)
    if known:
        return known[0]
    words = anyascii(name).split()
    return " ".join(re.sub(r"[A-Z]+", _capitalise, w) if w.isupper() else w for w in words)


def _capitalise(match: re.Match[str]) -> str:
    return match.group(0).capitalize()


def agency_name(alias: str) -> str | None:
    """The short name of a publisher or agency ("The Associated Press" -> "AP"), if known."""
    return _agencies().get(fold_key(alias))


def agency_from_host(host: str) -> str | None:
    """The publisher a web host belongs to ("en.vietnamplus.vn" -> "VNA"), if the table knows it."""
    parts = host.lower().split(".")
    for i in range(len(parts) - 1):
        name = agency_name(".".join(parts[i:]))
        if name:
            return name
    return None

"""Domains of a statement's content: a keyword lexicon (data/domains.tsv), multi-label.

A lexicon rather than a learned model: readouts name their topics with a small, stable vocabulary
("railway", "border gate", "one-China"), the labels must be explainable to an analyst, and one
compiled pattern classifies a clause in microseconds. The lexicon's conventions (generic
"cooperation" names no domain, an anniversary of ties is only an anniversary) are documented in
docs/statements.md and measured by tests/quality/test_statements_gate.py.
"""

from __future__ import annotations

import re
from functools import cache

from diplograph.errors import ConfigError
from diplograph.extract.gazetteer import read_table
from diplograph.model import DOMAINS, Domain

_CONSUME = "-"


@cache
def _lexicon() -> tuple[re.Pattern[str], tuple[tuple[Domain, ...], ...]]:
    """One alternation over every pattern, in file order, and the domain each group stands for.

    A single pattern scanned once keeps classification linear in the clause; file order decides
    between patterns that start at the same place, so exceptions are listed first.
    """
    parts: list[str] = []
    labels: list[tuple[Domain, ...]] = []
    known: dict[str, Domain] = {d: d for d in DOMAINS}
    for number, row in enumerate(read_table("domains.tsv")):
        names, pattern = row["domain"], row["pattern"]
        wanted = () if names == _CONSUME else tuple(names.split("+"))
        unknown = [name for name in wanted if name not in known]
        if unknown or not names:
            raise ConfigError(f"domains.tsv: unknown domain {names!r}")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"domains.tsv: bad pattern {pattern!r}: {exc}") from exc
        parts.append(f"(?P<g{number}>{pattern})")
        labels.append(tuple(known[name] for name in wanted))
    regex = re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)
    return regex, tuple(labels)


def classify_domains(content: str) -> tuple[Domain, ...]:
    """The domains a statement's content belongs to, in the order of model.DOMAINS (may be empty)."""
    regex, labels = _lexicon()
    found: set[Domain] = set()
    for match in regex.finditer(content):
        group = match.lastgroup
        if group:
            found.update(labels[int(group[1:])])
    return tuple(d for d in DOMAINS if d in found)

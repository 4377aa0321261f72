"""Domains of a statement's content: a keyword lexicon (data/domains.tsv), multi-label.

A lexicon rather than a learned model: readouts name their topics with a small, stable vocabulary
("railway", "border gate", "one-China"), the labels must be explainable to an analyst, and one
compiled pattern classifies a clause in microseconds. The lexicon's conventions (generic
"cooperation" names no domain, an anniversary of ties is only an anniversary) are documented in
docs/statements.md and measured by tests/quality/test_statements_gate.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Generic, TypeVar

from diplograph.errors import ConfigError
from diplograph.extract.gazetteer import read_table
from diplograph.model import DOMAINS, Domain

_CONSUME = "-"
_WORD_START = re.compile(r"\b\w")
_KEY = 4  # letters of a word that select the alternatives to try there

L = TypeVar("L")


class WordStartLexicon(Generic[L]):
    """Labelled regex alternatives, tried only at word starts whose first letters they can begin with.

    One big alternation would try every alternative at every position; indexing each alternative
    by its literal first letters leaves a handful to try per word, which keeps classifying a
    clause in tens of microseconds. Semantics match a single leftmost-first alternation: at a word,
    the earliest alternative that matches wins and scanning resumes after it.
    """

    def __init__(
        self, alternatives: list[tuple[str, L]], *, flags: int = re.IGNORECASE, trigger: bool = False
    ) -> None:
        self._compiled: list[tuple[re.Pattern[str], L]] = []
        self._by_head: dict[str, list[int]] = {}
        self._always: list[int] = []
        self._tried: dict[str, tuple[int, ...]] = {}
        for pattern, label in alternatives:
            for alternative in _top_level(pattern):
                number = len(self._compiled)
                self._compiled.append((re.compile(f"(?:{alternative})\\b", flags), label))
                heads = _heads(alternative)
                if heads is None:
                    self._always.append(number)
                for head in heads or ():
                    self._by_head.setdefault(head[:_KEY].lower(), []).append(number)
        self._words = _WORD_START
        if trigger and not self._always:
            self._words = re.compile(r"\b" + _trie(sorted(self._by_head)), re.IGNORECASE)

    def scan(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[re.Match[str], L]]:
        """Every match in text[start:end], left to right, with its label."""
        end = len(text) if end is None else end
        resume = start
        compiled, tried = self._compiled, self._tried
        for word in self._words.finditer(text, start, end):
            at = word.start()
            if at < resume:
                continue
            key = text[at : at + _KEY].lower()
            for number in tried.get(key) or self._candidates(key):
                regex, label = compiled[number]
                match = regex.match(text, at, end)
                if match:
                    yield match, label
                    resume = match.end()
                    break

    def _candidates(self, key: str) -> tuple[int, ...]:
        """Alternatives that can start with a word beginning ``key``, in file order (memoised)."""
        numbers = self._tried.get(key)
        if numbers is None:
            found = {n for size in range(len(key), 0, -1) for n in self._by_head.get(key[:size], ())}
            numbers = tuple(sorted(found | set(self._always)))
            self._tried[key] = numbers
        return numbers


def _trie(keys: list[str]) -> str:
    """A regex matching any of the keys, factored by common prefixes so that branches fail early."""
    if "" in keys:
        rest = [k for k in keys if k]
        return f"(?:{_trie(rest)})?" if rest else ""
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(key[0], []).append(key[1:])
    branches = [re.escape(first) + _trie(tails) for first, tails in sorted(groups.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _top_level(pattern: str) -> list[str]:
    """The alternatives of a pattern at its outermost level (parentheses, classes, escapes respected)."""
    parts: list[str] = []
    depth, in_class, escaped, begin = 0, False, False, 0
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[begin:i])
            begin = i + 1
    parts.append(pattern[begin:])
    return parts


def _heads(alternative: str) -> set[str] | None:
    """Literal beginnings an alternative can have ("(?:a|b)c" -> {"a", "b"}), or None if unknown."""
    body = alternative
    while body.startswith("\\b"):
        body = body[2:]
    for opener in ("(?-i:", "(?:"):
        if body.startswith(opener):
            close = _closing(body)
            if close is None:
                return None
            optional = body[close + 1 : close + 2] in ("?", "*")
            rest = body[close + 2 :] if optional else body[close + 1 :]
            heads: set[str] = set()
            for inner in [*_top_level(body[len(opener) : close]), *([""] if optional else [])]:
                found = _heads(inner + rest) if inner or optional else None
                if not found:
                    return None
                heads |= found
            return heads
    if body.startswith("\\d"):
        return set("0123456789")
    literal = re.match(r"[A-Za-z0-9]+", body)
    if literal is None:
        return None
    follower = body[literal.end() : literal.end() + 1]
    word = literal.group()
    if follower in ("?", "*", "{"):
        word = word[:-1]
    return {word.lower()} if word else None


def _closing(body: str) -> int | None:
    depth, escaped, in_class = 0, False, False
    for i, char in enumerate(body):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


@cache
def _lexicon() -> WordStartLexicon[tuple[Domain, ...]]:
    """Every pattern of data/domains.tsv, in file order, with the domains it stands for.

    File order decides between patterns that start at the same word, so exceptions are listed first.
    """
    alternatives: list[tuple[str, tuple[Domain, ...]]] = []
    known: dict[str, Domain] = {d: d for d in DOMAINS}
    for row in read_table("domains.tsv"):
        names, pattern = row["domain"], row["pattern"]
        wanted = () if names == _CONSUME else tuple(names.split("+"))
        unknown = [name for name in wanted if name not in known]
        if unknown or not names:
            raise ConfigError(f"domains.tsv: unknown domain {names!r}")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"domains.tsv: bad pattern {pattern!r}: {exc}") from exc
        alternatives.append((pattern, tuple(known[name] for name in wanted)))
    return WordStartLexicon(alternatives)


def classify_domains(content: str) -> tuple[Domain, ...]:
    """The domains a statement's content belongs to, in the order of model.DOMAINS (may be empty)."""
    found: set[Domain] = set()
    for _, labels in _lexicon().scan(content):
        found.update(labels)
    return tuple(d for d in DOMAINS if d in found)

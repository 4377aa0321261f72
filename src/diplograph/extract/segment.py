"""Sentences of an article: lines first (titles, captions, paragraphs), then full stops."""

from __future__ import annotations

import re

from diplograph.extract.tokens import tokenize

_LINE = re.compile(r"[^\n]+")
_OPENERS = frozenset({'"', "“", "‘", "'", "(", "["})


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    tokens = tokenize(text, start, end)
    out: list[tuple[int, int]] = []
    begin = start
    for i, token in enumerate(tokens[:-1]):
        if token.kind != "punct" or token.text not in ".!?":
            continue
        following = tokens[i + 1]
        if following.kind == "punct" and following.text in '.!?"”’)':
            continue
        if following.is_cap or following.text in _OPENERS or following.text[:1].isdigit():
            out.append((begin, token.end))
            begin = following.start
    out.append((begin, end))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every sentence; a line break always ends one."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        raw = line.group()
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw.rstrip())
        if trail <= lead:
            continue
        spans.extend(_line_sentences(text, line.start() + lead, line.start() + trail))
    return spans

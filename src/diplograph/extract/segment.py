"""Sentences of an article: lines first (titles, captions, paragraphs), then full stops."""

from __future__ import annotations

import re

from diplograph.extract.tokens import Token, tokenize, tokens_between

_LINE = re.compile(r"[^\n]+")
_OPENERS = frozenset({'"', "“", "‘", "'", "(", "["})


def _line_sentences(tokens: list[Token], start: int, end: int) -> list[tuple[int, int]]:
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


def split_sentences(text: str, tokens: list[Token] | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of every sentence; a line break always ends one.

    ``tokens`` may be the whole text's tokens when the caller already has them.
    """
    tokens = tokenize(text) if tokens is None else tokens
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        raw = line.group()
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw.rstrip())
        if trail <= lead:
            continue
        start, end = line.start() + lead, line.start() + trail
        spans.extend(_line_sentences(tokens_between(tokens, start, end), start, end))
    return spans

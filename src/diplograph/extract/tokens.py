"""A small word tokenizer with exact offsets, for the pattern rules that find names and titles."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from diplograph.extract.normalize import fold

# Words (letters/digits with inner hyphens or apostrophes, an optional abbreviation dot),
# possessive markers, and any other single non-space character.
_TOKEN = re.compile(
    r"(?P<word>[^\W_](?:[\w\-'’.]*[^\W_])?(?:\.(?=\s|$|[,;:)]))?)"
    r"|(?P<poss>['’]s\b)"
    r"|(?P<punct>[^\w\s])",
)
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr gen lt lieut col maj adm brig capt sen rep gov sgt prof st jr sr no vs
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u
    """.split()
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark of a sentence, with its offsets in the article text."""

    text: str
    start: int
    end: int
    kind: str  # "word", "poss" or "punct"

    @property
    def key(self) -> str:
        """The folded form used for every lexicon lookup."""
        return fold(self.text.rstrip("."))

    @property
    def is_word(self) -> bool:
        """Whether this token is a word rather than punctuation."""
        return self.kind == "word"

    @property
    def is_cap(self) -> bool:
        """Whether the word starts with a capital letter (as names and titles do)."""
        return self.kind == "word" and self.text[0].isupper()

    @property
    def is_upper(self) -> bool:
        """Whether the word is written all in capitals (credits, headlines, acronyms)."""
        # str.isupper() is a fast C check; count letters only for the few words that pass it.
        return self.text.isupper() and sum(1 for c in self.text if c.isalpha()) > 1


def _split_trailing_dot(match: re.Match[str], text: str) -> list[Token]:
    word = match.group()
    start = match.start()
    if word[-1] not in ".s":
        return [Token(word, start, start + len(word), "word")]
    if word[-2:] in ("'s", "’s") and len(word) > 2:
        # "China's" is a country and a possessive marker: the marker matters for titles.
        return [
            Token(word[:-2], start, start + len(word) - 2, "word"),
            Token(word[-2:], start + len(word) - 2, start + len(word), "poss"),
        ]
    if word.endswith(".") and word[:-1].lower().replace(".", "") not in _ABBREVIATIONS:
        # A sentence-final full stop or "City." is punctuation, not part of the word; keep initials ("R.").
        core = word[:-1]
        if not (len(core) == 1 and core.isupper()) and "." not in core:
            return [
                Token(core, start, start + len(core), "word"),
                Token(".", start + len(core), start + len(word), "punct"),
            ]
    return [Token(word, start, start + len(word), "word")]


def tokens_between(tokens: list[Token], start: int, end: int) -> list[Token]:
    """The tokens of a whole-text token list that fall inside [start, end) (binary search)."""
    lo = bisect_left(tokens, start, key=lambda t: t.start)
    hi = bisect_left(tokens, end, lo=lo, key=lambda t: t.start)
    return tokens[lo:hi]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into the whole text."""
    end = len(text) if end is None else end
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text, start, end):
        if match.lastgroup == "word":
            tokens.extend(_split_trailing_dot(match, text))
        else:
            tokens.append(Token(match.group(), match.start(), match.end(), match.lastgroup or "punct"))
    return tokens

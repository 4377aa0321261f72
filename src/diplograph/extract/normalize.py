"""Folding names and words to ASCII keys without losing the way back to the raw text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


@lru_cache(maxsize=65536)
def ascii_name(text: str) -> str:
    """The ASCII spelling of a name ("Lê Thành Long" -> "Le Thanh Long"), spacing kept."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        text = anyascii(text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The lookup key of a word or name: ASCII, lower case, punctuation to single spaces."""
    return _NON_WORD.sub(" ", ascii_name(text).lower()).strip()


def same_name(a: str, b: str) -> bool:
    """Whether two spellings name the same string once diacritics and case are set aside."""
    return fold(a) == fold(b)

"""Lines of an article with their offsets, so every finder reports spans into Article.text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text without its newline; ``start``/``end`` bound the stripped content."""

    start: int
    end: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        """Offsets of the stripped line in the article text."""
        return (self.start, self.end)


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, each with its offsets into ``text``."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            lines.append(Line(start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return lines

"""Report text as HTML with every evidence span marked at its exact offsets.

Spans nest (a name inside the sentence of an engagement) and may cross (a figure's clause running
past the end of an engagement's sentence). HTML elements cannot cross, so a span that would is cut
where the enclosing one closes and carries on in a second element with the same ``data-fact``:
joining the pieces of one fact gives back its quote. Every piece of text is escaped; offsets out of
range are clipped, so a damaged row cannot break the page.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """One fact's evidence: ``text[start:end]``, drawn with CSS class ``hl-{kind}``."""

    fact: str  # identifies the fact: every piece of the span carries it as data-fact
    kind: str  # engagement, person, figure: a CSS class suffix, never user text
    start: int
    end: int
    label: str  # shown as a tooltip
    anchor: str | None = None  # element id for links to this span (first piece only)
    flagged: bool = False  # a reader said this fact is wrong


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` escaped, with a <mark> around every span (cut where spans cross)."""
    size = len(text)
    queue: list[tuple[int, int, int, Span, bool]] = []
    for order, span in enumerate(spans):
        start, end = max(0, min(span.start, size)), max(0, min(span.end, size))
        if start < end:
            queue.append((start, -end, order, span, False))
    heapq.heapify(queue)
    out: list[str] = []
    open_ends: list[int] = []  # end offset of each open element, innermost last
    pos = 0
    while queue:
        start, neg_end, order, span, continued = heapq.heappop(queue)
        while open_ends and open_ends[-1] <= start:
            pos = _close(out, text, pos, open_ends.pop())
        out.append(str(escape(text[pos:start])))
        pos = start
        end = -neg_end
        if open_ends and open_ends[-1] < end:
            # Crosses the enclosing element: stop at its end and resume after it.
            heapq.heappush(queue, (open_ends[-1], neg_end, order, span, True))
            end = open_ends[-1]
        out.append(_open(span, continued=continued))
        open_ends.append(end)
    while open_ends:
        pos = _close(out, text, pos, open_ends.pop())
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _open(span: Span, *, continued: bool) -> str:
    anchor = "" if continued or span.anchor is None else f' id="{escape(span.anchor)}"'
    part = (" hl-cont" if continued else "") + (" hl-flagged" if span.flagged else "")
    return (
        f'<mark class="hl hl-{escape(span.kind)}{part}" data-fact="{escape(span.fact)}"'
        f'{anchor} title="{escape(span.label)}">'
    )


def _close(out: list[str], text: str, pos: int, end: int) -> int:
    out.append(str(escape(text[pos:end])))
    out.append("</mark>")
    return end


def anchors(keys: Sequence[tuple[str, int, int]]) -> list[str]:
    """Element ids ``{prefix}-{start}-{end}`` for spans, made unique by a suffix when two coincide.

    The id is built from the offsets so that a link from anywhere (a timeline's source, a search
    hit) can point at the span without knowing the row that stores it.
    """
    seen: dict[str, int] = {}
    result = []
    for prefix, start, end in keys:
        base = f"{prefix}-{start}-{end}"
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.append(base if count == 0 else f"{base}-{count + 1}")
    return result

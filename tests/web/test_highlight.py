"""Evidence highlighting: marks at exact offsets, nesting, crossing spans, escaping, damaged offsets."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from diplograph.web.highlight import Span, anchors, highlight


def _span(fact: str, start: int, end: int, kind: str = "engagement", anchor: str | None = None) -> Span:
    return Span(fact=fact, kind=kind, start=start, end=end, label=fact, anchor=anchor)


class _Pieces(HTMLParser):
    """Text under each data-fact, and the plain text of the whole fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.by_fact: dict[str, str] = {}
        self.text = ""
        self.ids: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        fact = values.get("data-fact") or ""
        self.stack.append(fact)
        if values.get("id"):
            self.ids[values["id"] or ""] = fact

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for fact in set(self.stack):
            self.by_fact[fact] = self.by_fact.get(fact, "") + data


def _parse(markup: str) -> _Pieces:
    parser = _Pieces()
    parser.feed(markup)
    parser.close()
    assert not parser.stack, "unbalanced marks"
    return parser


def test_highlight_marks_spans_at_their_offsets() -> None:
    text = "Wang Yi met Bui Thanh Son in Beijing."
    markup = highlight(text, [_span("m", 0, 37, anchor="ev-0-37"), _span("p", 12, 25, kind="person")])
    pieces = _parse(str(markup))
    assert pieces.text == text
    assert pieces.by_fact == {"m": text, "p": "Bui Thanh Son"}
    assert pieces.ids == {"ev-0-37": "m"}
    assert str(markup).startswith('<mark class="hl hl-engagement" data-fact="m" id="ev-0-37"')


def test_highlight_cuts_crossing_spans_and_keeps_each_quote_whole() -> None:
    text = "abcdefghij"
    markup = str(highlight(text, [_span("a", 0, 6), _span("b", 4, 10)]))
    pieces = _parse(markup)
    assert pieces.by_fact == {"a": "abcdef", "b": "efghij"}
    assert markup.count('data-fact="b"') == 2
    assert "hl-cont" in markup


def test_highlight_escapes_every_piece_of_text() -> None:
    text = '<script>alert(1)</script> & "quotes"'
    markup = str(highlight(text, [_span('x" onmouseover="alert(2)', 0, 8)]))
    assert "<script>" not in markup
    assert 'onmouseover="alert' not in markup
    assert _parse(markup).text == text


def test_highlight_clips_offsets_outside_the_text() -> None:
    text = "short"
    markup = str(
        highlight(text, [_span("a", -5, 3), _span("b", 3, 99), _span("c", 50, 60), _span("d", 4, 2)])
    )
    pieces = _parse(markup)
    assert pieces.text == text
    assert pieces.by_fact == {"a": "sho", "b": "rt"}


def test_highlight_empty_text_and_no_spans() -> None:
    assert str(highlight("", [_span("a", 0, 3)])) == ""
    assert str(highlight("a < b", [])) == "a &lt; b"


def test_highlight_anchors_are_unique() -> None:
    assert anchors([("ev", 1, 5), ("pm", 1, 5), ("ev", 1, 5), ("ev", 1, 5)]) == [
        "ev-1-5",
        "pm-1-5",
        "ev-1-5-2",
        "ev-1-5-3",
    ]


_spans = st.lists(st.tuples(st.integers(-3, 40), st.integers(-3, 40)), max_size=8)


@given(text=st.text(alphabet="ab <&>\"'đ\n", max_size=40), bounds=_spans)
def test_highlight_any_spans_keep_the_text_and_each_quote(text: str, bounds: list[tuple[int, int]]) -> None:
    spans = [_span(f"f{i}", start, end) for i, (start, end) in enumerate(bounds)]
    markup = str(highlight(text, spans))
    pieces = _parse(markup)
    assert pieces.text == text
    assert html.unescape(re.sub(r"<[^>]+>", "", markup)) == text
    for span in spans:
        start, end = max(0, min(span.start, len(text))), max(0, min(span.end, len(text)))
        if start < end:
            assert pieces.by_fact[span.fact] == text[start:end]

"""Tests for sentence splitting: lines first, then full stops that are not abbreviations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.extract.segment import split_sentences
from diplograph.extract.tokens import tokenize


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_segment_splits_at_full_stop_before_capital() -> None:
    assert sentences("Li Qiang met Pham Minh Chinh. Li said ties were strong.") == [
        "Li Qiang met Pham Minh Chinh.",
        "Li said ties were strong.",
    ]


def test_segment_does_not_split_after_ranks_months_and_initials() -> None:
    text = "Sen. Lieut. Gen. Tran Quang Phuong met Dr. R. Sharma on Dec. 10. They talked."
    assert sentences(text) == [
        "Sen. Lieut. Gen. Tran Quang Phuong met Dr. R. Sharma on Dec. 10.",
        "They talked.",
    ]


def test_segment_does_not_split_inside_dotted_acronyms() -> None:
    assert sentences("Vietnam and the U.S. agreed. The U.S. Embassy hosted a dinner.") == [
        "Vietnam and the U.S. agreed.",
        "The U.S. Embassy hosted a dinner.",
    ]


def test_segment_does_not_split_before_lower_case() -> None:
    assert sentences("The envoys met at 5 p.m. and then left.") == ["The envoys met at 5 p.m. and then left."]


def test_segment_splits_before_digits_questions_and_exclamations() -> None:
    assert sentences("Trade grew. 2024 was a record year.") == ["Trade grew.", "2024 was a record year."]
    assert sentences("Is it true? Yes! It is.") == ["Is it true?", "Yes!", "It is."]


def test_segment_line_break_always_ends_a_sentence() -> None:
    text = "Xi, Lam hold talks in Beijing\n\n  BEIJING, Aug. 19 (Xinhua) -- The leaders met.  \n"
    assert sentences(text) == [
        "Xi, Lam hold talks in Beijing",
        "BEIJING, Aug. 19 (Xinhua) -- The leaders met.",
    ]


def test_segment_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n \n\t\n") == []


def test_segment_accepts_precomputed_tokens() -> None:
    text = "Wang Yi met Bui Thanh Son.\nThey agreed. Both sides signed."
    assert split_sentences(text, tokenize(text)) == split_sentences(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab c.?!\n\"'(")), max_size=80))
def test_segment_spans_are_ordered_trimmed_and_single_line(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        chunk = text[start:end]
        assert start >= previous_end
        assert chunk
        assert chunk == chunk.strip()
        assert "\n" not in chunk
        previous_end = end

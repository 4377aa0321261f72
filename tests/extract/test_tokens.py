"""Tests for the word tokenizer the name and title rules run on: exact offsets, abbreviations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.extract.tokens import Token, tokenize, tokens_between


def texts(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens]


def test_tokens_offsets_point_into_the_text() -> None:
    text = "Thủ tướng Phạm Minh Chính gặp Đại sứ Hàn Quốc tại Hà Nội."
    tokens = tokenize(text)
    assert tokens
    for token in tokens:
        assert text[token.start : token.end] == token.text


def test_tokens_keep_rank_and_month_abbreviations_whole() -> None:
    tokens = tokenize("Sen. Lieut. Gen. Tran Quang Phuong left on Dec. 10.")
    assert texts(tokens)[:3] == ["Sen.", "Lieut.", "Gen."]
    assert "Dec." in texts(tokens)
    assert all(t.kind == "word" for t in tokens[:3])


def test_tokens_split_a_sentence_final_full_stop() -> None:
    tokens = tokenize("They arrived in Ho Chi Minh City.")
    assert texts(tokens)[-2:] == ["City", "."]
    assert tokens[-1].kind == "punct"


def test_tokens_keep_initials_and_dotted_acronyms() -> None:
    assert "R." in texts(tokenize("Envoy R. Sharma spoke."))
    assert "U.S." in texts(tokenize("The U.S. envoy spoke."))


def test_tokens_split_possessive_marker() -> None:
    for apostrophe in ("'", "’"):
        tokens = tokenize(f"China{apostrophe}s Foreign Minister")
        assert texts(tokens)[:2] == ["China", f"{apostrophe}s"]
        assert [t.kind for t in tokens[:2]] == ["word", "poss"]


def test_tokens_keep_hyphenated_words_whole() -> None:
    assert texts(tokenize("She co-chaired it with the Secretary-General.")) == [
        "She",
        "co-chaired",
        "it",
        "with",
        "the",
        "Secretary-General",
        ".",
    ]


def test_tokens_key_folds_case_diacritics_and_abbreviation_dot() -> None:
    sen, ha = tokenize("Sen. Hà")
    assert sen.key == "sen"
    assert ha.key == "ha"


def test_tokens_capitalisation_flags() -> None:
    photo, colon, name, minister = tokenize("PHOTO: Nguyen minister")
    assert photo.is_upper
    assert photo.is_cap
    assert not colon.is_word
    assert not colon.is_cap
    assert name.is_cap
    assert not name.is_upper
    assert not minister.is_cap
    assert not tokenize("A")[0].is_upper  # one capital letter is a word, not an all-caps run


def test_tokens_window_offsets_are_absolute() -> None:
    text = "Wang Yi met Bui Thanh Son."
    tokens = tokenize(text, 12, 25)
    assert texts(tokens) == ["Bui", "Thanh", "Son"]
    assert tokens[0].start == 12


def test_tokens_between_matches_tokenizing_the_window() -> None:
    text = "Li Qiang met Pham Minh Chinh. Li said ties were strong. Chinh agreed."
    whole = tokenize(text)
    start = text.index("Li said")
    end = text.index(" Chinh agreed")
    assert tokens_between(whole, start, end) == tokenize(text, start, end)


def test_tokens_empty_and_blank_text() -> None:
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_tokens_never_overlap_and_quote_exactly(text: str) -> None:
    previous_end = 0
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end
        assert not token.text.isspace()
        previous_end = token.end

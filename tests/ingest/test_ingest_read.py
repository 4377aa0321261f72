"""Reading files, directories and stdin, and every kind of bad input."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from diplograph.errors import IngestError
from diplograph.ingest import DEFAULT_MAX_BYTES, read_article, read_articles
from diplograph.model import Article

STORY = (
    " date 2024-04-10 Ministers meet in Hanoi\n\n"
    "HÀ NỘI — Vietnamese and Lao foreign ministers met in Hà Nội on Tuesday to review cooperation.\n"
)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _problem(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return caught.value.problem


def test_read_plain_text_file(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path / "story.txt", STORY.encode()))
    assert article.doc == "story.txt"
    assert article.text == STORY
    assert article.dateline is not None
    assert article.dateline.place == "Hanoi"


def test_read_empty_file(tmp_path: Path) -> None:
    assert _problem(_write(tmp_path / "empty.txt", b"")) == "empty file"


def test_read_whitespace_only_file(tmp_path: Path) -> None:
    assert "only whitespace" in _problem(_write(tmp_path / "blank.txt", b" \n\n\t\n"))


def test_read_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    problem = _problem(_write(tmp_path / "blob.txt", b"abc\x00\x01\x02\xff\xfe\x00def" * 10))
    assert problem.startswith("binary file")
    assert "offset 3" in problem


def test_read_binary_file_of_control_characters(tmp_path: Path) -> None:
    problem = _problem(_write(tmp_path / "controls.txt", bytes(range(1, 9)) * 50))
    assert problem.startswith("binary file")


def test_read_pdf_is_named(tmp_path: Path) -> None:
    assert "PDF" in _problem(_write(tmp_path / "report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))


def test_read_invalid_utf8_names_offset_and_encoding_option(tmp_path: Path) -> None:
    data = "Ministers met at a café in Hanoi on Tuesday.".encode("cp1252")
    problem = _problem(_write(tmp_path / "latin.txt", data))
    assert f"offset {data.index(0xE9)}" in problem
    assert "0xE9" in problem
    assert "--encoding" in problem


def test_read_explicit_encoding_overrides(tmp_path: Path) -> None:
    path = _write(tmp_path / "latin.txt", "Ministers met in Hanoi. Café talks followed.\n".encode("cp1252"))
    assert read_article(path, encoding="cp1252").text == "Ministers met in Hanoi. Café talks followed.\n"


def test_read_unknown_encoding_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", STORY.encode())
    with pytest.raises(IngestError, match="unknown encoding"):
        read_article(path, encoding="no-such-codec")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_read_byte_order_marks(tmp_path: Path, codec: str) -> None:
    article = read_article(_write(tmp_path / "story.txt", STORY.encode(codec)))
    assert article.text == STORY
    assert not article.text.startswith("\ufeff")


def test_read_utf16_without_bom(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path / "story.txt", STORY.encode("utf-16-le")))
    assert article.text == STORY


def test_read_crlf_file_is_normalised(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path / "story.txt", STORY.replace("\n", "\r\n").encode()))
    assert article.text == STORY


def test_read_truncated_utf8_at_end(tmp_path: Path) -> None:
    data = STORY.encode() + "Nộ".encode()[:-1]
    problem = _problem(_write(tmp_path / "half.txt", data))
    assert "truncated UTF-8" in problem
    assert "half-written" in problem


def test_read_file_over_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", b"x" * 2000)
    with pytest.raises(IngestError, match="over the limit of 1,000"):
        read_article(path, max_bytes=1000)


def test_read_huge_file_fails_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(IngestError, match="52,428,800 bytes, over the limit of 20,971,520"):
        read_article(path)
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_read_missing_path(tmp_path: Path) -> None:
    assert _problem(tmp_path / "nowhere.txt") == "no such file or directory"
    (item,) = list(read_articles([tmp_path / "nowhere.txt"]))
    assert isinstance(item, IngestError)


def test_read_article_refuses_directory(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="is a directory"):
        read_article(tmp_path)


def test_read_article_refuses_several_articles(tmp_path: Path) -> None:
    lines = b'{"text": "Ministers met in Hanoi."}\n{"text": "Ministers met in Vientiane."}\n'
    with pytest.raises(IngestError, match="holds 2 articles"):
        read_article(_write(tmp_path / "two.jsonl", lines))


def test_read_directory_mixed_good_and_bad(tmp_path: Path) -> None:
    sub = tmp_path / "b_sub"
    sub.mkdir()
    hidden = tmp_path / ".hidden"
    hidden.mkdir()
    _write(tmp_path / "a_good.txt", STORY.encode())
    _write(tmp_path / "c_empty.txt", b"")
    _write(tmp_path / "d_binary.txt", b"\x00\x01\x02\x03" * 20)
    _write(tmp_path / "e_latin.txt", "Café".encode("cp1252"))
    _write(tmp_path / ".secret.txt", STORY.encode())
    _write(hidden / "inside.txt", STORY.encode())
    _write(sub / "nested.md", STORY.encode())
    _write(tmp_path / "photo.png", b"\x89PNG\r\n")
    items = list(read_articles([tmp_path]))
    good = [i.doc for i in items if isinstance(i, Article)]
    bad = [i.source for i in items if isinstance(i, IngestError)]
    assert good == ["a_good.txt", "nested.md"]
    assert bad == [str(tmp_path / name) for name in ("c_empty.txt", "d_binary.txt", "e_latin.txt")]


def test_read_articles_accepts_a_single_path(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.txt", STORY.encode())
    assert [a.doc for a in read_articles(str(path)) if isinstance(a, Article)] == ["story.txt"]


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    (article,) = list(read_articles(["-"]))
    assert isinstance(article, Article)
    assert article.doc == "<stdin>"
    assert article.text == STORY


def test_read_stdin_over_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"y" * 200)))
    (item,) = list(read_articles(["-"], max_bytes=100))
    assert isinstance(item, IngestError)
    assert str(item).startswith("<stdin>: ")


def test_read_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path / "story", STORY.encode()))
    assert article.doc == "story"
    markup = b"<html><body><p>" + b"Ministers met in Hanoi to talk about trade. " * 5 + b"</p></body></html>"
    page = read_article(_write(tmp_path / "page.dat", markup))
    assert "Ministers met in Hanoi" in page.text

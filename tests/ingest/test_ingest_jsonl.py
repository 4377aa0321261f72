"""JSON Lines and JSON files: one Article per record, an IngestError per bad line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.errors import IngestError
from diplograph.ingest import read_article, read_articles
from diplograph.model import Article, PartialDate

FIRST = {
    "id": "vn-la-2024",
    "text": "VIENTIANE — Vietnamese and Lao officials met on Tuesday to prepare the 47th committee meeting.",
    "title": "Officials prepare committee meeting",
    "url": "https://example.org/2024/11/12/story",
    "published": "2024-11-12",
    "source": "VNS",
    "section": "politics",
}
SECOND = {"text": "Ministers met in Phnom Penh on Monday.\n\nThey discussed trade.", "doc": "km-1"}
THIRD = {"text": "Officials met in Seoul.\n\nThis year marks nothing in particular."}


def _jsonl(path: Path, records: list[object], *, tail: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + tail, encoding="utf-8")
    return path


def test_jsonl_records_with_metadata(tmp_path: Path) -> None:
    items = list(read_articles([_jsonl(tmp_path / "batch.jsonl", [FIRST, SECOND, THIRD])]))
    assert all(isinstance(i, Article) for i in items)
    first, second, third = (i for i in items if isinstance(i, Article))
    assert first.doc == "vn-la-2024"
    assert first.title == "Officials prepare committee meeting"
    assert first.url == "https://example.org/2024/11/12/story"
    assert (first.published, first.published_basis) == (PartialDate("2024-11-12"), "metadata")
    assert first.source == "VNS"
    assert ("section", "politics") in first.metadata
    assert first.dateline is not None
    assert first.dateline.place == "Vientiane"
    assert second.doc == "km-1"
    assert third.doc == "batch.jsonl:3"


def test_jsonl_bad_lines_are_errors_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ndjson"
    path.write_text(
        json.dumps(SECOND)
        + "\n\n{not json}\n"
        + json.dumps({"title": "no text here"})
        + "\n[1, 2]\n"
        + json.dumps({"text": 5})
        + "\n"
        + json.dumps({"text": "   "})
        + "\n"
        + json.dumps(THIRD)
        + "\n",
        encoding="utf-8",
    )
    items = list(read_articles([path]))
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert [i.doc for i in items if isinstance(i, Article)] == ["km-1", "mixed.ndjson:8"]
    assert errors[0].startswith(f"{path}:3: not valid JSON")
    assert errors[1] == f'{path}:4: no "text" field'
    assert errors[2] == f"{path}:5: expected a JSON object, got list"
    assert errors[3] == f'{path}:6: "text" must be a string, not int'
    assert errors[4] == f'{path}:7: "text" is empty'


def test_jsonl_last_line_cut_short(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "half.jsonl", [SECOND], tail='{"text": "Ministers met in Ha')
    items = list(read_articles([path]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], IngestError)
    assert items[1].source == f"{path}:2"
    assert "half-written" in items[1].problem


def test_jsonl_single_record_reads_with_read_article(tmp_path: Path) -> None:
    article = read_article(_jsonl(tmp_path / "one.jsonl", [SECOND]))
    assert article.doc == "km-1"


def test_jsonl_bad_field_type(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "bad.jsonl", [{"text": "Ministers met.", "title": ["a", "b"]}])
    with pytest.raises(IngestError, match='"title" must be a string'):
        read_article(path)


def test_jsonl_plain_json_object_and_list(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps(THIRD), encoding="utf-8")
    assert read_article(single).doc == "one.json"
    several = tmp_path / "many.json"
    several.write_text(json.dumps([SECOND, THIRD, {"no": "text"}]), encoding="utf-8")
    items = list(read_articles([several]))
    assert [i.doc for i in items if isinstance(i, Article)] == ["km-1", "many.json:2"]
    assert [i.source for i in items if isinstance(i, IngestError)] == [f"{several}:3"]

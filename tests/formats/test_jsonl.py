"""Tests for the JSON Lines record: the scorer's keys, one line per document, text kept as written."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from diplograph.extract import extract_article
from diplograph.formats.jsonl import dumps, to_record
from diplograph.ingest import article_from_text
from diplograph.model import (
    Article,
    Engagement,
    Evidence,
    Extraction,
    Figure,
    PartialDate,
    Participant,
    Person,
)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

_TEXT = "Thủ tướng Phạm Minh Chính held talks with Lao Prime Minister Sonexay Siphandone in Hà Nội."


def evidence(phrase: str) -> Evidence:
    start = _TEXT.index(phrase)
    return Evidence(quote=phrase, start=start, end=start + len(phrase))


def handmade() -> Extraction:
    """An Extraction built by hand, so these tests do not depend on what the rules find."""
    article = Article(
        text=_TEXT,
        doc="hanoi_talks.txt",
        title="PM Chính holds talks with Lao counterpart",
        source="VNA",
        url="https://example.org/talks",
        published=PartialDate("2024-01-10"),
        published_basis="metadata",
    )
    talks = Engagement(
        kind="talks",
        status="held",
        date=PartialDate("2024-01-08", "2024-01-09"),
        date_basis="explicit",
        location="Hanoi",
        location_country="VNM",
        mechanism=None,
        ordinal=None,
        participants=(
            Participant(name="Pham Minh Chinh", country="VNM", title="Prime Minister"),
            Participant(name="Sonexay Siphandone", country="LAO", title="Prime Minister"),
        ),
        evidence=evidence("held talks with Lao Prime Minister Sonexay Siphandone in Hà Nội"),
    )
    figure = Figure(
        indicator="bilateral trade",
        value=1.5e9,
        unit="USD",
        period="2023",
        change_pct=12.5,
        evidence=evidence("Sonexay Siphandone"),
    )
    chinh = Person(
        name="Pham Minh Chinh",
        country="VNM",
        titles=("Prime Minister",),
        aliases=("Phạm Minh Chính",),
        mentions=(evidence("Phạm Minh Chính"),),
    )
    return Extraction(
        article=article,
        engagements=(talks,),
        people=(chinh,),
        figures=(figure,),
        extractor_version="9.9.9",
        warnings=("date anchor: 2024-01-10 (metadata)",),
    )


def test_jsonl_record_has_the_document_keys() -> None:
    record = to_record(handmade())
    assert {"doc", "published", "events", "figures", "people"} <= record.keys()
    assert record["doc"] == "hanoi_talks.txt"
    assert record["published"] == "2024-01-10"
    assert record["published_basis"] == "metadata"
    assert record["source"] == "VNA"
    assert record["url"] == "https://example.org/talks"
    assert record["extractor_version"] == "9.9.9"
    assert record["notes"] == ["date anchor: 2024-01-10 (metadata)"]


def test_jsonl_event_uses_the_gold_schema_keys() -> None:
    (event,) = to_record(handmade())["events"]
    assert event["type"] == "talks"
    assert event["status"] == "held"
    assert event["date"] == "2024-01-08/2024-01-09"
    assert (event["location"], event["location_country"]) == ("Hanoi", "VNM")
    assert event["mechanism"] is None
    assert event["ordinal"] is None
    assert event["participants"] == [
        {"name": "Pham Minh Chinh", "country": "VNM", "title": "Prime Minister"},
        {"name": "Sonexay Siphandone", "country": "LAO", "title": "Prime Minister"},
    ]
    start, end = event["evidence_span"]
    assert _TEXT[start:end] == event["evidence"]


def test_jsonl_figure_and_person_fields() -> None:
    record = to_record(handmade())
    (figure,) = record["figures"]
    assert (figure["indicator"], figure["value"], figure["unit"]) == ("bilateral trade", 1.5e9, "USD")
    assert (figure["period"], figure["change_pct"]) == ("2023", 12.5)
    (person,) = record["people"]
    assert person["name"] == "Pham Minh Chinh"
    assert person["country"] == "VNM"
    assert person["titles"] == ["Prime Minister"]
    assert person["aliases"] == ["Phạm Minh Chính"]
    (mention,) = person["mentions"]
    assert _TEXT[mention["start"] : mention["end"]] == mention["quote"] == "Phạm Minh Chính"


def test_jsonl_missing_values_are_null() -> None:
    bare = Extraction(article=Article(text="", doc="empty.txt"))
    record = to_record(bare)
    assert record["published"] is None
    assert record["title"] is None
    assert record["events"] == []
    assert record["figures"] == []
    assert record["people"] == []
    assert json.loads(dumps(bare))["published"] is None


def test_jsonl_dumps_is_one_line_of_valid_json() -> None:
    line = dumps(handmade())
    assert "\n" not in line
    assert not line.endswith("\n")
    assert json.loads(line) == to_record(handmade())


def test_jsonl_dumps_keeps_non_ascii_as_is() -> None:
    line = dumps(handmade())
    assert "Phạm Minh Chính" in line
    assert "Hà Nội" in line
    assert "\\u" not in line


def test_jsonl_newlines_in_text_stay_escaped() -> None:
    text = "Headline\n\nChinese Premier Li Qiang met Vietnamese Prime Minister Pham Minh Chinh\nin Beijing."
    line = dumps(extract_article(article_from_text(text, published="2024-12-11")))
    assert "\n" not in line
    record = json.loads(line)
    for event in record["events"]:
        start, end = event["evidence_span"]
        assert text[start:end] == event["evidence"]


def test_jsonl_record_of_a_real_extraction_round_trips() -> None:
    text = (
        "BEIJING, Dec. 10 (Xinhua) -- Vietnamese Foreign Minister Bùi Thanh Sơn and his Chinese host Wang "
        "Yi on Tuesday co-chaired the 16th session of the China-Vietnam Steering Committee for Bilateral "
        "Cooperation in Beijing."
    )
    record = json.loads(dumps(extract_article(article_from_text(text, doc="steering.txt"))))
    assert record["doc"] == "steering.txt"
    (event,) = record["events"]
    assert (event["type"], event["ordinal"], event["location"]) == ("co_chair", 16, "Beijing")
    assert {p["name"] for p in event["participants"]} == {"Wang Yi", "Bui Thanh Son"}
    assert {p["name"] for p in record["people"]} == {"Wang Yi", "Bui Thanh Son"}
    son = next(p for p in record["people"] if p["name"] == "Bui Thanh Son")
    assert son["aliases"] == ["Bùi Thanh Sơn"]


def _scorer() -> ModuleType:
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/eval/score.py is not beside the checkout")
    spec = importlib.util.spec_from_file_location("diplograph_shared_score", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_jsonl_record_scores_perfectly_against_its_own_gold() -> None:
    score = _scorer()
    record: dict[str, Any] = json.loads(dumps(handmade()))
    gold = {
        "doc": "hanoi_talks.txt",
        "published": "2024-01-10",
        "events": [
            {
                "type": "talks",
                "status": "held",
                "date": "2024-01-08/2024-01-09",
                "location": "Hanoi",
                "location_country": "VNM",
                "mechanism": None,
                "ordinal": None,
                "participants": [
                    {"name": "Pham Minh Chinh", "country": "VNM", "title": "Prime Minister"},
                    {"name": "Sonexay Siphandone", "country": "LAO", "title": "Prime Minister"},
                ],
            }
        ],
        "figures": [{"indicator": "bilateral trade", "value": 1.5e9, "unit": "USD"}],
        "people": [{"name": "Pham Minh Chinh", "country": "VNM"}],
    }
    tallies: dict[str, Any] = {
        k: score.Tally() for k in ("engagement", "pair", "pair_date", "mechanism", "people", "figures")
    }
    tallies.update({k: [0, 0] for k in ("location", "people_country", "published")})
    score.score_doc(gold, record, tallies, [])
    for key in ("engagement", "pair", "pair_date", "people", "figures"):
        assert tallies[key].f1() == 1.0, key
    assert tallies["location"] == [1, 1]
    assert tallies["published"] == [1, 1]

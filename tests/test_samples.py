"""The sample readouts and their hand annotations: complete, well-formed, and covering the report shapes."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from diplograph.ingest import read_articles
from diplograph.model import ENGAGEMENT_KINDS, Article, PartialDate

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "samples"
GOLD = Path(__file__).resolve().parent / "data" / "samples_gold"

ISO3 = re.compile(r"^[A-Z]{3}$")
GOLD_KEYS = {"doc", "source", "url", "published", "events", "figures", "people"}
EVENT_KEYS = {
    "type",
    "status",
    "date",
    "location",
    "location_country",
    "mechanism",
    "ordinal",
    "participants",
    "evidence",
}
FIGURE_KEYS = {"indicator", "value", "unit", "period", "change_pct", "evidence"}


def _sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.is_file() and not p.name.startswith("."))


def _articles() -> dict[str, Article]:
    return {article.doc: article for path in _sample_files() for article in read_articles(path)}


def _golds() -> dict[str, dict[str, Any]]:
    golds = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        golds[gold["doc"]] = gold
    return golds


GOLDS = _golds()


def test_samples_at_least_twelve_documents_each_with_gold() -> None:
    articles = _articles()
    assert len(articles) >= 12
    assert sorted(articles) == sorted(GOLDS)


def test_samples_gold_files_are_named_after_their_document() -> None:
    for path in GOLD.glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))["doc"]
        assert path.stem == PurePosixPath(doc).stem, path.name


@pytest.mark.parametrize("doc", sorted(GOLDS))
def test_samples_gold_follows_the_scorer_schema(doc: str) -> None:
    gold = GOLDS[doc]
    assert set(gold) == GOLD_KEYS
    if gold["published"] is not None:
        assert PartialDate.parse(gold["published"]).precision == "day"
    for event in gold["events"]:
        assert set(event) == EVENT_KEYS
        assert event["type"] in ENGAGEMENT_KINDS
        assert event["status"] in {"held", "planned"}
        if event["date"] is not None:
            PartialDate.parse(event["date"])
        assert event["location_country"] is None or ISO3.match(event["location_country"])
        assert event["ordinal"] is None or (isinstance(event["ordinal"], int) and event["mechanism"])
        for participant in event["participants"]:
            assert set(participant) <= {"name", "country", "title", "optional"}
            assert ISO3.match(participant["country"])
    for figure in gold["figures"]:
        assert set(figure) == FIGURE_KEYS
        assert isinstance(figure["value"], int | float)


@pytest.mark.parametrize("doc", sorted(GOLDS))
def test_samples_gold_names_are_ascii_and_listed_in_people(doc: str) -> None:
    gold = GOLDS[doc]
    people = {person["name"] for person in gold["people"]}
    assert len(people) == len(gold["people"]), "a person is listed twice"
    for person in gold["people"]:
        assert person["name"].isascii(), person["name"]
        assert ISO3.match(person["country"]), person
    for event in gold["events"]:
        assert {p["name"] for p in event["participants"]} <= people


def test_samples_gold_evidence_is_quoted_from_the_article_text() -> None:
    articles = _articles()
    for doc, gold in GOLDS.items():
        for item in gold["events"] + gold["figures"]:
            assert item["evidence"] in articles[doc].text, f"{doc}: {item['evidence']!r}"


def _any_text(predicate: Callable[[str], bool]) -> bool:
    return any(predicate(path.read_text(encoding="utf-8")) for path in _sample_files())


SHAPES: dict[str, Callable[[str], bool]] = {
    "' date YYYY-MM-DD Title' header": lambda t: bool(re.match(r"^ date \d{4}-\d{2}-\d{2} \S", t)),
    "Article Number header": lambda t: t.startswith("Article Number: "),
    "Xinhua dateline": lambda t: bool(re.search(r"^[A-Z]+, [A-Z][a-z]{2}\. \d+ \(Xinhua\) -- ", t, re.M)),
    "weekday date": lambda t: " on Tuesday" in t or " on Thursday" in t,
    "VNS dateline with diacritics": lambda t: "HÀ NỘI — " in t and "Bùi Thanh Sơn" in t,
    "Lê Thành Long": lambda t: "Lê Thành Long" in t,
    "Tô Lâm": lambda t: "Tô Lâm" in t,
    "VNA dateline": lambda t: "Hanoi (VNA) – " in t,
    "Reuters dateline": lambda t: "MOSCOW, Russia (Reuters) — " in t,
    "NEW DELHI: dateline": lambda t: "\nNEW DELHI: " in t,
    "trailing Source: URL": lambda t: bool(re.search(r"\nSource: https?://\S+\s*$", t)),
    "photo caption": lambda t: "\nPHOTO: " in t,
    "HTML published_time": lambda t: 'property="article:published_time"' in t,
    "RSS feed of two items": lambda t: "<rss" in t and t.count("<item>") == 2,
    "JSON Lines of three records": lambda t: t.startswith("{") and len(t.strip().splitlines()) == 3,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_samples_cover_the_report_shapes(shape: str) -> None:
    assert _any_text(SHAPES[shape]), f"no sample has: {shape}"


def test_samples_cover_several_country_pairs() -> None:
    pairs = set()
    for gold in GOLDS.values():
        for event in gold["events"]:
            countries = {p["country"] for p in event["participants"]}
            if len(countries) == 2:
                pairs.add(frozenset(countries))
    for pair in ({"CHN", "VNM"}, {"IND", "JPN"}, {"USA", "CHN"}, {"RUS", "CHN"}, {"VNM", "LAO"}):
        assert frozenset(pair) in pairs, pair


def test_samples_mechanism_session_is_planned_in_one_and_held_in_another() -> None:
    sessions: dict[tuple[str, int], set[tuple[str, str]]] = {}
    for doc, gold in GOLDS.items():
        for event in gold["events"]:
            if event["mechanism"] and event["ordinal"]:
                sessions.setdefault((event["mechanism"], event["ordinal"]), set()).add((event["status"], doc))
    assert any(
        {s for s, _ in seen} == {"held", "planned"} and len({d for _, d in seen}) == 2
        for seen in sessions.values()
    )


def test_samples_one_meeting_reported_by_two_outlets() -> None:
    meetings: dict[tuple[str, frozenset[str]], set[str]] = {}
    for gold in GOLDS.values():
        for event in gold["events"]:
            names = frozenset(p["name"] for p in event["participants"] if not p.get("optional"))
            if event["status"] == "held" and event["type"] == "talks" and len(names) >= 2:
                meetings.setdefault((event["date"], names), set()).add(gold["source"])
    assert any(len(sources) >= 2 for sources in meetings.values())


def test_samples_one_person_under_two_spellings() -> None:
    texts = "\n".join(path.read_text(encoding="utf-8") for path in _sample_files())
    for spelling in ("Sergei Lavrov", "Sergey Lavrov", "Hà Vĩ", "He Wei", "Tô Lâm", "To Lam"):
        assert spelling in texts


def test_samples_ship_inside_the_package() -> None:
    """pyproject's package-data globs must cover every sample, or `make demo` breaks once installed."""
    config = tomllib.loads((SAMPLES.parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["diplograph"]
    for path in _sample_files():
        relative = PurePosixPath(path.relative_to(SAMPLES.parent).as_posix())
        assert any(relative.match(pattern) for pattern in globs), f"{relative} is not in package-data"

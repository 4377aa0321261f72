"""Every seed and dev report in ../shared: the publication date must match gold where gold gives one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.ingest import read_article

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
FOLDERS = (SHARED / "seeds", SHARED / "corpus" / "dev" / "docs")

pytestmark = pytest.mark.shared


def _gold_path(report: Path) -> Path:
    base = report.parent.parent if report.parent.name == "docs" else report.parent
    return base / "gold" / f"{report.stem}.json"


def _reports() -> list[Path]:
    return sorted(p for folder in FOLDERS if folder.is_dir() for p in folder.glob("*.txt"))


REPORTS = _reports()


@pytest.mark.skipif(not REPORTS, reason="../shared is not beside the checkout")
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name)
def test_shared_published_matches_gold(report: Path) -> None:
    gold = json.loads(_gold_path(report).read_text(encoding="utf-8"))
    article = read_article(report)
    assert article.doc == report.name
    assert article.text == report.read_text(encoding="utf-8")
    if gold.get("published") is not None:
        assert str(article.published) == gold["published"]
        assert article.published_basis in {"header", "byline", "url"}


@pytest.mark.skipif(not REPORTS, reason="../shared is not beside the checkout")
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name)
def test_shared_spans_are_inside_text(report: Path) -> None:
    article = read_article(report)
    for start, end in article.skip_spans:
        assert 0 <= start < end <= len(article.text)
    if article.title_span is not None:
        assert article.text[article.title_span[0] : article.title_span[1]] == article.title


def test_shared_skips_cleanly_when_absent() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    assert REPORTS, "../shared exists but holds no reports"

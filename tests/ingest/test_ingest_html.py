"""Web pages: main text, title, canonical URL, publication date from the page's metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.errors import IngestError
from diplograph.ingest import read_article
from diplograph.ingest.html import html_to_text
from diplograph.model import PartialDate

PARAGRAPHS = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "HANOI, Dec. 12 (Xinhua) -- Chinese President Xi Jinping held talks with Nguyen Phu Trong, "
        "general secretary of the Communist Party of Vietnam Central Committee, in Hanoi on Tuesday.",
        "The two leaders agreed to build a community with a shared future that carries strategic "
        "significance, and discussed railway links, trade and maritime questions at length.",
        "Both sides witnessed the signing of a set of cooperation documents after the talks, "
        "covering trade, transport, digital economy and people-to-people exchanges.",
    )
)
PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Xi and Trong hold talks | Example News</title>
<meta property="og:title" content="Xi and Trong hold talks in Hanoi">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-12-13T08:00:00+07:00">
<link rel="canonical" href="https://news.example.org/world/xi-trong-talks">
<script>var tracking = "ignore me";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Xi and Trong hold talks in Hanoi</h1>{PARAGRAPHS}</article>
<footer>Copyright Example News</footer>
</body></html>
"""


def test_html_page_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "talks.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.doc == "talks.html"
    assert "Chinese President Xi Jinping held talks" in article.text
    assert "ignore me" not in article.text
    assert article.title == "Xi and Trong hold talks in Hanoi"
    assert article.title_span is not None
    assert article.text[article.title_span[0] : article.title_span[1]] == article.title
    assert article.url == "https://news.example.org/world/xi-trong-talks"
    assert (article.published, article.published_basis) == (PartialDate("2023-12-13"), "metadata")
    assert article.source == "Example News"
    assert article.dateline is not None
    assert article.dateline.place == "Hanoi"
    assert article.dateline.year == 2023


def test_html_json_ld_date(tmp_path: Path) -> None:
    page = (
        '<html><head><script type="application/ld+json">'
        '{"@graph": [{"@type": "NewsArticle", "datePublished": "2024-11-19T10:00:00Z"}]}'
        f"</script></head><body><article>{PARAGRAPHS}</article></body></html>"
    )
    path = tmp_path / "ld.htm"
    path.write_text(page, encoding="utf-8")
    assert read_article(path).published == PartialDate("2024-11-19")


def test_html_short_page_falls_back_to_lxml_text(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text("<html><body><p>Ministers met.</p><p>They talked.</p></body></html>", encoding="utf-8")
    article = read_article(path)
    assert "Ministers met." in article.text
    assert "They talked." in article.text


def test_html_page_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><script>1</script></body></html>")
    with pytest.raises(IngestError, match="no text found"):
        read_article(path)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>One</p><p>Two<br>three</p>", "One\n\nTwo\nthree"),
        ("plain words", "plain words"),
        ("<div>Kept <b>bold</b> &amp; more<script>x()</script></div>", "Kept bold & more"),
    ],
)
def test_html_to_text(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected

"""RSS and Atom feeds: one Article per entry, HTML stripped, dates from the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.errors import IngestError
from diplograph.ingest import read_article, read_articles
from diplograph.model import Article, PartialDate

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item>
  <title>Ministers meet in Vientiane</title>
  <link>https://wire.example.org/2024/11/12/ministers</link>
  <pubDate>Tue, 12 Nov 2024 09:30:00 GMT</pubDate>
  <description>&lt;p&gt;VIENTIANE — Vietnamese and Lao officials met on Tuesday.&lt;/p&gt;
  &lt;p&gt;They prepared the next committee meeting.&lt;/p&gt;</description>
</item>
<item>
  <title>No link entry</title>
  <description>Officials met in Phnom Penh on Monday.</description>
</item>
<item>
  <title>Empty entry</title>
  <description></description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title><id>urn:x</id>
<updated>2024-02-06T00:00:00Z</updated>
<entry><title>Deputy ministers meet</title><id>urn:x:1</id>
  <updated>2024-02-06T08:00:00Z</updated>
  <content type="html">&lt;p&gt;Deputy foreign ministers of China and Vietnam met
  in Ho Chi Minh City.&lt;/p&gt;</content>
</entry>
</feed>
"""


def test_feed_rss_entries(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_articles([path]))
    first, second = (i for i in items if isinstance(i, Article))
    assert first.doc == "https://wire.example.org/2024/11/12/ministers"
    assert first.url == first.doc
    assert first.title == "Ministers meet in Vientiane"
    assert first.text.startswith("VIENTIANE — Vietnamese and Lao officials met on Tuesday.\n\nThey prepared")
    assert "<p>" not in first.text
    assert (first.published, first.published_basis) == (PartialDate("2024-11-12"), "metadata")
    assert first.dateline is not None
    assert first.dateline.place == "Vientiane"
    assert first.source == "Example Wire"
    assert second.doc == "wire.rss:2"
    (error,) = (i for i in items if isinstance(i, IngestError))
    assert error.source == f"{path}:3"
    assert "no content" in error.problem


def test_feed_atom_content(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    article = read_article(path)
    assert article.text == "Deputy foreign ministers of China and Vietnam met in Ho Chi Minh City."
    assert article.published == PartialDate("2024-02-06")
    assert article.doc == "feed.atom:1"


def test_feed_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text(ATOM, encoding="utf-8")
    assert read_article(path).title == "Deputy ministers meet"


def test_feed_without_entries(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text("<rss><channel><title>Nothing yet</title></channel></rss>", encoding="utf-8")
    with pytest.raises(IngestError, match="feed has no entries"):
        read_article(path)


@pytest.mark.parametrize("markup", ["<rss><channel><item><title>cut", "<feed><<<>>>"])
def test_feed_broken_feed_is_an_error_naming_the_file(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_article(path)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)

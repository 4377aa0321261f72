"""Plain-text report shapes: header markers, titles, bylines, credits, sources, normalisation."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.ingest import article_from_text, read_article
from diplograph.model import Article, PartialDate

DATA = Path(__file__).parent / "data"


def _load(name: str) -> Article:
    return read_article(DATA / name)


def _skipped(article: Article) -> list[str]:
    return [article.text[start:end] for start, end in article.skip_spans]


def _span_text(article: Article, span: tuple[int, int] | None) -> str | None:
    return article.text[span[0] : span[1]] if span else None


def test_text_marker_title_agency_line_and_dateline() -> None:
    article = _load("xinhua_style.txt")
    assert article.doc == "xinhua_style.txt"
    assert article.title == "Xi Jinping and Nguyen Phu Trong hold talks in Hanoi"
    assert _span_text(article, article.title_span) == article.title
    assert article.published == PartialDate("2023-12-13")
    assert article.published_basis == "header"
    assert article.source == "Xinhua"
    assert " date 2023-12-13" in _skipped(article)
    assert "Xinhua) 21:40, December 13, 2023" in _skipped(article)
    dateline = article.dateline
    assert dateline is not None
    place = (dateline.place, dateline.agency)
    assert place == ("Hanoi", "Xinhua")
    assert (dateline.year, dateline.month, dateline.day) == (2023, 12, 12)
    assert article.text[dateline.start : dateline.end] == "HANOI, Dec. 12 (Xinhua) --"


def test_text_marker_followed_by_paragraph_is_not_a_title() -> None:
    article = _load("vns_style.txt")
    assert article.title is None
    assert article.title_span is None
    assert article.dateline is not None
    assert article.dateline.place == "Vientiane"
    assert article.source == "VNA/VNS"
    assert "— VNA/VNS" in _skipped(article)
    assert article.text.startswith(" date 2024-11-12 VIENTIANE")


def test_text_article_number_and_publisher_line() -> None:
    article = _load("article_number.txt")
    assert article.title == "China: Wang Yi Meets Lao Foreign Minister Saleumxay Kommasith"
    assert _span_text(article, article.title_span) == article.title
    assert ("article_number", "212") in article.metadata
    assert "Article Number: 212" in _skipped(article)
    assert article.source == "Ministry of Foreign Affairs of China"
    assert article.published is None
    assert article.published_basis == "unknown"


def test_text_ap_byline_posted_line_and_photo_credit() -> None:
    article = _load("ap_style.txt")
    assert article.published == PartialDate("2023-12-11")
    assert article.published_basis == "byline"
    assert article.source == "AP"
    skipped = _skipped(article)
    assert "(AP Photo/Hau Dinh)" in skipped
    assert "By The Associated Press" in skipped
    assert "Posted December 11, 2023 4:10 am." in skipped
    # The caption itself names people and stays outside every skip span.
    caption_start = article.text.index("Vietnamese Prime Minister Pham Minh Chinh, right")
    assert all(not start <= caption_start < end for start, end in article.skip_spans)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("Hanoi", "AP")


def test_text_yonhap_published_line_and_trailing_agency_credit() -> None:
    article = _load("yonhap_style.txt")
    assert article.published == PartialDate("2018-03-23")
    assert article.published_basis == "byline"
    assert article.source == "Yonhap"
    assert {"By Yonhap", "Published : March 23, 2018 - 17:20", "(Yonhap)"} <= set(_skipped(article))
    assert article.dateline is not None
    assert article.dateline.place == "Hanoi"
    # A dateline without month and day gets no year either: it dates nothing.
    assert article.dateline.year is None


def test_text_cna_time_line_file_photo_and_source_line() -> None:
    article = _load("cna_style.txt")
    assert article.source == "Reuters"
    skipped = _skipped(article)
    assert "(File Photo: cnsphoto via Reuters)" in skipped
    assert "27 Jul 2023 09:15PM (Updated: 27 Jul 2023 09:20PM)" in skipped
    assert "Source: Reuters/at" in skipped
    assert article.dateline is not None
    assert article.text[article.dateline.start : article.dateline.end] == "BEIJING:"


def test_text_chrome_date_lines_earliest_is_publication() -> None:
    article = _load("chrome_dates.txt")
    assert article.published == PartialDate("2023-08-17")
    assert article.published_basis == "byline"
    assert "(Photo: VGP)" in _skipped(article)
    assert article.title == "Vietnam and Yunnan aim for more border trade"


def test_text_lone_chrome_date_line_is_used_as_byline() -> None:
    article = article_from_text("Border provinces meet\n\nFriday,  09/20/2024\n\nOfficials met on Monday.\n")
    assert article.published == PartialDate("2024-09-20")
    assert article.published_basis == "byline"


def test_text_thanhnien_footer_url_and_credits() -> None:
    article = _load("thanhnien_style.txt")
    assert article.url == "https://thanhnien.vn/viet-nam-trung-quoc-hop-tac-duong-sat-18525041419001234.htm"
    assert article.published == PartialDate("2025-04-14")
    assert article.published_basis == "url"
    assert article.source == "Thanh Nien"
    assert article.title is None
    skipped = _skipped(article)
    assert {"PHOTO: NGUYEN AN", "Thanhnien.vn", "Comment (0)"} <= set(skipped)
    assert any(s.startswith("Source: https://thanhnien.vn/") for s in skipped)
    assert "General Secretary To Lam and President Xi Jinping at the talks" not in " ".join(skipped)


def test_text_tass_dateline_without_year_when_publication_unknown() -> None:
    article = _load("tass_style.txt")
    assert article.title == "Putin and Xi hold video talks"
    assert article.source == "TASS"
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.month, article.dateline.day) == ("Moscow", 12, 30)
    assert article.dateline.year is None


def test_text_reuters_trailing_credits_keep_captions() -> None:
    article = _load("reuters_captions.txt")
    skipped = _skipped(article)
    assert "REUTERS/Adriano Machado" in skipped
    assert "Ricardo Moraes/Pool via REUTERS" in skipped
    assert "REUTERS" in skipped
    assert not any("Lula" in s for s in skipped)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("Brasilia", "Reuters")


def test_text_metadata_arguments_win_over_text_clues() -> None:
    text = (DATA / "xinhua_style.txt").read_text(encoding="utf-8")
    article = article_from_text(
        text,
        doc="given",
        title="A given title",
        url="https://example.org/2023/12/14/story",
        published="2023-12-14T06:00:00Z",
        source="Example Wire",
    )
    assert article.doc == "given"
    assert article.title == "A given title"
    assert article.title_span is None
    assert article.url == "https://example.org/2023/12/14/story"
    assert article.published == PartialDate("2023-12-14")
    assert article.published_basis == "metadata"
    assert article.source == "Example Wire"


def test_text_unreadable_metadata_date_falls_back_and_is_kept() -> None:
    text = (DATA / "xinhua_style.txt").read_text(encoding="utf-8")
    article = article_from_text(text, published="sometime last week")
    assert article.published_basis == "header"
    assert ("published_raw", "sometime last week") in article.metadata


def test_text_normalisation_bom_crlf_nfc() -> None:
    story = "Hà Nội (VNA) – Thủ tướng met his guest.{nl}Second line.{cr}Third."
    decomposed = unicodedata.normalize("NFD", story.format(nl="\r\n", cr="\r"))
    article = article_from_text("\ufeff" + decomposed)
    assert article.text == unicodedata.normalize("NFC", story.format(nl="\n", cr="\n"))
    assert article.dateline is not None
    assert article.dateline.place == "Hanoi"
    assert article.dateline.agency == "VNA"


def test_text_keeps_every_line() -> None:
    text = (DATA / "thanhnien_style.txt").read_text(encoding="utf-8")
    assert article_from_text(text).text == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_text_spans_always_inside_text(text: str) -> None:
    article = article_from_text(text)
    for start, end in article.skip_spans:
        assert 0 <= start < end <= len(article.text)
    if article.title_span is not None:
        assert article.text[article.title_span[0] : article.title_span[1]] == article.title
    if article.dateline is not None:
        assert 0 <= article.dateline.start <= article.dateline.end <= len(article.text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (" date 2024-05-02 Leaders meet in Vientiane\nThe leaders met.\n", "Leaders meet in Vientiane"),
        (" date 2024-05-02 The leaders met in Vientiane on Thursday. They talked.\nMore.\n", None),
        ("One line only without more text", None),
        ("A caption of two leaders. Photo: VNA\nBody text follows here.\n", None),
    ],
)
def test_text_title_only_when_headline_like(line: str, expected: str | None) -> None:
    assert article_from_text(line).title == expected

"""Publication date: order of trust, URL shapes, anniversaries, and the year of a dateline."""

from __future__ import annotations

import datetime as dt

import pytest

from diplograph.ingest import article_from_text
from diplograph.ingest.anniversary import year_from_anniversaries
from diplograph.ingest.dates import find_dates, parse_iso_like
from diplograph.ingest.published import dateline_year
from diplograph.ingest.urldate import date_from_url
from diplograph.model import Dateline, PartialDate

BODY = "HANOI, Dec. 31 (VNA) – The two ministers met in Hanoi.\n\nThey agreed to meet again.\n"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://en.people.cn/n3/2024/0627/c90000-1234567.html", "2024-06-27"),
        ("https://stabroeknews.com/2024/11/21/news/regional/story", "2024-11-21"),
        ("https://m.rediff.com/news/report/some-talks/20220319.htm", "2022-03-19"),
        ("https://thanhnien.vn/some-story-18525041422183829.htm", "2025-04-14"),
        ("https://m.koreaherald.com/amp/view.php?ud=20180323000168", "2018-03-23"),
        ("https://www.example.com/news/x--36399227/?utm_medium=RSS&utm_content=20210911", "2021-09-11"),
        ("https://example.org/world/2024-05-02-leaders-meet", "2024-05-02"),
        ("https://example.org/2023/09/summit-story", "2023-09"),
        ("https://tass.com/politics/1557685", None),
        ("https://www.einpresswire.com/article/598613971/party-leader", None),
        ("https://example.org/story/19991332", None),
        ("https://example.org/story/18001231", None),
        ("not a url at all", None),
    ],
)
def test_published_from_url(url: str, expected: str | None) -> None:
    found = date_from_url(url)
    assert (str(found) if found else None) == expected


def test_published_order_metadata_header_byline_dateline_url() -> None:
    url = "https://example.org/2024/01/03/story"
    dated = "SEOUL, Jan. 2, 2024 (Yonhap) -- Officials met.\n\nMore text.\n"
    assert article_from_text(dated, url=url).published_basis == "dateline"
    assert article_from_text(dated, url=url).published == PartialDate("2024-01-02")
    byline = "Officials meet\n\nPublished : January 1, 2024 - 10:00\n\n" + dated
    assert article_from_text(byline, url=url).published == PartialDate("2024-01-01")
    header = " date 2023-12-31 " + byline
    assert article_from_text(header, url=url).published_basis == "header"
    given = article_from_text(header, url=url, published="2023-12-30")
    assert (given.published, given.published_basis) == (PartialDate("2023-12-30"), "metadata")
    only_url = article_from_text("Officials met.\n\nMore text.\n", url=url)
    assert (only_url.published, only_url.published_basis) == (PartialDate("2024-01-03"), "url")


def test_published_unknown_and_never_guessed() -> None:
    article = article_from_text("Officials met in Hanoi to discuss trade.\n\nMore text.\n")
    assert article.published is None
    assert article.published_basis == "unknown"


def test_published_dateline_year_from_publication_across_new_year() -> None:
    article = article_from_text(BODY, published="2025-01-01")
    assert article.dateline is not None
    assert (article.dateline.year, article.dateline.month, article.dateline.day) == (2024, 12, 31)


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2024-12-11", 2024), ("2025-01-01", 2024), ("2024-12", 2024), ("2024", None), (None, None)],
)
def test_published_dateline_year_cases(published: str | None, expected: int | None) -> None:
    dateline = Dateline(place="Beijing", start=0, end=10, month=12, day=10)
    pub = PartialDate(published) if published else None
    assert dateline_year(dateline, pub) == expected


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "This year marks the 15th anniversary of the establishment of the comprehensive strategic "
            "cooperative partnership between China and Vietnam, the minister said.",
            2023,
        ),
        (
            "The minister said this year is important for both parties. The Communist Party of China "
            "celebrated the 100th anniversary of its founding with a grand gathering.",
            2021,
        ),
        (
            "China and Vietnam will hold events next year, which marks the 75th anniversary of the "
            "establishment of diplomatic relations between the two countries.",
            2024,
        ),
        (
            "Vietnam and China met. The sides noted that this year marks the 75th anniversary of "
            "diplomatic relations. Vietnam and China pledged closer ties. China welcomed the visit.",
            2025,
        ),
        ("The sides recalled the 30th anniversary of diplomatic relations between Vietnam and Japan.", None),
        ("This year marks the 10th anniversary of the local football club.", None),
    ],
)
def test_published_year_from_anniversaries(text: str, year: int | None) -> None:
    assert year_from_anniversaries(text) == year


def test_published_anniversary_is_year_precision_only() -> None:
    text = (
        "Leaders meet\n\nThis year marks the 30th anniversary of the establishment of diplomatic "
        "relations between Vietnam and the Republic of Korea, officials said.\n"
    )
    article = article_from_text(text)
    assert article.published == PartialDate("2022")
    assert article.published_basis == "text-anniversary"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Thursday, 17/08/2023 | 14:59:12", [dt.date(2023, 8, 17)]),
        ("Friday,  09/20/2024", [dt.date(2024, 9, 20)]),
        ("Sat, 27th Jul 2024 15:49", [dt.date(2024, 7, 27)]),
        ("Published : March 23, 2018 - 09:35", [dt.date(2018, 3, 23)]),
        ("05/06/2024", []),
        ("Monday, 05/06/2024", [dt.date(2024, 5, 6)]),
        ("February 30, 2024", []),
    ],
)
def test_published_date_phrases(phrase: str, expected: list[dt.date]) -> None:
    assert [m.date for m in find_dates(phrase)] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-11T08:55:00+08:00", "2024-12-11"),
        ("Wed, 11 Dec 2024 08:55:00 GMT", "2024-12-11"),
        ("2024-12", "2024-12"),
        ("2024", "2024"),
        ("20241211", "2024-12-11"),
        ("yesterday", None),
        ("1850-01-01", None),
    ],
)
def test_published_metadata_strings(value: str, expected: str | None) -> None:
    assert parse_iso_like(value) == expected

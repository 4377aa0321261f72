"""Credits, bylines and footers: what is skipped, what is kept, which source they name."""

from __future__ import annotations

import pytest

from diplograph.ingest import article_from_text

BODY = "Ministers of the two countries met in Hanoi on Monday to review cooperation.\n"


def _skipped_and_source(text: str) -> tuple[list[str], str | None]:
    article = article_from_text(text)
    return [article.text[s:e] for s, e in article.skip_spans], article.source


@pytest.mark.parametrize(
    ("line", "skipped", "source"),
    [
        ("PHOTO: THAO PHAM", "PHOTO: THAO PHAM", None),
        ("Photo by Nguyen Hai", "Photo by Nguyen Hai", None),
        ("The two ministers shake hands. (Photo: Tuan Huy)", "(Photo: Tuan Huy)", None),
        ("The two ministers shake hands. (VNA Photo)", "(VNA Photo)", None),
        ("Leaders pose for a photo. (Xinhua/Li Xin)", "(Xinhua/Li Xin)", None),
        (
            "The two leaders review troops. Ricardo Moraes/Pool via REUTERS",
            "Ricardo Moraes/Pool via REUTERS",
            None,
        ),
        ("The two leaders review troops. REUTERS/Adriano Machado", "REUTERS/Adriano Machado", None),
        ("The leaders at the talks. Photo: VNA", "Photo: VNA", None),
        ("By Xinhua writers Wang Ye and Li Xin", "By Xinhua writers Wang Ye and Li Xin", "Xinhua"),
        (
            "(Reporting by Khanh Vu; Editing by Ed Davies)",
            "(Reporting by Khanh Vu; Editing by Ed Davies)",
            None,
        ),
    ],
)
def test_credits_lines(line: str, skipped: str, source: str | None) -> None:
    spans, found_source = _skipped_and_source(f"Ministers meet\n\n{line}\n\n{BODY}")
    assert skipped in spans
    assert found_source == source


@pytest.mark.parametrize(
    ("footer", "skipped", "source"),
    [
        ("They agreed to meet again next year. — VNA/VNS", "— VNA/VNS", "VNA/VNS"),
        ("They agreed to meet again next year. (Xinhua)", "(Xinhua)", "Xinhua"),
        ("They agreed to meet again next year. REUTERS", "REUTERS", "Reuters"),
        ("Source: Xinhua", "Source: Xinhua", "Xinhua"),
        ("Thanhnien.vn", "Thanhnien.vn", "Thanh Nien"),
        ("Comments (3)", "Comments (3)", None),
    ],
)
def test_credits_footers(footer: str, skipped: str, source: str | None) -> None:
    spans, found_source = _skipped_and_source(f"{BODY}\n{footer}\n")
    assert skipped in spans
    assert found_source == source


@pytest.mark.parametrize(
    "line",
    [
        "By 2030 the two sides hope to double trade.",
        "The ministers met again. They agreed on a plan for the border gates",
        "The agreement will take effect next month, the ministry said via a statement.",
        "Photographers waited outside the hall for the leaders.",
        "(The talks were held behind closed doors.)",
    ],
)
def test_credits_leave_story_sentences_alone(line: str) -> None:
    spans, _ = _skipped_and_source(f"{BODY}{line}\n{BODY}")
    assert spans == []


def test_credits_source_url_line_sets_url() -> None:
    article = article_from_text(f"{BODY}\nSource: https://example.org/2024/05/02/story.html\n")
    assert article.url == "https://example.org/2024/05/02/story.html"
    assert article.published_basis == "url"


def test_credits_url_from_caller_wins_over_source_line() -> None:
    article = article_from_text(f"{BODY}\nSource: https://example.org/a\n", url="https://example.org/b")
    assert article.url == "https://example.org/b"

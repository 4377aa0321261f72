"""Datelines: every opening shape the reports use, and lines that only look like one."""

from __future__ import annotations

import pytest

from diplograph.ingest.dateline import find_dateline, parse_dateline
from diplograph.ingest.tables import place_exonym

STORY = " Officials met on Tuesday."


@pytest.mark.parametrize(
    ("opening", "place", "agency", "month", "day", "year"),
    [
        ("BEIJING, Dec. 10 (Xinhua) --", "Beijing", "Xinhua", 12, 10, None),
        ("HÀ NỘI —", "Hanoi", None, None, None, None),
        ("Hanoi (VNA) –", "Hanoi", "VNA", None, None, None),
        ("Ha Noi (VNS) –", "Hanoi", "VNS", None, None, None),
        ("MOSCOW, Russia (Reuters) —", "Moscow", "Reuters", None, None, None),
        ("MOSCOW, December 30. /TASS/.", "Moscow", "TASS", 12, 30, None),
        ("NEW DELHI:", "New Delhi", None, None, None, None),
        ("BEIJING:", "Beijing", None, None, None, None),
        ("BEIJING -", "Beijing", None, None, None, None),
        ("HANOI, Vietnam (AP) —", "Hanoi", "AP", None, None, None),
        ("BRASILIA, (Reuters) –", "Brasilia", "Reuters", None, None, None),
        ("(WASHINGTON) —", "Washington", None, None, None, None),
        ("VIENTIANE —", "Vientiane", None, None, None, None),
        ("HANOI --", "Hanoi", None, None, None, None),
        ("VIETNAM, October 30 - BEIJING —", "Beijing", None, 10, 30, None),
        ("WVR -", None, "WVR", None, None, None),
        ("PHNOM PENH, Cambodia —", "Phnom Penh", None, None, None, None),
        ("SEOUL, Sept. 5, 2023 (Yonhap) --", "Seoul", "Yonhap", 9, 5, 2023),
        ("TOKYO (Kyodo) --", "Tokyo", "Kyodo", None, None, None),
        ("ULAN-UDE, Russia —", "Ulan-Ude", None, None, None, None),
        ("ULAN-UDE —", "Ulan-Ude", None, None, None, None),
        ("PORT MORESBY, Papua New Guinea —", "Port Moresby", None, None, None, None),
        ("ĐÀ NẴNG —", "Da Nang", None, None, None, None),
    ],
)
def test_dateline_shapes(
    opening: str, place: str | None, agency: str | None, month: int | None, day: int | None, year: int | None
) -> None:
    text = opening + STORY
    found = parse_dateline(text, 0)
    assert found is not None
    assert (found.place, found.agency, found.month, found.day, found.year) == (
        place,
        agency,
        month,
        day,
        year,
    )
    assert text[found.start : found.end] == opening


@pytest.mark.parametrize(
    "line",
    [
        "China: Wang Yi Holds Talks with Vietnamese Foreign Minister Bui Thanh Son",
        "Vietnam, China Defense Ministers meet at border for friendship exchange activities",
        "Article Number: 634",
        "PHOTO: THAO PHAM",
        "Published : March 23, 2018 - 09:35",
        "Source: https://example.org/a.htm",
        "Beijing - the capital hosted the talks.",
        "China's Premier Li Qiang (R) speaks during the summit.",
        "EXCLUSIVE - Ministers to meet next week",
        "UPDATE: talks resume",
        "CHINA-VIETNAM TALKS — a new chapter",
        "Thursday, 17/08/2023 | 14:59:12 [GMT +7]",
        "27 Jul 2023 08:50PM (Updated: 27 Jul 2023 08:51PM)",
    ],
)
def test_dateline_rejects_lines_that_are_not_datelines(line: str) -> None:
    assert parse_dateline(line + STORY, 0) is None


def test_dateline_first_candidate_start_wins() -> None:
    text = "A caption. (Photo: VNA)Hanoi (VNA) – Ministers met.\nHANOI — later text."
    found = find_dateline(text, [0, text.index("Hanoi"), text.index("HANOI")])
    assert found is not None
    assert found.start == text.index("Hanoi")
    assert found.agency == "VNA"


@pytest.mark.parametrize(
    ("spelling", "exonym"),
    [
        ("HÀ NỘI", "Hanoi"),
        ("TP. HỒ CHÍ MINH", "Ho Chi Minh City"),
        ("KIEV", "Kyiv"),
        ("VIENTIANE", "Vientiane"),
    ],
)
def test_dateline_place_exonyms(spelling: str, exonym: str) -> None:
    assert place_exonym(spelling) == exonym

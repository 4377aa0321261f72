"""Resolution end to end on readouts written for these tests: extract each, then resolve across them.

The ``ledger`` fixture (conftest.py) is a small in-memory model of what the store does with resolve.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

import diplograph
from diplograph.ingest import article_from_text
from diplograph.model import Extraction, Person

# The same meeting written up three ways, a fourth outlet with the wrong day, and the earlier announcement.
XINHUA = (
    "BEIJING, Dec. 10 (Xinhua) -- Chinese Foreign Minister Wang Yi and Vietnamese Deputy Prime "
    "Minister and Foreign Minister Bui Thanh Son co-chaired the 16th meeting of the "
    "China-Vietnam Steering Committee for Bilateral Cooperation in Beijing on Tuesday.\n\n"
    "Wang said the two sides should speed up work on cross-border railway links. Bui Thanh Son "
    "said Vietnam values its ties with China.\n"
)
VNA = (
    "HÀ NỘI — Deputy Prime Minister and Foreign Minister Bùi Thanh Sơn and Chinese Foreign "
    "Minister Wang Yi held the 16th meeting of the Việt Nam-China Steering Committee for "
    "Bilateral Cooperation in Beijing on December 10.\n\n"
    "The two co-chairs reviewed cooperation in trade, railways and border management over the "
    "past year.\n"
)
DIGEST = (
    "Vietnam's top diplomat Bui Thanh Son met Chinese Foreign Minister Wang Yi in Beijing in "
    "December 2024, where they discussed railway connections and trade.\n"
)
WRONG_DAY = (
    "BEIJING — Chinese Foreign Minister Wang Yi and Vietnamese Deputy Prime Minister Bui Thanh "
    "Son co-chaired the 16th meeting of the Steering Committee for Bilateral Cooperation on "
    "December 12, 2024 in Beijing.\n"
)
ANNOUNCED = (
    "HÀ NỘI — Deputy Prime Minister and Foreign Minister Bùi Thanh Sơn will visit China from "
    "December 8 to 11 and co-chair the 16th meeting of the Việt Nam-China Steering Committee "
    "for Bilateral Cooperation with Chinese Foreign Minister Wang Yi, the foreign ministry "
    "said on Friday.\n"
)
# One person under several spellings, in unrelated stories.
LAM_LAOS = (
    "HÀ NỘI — General Secretary Tô Lâm received Lao Prime Minister Sonexay Siphandone in Hà Nội on Monday."
)
LAM_VIENTIANE = (
    "VIENTIANE — Vietnamese Party General Secretary To Lam held talks with Lao leader "
    "Thongloun Sisoulith in Vientiane on July 11, 2024."
)
LAM_PUTIN = (
    "HANOI — Party chief To  Lam, also the State President, spoke by phone with Russian "
    "President Vladimir Putin on Thursday."
)
LAM_DECOMPOSED = unicodedata.normalize(
    "NFD", "HÀ NỘI — General Secretary Tô Lâm met Cambodian Prime Minister Hun Manet in Hà Nội on Friday."
)
# Three people named Nguyen in one story.
NGUYENS = (
    "HANOI — Party General Secretary Nguyen Phu Trong met President Nguyen Xuan Phuc in Hanoi "
    "on January 5, 2021. Deputy Foreign Minister Nguyen Minh Vu also attended."
)


def extract(text: str, published: str, source: str = "test") -> Extraction:
    return diplograph.extract(article_from_text(text, published=published, source=source, doc=source))


@pytest.fixture(scope="module")
def meeting_reports() -> dict[str, Extraction]:
    return {
        "announced": extract(ANNOUNCED, "2024-11-29", "VNA"),
        "xinhua": extract(XINHUA, "2024-12-10", "Xinhua"),
        "vna": extract(VNA, "2024-12-11", "VNA"),
        "digest": extract(DIGEST, "2024-12-30", "Weekly Digest"),
        "wrong-day": extract(WRONG_DAY, "2024-12-13", "Other Wire"),
    }


def test_readouts_same_meeting_three_ways_is_one_engagement(
    ledger: Callable[[], Any], meeting_reports: dict[str, Extraction]
) -> None:
    book = ledger()
    held = {label: book.add(meeting_reports[label], label=label) for label in ("xinhua", "vna", "digest")}
    assert len(held["xinhua"]) == len(held["vna"]) == len(held["digest"]) == 1
    (meeting,) = set(held["xinhua"]) | set(held["vna"]) | set(held["digest"])
    assert book.sources[meeting] == ["xinhua", "vna", "digest"]
    assert book.conflicts[meeting] == []
    merged = book.engagements[meeting]
    assert (merged.kind, merged.date, merged.ordinal, merged.location) == (
        "co_chair",
        "2024-12-10",
        16,
        "Beijing",
    )
    assert len(book.people) == 2  # Wang Yi, and Bui Thanh Son under two spellings


def test_readouts_disagreeing_date_is_kept_as_a_conflict(
    ledger: Callable[[], Any], meeting_reports: dict[str, Extraction]
) -> None:
    book = ledger()
    (meeting,) = book.add(meeting_reports["xinhua"], label="xinhua")
    assert book.add(meeting_reports["wrong-day"], label="wrong-day") == [meeting]
    assert book.engagements[meeting].date == "2024-12-10"
    assert book.conflicts[meeting] == ["date: 2024-12-10 (xinhua) vs 2024-12-12 (wrong-day)"]


def test_readouts_announced_session_links_to_the_held_one(
    ledger: Callable[[], Any], meeting_reports: dict[str, Extraction]
) -> None:
    book = ledger()
    planned = book.add(meeting_reports["announced"], label="announced")
    assert {book.engagements[eid].status for eid in planned} == {"planned"}
    assert not book.held_as
    (meeting,) = book.add(meeting_reports["xinhua"], label="xinhua")
    assert planned
    assert all(book.held_as[eid] == meeting for eid in planned)
    assert meeting not in planned


def test_readouts_one_person_under_four_spellings(ledger: Callable[[], Any]) -> None:
    book = ledger()
    reports = [
        extract(LAM_LAOS, "2024-12-16"),
        extract(LAM_VIENTIANE, "2024-07-12"),
        extract(LAM_PUTIN, "2024-08-15"),
        extract(LAM_DECOMPOSED, "2024-12-20"),
    ]
    ids = set()
    for number, report in enumerate(reports):
        book.add(report, label=f"r{number}")
        ids |= {book.person(person) for person in report.people if "lam" in person.name.lower()}
    ids.add(book.person(Person(name="TO LAM", country=None)))
    assert len(ids) == 1
    (lam,) = ids
    assert book.people[lam].official == "To Lam"
    assert book.person(Person(name="Lam To", country=None)) != lam


def test_readouts_three_people_named_nguyen(ledger: Callable[[], Any]) -> None:
    book = ledger()
    report = extract(NGUYENS, "2021-01-06")
    book.add(report, label="nguyens")
    ids = {book.person(person) for person in report.people}
    assert len(report.people) == 3
    assert len(ids) == 3
    assert {book.people[pid].official for pid in ids} == {
        "Nguyen Phu Trong",
        "Nguyen Xuan Phuc",
        "Nguyen Minh Vu",
    }

"""Resolution across reports through the store: people, mechanisms, engagements, planned -> held, titles."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import event, select
from store_helpers import engagement, person, report

from diplograph.model import Extraction
from diplograph.store import Store, open_store
from diplograph.store._common import Touched
from diplograph.store.engagements import recompute
from diplograph.store.schema import (
    engagement_blocks,
    engagement_participants,
    engagements,
    mechanism_aliases,
    mechanisms,
    person_aliases,
    person_titles,
    persons,
)

SON_SPELLINGS = ["Bùi Thanh Sơn", "Bui Thanh Son", "BUI THANH SON", "Bùi Thanh Son"]
PAIRS = [
    "China-Vietnam Steering Committee for Bilateral Cooperation",
    "Vietnam-China Steering Committee for Bilateral Cooperation",
    "Việt Nam-China Steering Committee for Bilateral Cooperation",
]


def son_meets_wang(spelling: str, mechanism: str, *, doc: str, date: str, source: str) -> Extraction:
    body = (
        f"Deputy Prime Minister {spelling} and Chinese Foreign Minister Wang Yi co-chaired the 16th meeting "
        f"of the {mechanism} on {date}, reviewing a year of railway and border work."
    )
    return report(
        body,
        doc=doc,
        source=source,
        published="2024-12-11",
        people=[
            person(body, spelling, "VNM", titles=["Deputy Prime Minister"]),
            person(body, "Wang Yi", "CHN", titles=["Foreign Minister"]),
        ],
        engagements=[
            engagement(
                body,
                f"co-chaired the 16th meeting of the {mechanism}",
                kind="co_chair",
                date=date,
                location="Beijing",
                country="CHN",
                mechanism=mechanism,
                ordinal=16,
                participants=[
                    (spelling, "VNM", "Deputy Prime Minister"),
                    ("Wang Yi", "CHN", "Foreign Minister"),
                ],
            )
        ],
    )


def session_reports() -> list[Extraction]:
    return [
        son_meets_wang(SON_SPELLINGS[0], PAIRS[2], doc="vna.txt", date="2024-12-10", source="VNA"),
        son_meets_wang(SON_SPELLINGS[1], PAIRS[0], doc="xinhua.txt", date="2024-12-10", source="Xinhua"),
        son_meets_wang(SON_SPELLINGS[2], PAIRS[1], doc="digest.txt", date="2024-12", source="Digest"),
    ]


def planned_session() -> Extraction:
    body = (
        "Deputy Prime Minister Bui Thanh Son will travel to Beijing next month for the 16th meeting of the "
        "Vietnam-China Steering Committee for Bilateral Cooperation, the ministry said."
    )
    return report(
        body,
        doc="plan.txt",
        source="VnExpress",
        published="2024-11-20",
        people=[person(body, "Bui Thanh Son", "VNM", titles=["Deputy Prime Minister"])],
        engagements=[
            engagement(
                body,
                "will travel to Beijing next month for the 16th meeting",
                kind="co_chair",
                status="planned",
                date="2024-12",
                location="Beijing",
                mechanism="Vietnam-China Steering Committee for Bilateral Cooperation",
                ordinal=16,
                participants=[("Bui Thanh Son", "VNM", "Deputy Prime Minister")],
            )
        ],
    )


def _rows(store: Store, table: object) -> list:  # type: ignore[type-arg]
    with store.engine.connect() as conn:
        return list(conn.execute(select(table)))  # type: ignore[call-overload]


def test_store_resolution_one_meeting_three_write_ups(store: Store) -> None:
    for extraction in session_reports():
        store.save(extraction, source_key=extraction.article.doc)
    (meeting,) = _rows(store, engagements)
    assert (meeting.kind, meeting.status, meeting.ordinal) == ("co_chair", "held", 16)
    assert meeting.date_start == "2024-12-10"  # the most precise agreeing date
    assert meeting.sources == 3
    assert meeting.conflicts is None
    assert len(_rows(store, mechanisms)) == 1
    assert {row.alias for row in _rows(store, mechanism_aliases)} == set(PAIRS)
    assert len(_rows(store, engagement_participants)) == 2


def test_store_resolution_conflicting_dates_are_kept(store: Store) -> None:
    for extraction in session_reports():
        store.save(extraction, source_key=extraction.article.doc)
    late = son_meets_wang("Bui Thanh Son", PAIRS[0], doc="late.txt", date="2024-12-13", source="Late Wire")
    store.save(late, source_key="late.txt")
    (meeting,) = _rows(store, engagements)
    assert meeting.sources == 4
    conflicts = json.loads(meeting.conflicts)
    assert any("2024-12-13" in conflict and "Late Wire" in conflict for conflict in conflicts)


def test_store_resolution_a_session_number_years_apart_is_another_engagement(store: Store) -> None:
    """The same session number two years apart keys as the same session: the first is found as a
    candidate but is not the same meeting, so the second takes a suffixed id of its own."""
    store.save(session_reports()[0], source_key="vna.txt")
    again = son_meets_wang("Bui Thanh Son", PAIRS[0], doc="later.txt", date="2026-12-10", source="Later Wire")
    store.save(again, source_key="later.txt")
    first, second = sorted(_rows(store, engagements), key=lambda row: row.date_start)
    assert (first.date_start, second.date_start) == ("2024-12-10", "2026-12-10")
    assert first.id != second.id
    assert first.sources == second.sources == 1
    assert store.load("later.txt") == again


def test_store_resolution_a_stored_id_no_key_finds_is_not_taken_again(store: Store) -> None:
    """A new engagement whose own id is stored under no key the lookup reads (simulated by emptying
    engagement_blocks) is given a free id instead of failing the save on the taken one."""
    vna, xinhua, _ = session_reports()
    store.save(vna, source_key="vna.txt")
    with store.engine.begin() as conn:
        conn.execute(engagement_blocks.delete())
    assert store.save(xinhua, source_key="xinhua.txt") == "added"
    first, second = _rows(store, engagements)
    assert first.id != second.id
    assert (first.ordinal, second.ordinal) == (16, 16)


def test_store_resolution_one_person_under_four_spellings(store: Store) -> None:
    for index, spelling in enumerate(SON_SPELLINGS):
        body = f"{spelling} met the press in Hanoi."
        extraction = report(
            body,
            doc=f"son{index}.txt",
            published=f"2024-0{index + 1}-01",
            people=[person(body, spelling, "VNM", titles=["Foreign Minister"])],
        )
        store.save(extraction, source_key=extraction.article.doc)
    (son,) = _rows(store, persons)
    assert son.country == "VNM"
    assert {row.alias for row in _rows(store, person_aliases)} == set(SON_SPELLINGS)


def test_store_resolution_two_nguyens_stay_two(store: Store) -> None:
    body = "General Secretary Nguyen Phu Trong and President Nguyen Xuan Phuc received the delegation."
    extraction = report(
        body,
        people=[
            person(body, "Nguyen Phu Trong", "VNM", titles=["General Secretary"]),
            person(body, "Nguyen Xuan Phuc", "VNM", titles=["President"]),
        ],
    )
    store.save(extraction, source_key="nguyens")
    other = "Nguyễn Phú Trọng spoke first."
    store.save(report(other, doc="b.txt", people=[person(other, "Nguyễn Phú Trọng", "VNM")]), source_key="b")
    names = sorted(row.name for row in _rows(store, persons))
    assert names == ["Nguyen Phu Trong", "Nguyen Xuan Phuc"]


def test_store_resolution_name_order_of_a_japanese_leader(store: Store) -> None:
    for index, spelling in enumerate(["Kishida Fumio", "Fumio Kishida"]):
        body = f"Prime Minister {spelling} arrived in Seoul."
        store.save(
            report(body, doc=f"k{index}.txt", people=[person(body, spelling, "JPN")]), source_key=f"k{index}"
        )
    assert len(_rows(store, persons)) == 1


@pytest.mark.parametrize("planned_first", [True, False])
def test_store_resolution_planned_session_links_to_the_held_one(store: Store, planned_first: bool) -> None:
    held = session_reports()[0]
    order = [planned_session(), held] if planned_first else [held, planned_session()]
    for extraction in order:
        store.save(extraction, source_key=extraction.article.doc)
    rows = {row.status: row for row in _rows(store, engagements)}
    assert set(rows) == {"planned", "held"}
    assert rows["planned"].held_as == rows["held"].id
    assert rows["held"].held_as is None
    store.remove("vna.txt")
    (planned,) = _rows(store, engagements)
    assert planned.status == "planned"
    assert planned.held_as is None


def test_store_resolution_titles_are_dated(store: Store) -> None:
    store.save(planned_session(), source_key="plan.txt")
    store.save(session_reports()[1], source_key="xinhua.txt")
    rows = sorted((row.date, row.date_basis, row.title, row.evidence) for row in _rows(store, person_titles))
    son = [row for row in rows if row[2] == "Deputy Prime Minister"]
    assert ("2024-11-20", "published", "Deputy Prime Minister", "Deputy Prime Minister") in son
    assert ("2024-12-10", "engagement", "Deputy Prime Minister", "Deputy Prime Minister") in son
    wang = [row for row in rows if row[2] == "Foreign Minister"]
    assert wang == [("2024-12-10", "engagement", "Foreign Minister", "Foreign Minister")]


def test_store_resolution_order_of_reports_does_not_change_the_picture(fresh_url: Callable[[], str]) -> None:
    reports = [*session_reports(), planned_session()]
    pictures = []
    for order in [reports, reports[::-1]]:
        with open_store(fresh_url()) as store:
            for extraction in order:
                store.save(extraction, source_key=extraction.article.doc)
            pictures.append(
                (
                    sorted(
                        (row.status, row.date_start, row.sources, row.held_as is not None)
                        for row in _rows(store, engagements)
                    ),
                    sorted(row.name for row in _rows(store, mechanisms)),
                    len(_rows(store, persons)),
                )
            )
    assert pictures[0] == pictures[1]


def test_store_resolution_a_new_engagement_is_stored_as_recompute_makes_it(store: Store) -> None:
    """A new engagement is inserted with the values recomputing it gives (country of the place,
    one source), not rewritten right after; recomputing it later changes nothing."""
    rebuilt: list[str] = []

    def record(conn: object, cursor: object, statement: str, *rest: object) -> None:
        if " ".join(statement.split()).upper().startswith("UPDATE ENGAGEMENTS SET KIND"):
            rebuilt.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        store.save(session_reports()[0], source_key="vna")  # held in Beijing, China
        store.save(planned_session(), source_key="plan")  # planned, another engagement
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert rebuilt == []
    stored = {row.id: row._asdict() for row in _rows(store, engagements)}
    assert sorted((row["status"], row["location_country"], row["sources"]) for row in stored.values()) == [
        ("held", "CHN", 1),
        ("planned", None, 1),
    ]
    with store.engine.begin() as conn:
        recompute(conn, sorted(stored), Touched())
    again = {row.id: row._asdict() for row in _rows(store, engagements)}
    for row in [*stored.values(), *again.values()]:
        row.pop("updated_at")
    assert again == stored

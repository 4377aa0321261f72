"""Flagging an extracted fact as wrong: stored, shown on the report, listed, exported; bad flags refused."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from web_support import make_client

from diplograph.store import Store
from diplograph.web import WebSettings
from diplograph.web.flags import csv_cell

FORM = {"content-type": "application/x-www-form-urlencoded"}


def _talks(client: Any) -> dict[str, Any]:
    reports = client.get("/reports.json").json()["reports"]["items"]
    report_id = next(r["id"] for r in reports if r["doc"] == "vna_talks.txt")
    data: dict[str, Any] = client.get(f"/reports/{report_id}.json").json()
    return data


def test_flags_form_post_stores_and_shows_the_flag(fresh_client: Any) -> None:
    report = _talks(fresh_client)
    mention = report["engagements"][0]["id"]
    reply = fresh_client.post(
        f"/reports/{report['id']}/flags",
        content=f"target=mention&target_id={mention}&reason=Wrong+date%3A+it+was+Sunday",
        headers=FORM,
        follow_redirects=False,
    )
    assert reply.status_code == 303
    assert re.fullmatch(rf"/reports/{report['id']}#flag-\d+", reply.headers["location"])
    page = fresh_client.get(f"/reports/{report['id']}").text
    assert "Wrong date: it was Sunday" in page
    assert 'class="fact flagged"' in page
    assert "hl-flagged" in page
    flags = fresh_client.get("/flags.json").json()["flags"]
    assert flags["total"] == 1
    assert flags["items"][0]["target_id"] == mention
    assert fresh_client.get("/index.json").json()["totals"]["flags"] == 1


def test_flags_json_post_and_csv_export(fresh_client: Any) -> None:
    report = _talks(fresh_client)
    person = report["names"][0]["person_id"]
    figure = report["figures"][0]["id"]
    for target, target_id, reason in (
        ("person", person, "Not the same person"),
        ("figure", figure, '=HYPERLINK("http://x")'),
    ):
        reply = fresh_client.post(
            f"/reports/{report['id']}/flags.json",
            json={"target": target, "target_id": target_id, "reason": reason},
        )
        assert reply.status_code == 201
        assert reply.json()["target"] == target
    exported = fresh_client.get("/flags.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [row["target"] for row in rows] == ["person", "figure"]
    assert rows[0]["doc"] == "vna_talks.txt"
    assert rows[1]["reason"].startswith("'=")  # a spreadsheet must not run it as a formula


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"target": "mention", "target_id": "0" * 32, "reason": "no such mention"}, 422),
        ({"target": "figure", "target_id": "99", "reason": "no such figure"}, 422),
        ({"target": "figure", "target_id": "-1", "reason": "negative"}, 422),
        ({"target": "report", "target_id": "x", "reason": "not a target"}, 422),
        ({"target": "figure", "target_id": "0", "reason": "   "}, 422),
        ({"target": "figure", "target_id": "0", "reason": "x" * 5000}, 422),
        ({"target": "figure"}, 422),
    ],
)
def test_flags_bad_flags_are_refused(fresh_client: Any, body: dict[str, str], status: int) -> None:
    report = _talks(fresh_client)
    reply = fresh_client.post(f"/reports/{report['id']}/flags.json", json=body)
    assert reply.status_code == status
    assert fresh_client.get("/flags.json").json()["flags"]["total"] == 0


def test_flags_on_an_unknown_report_are_refused(fresh_client: Any) -> None:
    reply = fresh_client.post(
        "/reports/" + "0" * 32 + "/flags.json", json={"target": "figure", "target_id": "0", "reason": "x"}
    )
    assert reply.status_code == 422


def test_flags_from_another_site_are_refused(fresh_client: Any) -> None:
    report = _talks(fresh_client)
    mention = report["engagements"][0]["id"]
    for headers in ({"origin": "http://attacker.example"}, {"referer": "http://attacker.example/page"}):
        reply = fresh_client.post(
            f"/reports/{report['id']}/flags",
            content=f"target=mention&target_id={mention}&reason=forged",
            headers={**FORM, **headers},
            follow_redirects=False,
        )
        assert reply.status_code == 403
    same_site = fresh_client.post(
        f"/reports/{report['id']}/flags",
        content=f"target=mention&target_id={mention}&reason=mine",
        headers={**FORM, "origin": "http://127.0.0.1"},
        follow_redirects=False,
    )
    assert same_site.status_code == 303


def test_flags_form_must_be_urlencoded_and_small(fresh_client: Any) -> None:
    report = _talks(fresh_client)
    path = f"/reports/{report['id']}/flags"
    assert fresh_client.post(path, content="{}", headers={"content-type": "text/plain"}).status_code == 415
    big = "reason=" + "x" * 20_000
    assert fresh_client.post(path, content=big, headers=FORM).status_code == 413


def test_flags_can_be_turned_off(web_store: Store) -> None:

    with make_client(web_store, WebSettings(flags=False)) as read_only:
        reports = read_only.get("/reports.json").json()["reports"]["items"]
        report_id = reports[0]["id"]
        assert "Flag as wrong" not in read_only.get(f"/reports/{report_id}").text
        reply = read_only.post(
            f"/reports/{report_id}/flags.json", json={"target": "figure", "target_id": "0", "reason": "x"}
        )
        assert reply.status_code == 403


def test_flags_csv_cell_quotes_formula_starts() -> None:
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("plain") == "plain"
    assert csv_cell(None) == ""
    assert csv_cell(-3) == "'-3"

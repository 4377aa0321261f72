"""Hostile data must be inert: markup in titles, texts, names and URLs is shown as text, never run."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from web_readouts import EVIL_NAME, IMG, SCRIPT
from web_support import make_client

from diplograph.store import Store
from diplograph.web import WebSettings, create_app

RAW = ("<script>alert", "<img src=x", "<svg onload", "onerror=alert(2)>")


def _hostile_pages(client: Any) -> list[str]:
    reports = client.get("/reports.json").json()["reports"]["items"]
    hostile = next(r["id"] for r in reports if r["doc"] == "hostile.txt")
    people = client.get("/people.json?limit=200").json()["people"]["items"]
    evil = next(p["id"] for p in people if p["name"] == EVIL_NAME)
    call = client.get("/engagements.json?kind=phone_call").json()["engagements"]["items"][0]["id"]
    return [
        "/",
        "/engagements",
        f"/engagements/{call}",
        "/network",
        "/people",
        f"/people/{evil}",
        "/reports",
        f"/reports/{hostile}",
        "/search?q=alert",
        f"/search?q={SCRIPT}",
        f"/engagements?person={SCRIPT}",
        f"/people/{SCRIPT}",
    ]


def test_hostile_markup_is_escaped_on_every_page(client: Any) -> None:
    for path in _hostile_pages(client):
        page = client.get(path).text
        for raw in RAW:
            assert raw not in page, (path, raw)
    report = client.get(_hostile_pages(client)[7]).text
    assert html_lib.escape(SCRIPT, quote=False) in report or "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "&lt;script&gt;" in report
    assert "onerror=alert(2)&gt;" in report


def test_hostile_text_round_trips_through_the_highlighting(client: Any) -> None:
    path = _hostile_pages(client)[7]
    data = client.get(path + ".json").json()
    page = client.get(path).text
    body = re.search(r'<div class="report-text" id="report-text">(.*?)</div>', page, re.S)
    assert body is not None
    shown = html_lib.unescape(re.sub(r"</?mark[^>]*>", "", body.group(1)))
    assert shown == data["text"]


def test_hostile_json_twin_keeps_the_raw_strings(client: Any) -> None:
    reply = client.get("/reports.json")
    assert reply.headers["content-type"] == "application/json"
    titles = [r["title"] for r in reply.json()["reports"]["items"]]
    assert f"{SCRIPT}{IMG}" in titles


def test_hostile_javascript_url_is_not_linked(client: Any) -> None:
    page = client.get(_hostile_pages(client)[7]).text
    assert 'href="javascript:' not in page
    assert "javascript:alert(5)" in page  # shown as text, so a reader sees what the source said


def test_hostile_pages_carry_a_strict_content_security_policy(client: Any) -> None:
    reply = client.get("/")
    policy = reply.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["x-frame-options"] == "DENY"
    assert "<script>" not in reply.text  # no inline script anywhere: every script is a file


def test_hostile_host_header_is_refused(client: Any) -> None:
    """A DNS name rebound to 127.0.0.1 arrives with its own Host: the app refuses it."""
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_hostile_any_host_when_opened_to_the_network(web_store: Store) -> None:

    with make_client(web_store, WebSettings(allowed_hosts=("*",)), base_url="http://10.1.2.3") as open_client:
        assert open_client.get("/").status_code == 200


def test_hostile_names_in_queries_are_parameters_not_sql(client: Any) -> None:
    for name in ("' OR 1=1 --", '"; DROP TABLE reports; --', "%", "_", "\\"):
        reply = client.get("/engagements.json", params={"person": name})
        assert reply.status_code in (404, 422)
        assert client.get("/search.json", params={"q": name}).status_code == 200
    assert client.get("/reports.json").json()["reports"]["total"] == 6


def test_hostile_app_needs_only_an_engine(web_store: Store) -> None:
    """create_app takes anything with an engine, so a read-only wrapper can be served."""

    class ReadOnly:
        engine = web_store.engine

    app = create_app(ReadOnly(), WebSettings(flags=False))
    assert app.title.endswith("API")

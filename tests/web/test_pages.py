"""Every page and its JSON twin over the hand-written readouts: content, filters, paging, errors."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from web_readouts import COMMITTEE
from web_support import make_client

from diplograph.store import Store


def _ids(client: Any) -> dict[str, str]:
    people = {p["name"]: p["id"] for p in client.get("/people.json?limit=200").json()["people"]["items"]}
    mechanisms = client.get("/mechanisms.json").json()["mechanisms"]["items"]
    reports = {r["doc"]: r["id"] for r in client.get("/reports.json").json()["reports"]["items"]}
    return {
        "to_lam": people["To Lam"],
        "son": people["Bui Thanh Son"],
        "mechanism": mechanisms[0]["id"],
        "talks_report": reports["vna_talks.txt"],
        "hostile_report": reports["hostile.txt"],
    }


def _pages(client: Any) -> list[str]:
    ids = _ids(client)
    engagement = client.get("/engagements.json").json()["engagements"]["items"][0]["id"]
    return [
        "/",
        "/engagements",
        f"/engagements/{engagement}",
        "/network",
        "/people",
        f"/people/{ids['to_lam']}",
        "/mechanisms",
        f"/mechanisms/{ids['mechanism']}",
        "/reports",
        f"/reports/{ids['talks_report']}",
        "/flags",
        "/search?q=railway",
    ]


def _twin(path: str) -> str:
    base, _, query = path.partition("?")
    return (base.rstrip("/") or "/index") + ".json" + ("?" + query if query else "")


def test_pages_every_page_and_its_twin_answer(client: Any) -> None:
    for path in _pages(client):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert f'href="{_twin(path).replace("&", "&amp;")}"' in page.text, f"{path} does not link its twin"
        twin = client.get(_twin(path))
        assert twin.status_code == 200, _twin(path)
        assert twin.headers["content-type"] == "application/json"


def test_pages_timeline_html_shows_what_its_twin_returns(client: Any) -> None:
    data = client.get("/engagements.json").json()
    html = client.get("/engagements").text
    shown = re.findall(r'<li class="engagement[^"]*" data-id="([0-9a-f]{32})"', html)
    assert shown == [item["id"] for item in data["engagements"]["items"]]
    assert data["engagements"]["total"] == 6


def test_pages_overview_counts_pairs_and_latest(client: Any) -> None:
    data = client.get("/index.json").json()
    assert data["totals"]["reports"] == 6
    assert data["totals"]["engagements"] == 6
    assert {pair["pair"] for pair in data["pairs"]} >= {"CHN-VNM", "JPN-VNM"}
    latest = [item["date"] for item in data["latest"]]
    assert latest == sorted(latest, reverse=True)
    html = client.get("/").text
    assert 'href="/engagements?pair=CHN-VNM"' in html
    assert "<svg" in html
    assert "2019" in html
    assert "2024" in html


def test_pages_timeline_filters_keep_their_values(client: Any) -> None:
    html = client.get("/engagements?pair=CHN-VNM&person=To+Lam&kind=talks&status=held&since=2024-01").text
    assert '<option value="CHN-VNM" selected>' in html
    assert 'name="person" value="To Lam"' in html
    assert '<option value="talks" selected>' in html
    assert '<option value="held" selected>' in html
    assert 'name="since" value="2024-01"' in html


def test_pages_timeline_pair_keeps_both_countries(client: Any) -> None:
    items = client.get("/engagements.json?pair=CHN-VNM").json()["engagements"]["items"]
    assert items
    for item in items:
        countries = {a["country"] for a in item["attendees"]} | {item["location_country"]}
        assert {"CHN", "VNM"} <= countries
    japan = client.get("/engagements.json?pair=JPN-VNM").json()["engagements"]["items"]
    assert len(japan) == 2
    reversed_ = client.get("/engagements.json?pair=vnm-jpn").json()
    assert reversed_["filters"]["pair"] == "JPN-VNM"
    assert len(reversed_["engagements"]["items"]) == 2
    dated = client.get("/engagements.json?pair=CHN-VNM&since=2024-12").json()["engagements"]
    assert [item["date"] for item in dated["items"]] == ["2024-12-10"]


def test_pages_timeline_filters_by_kind_status_and_dates(client: Any) -> None:
    def count(query: str) -> int:
        return int(client.get(f"/engagements.json?{query}").json()["engagements"]["total"])

    assert count("kind=phone_call") == 1
    assert count("status=planned") == 1
    assert count("since=2024-12&until=2024-12") == 2
    assert count("until=2019") == 2
    assert count("mechanism=" + COMMITTEE.replace(" ", "+")) == 2


def test_pages_blank_form_fields_mean_no_filter(client: Any) -> None:
    reply = client.get("/engagements?pair=&country=&person=&mechanism=&kind=&status=&since=&until=")
    assert reply.status_code == 200
    assert client.get("/engagements.json?since=&kind=").json()["engagements"]["total"] == 6


def test_pages_dates_are_shown_at_their_precision(client: Any) -> None:
    html = client.get("/engagements?pair=JPN-VNM").text
    assert '<time datetime="2019-03-12" data-precision="day">12 Mar 2019</time>' in html
    assert '<time datetime="2019-03" data-precision="month">Mar 2019</time>' in html
    planned = client.get("/engagements?status=planned").text
    assert "Dec 2024</time>" in planned
    assert "1 Dec 2024" not in planned


def test_pages_every_engagement_links_to_its_sources(client: Any) -> None:
    items = client.get("/engagements.json?kind=talks").json()["engagements"]["items"]
    (talks,) = items
    assert talks["source_count"] == 2
    html = client.get("/engagements?kind=talks").text
    for source in talks["sources"]:
        anchor = f"ev-{source['start']}-{source['end']}"
        assert f'href="/reports/{source["report_id"]}#{anchor}"' in html
        report = client.get(f"/reports/{source['report_id']}").text
        assert f'id="{anchor}"' in report


def test_pages_engagement_page_lists_attendees_and_sources(client: Any) -> None:
    talks = client.get("/engagements.json?kind=talks").json()["engagements"]["items"][0]
    html = client.get(f"/engagements/{talks['id']}").text
    assert "To Lam" in html
    assert "Xi Jinping" in html
    assert html.count("<blockquote>") == 2


def test_pages_person_page_has_titles_engagements_counterparts_and_quotes(client: Any) -> None:
    ids = _ids(client)
    data = client.get(f"/people/{ids['to_lam']}.json").json()
    profile = data["profile"]
    assert profile["name"] == "To Lam"
    assert any(t["title"] == "General Secretary" for t in profile["titles"])
    assert {c["name"] for c in profile["counterparts"]} >= {"Xi Jinping"}
    assert data["quotes"]
    assert all(q["sentence"][q["name_start"] : q["name_end"]] == "To Lam" for q in data["quotes"])
    html = client.get(f"/people/{ids['to_lam']}").text
    assert '<mark class="hl hl-person"' in html
    assert f'href="/engagements?person={ids["to_lam"]}"' in html
    assert client.get("/people/To%20Lam.json").json()["profile"]["id"] == ids["to_lam"]


def test_pages_mechanism_page_orders_sessions_and_links_the_plan(client: Any) -> None:
    ids = _ids(client)
    data = client.get(f"/mechanisms/{ids['mechanism']}.json").json()
    sessions = data["thread"]["sessions"]["items"]
    held = [s for s in sessions if s["held"]]
    assert held
    assert held[0]["ordinal"] == 16
    assert held[0]["engagement"]["date"] == "2024-12-10"
    html = client.get(f"/mechanisms/{ids['mechanism']}").text
    assert "16th" in html
    assert "Wang Yi" in html
    assert "10 Dec 2024" in html


def test_pages_network_twin_has_nodes_and_weighted_edges(client: Any) -> None:
    data = client.get("/network.json").json()
    names = {node["name"] for node in data["network"]["nodes"]}
    assert {"To Lam", "Xi Jinping", "Wang Yi", "Bui Thanh Son"} <= names
    weights = {(e["source"], e["target"]): e["weight"] for e in data["network"]["edges"]}
    assert all(weight >= 1 for weight in weights.values())
    ids = _ids(client)
    focused = client.get(f"/network.json?person={ids['son']}").json()
    assert {node["name"] for node in focused["network"]["nodes"]} == {"Bui Thanh Son", "Wang Yi"}
    small = client.get("/network.json?top=2").json()
    assert small["shown"] == 2
    assert small["available"] >= 4


def test_pages_search_finds_reports_people_and_mechanisms(client: Any) -> None:
    data = client.get("/search.json?q=railway").json()
    docs = {hit["doc"] for hit in data["result"]["reports"]["items"]}
    assert "xinhua_talks.txt" in docs
    mechanisms = client.get("/search.json?q=Steering+Committee").json()["mechanisms"]
    assert [m["label"] for m in mechanisms] == [COMMITTEE] or mechanisms
    assert client.get("/search.json").json() == {"q": None, "result": None, "mechanisms": []}
    assert "Type words" in client.get("/search").text


def test_pages_paging_keeps_the_filters(client: Any) -> None:
    first = client.get("/engagements.json?limit=2&status=held").json()["engagements"]
    assert len(first["items"]) == 2
    assert first["total"] == 5
    html = client.get("/engagements?limit=2&status=held").text
    (href,) = re.findall(r'<a rel="next" href="([^"]+)"', html)[:1]
    params = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
    assert params == {"limit": ["2"], "status": ["held"], "offset": ["2"]}
    last = client.get("/engagements.json?limit=2&status=held&offset=4").json()["engagements"]
    assert len(last["items"]) == 1
    assert 'rel="prev"' in client.get("/engagements?limit=2&offset=4").text


@pytest.mark.parametrize(
    "path",
    [
        "/engagements?since=last+year",
        "/engagements?until=2024-13",
        "/engagements?since=2024-02-30",
        "/engagements?kind=dinner",
        "/engagements?status=maybe",
        "/engagements?limit=0",
        "/engagements?limit=100000",
        "/engagements?offset=-1",
        "/engagements?pair=VNM",
        "/network?min_weight=0",
        "/people?country=Atlantis",
        "/reports/not-an-id",
        "/engagements/xyz",
    ],
)
def test_pages_bad_parameters_give_422(client: Any, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 422, path
    assert "Please check the request" in page.text
    twin = client.get(_twin(path))
    assert twin.status_code == 422
    assert twin.json()["detail"]


def test_pages_bad_date_names_the_parameter_and_offers_to_clear_it(client: Any) -> None:
    twin = client.get("/engagements.json?since=yesterday&kind=talks").json()
    assert twin["detail"][0]["parameter"] == "since"
    html = client.get("/engagements?since=yesterday&kind=talks").text
    assert 'href="/engagements?kind=talks">Clear since</a>' in html


@pytest.mark.parametrize(
    "path",
    [
        "/people/Nobody+Atall",
        "/engagements?person=Nobody+Atall",
        "/mechanisms/No+Such+Council",
        "/reports/" + "0" * 32,
        "/engagements/" + "0" * 32,
    ],
)
def test_pages_unknown_names_and_ids_give_404(client: Any, path: str) -> None:
    assert client.get(path).status_code == 404
    assert client.get(_twin(path)).status_code == 404


def test_pages_ambiguous_name_lists_the_candidates(client: Any) -> None:
    page = client.get("/engagements?person=Nguyen&kind=meeting")
    assert page.status_code == 422
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', page.text)
    assert {label for _, label in links} == {"Nguyen Phu Trong (VNM)", "Nguyen Xuan Phuc (VNM)"}
    for href, _ in links:
        params = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        assert params["kind"] == ["meeting"]
        assert re.fullmatch(r"[0-9a-f]{32}", params["person"][0])
    twin = client.get("/people/Nguyen.json")
    assert twin.status_code == 422
    assert len(twin.json()["candidates"]) == 2


def test_pages_head_requests_are_answered(client: Any) -> None:
    assert client.head("/engagements").status_code == 200


def test_pages_openapi_documents_every_twin(client: Any) -> None:
    document = client.get("/openapi.json").json()
    paths = set(document["paths"])
    for twin in (
        "/index.json",
        "/engagements.json",
        "/engagements/{engagement_id}.json",
        "/network.json",
        "/people.json",
        "/people/{ref}.json",
        "/mechanisms.json",
        "/mechanisms/{ref}.json",
        "/reports.json",
        "/reports/{report_id}.json",
        "/flags.json",
        "/search.json",
        "/flags.csv",
        "/reports/{report_id}/flags.json",
    ):
        assert twin in paths, twin
    since = next(
        p for p in document["paths"]["/engagements.json"]["get"]["parameters"] if p["name"] == "since"
    )
    assert since["description"]
    html = client.get("/api").text
    assert "/engagements.json" in html
    assert "EngagementRecord" in html


def test_pages_never_load_anything_from_another_site(client: Any) -> None:
    for path in [*_pages(client), "/api"]:
        html = client.get(path).text
        for attribute in re.findall(r'(?:src|href)="([^"]*)"', html):
            assert not attribute.startswith(("http:", "https:", "//")) or "example.org" in attribute, (
                path,
                attribute,
            )
    assert client.get("/docs").status_code == 404  # FastAPI's docs would load scripts from a CDN


def test_pages_empty_store_explains_how_to_add_reports(tmp_path: Any) -> None:
    from diplograph.store import open_store

    store: Store = open_store(tmp_path / "empty.db")
    with make_client(store) as empty:
        assert "Nothing is on file yet" in empty.get("/").text
        for path in ("/engagements", "/network", "/people", "/mechanisms", "/reports", "/flags"):
            assert empty.get(path).status_code == 200
    store.close()

"""Issue 5 in the web app: the timeline's domain filter, statements on person pages, items agreed on
mechanism pages, the thread pages, and their evidence on the report page; hostile strings escaped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from web_support import make_client

from diplograph.model import (
    Article,
    Commitment,
    Evidence,
    Extraction,
    InitiativeMention,
    PartialDate,
    Person,
    Statement,
)
from diplograph.process import add_paths
from diplograph.store import Store, open_store

THREADS = Path(__file__).resolve().parents[1] / "data" / "threads"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'


def _ev(text: str, quote_: str) -> Evidence:
    start = text.index(quote_)
    return Evidence(quote=quote_, start=start, end=start + len(quote_))


def _hostile() -> Extraction:
    """A report whose statement, commitment and initiative all carry markup."""
    text = (
        f"Mallory Quill said that {SCRIPT} must be built.\n"
        f"The two sides agreed to build the {SCRIPT} bridge {IMG} this year.\n"
        f"They marked the Year of {IMG} Exchanges."
    )
    said = f"Mallory Quill said that {SCRIPT} must be built."
    agreed = f"The two sides agreed to build the {SCRIPT} bridge {IMG} this year."
    article = Article(
        text=text,
        doc="hostile_claims.txt",
        title=f"Claims {SCRIPT}",
        published=PartialDate("2024-06-01"),
        published_basis="header",
        origin="/reports/hostile_claims.txt",
    )
    return Extraction(
        article=article,
        people=(Person(name="Mallory Quill", country="VNM", mentions=(_ev(text, "Mallory Quill"),)),),
        statements=(
            Statement(
                speaker="Mallory Quill",
                speaker_kind="person",
                side="VNM",
                act="said",
                content=_ev(text, f"{SCRIPT} must be built"),
                domains=("infrastructure_connectivity",),
                evidence=_ev(text, said),
            ),
        ),
        commitments=(
            Commitment(
                item=f"build the {SCRIPT} bridge {IMG}",
                stage="agreed",
                parties=("CHN", "VNM"),
                target=IMG,
                deadline="this year",
                topic=f"{SCRIPT} bridge",
                mechanism=None,
                initiative=None,
                domains=("infrastructure_connectivity",),
                evidence=_ev(text, agreed),
            ),
        ),
        initiatives=(
            InitiativeMention(
                name=f"Year of {IMG} Exchanges",
                alias=f"Year of {IMG} Exchanges",
                kind="year",
                evidence=_ev(text, f"Year of {IMG} Exchanges"),
            ),
        ),
        extractor_version="web-claims-test",
    )


@pytest.fixture(scope="module")
def claims_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("web_claims") / "claims.db")
    summary = add_paths(store, [THREADS])
    assert not summary.failures, summary.failures
    hostile = _hostile()
    store.save(hostile, source_key=hostile.article.origin)
    yield store
    store.close()


@pytest.fixture(scope="module")
def claims_client(claims_store: Store) -> Iterator[Any]:
    with make_client(claims_store) as test_client:
        yield test_client


def test_claims_pages_timeline_domain_filter(claims_client: Any) -> None:
    every = claims_client.get("/engagements.json").json()["engagements"]["total"]
    found = claims_client.get("/engagements.json", params={"domain": "infrastructure_connectivity"}).json()
    docs = {s["doc"] for e in found["engagements"]["items"] for s in e["sources"]}
    assert docs == {"rail_nov.txt", "summit_apr.txt"}
    assert found["filters"]["domain"] == "infrastructure_connectivity"
    assert 0 < found["engagements"]["total"] < every
    html = claims_client.get("/engagements", params={"domain": "infrastructure_connectivity"}).text
    assert '<option value="infrastructure_connectivity" selected>' in html
    assert "rail_nov.txt" in html or "Vietnam, China push rail links" in html
    assert claims_client.get("/engagements.json", params={"domain": "sports"}).status_code == 422
    assert claims_client.get("/engagements", params={"domain": ""}).status_code == 200


def test_claims_pages_timeline_domain_with_a_pair(claims_client: Any) -> None:
    params = {"domain": "defence_security", "pair": "CHN-VNM"}
    found = claims_client.get("/engagements.json", params=params).json()
    assert [e["kind"] for e in found["engagements"]["items"]] == ["co_chair"]


def test_claims_pages_person_statements_by_domain(claims_client: Any) -> None:
    page = claims_client.get("/people/Tran Hong Ha.json").json()
    assert [s["act"] for s in page["statements"]["items"]] == ["said"]
    html = claims_client.get("/people/Tran Hong Ha").text
    section = html[html.index('id="statements"') :]
    assert '<h3 class="domain">infrastructure connectivity</h3>' in section
    match = re.search(r'href="/reports/([0-9a-f]{32})#(st-\d+-\d+)"', section)
    assert match
    report = claims_client.get(f"/reports/{match.group(1)}").text
    assert f'id="{match.group(2)}"' in report
    assert 'class="hl hl-statement"' in report


def test_claims_pages_mechanism_items_agreed(claims_client: Any) -> None:
    page = claims_client.get(f"/mechanisms/{quote('3+3')}.json").json()
    assert [c["doc"] for c in page["agreed"]] == ["dialogue_dec.txt", "summit_apr.txt"]
    html = claims_client.get(f"/mechanisms/{quote('3+3')}").text
    assert "upgrade the &#34;3+3&#34; strategic dialogue to the ministerial level" in html


def test_claims_pages_topic_list_and_thread(claims_client: Any) -> None:
    topics = claims_client.get("/threads.json").json()["topics"]
    assert "CHN-VNM|railway" in {item["key"] for item in topics["items"]}
    html = claims_client.get("/threads").text
    assert 'href="/threads/CHN-VNM%7Crailway"' in html
    page = claims_client.get("/threads/railway.json").json()
    (thread,) = page["threads"]
    assert [(s["date"], s["stage"]) for s in thread["steps"]] == [
        ("2024-11-21", "proposed"),
        ("2024-11-21", "agreed"),
        ("2025-04-14", "agreed"),
    ]
    html = claims_client.get("/threads/railway").text
    links = re.findall(r'href="/reports/([0-9a-f]{32})#(cm-\d+-\d+)"', html)
    assert len(links) == 3
    report_id, anchor = links[-1]
    report = claims_client.get(f"/reports/{report_id}").text
    assert f'id="{anchor}"' in report
    assert 'class="hl hl-commitment"' in report
    assert claims_client.get("/threads/CHN-VNM%7Crailway.json").json()["threads"] == page["threads"]


def test_claims_pages_unknown_thread_is_404(claims_client: Any) -> None:
    assert claims_client.get("/threads/submarine%20cables").status_code == 404
    assert claims_client.get("/threads/submarine%20cables.json").status_code == 404
    assert claims_client.get("/threads/" + "x" * 300 + ".json").status_code == 422


def test_claims_pages_hostile_strings_are_escaped(claims_client: Any) -> None:
    pages = [
        "/threads",
        f"/threads/{quote('<script>alert(1)', safe='')}",
        "/threads/bridge",
        "/people/Mallory Quill",
        "/engagements?domain=infrastructure_connectivity",
    ]
    reports = claims_client.get("/reports.json").json()["reports"]["items"]
    pages += [f"/reports/{r['id']}" for r in reports if r["doc"] == "hostile_claims.txt"]
    assert len(pages) == 6
    for path in pages:
        response = claims_client.get(path)
        assert response.status_code == 200, path
        assert "<script>alert" not in response.text, path
        assert "<img src=x" not in response.text, path
    missing = claims_client.get(f"/threads/{quote('<img src=x onerror=alert(3)>', safe='')}")
    assert missing.status_code == 404
    assert "<img src=x" not in missing.text
    thread = claims_client.get("/threads/bridge.json").json()["threads"][0]
    assert thread["steps"][0]["entries"][0]["target"] == IMG

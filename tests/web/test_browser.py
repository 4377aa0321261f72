"""The app in a real browser: Debian's chromium, driven by Playwright, against a live server on loopback.

Each test loads pages, uses them as an analyst would and saves screenshots to test-artifacts/web/.
Outside CI a machine without chromium skips these tests (scripts/chromium.sh installs it); in CI
(CI=true) a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_readouts import EVIL_NAME, IMG, SCRIPT
from web_support import build_store

from diplograph.web import create_app

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "web"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    candidates = [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
    found = next((path for path in candidates if path and os.access(path, os.X_OK)), None)
    problem = None if found else "no chromium: run scripts/chromium.sh to install Debian's package"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "the playwright package is not installed"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests need a browser in CI: {problem}")
        pytest.skip(problem)
    assert found is not None
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on 127.0.0.1 in a background thread, over a store of its own (tests here write flags)."""
    import uvicorn

    _chromium()
    store = build_store(tmp_path_factory.mktemp("browser") / "browser.db")
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A browser with a fresh profile, so nothing from another run (cache, cookies) leaks in."""
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        browser_context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        browser_context.set_default_timeout(15_000)
        yield browser_context
        browser_context.close()
    shutil.rmtree(profile, ignore_errors=True)


class Watched:
    """A page with its console errors, uncaught exceptions and dialogs (an alert() would be one)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, f"a script ran: {self.dialogs}"


@pytest.fixture
def watched(context: Any) -> Iterator[Watched]:
    page = context.new_page()
    yield Watched(page)
    page.close()


def _json(watched: Watched, url: str) -> Any:
    return watched.page.request.get(url).json()


def test_browser_every_page_loads_cleanly(live_server: str, watched: Watched) -> None:
    page = watched.page
    reports = _json(watched, f"{live_server}/reports.json")["reports"]["items"]
    talks = next(r["id"] for r in reports if r["doc"] == "vna_talks.txt")
    mechanism = _json(watched, f"{live_server}/mechanisms.json")["mechanisms"]["items"][0]["id"]
    people = _json(watched, f"{live_server}/people.json?name=To+Lam")["people"]["items"]
    engagement = _json(watched, f"{live_server}/engagements.json")["engagements"]["items"][0]["id"]
    pages = {
        "overview": "/",
        "timeline": "/engagements",
        "engagement": f"/engagements/{engagement}",
        "network": "/network",
        "people": "/people",
        "person": f"/people/{people[0]['id']}",
        "mechanisms": "/mechanisms",
        "mechanism": f"/mechanisms/{mechanism}",
        "reports": "/reports",
        "report": f"/reports/{talks}",
        "flags": "/flags",
        "search": "/search?q=railway",
        "api": "/api",
    }
    for name, path in pages.items():
        response = page.goto(live_server + path)
        assert response is not None
        assert response.status == 200, path
        assert page.locator("main h1").first.is_visible()
        if name == "network":
            page.wait_for_selector("svg#network[data-ready='true']")
        watched.shot(f"page-{name}")
    watched.clean()
    response = page.goto(f"{live_server}/people/Nobody+Atall")
    assert response is not None
    assert response.status == 404
    assert page.locator("main h1").inner_text() == "Not found"
    watched.shot("page-not-found")


def test_browser_timeline_filters_narrow_and_keep_their_values(live_server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live_server}/engagements")
    assert page.locator("li.engagement").count() == 6
    page.select_option("select[name=pair]", "CHN-VNM")
    page.fill("input[name=person]", "To Lam")
    page.fill("input[name=since]", "2024")
    page.select_option("select[name=status]", "held")
    page.click("#timeline-filters button[type=submit]")
    page.wait_for_url(re.compile(r"pair=CHN-VNM"))
    expected = _json(
        watched, f"{live_server}/engagements.json?pair=CHN-VNM&person=To+Lam&since=2024&status=held"
    )
    assert page.locator("li.engagement").count() == expected["engagements"]["total"] == 1
    assert page.input_value("input[name=person]") == "To Lam"
    assert page.input_value("input[name=since]") == "2024"
    assert page.input_value("select[name=pair]") == "CHN-VNM"
    assert page.input_value("select[name=status]") == "held"
    watched.shot("timeline-filtered")
    page.select_option("select[name=kind]", "phone_call")
    page.click("#timeline-filters button[type=submit]")
    page.wait_for_url(re.compile(r"kind=phone_call"))
    assert page.locator("li.engagement").count() == 0
    assert page.input_value("input[name=person]") == "To Lam"
    page.click("text=Reset")
    page.wait_for_url(f"{live_server}/engagements")
    assert page.locator("li.engagement").count() == 6
    watched.clean()


def test_browser_bad_filter_shows_the_problem(live_server: str, watched: Watched) -> None:
    page = watched.page
    response = page.goto(f"{live_server}/engagements?since=2024-13&kind=talks")
    assert response is not None
    assert response.status == 422
    assert "since" in page.locator(".error-message").inner_text()
    watched.shot("timeline-bad-date")


def _quote_at(page: Any, anchor: str) -> str:
    """The text of every piece of the fact whose first mark has id ``anchor``."""
    text: str = page.evaluate(
        """(anchor) => {
            const first = document.getElementById(anchor);
            const fact = first.dataset.fact;
            let out = "";
            const text = document.getElementById("report-text");
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                let el = node.parentElement;
                while (el && el.id !== "report-text") {
                    if (el.dataset && el.dataset.fact === fact) { out += node.textContent; break; }
                    el = el.parentElement;
                }
            }
            return out;
        }""",
        anchor,
    )
    return text


def test_browser_network_to_person_to_report_with_highlighted_evidence(
    live_server: str, watched: Watched
) -> None:
    page = watched.page
    page.goto(f"{live_server}/network")
    page.wait_for_selector("svg#network[data-ready='true']")
    page.locator('g.node[data-name="To Lam"] circle').click()
    panel = page.locator("#network-panel .picked-person")
    assert panel.locator("h3").inner_text() == "To Lam"
    assert page.locator("g.node.far").count() > 0  # the others fade: the network is filtered
    watched.shot("network-picked")
    panel.locator("#panel-person").click()
    page.wait_for_url(re.compile(r"/people/[0-9a-f]{32}$"))
    assert page.locator("h1.person-name").inner_text().startswith("To Lam")
    watched.shot("person")
    page.locator("ul.quotes a", has_text="To Lam and Xi Jinping").first.click()
    page.wait_for_url(re.compile(r"/reports/[0-9a-f]{32}#pm-\d+-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert target.inner_text() == "To Lam"
    assert "active" in (target.get_attribute("class") or "")
    report = _json(watched, page.url.split("#")[0] + ".json")
    for fact in report["engagements"] + report["figures"]:
        prefix = "ev" if "kind" in fact else "fg"
        assert _quote_at(page, f"{prefix}-{fact['start']}-{fact['end']}") == fact["quote"]
        assert fact["quote"] == report["text"][fact["start"] : fact["end"]]
    marks = page.locator("#report-text mark.hl-person")
    assert marks.count() == len(report["names"])
    watched.shot("report-highlighted")
    watched.clean()


def test_browser_source_link_lands_on_its_evidence(live_server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live_server}/engagements?kind=co_chair&status=held")
    link = page.locator("li.engagement .sources a.source").first
    href = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url(re.compile(r"#ev-\d+-\d+$"))
    anchor = href.rsplit("#", 1)[1]
    mark = page.locator(f"#{anchor}")
    assert mark.is_visible()
    assert "active" in (mark.get_attribute("class") or "")
    assert "16th meeting" in _quote_at(page, anchor)
    fact = page.locator("li.fact.active")
    assert fact.count() == 1
    watched.shot("source-evidence")
    watched.clean()


def test_browser_hostile_report_runs_no_script(live_server: str, watched: Watched) -> None:
    page = watched.page
    reports = _json(watched, f"{live_server}/reports.json")["reports"]["items"]
    hostile = next(r["id"] for r in reports if r["doc"] == "hostile.txt")
    page.goto(f"{live_server}/reports/{hostile}")
    page.wait_for_timeout(300)
    assert page.locator("h1.report-title").inner_text() == f"{SCRIPT}{IMG}"
    assert SCRIPT in page.locator("#report-text").inner_text()
    assert page.locator("#report-text img, #report-text script, #report-text svg").count() == 0
    page.goto(f"{live_server}/engagements?kind=phone_call")
    assert EVIL_NAME in page.locator("li.engagement").inner_text()
    page.goto(f"{live_server}/network?status=")
    page.wait_for_selector("svg#network[data-ready='true']")
    watched.shot("hostile")
    assert not watched.dialogs, watched.dialogs
    assert page.evaluate("() => document.querySelectorAll('svg svg, img[src=x]').length") == 0


def test_browser_flag_a_fact_and_see_it(live_server: str, watched: Watched) -> None:
    page = watched.page
    reports = _json(watched, f"{live_server}/reports.json")["reports"]["items"]
    talks = next(r["id"] for r in reports if r["doc"] == "vna_talks.txt")
    page.goto(f"{live_server}/reports/{talks}")
    first = page.locator("li.fact").first
    first.locator("details.flag summary").click()
    first.locator("textarea[name=reason]").fill("The talks were on Sunday, not Monday <b>really</b>")
    first.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#flag-\d+$"))
    flag = page.locator("ul.flags li").first
    assert "not Monday <b>really</b>" in flag.inner_text()
    assert page.locator("li.fact.flagged").count() == 1
    watched.shot("report-flagged")
    page.goto(f"{live_server}/flags")
    assert "not Monday" in page.locator("table.data").inner_text()
    watched.shot("flags")
    watched.clean()

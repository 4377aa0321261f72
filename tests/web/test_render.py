"""Small pure helpers of the web app: date display, safe links, page links, sentences, API doc words."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from diplograph.web.apidoc import type_words
from diplograph.web.render import (
    amount,
    country_name,
    http_url,
    json_twin,
    number,
    ordinal,
    show_date,
    url_with,
)
from diplograph.web.texts import sentence_bounds


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2024", "2024"),
        ("2024-12", "Dec 2024"),
        ("2024-12-10", "10 Dec 2024"),
        ("2024-02-04/2024-02-05", "4–5 Feb 2024"),
        ("2024-01-30/2024-02-02", "30 Jan – 2 Feb 2024"),
        ("2024-11/2024-12", "Nov–Dec 2024"),
        ("2023-12-30/2024-01-02", "30 Dec 2023 – 2 Jan 2024"),
        ("2024-12-10/2024-12-10", "10 Dec 2024"),
        (None, "undated"),
        ("", "undated"),
        ("2024-99", "2024-99"),
    ],
)
def test_render_show_date_keeps_the_precision(value: str | None, shown: str) -> None:
    assert show_date(value) == shown


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//example.org", None),
        ("", None),
        (None, None),
    ],
)
def test_render_http_url_links_only_the_web(url: str | None, safe: str | None) -> None:
    assert http_url(url) == safe


def _request(path: str, query: str) -> Request:
    return Request({"type": "http", "path": path, "query_string": query.encode(), "headers": []})


def test_render_url_with_keeps_other_parameters() -> None:
    request = _request("/engagements", "kind=talks&offset=50&person=To+Lam")
    assert url_with(request, offset=100) == "/engagements?kind=talks&person=To+Lam&offset=100"
    assert url_with(request, offset=None, person=None) == "/engagements?kind=talks"
    assert json_twin(request) == "/engagements.json?kind=talks&offset=50&person=To+Lam"
    assert json_twin(_request("/", "")) == "/index.json"


def test_render_amounts_read_like_a_report() -> None:
    assert amount(171.9e9, "USD") == "171.9 billion USD"
    assert amount(3_200_000, "") == "3.2 million"
    assert amount(45.0, "%") == "45 %"
    assert amount(None) == ""


def test_render_numbers_ordinals_and_countries() -> None:
    assert number(1234567) == "1,234,567"
    assert number(171.9e9) == "171,900,000,000"
    assert number(2.5) == "2.5"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 16, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "16th", "21st", "22nd", "101st", "111th",
    ]  # fmt: skip
    assert country_name("VNM") in ("Vietnam", "Viet Nam")
    assert country_name("ZZZ") == "ZZZ"
    assert country_name(None) == "unknown country"


def test_render_sentence_bounds_find_the_sentence_around_a_name() -> None:
    text = "First one. Then Wang Yi spoke at length. Last.\nNext line"
    start = text.index("Wang Yi")
    begin, end = sentence_bounds(text, start, start + 7)
    assert text[begin:end] == "Then Wang Yi spoke at length."
    line = text.index("Next")
    assert text[slice(*sentence_bounds(text, line, line + 4))] == "Next line"
    assert sentence_bounds("", 5, 9) == (0, 0)


def test_render_type_words_describe_schemas() -> None:
    assert type_words({"type": "string", "pattern": "^x$"}) == "string (matching ^x$)"
    assert type_words({"anyOf": [{"type": "integer"}, {"type": "null"}]}) == "integer or null"
    assert type_words({"$ref": "#/components/schemas/Flag"}) == "Flag"
    assert (
        type_words({"type": "array", "items": {"$ref": "#/components/schemas/Attendee"}})
        == "list of Attendee"
    )
    assert type_words({"enum": ["held", "planned"]}) == "one of held, planned"
    assert type_words({"type": "integer", "minimum": 1, "maximum": 200}) == "integer (≥ 1, ≤ 200)"

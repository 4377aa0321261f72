"""Jinja2 rendering: one environment with autoescape on everywhere, and the filters pages share.

Autoescape is on for every template, whatever its name, so text from a report can only ever reach
the page escaped; the only Markup built in Python is the highlighted report text, whose every piece
of text goes through markupsafe.escape (see highlight.py).
"""

from __future__ import annotations

import calendar
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.requests import Request

from diplograph.extract.gazetteer import country_for_code
from diplograph.web.data import ReportPage
from diplograph.web.highlight import Span, anchors, highlight

TEMPLATES = Path(__file__).resolve().parent / "templates"

_MONTHS = calendar.month_abbr  # English abbreviations whatever the server's locale


def show_date(value: str | None) -> str:
    """A partial date at its own precision: "2024", "Dec 2024", "10 Dec 2024", "4–5 Feb 2024"."""
    if not value:
        return "undated"
    start, _, end = value.partition("/")
    if not end or end == start:
        return _one(start)
    a, b = start.split("-"), end.split("-")
    if len(a) == len(b) == 3 and a[:2] == b[:2]:
        return f"{int(a[2])}–{int(b[2])} {_MONTHS[int(a[1])]} {a[0]}"
    if len(a) == len(b) == 3 and a[0] == b[0]:
        return f"{int(a[2])} {_MONTHS[int(a[1])]} – {int(b[2])} {_MONTHS[int(b[1])]} {a[0]}"
    if len(a) == len(b) == 2 and a[0] == b[0]:
        return f"{_MONTHS[int(a[1])]}–{_MONTHS[int(b[1])]} {a[0]}"
    return f"{_one(start)} – {_one(end)}"


def _one(value: str) -> str:
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1])]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1])]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def time_tag(value: str | None) -> Markup:
    """A <time> element: the machine-readable partial date and the human one."""
    if not value:
        return Markup('<span class="undated">undated</span>')
    start = value.partition("/")[0]
    precision = ("year", "month", "day")[min(start.count("-"), 2)]
    return Markup('<time datetime="{}" data-precision="{}">{}</time>').format(
        start, precision, show_date(value)
    )


def country_name(code: str | None) -> str:
    """The country's name for an ISO3 code; unknown codes are shown as they are."""
    if not code:
        return "unknown country"
    known = country_for_code(code)
    return known.name if known is not None else code


def kind_label(kind: str | None) -> str:
    return (kind or "").replace("_", " ")


def number(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def amount(value: float | None, unit: str = "") -> str:
    """A figure as a reader says it: "171.9 billion USD", "3.2 million", "45 %"."""
    if value is None:
        return ""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            text = f"{value / size:,.2f}".rstrip("0").rstrip(".") + " " + word
            break
    else:
        text = number(value)
    return f"{text} {unit}".strip()


def ordinal(value: int | None) -> str:
    if value is None:
        return ""
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def url_with(request: Request, **changes: Any) -> str:
    """This page's path and query with some parameters changed (None removes one).

    Built from the request's own parameters, so paging and filter links keep every other filter.
    """
    params = [(key, value) for key, value in request.query_params.multi_items() if key not in changes]
    params += [(key, str(value)) for key, value in changes.items() if value is not None and value != ""]
    query_string = urlencode(params)
    return request.url.path + ("?" + query_string if query_string else "")


def json_twin(request: Request) -> str:
    """The address of this page's JSON twin, with the same parameters."""
    query_string = request.url.query
    path = request.url.path.rstrip("/") or "/index"
    return path + ".json" + ("?" + query_string if query_string else "")


def mark_name(sentence: str, start: int, end: int) -> Markup:
    """A sentence with one name in it marked (for the person page's quotes)."""
    span = Span(fact="name", kind="person", start=start, end=end, label=sentence[start:end])
    return highlight(sentence, [span])


def http_url(value: str | None) -> str | None:
    """A URL safe to link to: http or https only, so a stored "javascript:" URL never becomes a link."""
    if not value:
        return None
    scheme = urlsplit(value.strip()).scheme.lower()
    return value.strip() if scheme in ("http", "https") else None


def report_anchors(page: ReportPage) -> dict[str, str]:
    """Element ids of every fact's span, keyed "mention:ID", "name:ID", "figure:ID".

    The ids are ``ev-``, ``pm-`` and ``fg-`` followed by the span's offsets, so other pages can link
    to a span from its offsets alone (a timeline's source, a person's quote).
    """
    keys = [(f"mention:{m.id}", "ev", m.start, m.end) for m in page.engagements]
    keys += [(f"name:{n.id}", "pm", n.start, n.end) for n in page.names]
    keys += [(f"figure:{f.id}", "fg", f.start, f.end) for f in page.figures]
    keys += [(f"statement:{s.id}", "st", s.evidence_start, s.evidence_end) for s in page.statements]
    keys += [(f"commitment:{c.anchor}", "cm", c.start, c.end) for c in page.commitments]
    ids = anchors([(prefix, start, end) for _, prefix, start, end in keys])
    return {key: ident for (key, *_), ident in zip(keys, ids, strict=True)}


def report_markup(page: ReportPage) -> Markup:
    """The report's text with its engagements, names and figures marked at their offsets."""
    flagged = {(flag.target, flag.target_id) for flag in page.flags}
    ids = report_anchors(page)
    spans = [
        Span(
            fact=f"mention:{m.id}",
            kind="engagement",
            start=m.start,
            end=m.end,
            label=f"{kind_label(m.kind)} ({m.status}), {show_date(m.date)}",
            anchor=ids[f"mention:{m.id}"],
            flagged=("mention", m.id) in flagged,
        )
        for m in page.engagements
    ]
    spans += [
        Span(
            fact=f"person:{n.person_id}",
            kind="person",
            start=n.start,
            end=n.end,
            label=n.person,
            anchor=ids[f"name:{n.id}"],
            flagged=("person", n.person_id) in flagged,
        )
        for n in page.names
    ]
    spans += [
        Span(
            fact=f"figure:{f.id}",
            kind="figure",
            start=f.start,
            end=f.end,
            label=f"{f.indicator}: {amount(f.value, f.unit)}",
            anchor=ids[f"figure:{f.id}"],
            flagged=("figure", f.id) in flagged,
        )
        for f in page.figures
    ]
    spans += [
        Span(
            fact=f"statement:{s.id}",
            kind="statement",
            start=s.evidence_start,
            end=s.evidence_end,
            label=f"{s.speaker or s.side or 'both sides'} {s.act}: {', '.join(s.domains) or 'no domain'}",
            anchor=ids[f"statement:{s.id}"],
        )
        for s in page.statements
    ]
    spans += [
        Span(
            fact=f"commitment:{c.anchor}",
            kind="commitment",
            start=c.start,
            end=c.end,
            label=f"{c.stage.replace('_', ' ')}: {c.topic}",
            anchor=ids[f"commitment:{c.anchor}"],
        )
        for c in page.commitments
    ]
    return highlight(page.text, spans)


def environment() -> Environment:
    """The one Jinja2 environment of the app."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        date=show_date,
        time=time_tag,
        country=country_name,
        kind=kind_label,
        number=number,
        ordinal=ordinal,
        amount=amount,
        http_url=http_url,
    )
    env.globals.update(
        url_with=url_with,
        json_twin=json_twin,
        mark_name=mark_name,
        report_markup=report_markup,
        report_anchors=report_anchors,
        escape=escape,
    )
    return env

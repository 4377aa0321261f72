"""CSV, GraphML, PLOVER, JSON Lines and text renderings of query results, on hand-built records."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from diplograph.formats import plover, table
from diplograph.formats.csv import HEADER, row, write_engagements
from diplograph.formats.export import as_json, line, write_jsonl
from diplograph.formats.graphml import NAMESPACE, write_graphml
from diplograph.query.results import (
    Attendee,
    EngagementRecord,
    FigureRecord,
    Network,
    NetworkEdge,
    NetworkNode,
    Page,
    Source,
)

LULA = Attendee(id="a" * 32, name='Luiz Inácio "Lula" da Silva, Jr.', country="BRA", title="President")
MODI = Attendee(id="b" * 32, name="Narendra Modi", country="IND", title="Prime Minister")
SOURCE = Source(
    report_id="c" * 32,
    doc="brasilia, notes.txt",
    title='Modi in Brasília: "a new chapter"',
    publisher="Agência Brasil",
    url="https://example.org/a?b=1&c=2",
    published="2025-07-08",
    quote="Lula received Modi, with honours,\nat the Alvorada Palace.",
    start=10,
    end=66,
    extractor_version="1",
    duplicate_of=None,
)


def _record(**changes: object) -> EngagementRecord:
    values: dict[str, object] = {
        "id": "d" * 32,
        "kind": "visit",
        "status": "held",
        "date": "2025-07-08",
        "location": "Brasília",
        "location_country": "BRA",
        "mechanism_id": None,
        "mechanism": None,
        "ordinal": None,
        "held_as": None,
        "conflicts": ("date: 2025-07-08 (A) vs 2025-07-09 (B)",),
        "source_count": 1,
        "attendees": (LULA, MODI),
        "sources": (SOURCE,),
    }
    values.update(changes)
    return EngagementRecord(**values)  # type: ignore[arg-type]


def test_csv_quotes_commas_quotes_and_line_breaks() -> None:
    out = io.StringIO()
    assert write_engagements([_record(), _record(id="e" * 32, attendees=())], out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == list(HEADER)
    assert rows[1] == list(row(_record()))
    cells = dict(zip(HEADER, rows[1], strict=True))
    assert cells["participants"] == 'Luiz Inácio "Lula" da Silva, Jr.; Narendra Modi'
    assert cells["participant_countries"] == "BRA; IND"
    assert cells["evidence"] == SOURCE.quote
    assert cells["source_docs"] == "brasilia, notes.txt"
    assert '"Luiz Inácio ""Lula"" da Silva, Jr.; Narendra Modi"' in out.getvalue()
    assert rows[2][HEADER.index("participants")] == ""


def test_csv_empty_values_are_empty_cells() -> None:
    cells = row(_record(date=None, location=None, location_country=None, sources=(), conflicts=()))
    assert cells[HEADER.index("date")] == ""
    assert cells[HEADER.index("evidence")] == ""
    assert cells[HEADER.index("ordinal")] == ""


def _network() -> Network:
    return Network(
        nodes=(
            NetworkNode(id="a" * 32, name='Tom & "Jerry" <Ltd>\x01', country="USA", engagements=3),
            NetworkNode(id="b" * 32, name="Bùi Thanh Sơn", country=None, engagements=2),
        ),
        edges=(NetworkEdge(source="a" * 32, target="b" * 32, weight=2, first="2024-01", last="2024-12-10"),),
    )


def test_graphml_escapes_markup_and_drops_control_characters() -> None:
    out = io.StringIO()
    write_graphml(_network(), out)
    text = out.getvalue()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert "\x01" not in text
    root = ET.fromstring(text.encode("utf-8"))
    ns = {"g": NAMESPACE}
    names = [d.text for d in root.iterfind(".//g:node/g:data[@key='name']", ns)]
    assert names == ['Tom & "Jerry" <Ltd>', "Bùi Thanh Sơn"]
    countries = [d.text for d in root.iterfind(".//g:node/g:data[@key='country']", ns)]
    assert countries == ["USA"]  # an unknown country is left out, not written as "None"


def test_graphml_edges_carry_weight_and_keys_are_declared() -> None:
    out = io.StringIO()
    write_graphml(_network(), out)
    root = ET.fromstring(out.getvalue())
    ns = {"g": NAMESPACE}
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.iterfind("g:key", ns)}
    assert keys["weight"] == ("edge", "double")
    assert keys["country"] == ("node", "string")
    (edge,) = root.iterfind(".//g:edge", ns)
    assert (edge.get("source"), edge.get("target")) == ("a" * 32, "b" * 32)
    assert float(edge.findtext("g:data[@key='weight']", namespaces=ns) or "0") == 2
    assert root.find("g:graph", ns).get("edgedefault") == "undirected"  # type: ignore[union-attr]


def test_plover_visit_has_visitor_actor_and_host_recipient() -> None:
    record = plover.record(_record())
    assert record["event_type"] == "CONSULT"
    assert record["event"] == ["CONSULT"]
    assert record["mode"] == ["visit"]
    assert [a["entity_text"] for a in record["actor"]] == ["Narendra Modi"]
    assert [r["code"] for r in record["recipient"]] == ["BRA"]
    assert (record["cameo"], record["cameo_recipient"]) == ("042", "043")
    assert record["date"] == "2025-07-08"
    assert record["date_precision"] == "day"
    assert record["event_loc"] == {"extracted_place": "Brasília", "country_code": "BRA"}
    assert record["sources"][0]["url"] == SOURCE.url


@pytest.mark.parametrize(
    ("kind", "status", "event", "cameo", "modes"),
    [
        ("talks", "held", "CONSULT", "046", []),
        ("meeting", "held", "CONSULT", "040", []),
        ("co_chair", "held", "CONSULT", "046", []),
        ("phone_call", "held", "CONSULT", "041", ["phone"]),
        ("signing", "held", "AGREE", "057", []),
        ("visit", "planned", "AGREE", "036", []),
        ("talks", "planned", "AGREE", "036", []),
    ],
)
def test_plover_codes_by_kind_and_status(
    kind: str, status: str, event: str, cameo: str, modes: list[str]
) -> None:
    record = plover.record(_record(kind=kind, status=status))
    assert (record["event_type"], record["cameo"], record["mode"]) == (event, cameo, modes)
    assert record["recipient"] == []  # only a held visit splits visitors from hosts
    assert record["cameo_recipient"] is None
    assert len(record["actor"]) == 2


def test_plover_visit_without_host_country_keeps_everyone_as_actor() -> None:
    record = plover.record(_record(location_country=None, location=None))
    assert len(record["actor"]) == 2
    assert record["recipient"] == []
    assert record["event_loc"] is None


def test_plover_range_date_and_json_line() -> None:
    text = plover.dumps(_record(date="2024-02-04/2024-02-05"))
    assert "\n" not in text
    record = json.loads(text)
    assert (record["date"], record["enddate"], record["date_precision"]) == (
        "2024-02-04",
        "2024-02-05",
        "day",
    )
    assert "Agência Brasil" in text  # non-ASCII kept as is


def test_export_line_names_its_type_first() -> None:
    figure = FigureRecord(
        report_id="c" * 32,
        indicator="trade",
        value=168.5,
        unit="billion USD",
        period="2024-01/2024-10",
        change_pct=None,
        quote="US$168.5 billion",
        start=1,
        end=17,
    )
    record = json.loads(line(figure))
    assert next(iter(record)) == "type"
    assert record["type"] == "figure"
    assert record["value"] == 168.5
    out = io.StringIO()
    assert write_jsonl(out, [figure], [_record()]) == 2
    types = [json.loads(text)["type"] for text in out.getvalue().splitlines()]
    assert types == ["figure", "engagement"]


def test_export_as_json_nests_pages_and_tuples() -> None:
    page = Page(items=(_record(),), total=5, limit=1, offset=0)
    value = as_json(page)
    assert value["total"] == 5
    assert value["items"][0]["attendees"][0]["name"] == LULA.name
    assert value["items"][0]["conflicts"] == ["date: 2025-07-08 (A) vs 2025-07-09 (B)"]
    json.dumps(value)  # plain JSON all the way down


def test_table_engagements_cuts_long_cells_and_pages() -> None:
    page = Page(items=(_record(location="x" * 100),), total=3, limit=1, offset=1)
    text = table.engagements(page)
    assert "…" in text
    assert "x" * 100 not in text
    assert text.endswith("2-2 of 3 engagements; --offset 2 for more\n")


def test_table_footer_for_empty_pages() -> None:
    assert table.footer(Page(items=(), total=0, limit=5, offset=0), "people") == "no people\n"
    assert "at offset 9" in table.footer(Page(items=(), total=3, limit=5, offset=9), "people")

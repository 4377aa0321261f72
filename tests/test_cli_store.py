"""The knowledge-base commands (add, engagements, people, person, mechanisms, mechanism, search, export)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner

from diplograph.cli import app
from diplograph.formats.csv import HEADER
from diplograph.formats.graphml import NAMESPACE

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "src" / "diplograph" / "samples"
STEERING = "China-Vietnam Steering Committee for Bilateral Cooperation"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database holding the samples, added through the command line."""
    path = str(tmp_path_factory.mktemp("cli") / "diplograph.db")
    code, _, err = _invoke("add", path, str(SAMPLES), "--quiet")
    assert code == 0, err
    return path


def test_cli_store_add_summarises_and_is_idempotent(tmp_path: Path) -> None:
    path = str(tmp_path / "new.db")
    code, out, err = _invoke("add", path, str(SAMPLES / "xinhua_steering_committee_16th.txt"))
    assert code == 0, err
    assert out == ""
    assert "1 reports in" in err
    assert "1 added, 0 updated, 0 unchanged" in err
    code, _, err = _invoke("add", path, str(SAMPLES / "xinhua_steering_committee_16th.txt"), "-q")
    assert code == 0
    assert "0 added, 0 updated, 1 unchanged" in err


def test_cli_store_add_reports_failures_and_stores_the_rest(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    path = str(tmp_path / "new.db")
    code, _, err = _invoke(
        "add", path, str(empty), str(SAMPLES / "vna_to_lam_xi_talks.txt"), "--workers", "2"
    )
    assert code == 1
    assert f"{empty}:" in err
    assert "1 added" in err
    assert "1 failed" in err
    code, out, _ = _invoke("engagements", path, "--person", "To Lam", "--json")
    assert code == 0
    assert json.loads(out)["total"] >= 1


def test_cli_store_add_refuses_a_bad_database(tmp_path: Path) -> None:
    code, _, err = _invoke("add", str(tmp_path / "missing" / "dir" / "x.db"), str(SAMPLES))
    assert code == 1
    assert "does not exist" in err


def test_cli_store_engagements_table_json_csv(db: str) -> None:
    code, table, err = _invoke("engagements", db, "--person", "To Lam", "--since", "2024-01")
    assert code == 0, err
    assert table.splitlines()[0].split()[:3] == ["date", "kind", "status"]
    assert "To Lam" in table
    assert re.fullmatch(r"1-\d+ of \d+ engagements", table.splitlines()[-1])
    code, text, _ = _invoke("engagements", db, "--person", "To Lam", "--since", "2024-01", "--json")
    page = json.loads(text)
    assert page["total"] == len(page["items"]) >= 1
    assert all("To Lam" in {a["name"] for a in item["attendees"]} for item in page["items"])
    code, text, _ = _invoke("engagements", db, "--country", "VNM", "--csv", "--limit", "3")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(HEADER)
    assert len(rows) == 4


def test_cli_store_engagements_filters_and_paging(db: str) -> None:
    code, text, _ = _invoke(
        "engagements",
        db,
        "--mechanism",
        "Steering Committee",
        "--kind",
        "co_chair",
        "--status",
        "held",
        "--json",
    )
    assert code == 0
    items = json.loads(text)["items"]
    assert {(i["kind"], i["status"], i["mechanism"]) for i in items} == {("co_chair", "held", STEERING)}
    _, first, _ = _invoke("engagements", db, "--limit", "2", "--json")
    _, second, _ = _invoke("engagements", db, "--limit", "2", "--offset", "2", "--json")
    assert json.loads(first)["items"][1]["id"] != json.loads(second)["items"][0]["id"]
    _, table, _ = _invoke("engagements", db, "--limit", "2")
    assert "--offset 2 for more" in table


@pytest.mark.parametrize(
    "args",
    [
        ("--kind", "summit"),
        ("--status", "cancelled"),
        ("--since", "2024-13"),
        ("--until", "last year"),
        ("--country", "Atlantis"),
        ("--limit", "0"),
        ("--offset", "-1"),
        ("--json", "--csv"),
    ],
)
def test_cli_store_engagements_bad_options_are_usage_errors(db: str, args: tuple[str, ...]) -> None:
    code, out, err = _invoke("engagements", db, *args)
    assert code == 2, (out, err)
    assert out == ""


def test_cli_store_reading_a_missing_database_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    code, _, err = _invoke("people", str(missing))
    assert code == 2
    assert "no database at" in err
    assert not missing.exists()


def test_cli_store_people_and_person(db: str) -> None:
    code, text, _ = _invoke("people", db, "--country", "VNM")
    assert code == 0
    assert "Bui Thanh Son" in text
    assert "Xi Jinping" not in text
    code, text, _ = _invoke("people", db, "--country", "VNM", "--json", "--limit", "2", "--offset", "1")
    assert [p["country"] for p in json.loads(text)["items"]] == ["VNM", "VNM"]
    code, text, err = _invoke("person", db, "Bùi Thanh Sơn")
    assert code == 0, err
    assert text.startswith("Bui Thanh Son (VNM)")
    for heading in ("Titles (", "Counterparts (", "Engagements ("):
        assert heading in text
    assert "Deputy Prime Minister" in text
    code, text, _ = _invoke("person", db, "Bui Thanh Son", "--json", "--limit", "1")
    profile = json.loads(text)
    assert profile["engagements"]["limit"] == 1
    assert "Bùi Thanh Sơn" in profile["aliases"]


def test_cli_store_unknown_and_ambiguous_names_exit_1(db: str) -> None:
    code, out, err = _invoke("person", db, "Hercule Poirot")
    assert (code, out) == (1, "")
    assert "no person matches 'Hercule Poirot'" in err
    code, _, err = _invoke("person", db, "Nguyen")
    assert code == 1
    assert "Nguyen Phu Trong" in err
    code, _, err = _invoke("mechanism", db, "Committee")
    assert code == 1
    assert "matches" in err
    code, _, err = _invoke("engagements", db, "--person", "Nobody Here")
    assert code == 1


def test_cli_store_mechanisms_and_mechanism(db: str) -> None:
    code, text, _ = _invoke("mechanisms", db)
    assert code == 0
    assert "CHN-VNM" in text
    code, text, _ = _invoke("mechanisms", db, "--json", "--limit", "1", "--offset", "0")
    assert len(json.loads(text)["items"]) == 1
    code, text, err = _invoke("mechanism", db, "Steering Committee")
    assert code == 0, err
    assert text.startswith(STEERING)
    assert "#16 (held)" in text
    assert "announced (" in text
    assert "vns_son_to_visit_china.txt" in text
    code, text, _ = _invoke("mechanism", db, "Việt Nam-China Steering Committee", "--json", "--limit", "5")
    thread = json.loads(text)
    assert thread["mechanism"]["name"] == STEERING
    assert any(s["ordinal"] == 16 and s["held"] for s in thread["sessions"]["items"])


def test_cli_store_search(db: str) -> None:
    code, text, _ = _invoke("search", db, "railway")
    assert code == 0
    assert "xinhua_steering_committee_16th.txt" in text
    assert "Engagements in these reports" in text
    code, text, _ = _invoke("search", db, "railway", "--json", "--limit", "1")
    result = json.loads(text)
    assert len(result["reports"]["items"]) == 1
    assert result["reports"]["total"] >= 2
    code, _, err = _invoke("search", db, "  ")
    assert code == 2
    assert "empty" in err


def test_cli_store_export_jsonl_to_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    code, out, err = _invoke("export", db, "--output", str(target))
    assert code == 0, err
    assert out == ""
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    types = [r["type"] for r in records]
    order = ["report", "person", "mechanism", "engagement", "figure", "statement", "commitment"]
    assert types == sorted(types, key=order.index)
    assert set(order[:5]) <= set(types) <= set(order)
    assert all(r["text"] for r in records if r["type"] == "report")
    _, again, _ = _invoke("export", db)
    assert again == target.read_text(encoding="utf-8")


def test_cli_store_export_csv_plover_graphml(db: str) -> None:
    _, text, _ = _invoke("export", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    _, listed, _ = _invoke("engagements", db, "--json", "--limit", "1000")
    assert [r["id"] for r in rows] == [i["id"] for i in json.loads(listed)["items"]]
    _, text, _ = _invoke("export", db, "-f", "plover")
    events = [json.loads(line) for line in text.splitlines()]
    assert len(events) == len(rows)
    assert {e["event_type"] for e in events} <= {"CONSULT", "AGREE"}
    assert {e["cameo"] for e in events} >= {"046", "042"}
    _, text, _ = _invoke("export", db, "--format", "graphml")
    root = ET.fromstring(text)
    assert root.tag == f"{{{NAMESPACE}}}graphml"
    assert root.findall(f".//{{{NAMESPACE}}}edge")


def test_cli_store_export_unknown_format_is_a_usage_error(db: str) -> None:
    code, _, _ = _invoke("export", db, "--format", "xlsx")
    assert code == 2


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """An empty database on a throwaway server from scripts/postgres.sh (required in CI)."""
    script = REPO / "scripts" / "postgres.sh"
    done = subprocess.run(["bash", str(script), "start"], capture_output=True, text=True, check=False)
    server = done.stdout.strip()
    if done.returncode != 0 or not server.startswith("postgresql://"):
        message = f"cannot start PostgreSQL with {script.name}: {done.stderr.strip()[-500:]}"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    name = f"cli_{uuid.uuid4().hex[:12]}"
    engine = create_engine(
        server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        subprocess.run(["bash", str(script), "stop", server], capture_output=True, check=False)


def test_cli_store_postgresql_url(postgres_url: str, db: str) -> None:
    code, _, err = _invoke("add", postgres_url, str(SAMPLES), "-q")
    assert code == 0, err
    for command in (
        ("engagements", "--json", "--limit", "1000"),
        ("people", "--country", "VNM", "--json"),
        ("mechanism", "Steering Committee", "--json"),
        ("export", "--format", "csv"),
    ):
        name, *options = command
        _, on_postgres, _ = _invoke(name, postgres_url, *options)
        _, on_sqlite, _ = _invoke(name, db, *options)
        assert on_postgres == on_sqlite, command


def test_cli_store_progress_line_shows_counts_and_rate(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from diplograph import cli
    from diplograph.process import Progress

    clock = iter([100.0, 100.05, 102.0, 104.0])
    monkeypatch.setattr(cli.time, "monotonic", lambda: next(clock))
    bar = cli._ProgressBar()  # started at 100.0
    step = {"total": None, "updated": 0, "unchanged": 1, "duplicates": 0, "failed": 1}
    bar(Progress(done=1, added=0, **step))  # 0.05 s later: not redrawn
    bar(Progress(done=10, added=8, **step))  # 2 s after the start
    bar.finish()
    err = capsys.readouterr().err
    assert "10 reports · 5.0/s · 8 added · 0 updated · 1 unchanged · 0 duplicates · 1 failed" in err
    assert "1 reports" not in err
    assert err.endswith("\r")

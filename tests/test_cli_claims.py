"""The statements, commitments and thread commands, on the samples and our railway / "3+3" readouts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.cli import app

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "src" / "diplograph" / "samples"
THREADS = REPO / "tests" / "data" / "threads"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli_claims") / "diplograph.db")
    code, _, err = _invoke("add", path, str(SAMPLES), str(THREADS), "--quiet")
    assert code == 0, err
    return path


def test_cli_claims_statements_table_json_and_csv(db: str) -> None:
    code, out, _ = _invoke("statements", db, "--person", "Wang Yi", "--domain", "political")
    assert code == 0
    assert "Wang Yi" in out
    assert "statements" in out.splitlines()[-1]
    code, out, _ = _invoke(
        "statements", db, "--side", "VNM", "--since", "2024-11", "--until", "2024-11", "--json"
    )
    assert code == 0
    page = json.loads(out)
    assert [item["doc"] for item in page["items"]] == ["rail_nov.txt"]
    code, out, _ = _invoke("statements", db, "--act", "agreed", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert {row["act"] for row in rows} == {"agreed"}


@pytest.mark.parametrize(
    "args",
    [
        ["--domain", "sports"],
        ["--act", "whispered"],
        ["--side", "Atlantis"],
        ["--since", "2024-99"],
        ["--json", "--csv"],
    ],
)
def test_cli_claims_statements_bad_options_are_usage_errors(db: str, args: list[str]) -> None:
    code, _, err = _invoke("statements", db, *args)
    assert code == 2
    assert err


def test_cli_claims_statements_unknown_person_fails(db: str) -> None:
    code, _, err = _invoke("statements", db, "--person", "Nobody Atall")
    assert code == 1
    assert "Nobody Atall" in err


def test_cli_claims_commitments(db: str) -> None:
    code, out, _ = _invoke("commitments", db, "--topic", "railway")
    assert code == 0
    assert "Railway Cooperation Committee" in out
    code, out, _ = _invoke("commitments", db, "--stage", "proposed", "--json")
    assert {item["stage"] for item in json.loads(out)["items"]} == {"proposed"}
    code, _, _ = _invoke("commitments", db, "--stage", "imagined")
    assert code == 2


def test_cli_claims_thread(db: str) -> None:
    code, out, _ = _invoke("thread", db, "railway")
    assert code == 0
    assert out.index("2024-11-21") < out.index("2025-04-14")
    assert "summit_apr.txt" in out
    code, out, _ = _invoke("thread", db, "3+3", "--json")
    (found,) = json.loads(out)
    assert [step["date"] for step in found["steps"]] == ["2024-12-19", "2025-04-14"]
    code, _, err = _invoke("thread", db, "submarine cables")
    assert code == 1
    assert "no commitment topic" in err

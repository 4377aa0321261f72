"""`diplograph export --format jsonl` carries statements and commitments with the rest of the store."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import diplograph
from diplograph.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "samples"


def test_export_claims_jsonl_has_statements_and_commitments(tmp_path: Path) -> None:
    database = tmp_path / "samples.db"
    store = diplograph.open_store(database)
    assert store.add([SAMPLES]).failed == 0
    store.close()
    result = CliRunner().invoke(app, ["export", str(database), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    kinds = {record["type"] for record in records}
    assert {"statement", "commitment", "engagement", "report"} <= kinds
    statement = next(r for r in records if r["type"] == "statement")
    assert statement["act"]
    assert isinstance(statement["domains"], list)

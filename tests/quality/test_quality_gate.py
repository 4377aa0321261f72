"""The quality gate: the extractor, scored by the shared scorer, must stay above pinned floors.

Skipped when ../shared (the real reports and their gold files) is not beside the checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from diplograph.errors import IngestError
from diplograph.extract import extract_article
from diplograph.formats.jsonl import dumps
from diplograph.ingest import read_articles

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text(encoding="utf-8"))


def _docs(name: str) -> Path:
    base = SHARED / name
    return base / "docs" if (base / "docs").is_dir() else base


@pytest.mark.shared
@pytest.mark.parametrize("name", ["seeds", "corpus/dev"])
def test_quality_gate_holds_floors(name: str, tmp_path: Path) -> None:
    scorer = SHARED / "eval" / "score.py"
    gold = SHARED / name / "gold"
    if not scorer.is_file() or not gold.is_dir():
        pytest.skip("../shared is not beside the checkout")
    out = tmp_path / "pred.jsonl"
    lines = []
    for item in read_articles(sorted(_docs(name).glob("*.txt"))):
        assert not isinstance(item, IngestError), str(item)
        lines.append(dumps(extract_article(item)))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    metrics = json.loads(result.stdout)
    below = {
        metric: (metrics.get(metric), floor)
        for metric, floor in FLOORS[name].items()
        if not metric.startswith("_") and (metrics.get(metric) is None or metrics[metric] < floor)
    }
    assert not below, f"{name}: below floor {below}; all metrics {metrics}"


def test_quality_gate_floors_are_well_formed() -> None:
    for name, floors in FLOORS.items():
        if name.startswith("_"):
            continue
        for metric, floor in floors.items():
            assert 0.0 <= floor <= 1.0, (name, metric)

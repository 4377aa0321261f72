"""The diplograph command, driven in-process with typer's CliRunner and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph import __version__
from diplograph.cli import app
from diplograph.formats import pretty
from diplograph.model import (
    Article,
    Engagement,
    Evidence,
    Extraction,
    Figure,
    PartialDate,
    Participant,
    Person,
)

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "src" / "diplograph" / "samples"
SAMPLE = SAMPLES / "xinhua_steering_committee_16th.txt"

REPORT = (
    "Hanoi (VNA) – Prime Minister Pham Minh Chinh held talks with Lao Prime Minister Sonexay Siphandone "
    "in Hanoi on January 6, 2024.\n"
)


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m diplograph ARGS`` with this checkout's sources first on the path."""
    paths = [str(REPO / "src"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.run(
        [sys.executable, "-m", "diplograph", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO,
        check=False,
    )


def _records(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"diplograph {__version__}"


def test_cli_python_m_runs_the_same_command() -> None:
    done = _run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"diplograph {__version__}"


def test_cli_extract_file_writes_one_jsonl_record(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE)])
    assert result.exit_code == 0, result.stderr
    (record,) = _records(result.stdout)
    assert record["doc"] == SAMPLE.name
    assert {"events", "figures", "people", "published"} <= set(record)
    assert result.stderr == ""


def test_cli_extract_directory_writes_every_report_in_order(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES)])
    assert result.exit_code == 0, result.stderr
    docs = [record["doc"] for record in _records(result.stdout)]
    single_files = [p.name for p in sorted(SAMPLES.glob("*.txt"))]
    assert [d for d in docs if d in single_files] == single_files
    assert len(docs) == len(set(docs)) >= 12


def test_cli_extract_reads_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-"], input=REPORT)
    assert result.exit_code == 0, result.stderr
    (record,) = _records(result.stdout)
    assert "Sonexay Siphandone" in json.dumps(record["people"])


def test_cli_extract_json_is_one_array(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["extract", str(SAMPLE), str(SAMPLES / "wire_briefs.jsonl"), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert records[0]["doc"] == SAMPLE.name
    assert len(records) == 4


def test_cli_extract_pretty_summarises_each_report(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE), "-f", "pretty"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"== {SAMPLE.name}\n")
    assert "Wang Yi, Bui Thanh Son co-chair China-Vietnam steering committee meeting" in result.stdout
    assert "published 2024-12-11 (header)" in result.stdout
    assert "Engagements (" in result.stdout


def test_cli_extract_output_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(SAMPLE), "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert _records(target.read_text(encoding="utf-8"))[0]["doc"] == SAMPLE.name


@pytest.fixture
def bad_sources(tmp_path: Path) -> dict[str, Path]:
    """One good report and one of each kind of bad source."""
    files = {
        "good": tmp_path / "good.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "encoding": tmp_path / "latin1.txt",
        "huge": tmp_path / "huge.txt",
        "half_text": tmp_path / "cut.txt",
        "half_jsonl": tmp_path / "cut.jsonl",
        "missing": tmp_path / "missing.txt",
    }
    files["good"].write_text(REPORT, encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 4)
    files["encoding"].write_bytes(
        "Café talks between Wang Yi and Bùi Thanh Son in Hanoi on Monday.\n".encode("cp1252")
    )
    with files["huge"].open("wb") as handle:  # sparse: 3 GB on paper, nothing on disk
        handle.truncate(3 * 1024**3)
    files["half_text"].write_bytes(REPORT.encode("utf-8") + "Bùi".encode()[:2])
    files["half_jsonl"].write_text(
        json.dumps({"text": REPORT}) + '\n{"text": "Prime Minister Pham', encoding="utf-8"
    )
    return files


def test_cli_extract_bad_sources_are_reported_and_the_rest_processed(
    runner: CliRunner, bad_sources: dict[str, Path]
) -> None:
    result = runner.invoke(app, ["extract", *(str(p) for p in bad_sources.values())])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    named = {
        name: [line for line in errors if line.startswith(f"{path}")] for name, path in bad_sources.items()
    }
    assert named.pop("good") == []
    for name, lines in named.items():
        assert len(lines) == 1, (name, errors)
        assert len(lines[0].split(": ", 1)[1]) > 5, lines[0]
    assert any("half-written" in line or "truncated" in line for line in named["half_text"])
    docs = [record["doc"] for record in _records(result.stdout)]
    assert docs == ["good.txt", "cut.jsonl:1"]


def test_cli_extract_missing_path_message(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["extract", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == f"{missing}: no such file or directory\n"
    assert result.stdout == ""


def test_cli_extract_encoding_option_decodes(runner: CliRunner, bad_sources: dict[str, Path]) -> None:
    path = str(bad_sources["encoding"])
    assert runner.invoke(app, ["extract", path]).exit_code == 1
    result = runner.invoke(app, ["extract", path, "--encoding", "cp1252"])
    assert result.exit_code == 0, result.stderr


def test_cli_extract_max_bytes_option(runner: CliRunner, bad_sources: dict[str, Path]) -> None:
    result = runner.invoke(app, ["extract", str(bad_sources["good"]), "--max-bytes", "20"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad_sources['good']}: ")


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", str(SAMPLE), "--format", "xml"],
        ["extract", str(SAMPLE), "--encoding", "no-such-codec"],
        ["extract", str(SAMPLE), "--workers", "-1"],
        ["extract", str(SAMPLE), "--max-bytes", "0"],
        ["extract", str(SAMPLE), "--no-such-option"],
        ["no-such-command"],
    ],
)
def test_cli_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""


def test_cli_output_in_missing_directory_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE), "-o", str(tmp_path / "no" / "such" / "out.jsonl")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_cli_subprocess_workers_two_same_output_as_one(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    one = _run("extract", str(SAMPLES), missing, "--workers", "1")
    two = _run("extract", str(SAMPLES), missing, "--workers", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr == f"{missing}: no such file or directory\n"
    assert len(one.stdout.splitlines()) >= 12


def test_cli_subprocess_stdin_and_exit_codes() -> None:
    done = _run("extract", "-", "--format", "pretty", stdin=REPORT)
    assert done.returncode == 0, done.stderr
    assert "Sonexay Siphandone" in done.stdout
    empty = _run("extract", "-", stdin="")
    assert empty.returncode == 1
    assert empty.stderr.endswith(": empty file\n")


def test_cli_subprocess_closed_pipe_is_quiet() -> None:
    """``diplograph extract DIR | head -1`` must not print a traceback when head stops reading."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = f"{sys.executable} -m diplograph extract {SAMPLES} | head -c 10"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, check=False)
    assert len(done.stdout) == 10
    assert "Traceback" not in done.stderr


def test_cli_pretty_renders_every_field() -> None:
    """formats.pretty on a hand-built extraction: mechanism #ordinal, optional participants, aliases."""
    text = "Wang Yi and Bui Thanh Son co-chaired the 16th meeting. Trade rose 21.1% to US$168.5 billion."
    article = Article(text=text, doc="hand.txt", title="A title", published=PartialDate("2024-12-11"))
    meeting = Engagement(
        kind="co_chair",
        status="planned",
        date=PartialDate("2024-12-08", "2024-12-11"),
        date_basis="explicit",
        location="Beijing",
        location_country="CHN",
        mechanism="China-Vietnam Steering Committee for Bilateral Cooperation",
        ordinal=16,
        participants=(
            Participant(name="Wang Yi", country="CHN", title="Foreign Minister"),
            Participant(name="Xiong Bo", country=None, optional=True),
        ),
        evidence=Evidence(quote=text[:54], start=0, end=54),
    )
    trade = Figure(
        indicator="bilateral trade",
        value=168.5e9,
        unit="USD",
        period="2024-01/2024-10",
        change_pct=21.1,
        evidence=Evidence(quote=text[55:], start=55, end=len(text)),
    )
    son = Person(
        name="Bui Thanh Son", country="VNM", titles=("Deputy Prime Minister",), aliases=("Bùi Thanh Sơn",)
    )
    shown = pretty.render(
        Extraction(article=article, engagements=(meeting,), figures=(trade,), people=(son,))
    )
    assert shown.splitlines()[:3] == ["== hand.txt", "  A title", "  published 2024-12-11 (unknown)"]
    assert "1. co_chair · planned · 2024-12-08/2024-12-11 (explicit) · Beijing, CHN" in shown
    assert "China-Vietnam Steering Committee for Bilateral Cooperation #16" in shown
    assert "with Wang Yi (CHN, Foreign Minister); Xiong Bo [optional]" in shown
    assert "1. bilateral trade: 168.5 billion USD (2024-01/2024-10, +21.1%)" in shown
    assert "1. Bui Thanh Son (VNM) — Deputy Prime Minister [also: Bùi Thanh Sơn]" in shown
    assert "Warnings" not in shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (168.5e9, "168.5 billion"),
        (5e12, "5 trillion"),
        (3e6, "3 million"),
        (1234.5, "1,234.5"),
        (-2e9, "-2 billion"),
    ],
)
def test_cli_pretty_format_value(value: float, shown: str) -> None:
    assert pretty.format_value(value) == shown

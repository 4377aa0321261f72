"""Every command and option of the CLI must be documented in docs/cli.md (datasette's rule)."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup, TyperOption
from typer.testing import CliRunner

from diplograph.cli import OutputFormat, app

CLI_DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _commands() -> list[tuple[str, typer.core.TyperCommand | TyperGroup]]:
    """(heading in docs/cli.md, command) for the root command and every subcommand."""
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    return [("diplograph", root)] + [
        (f"diplograph {name}", cmd) for name, cmd in sorted(root.commands.items())
    ]


def _options() -> list[tuple[str, str]]:
    return [
        (heading, flag)
        for heading, command in _commands()
        for param in command.params
        if isinstance(param, TyperOption)
        for flag in (*param.opts, *param.secondary_opts)
    ]


def _section(heading: str) -> str:
    """The text of docs/cli.md under ``## heading``, up to the next second-level heading."""
    text = CLI_DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"docs/cli.md has no '## {heading}' section"
    return match.group(1)


@pytest.mark.parametrize("heading", [heading for heading, _ in _commands()])
def test_docs_every_command_has_a_section(heading: str) -> None:
    assert _section(heading).strip()


@pytest.mark.parametrize(("heading", "flag"), _options())
def test_docs_every_option_is_documented(heading: str, flag: str) -> None:
    assert f"`{flag}`" in _section(heading), f"{flag} of '{heading}' is not in docs/cli.md"


def test_docs_introspection_finds_the_extract_options() -> None:
    """Guard against the checks above passing vacuously (e.g. if typer's classes change)."""
    flags = {flag for heading, flag in _options() if heading == "diplograph extract"}
    assert {"--format", "--workers", "--encoding", "--max-bytes", "--output"} <= flags


def test_docs_format_choices_are_documented() -> None:
    section = _section("diplograph extract")
    for choice in OutputFormat:
        assert f"`{choice.value}`" in section


README = Path(__file__).resolve().parents[1] / "README.md"
_README_EXAMPLE = re.compile(r"```console\n\$ (diplograph extract [^\n]*--format pretty)\n(.*?)```", re.S)
_UPDATE = "DIPLOGRAPH_UPDATE_README"


def test_docs_readme_example_shows_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's pretty example is the command's actual output, not a mock-up.

    After a change to the extractor, refresh it with ``DIPLOGRAPH_UPDATE_README=1 pytest tests/test_docs.py``.
    """
    readme = README.read_text(encoding="utf-8")
    match = _README_EXAMPLE.search(readme)
    assert match, "README.md has no '$ diplograph extract ... --format pretty' example"
    command, shown = match.groups()
    monkeypatch.chdir(README.parent)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.stderr
    if shown != result.stdout and os.environ.get(_UPDATE):
        README.write_text(readme[: match.start(2)] + result.stdout + readme[match.end(2) :], encoding="utf-8")
        shown = result.stdout
    assert shown == result.stdout, (
        f"README.md example is out of date; refresh it with {_UPDATE}=1 pytest {__file__}"
    )


def test_docs_readme_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's five-line Python API example must run as written."""
    match = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert match, "README.md has no Python example"
    monkeypatch.chdir(README.parent)
    exec(compile(match.group(1), "README.md", "exec"), {})
    assert "co_chair held 2025-01-09" in capsys.readouterr().out

"""Every command and option of the CLI must be documented in docs/cli.md (datasette's rule)."""

from __future__ import annotations

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


def test_docs_readme_example_shows_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's pretty example is the command's actual output, not a mock-up."""
    match = _README_EXAMPLE.search(README.read_text(encoding="utf-8"))
    assert match, "README.md has no '$ diplograph extract ... --format pretty' example"
    command, shown = match.groups()
    monkeypatch.chdir(README.parent)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.stderr
    assert shown == result.stdout, (
        f"README.md example is out of date; the command now prints:\n{result.stdout}"
    )

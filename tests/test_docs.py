"""Every command and option of the CLI must be documented in docs/cli.md (datasette's rule)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer

from diplograph.cli import app

CLI_DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _commands() -> list[tuple[str, click.Command]]:
    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    found: list[tuple[str, click.Command]] = [("diplograph", root)]
    found += [(f"diplograph {name}", command) for name, command in sorted(root.commands.items())]
    return found


def _section(heading: str) -> str:
    """The text of docs/cli.md under ``## heading``, up to the next second-level heading."""
    text = CLI_DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"docs/cli.md has no '## {heading}' section"
    return match.group(1)


@pytest.mark.parametrize(("heading", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_docs_every_command_has_a_section(heading: str, command: click.Command) -> None:
    assert _section(heading).strip()


@pytest.mark.parametrize(
    ("heading", "option"),
    [
        (heading, option)
        for heading, command in _commands()
        for param in command.params
        if isinstance(param, click.Option)
        for option in param.opts + param.secondary_opts
    ],
)
def test_docs_every_option_is_documented(heading: str, option: str) -> None:
    assert re.search(rf"`{re.escape(option)}`", _section(heading)), f"{option} of '{heading}' not in docs/cli.md"


def test_docs_format_choices_are_documented() -> None:
    section = _section("diplograph extract")
    for choice in ("jsonl", "json", "pretty"):
        assert f"`{choice}`" in section


def test_docs_undocumented_option_is_caught() -> None:
    """The check above must be able to fail: an option name that is not there is not found."""
    assert not re.search(r"`--no-such-option`", _section("diplograph extract"))

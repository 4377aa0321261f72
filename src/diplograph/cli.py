"""The diplograph command: parse options, call process.py, render; the only module that prints."""

from __future__ import annotations

import codecs
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from diplograph import __version__
from diplograph.errors import IngestError
from diplograph.formats import jsonl, pretty
from diplograph.model import Extraction
from diplograph.process import DEFAULT_MAX_BYTES, Outcome, extract_paths

__all__ = ["OutputFormat", "app", "main"]

app = typer.Typer(
    name="diplograph",
    help="Turn reports of diplomatic engagements into a sourced, queryable record.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    """How extractions are written out."""

    jsonl = "jsonl"
    json = "json"
    pretty = "pretty"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"diplograph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="Log progress to stderr (-vv for debug).")
    ] = 0,
) -> None:
    """diplograph: a sourced record of diplomatic engagements, built from readouts and wire stories."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _check_encoding(value: str | None) -> str | None:
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {value!r}") from None
    return value


@app.command("extract")
def extract_cli(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Report files, directories (searched recursively) or - for standard input.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="jsonl: one JSON object per report; json: one array; pretty: text."
        ),
    ] = OutputFormat.jsonl,
    workers: Annotated[
        int,
        typer.Option("--workers", "-w", min=0, help="Processes to extract with; 0 means one per CPU core."),
    ] = 1,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            callback=_check_encoding,
            help="Decode text files with this encoding instead of detecting it.",
            show_default=False,
        ),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option("--max-bytes", min=1, help="Refuse sources larger than this many bytes."),
    ] = DEFAULT_MAX_BYTES,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
            writable=True,
            help="Write to this file instead of standard output.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Extract engagements, people and figures from reports."""
    outcomes = extract_paths(
        paths, workers=workers or os.cpu_count() or 1, encoding=encoding, max_bytes=max_bytes
    )
    failures: list[IngestError] = []
    with _open_output(output) as stream:
        _write(_successes(outcomes, failures), output_format, stream)
    if failures:
        raise typer.Exit(code=1)


def _successes(outcomes: Iterator[Outcome], failures: list[IngestError]) -> Iterator[Extraction]:
    """Pass extractions on; report each failed source on stderr as it comes and keep it in ``failures``."""
    for outcome in outcomes:
        if isinstance(outcome, IngestError):
            failures.append(outcome)
            typer.echo(f"{outcome.source}: {outcome.problem}", err=True)
        else:
            yield outcome


def _write(extractions: Iterator[Extraction], output_format: OutputFormat, out: TextIO) -> None:
    if output_format is OutputFormat.json:
        json.dump([jsonl.to_record(x) for x in extractions], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    render = pretty.render if output_format is OutputFormat.pretty else _jsonl_line
    for extraction in extractions:
        out.write(render(extraction))
        out.flush()


def _jsonl_line(extraction: Extraction) -> str:
    return jsonl.dumps(extraction) + "\n"


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as error:
        raise typer.BadParameter(f"cannot write {path}: {error.strerror}", param_hint="'--output'") from None
    with handle:
        yield handle


def main() -> None:
    """Console-script entry point (click already turns a closed pipe into a quiet exit)."""
    app(prog_name="diplograph")

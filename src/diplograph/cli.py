"""The diplograph command: parse options, call process.py, render; the only module that prints."""

from __future__ import annotations

import codecs
import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer

from diplograph import __version__, query
from diplograph.errors import DiplographError, IngestError
from diplograph.formats import claims, jsonl, plover, pretty, table
from diplograph.formats.csv import write_engagements
from diplograph.formats.export import as_json, write_jsonl
from diplograph.formats.graphml import write_graphml
from diplograph.model import Extraction
from diplograph.process import DEFAULT_MAX_BYTES, Outcome, Progress, add_paths, extract_paths
from diplograph.query import (
    MAX_LIMIT,
    check_act,
    check_date,
    check_domain,
    check_kind,
    check_stage,
    check_status,
    country_code,
)
from diplograph.store import Store, open_store

__all__ = ["ExportFormat", "OutputFormat", "app", "main"]

T = TypeVar("T")

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


# --- the knowledge base: add reports to a store, then read it ------------------------------------

DbArg = Annotated[
    str, typer.Argument(metavar="DB", help="SQLite file or postgresql:// URL.", show_default=False)
]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, max=MAX_LIMIT, help="Show at most this many.")]
OffsetOpt = Annotated[int, typer.Option("--offset", min=0, help="Skip this many first (to page on).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Write JSON instead of a table.")]


class ExportFormat(StrEnum):
    """What `export` writes."""

    jsonl = "jsonl"
    csv = "csv"
    graphml = "graphml"
    plover = "plover"


def _query_value(check: Callable[[str | None], str | None]) -> Callable[[str | None], str | None]:
    """A typer callback that turns a query's ValueError into a usage error (exit code 2)."""

    def callback(value: str | None) -> str | None:
        try:
            return check(value)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return callback


_date = _query_value(lambda value: check_date(value, name="date"))


@contextlib.contextmanager
def _store(db: str, *, create: bool = False) -> Iterator[Store]:
    """Open the store; reading commands refuse a SQLite file that does not exist rather than make one."""
    if not create and "://" not in db and not Path(db).is_file():
        raise typer.BadParameter(f"no database at {db}", param_hint="'DB'")
    try:
        store = open_store(db)
    except DiplographError as error:
        typer.echo(f"{db}: {error}", err=True)
        raise typer.Exit(code=1) from None
    try:
        yield store
    except (query.NoMatch, query.Ambiguous) as error:  # the name given matches no one, or several
        typer.echo(error.args[0], err=True)
        raise typer.Exit(code=1) from None
    except ValueError as error:  # a query refused an argument (e.g. empty search text)
        raise typer.BadParameter(str(error)) from None
    finally:
        store.close()


def _show(value: T, render: Callable[[T], str], *, to_json: bool) -> None:
    """Print a query result as indented JSON or as the text ``render`` makes of it."""
    if to_json:
        typer.echo(json.dumps(as_json(value), ensure_ascii=False, indent=2))
    else:
        typer.echo(render(value), nl=False)


@app.command("add")
def add_cli(
    db: DbArg,
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Report files or directories.")],
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=0, help="Processes to extract with; 0 means one per core.")
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; only the summary.")] = False,
) -> None:
    """Read, extract, resolve and store reports (again: only new or edited ones change anything)."""
    bar = None if quiet or not sys.stderr.isatty() else _ProgressBar()
    with _store(db, create=True) as store:
        summary = add_paths(store, paths, workers=workers or os.cpu_count() or 1, progress=bar)
    if bar is not None:
        bar.finish()
    for source, problem in summary.failures:
        typer.echo(f"{source}: {problem}", err=True)
    rate = summary.total / summary.seconds if summary.seconds else 0.0
    typer.echo(
        f"{summary.total} reports in {summary.seconds:.1f} s ({rate:.1f}/s): {summary.added} added, "
        f"{summary.updated} updated, {summary.unchanged} unchanged, {summary.duplicates} duplicates, "
        f"{summary.failed} failed",
        err=True,
    )
    if summary.failed:
        raise typer.Exit(code=1)


class _ProgressBar:
    """One self-rewriting stderr line with counts and rate, redrawn at most ten times a second."""

    def __init__(self) -> None:
        self.started = self.drawn = time.monotonic()
        self.width = 0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self.drawn < 0.1:
            return
        self.drawn = now
        rate = progress.done / max(now - self.started, 1e-9)
        of = f"/{progress.total}" if progress.total else ""
        text = (
            f"{progress.done}{of} reports · {rate:.1f}/s · {progress.added} added · "
            f"{progress.updated} updated · {progress.unchanged} unchanged · "
            f"{progress.duplicates} duplicates · {progress.failed} failed"
        )
        sys.stderr.write("\r" + text.ljust(self.width))
        sys.stderr.flush()
        self.width = len(text)

    def finish(self) -> None:
        if self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()


@app.command("engagements")
def engagements_cli(
    db: DbArg,
    person: Annotated[str | None, typer.Option("--person", help="Name (any spelling) or id.")] = None,
    country: Annotated[
        str | None, typer.Option("--country", callback=_query_value(country_code), help="ISO3 or name.")
    ] = None,
    mechanism: Annotated[str | None, typer.Option("--mechanism", help="Name or words of it.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", callback=_query_value(check_kind))] = None,
    status: Annotated[str | None, typer.Option("--status", callback=_query_value(check_status))] = None,
    since: Annotated[str | None, typer.Option("--since", callback=_date, help="YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option("--until", callback=_date, help="YYYY[-MM[-DD]].")] = None,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    to_json: JsonOpt = False,
    to_csv: Annotated[bool, typer.Option("--csv", help="Write CSV.")] = False,
    to_table: Annotated[bool, typer.Option("--table", help="Write a table (the default).")] = False,
) -> None:
    """Engagements in date order, filtered by person, country, mechanism, kind, status and dates."""
    if to_json + to_csv + to_table > 1:
        raise typer.BadParameter("give one of --json, --csv, --table")
    with _store(db) as store:
        page = query.timeline(
            store, person=person, country=country, mechanism=mechanism, kind=kind, status=status,
            since=since, until=until, limit=limit, offset=offset,
        )  # fmt: skip
    if to_csv:
        write_engagements(page.items, sys.stdout)
    else:
        _show(page, table.engagements, to_json=to_json)


@app.command("people")
def people_cli(
    db: DbArg,
    country: Annotated[
        str | None, typer.Option("--country", callback=_query_value(country_code), help="ISO3 or name.")
    ] = None,
    limit: LimitOpt = 100,
    offset: OffsetOpt = 0,
    to_json: JsonOpt = False,
) -> None:
    """People by name, with how many engagements they attended and when."""
    with _store(db) as store:
        page = query.people(store, country=country, limit=limit, offset=offset)
    _show(page, table.people, to_json=to_json)


@app.command("person")
def person_cli(
    db: DbArg,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Any spelling, words of it, or an id.")],
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    to_json: JsonOpt = False,
) -> None:
    """One person: spellings, titles over time, counterparts and engagements."""
    with _store(db) as store:
        profile = query.person(store, name, limit=limit, offset=offset)
    _show(profile, table.person, to_json=to_json)


@app.command("mechanisms")
def mechanisms_cli(db: DbArg, limit: LimitOpt = 100, offset: OffsetOpt = 0, to_json: JsonOpt = False) -> None:
    """Standing mechanisms with their sessions held and planned."""
    with _store(db) as store:
        page = query.mechanisms(store, limit=limit, offset=offset)
    _show(page, table.mechanisms, to_json=to_json)


@app.command("mechanism")
def mechanism_cli(
    db: DbArg,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Name, variant, words of it, or an id.")],
    limit: LimitOpt = 100,
    offset: OffsetOpt = 0,
    to_json: JsonOpt = False,
) -> None:
    """One mechanism session by session: number, date, place, co-chairs, sources, plans."""
    with _store(db) as store:
        thread = query.mechanism_thread(store, name, limit=limit, offset=offset)
    _show(thread, table.thread, to_json=to_json)


@app.command("search")
def search_cli(
    db: DbArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words to find in the reports.")],
    limit: LimitOpt = 20,
    offset: OffsetOpt = 0,
    to_json: JsonOpt = False,
) -> None:
    """Full-text search of the reports, with the engagements and people they touch."""
    with _store(db) as store:
        result = query.search(store, text, limit=limit, offset=offset)
    _show(result, table.search, to_json=to_json)


def _all_pages(fetch: Callable[[int], query.Page[Any]]) -> Iterator[Any]:
    """Every item of a paginated query, page after page (for exports)."""
    offset = 0
    while True:
        page = fetch(offset)
        yield from page.items
        if not page.items or offset + len(page.items) >= page.total:
            return
        offset += len(page.items)


@app.command("export")
def export_cli(
    db: DbArg,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl: everything; csv, plover: engagements.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write to this file.", show_default=False),
    ] = None,
) -> None:
    """The whole store as JSON Lines, engagements as CSV or PLOVER, or the network as GraphML."""
    with _store(db) as store, _open_output(output) as out:
        if output_format is ExportFormat.jsonl:
            write_jsonl(
                out,
                query.iter_reports(store),
                query.iter_people(store),
                query.iter_mechanisms(store),
                query.iter_engagements(store),
                query.iter_figures(store),
                _all_pages(lambda offset: query.statements(store, limit=500, offset=offset)),
                _all_pages(lambda offset: query.commitments(store, limit=500, offset=offset)),
            )
        elif output_format is ExportFormat.csv:
            write_engagements(query.iter_engagements(store), out)
        elif output_format is ExportFormat.plover:
            out.writelines(plover.dumps(record) + "\n" for record in query.iter_engagements(store))
        else:
            write_graphml(query.network(store), out)


@app.command("statements")
def statements_cli(
    db: DbArg,
    person: Annotated[
        str | None, typer.Option("--person", help="Speaker: name (any spelling) or id.")
    ] = None,
    domain: Annotated[
        str | None, typer.Option("--domain", callback=_query_value(check_domain), help="e.g. maritime.")
    ] = None,
    side: Annotated[
        str | None, typer.Option("--side", callback=_query_value(country_code), help="ISO3 or name.")
    ] = None,
    act: Annotated[
        str | None, typer.Option("--act", callback=_query_value(check_act), help="said, agreed, ...")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", callback=_date, help="YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option("--until", callback=_date, help="YYYY[-MM[-DD]].")] = None,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    to_json: JsonOpt = False,
    to_csv: Annotated[bool, typer.Option("--csv", help="Write CSV.")] = False,
    to_table: Annotated[bool, typer.Option("--table", help="Write a table (the default).")] = False,
) -> None:
    """What each side said, proposed or agreed, by speaker, domain, side, act and report date."""
    if to_json + to_csv + to_table > 1:
        raise typer.BadParameter("give one of --json, --csv, --table")
    with _store(db) as store:
        page = query.statements(
            store, person=person, domain=domain, side=side, act=act, since=since, until=until,
            limit=limit, offset=offset,
        )  # fmt: skip
    if to_csv:
        claims.write_statements(page.items, sys.stdout)
    else:
        _show(page, claims.statements, to_json=to_json)


@app.command("commitments")
def commitments_cli(
    db: DbArg,
    topic: Annotated[
        str | None, typer.Option("--topic", help="Words of a topic, mechanism or initiative.")
    ] = None,
    stage: Annotated[
        str | None, typer.Option("--stage", callback=_query_value(check_stage), help="proposed, agreed, ...")
    ] = None,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    to_json: JsonOpt = False,
    to_table: Annotated[bool, typer.Option("--table", help="Write a table (the default).")] = False,
) -> None:
    """What the sides agreed or pledged, with targets and deadlines, by topic and stage."""
    if to_json and to_table:
        raise typer.BadParameter("give one of --json, --table")
    with _store(db) as store:
        page = query.commitments(store, topic=topic, stage=stage, limit=limit, offset=offset)
    _show(page, claims.commitments, to_json=to_json)


@app.command("thread")
def thread_cli(
    db: DbArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words of the topic, e.g. railway or 3+3.")],
    to_json: JsonOpt = False,
) -> None:
    """One topic's path across reports: proposed, agreed, under way, done, with the evidence."""
    with _store(db) as store:
        found = query.thread(store, text)
    _show(found, claims.threads, to_json=to_json)


@app.command("serve")
def serve_cli(
    db: DbArg,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; the default keeps the app on this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Open the web app over DB: every page with a JSON twin, documented at /api."""
    from diplograph.web import serve  # the web stack loads only for this command

    with _store(db) as store:
        app_ = serve.build(store, host=host)
        if not serve.is_loopback(host):
            typer.echo(f"warning: {host} is reachable from other machines; the app has no login", err=True)
        typer.echo(f"diplograph: serving {db} at {serve.address(host, port)} (Ctrl-C to stop)")
        serve.run(app_, host=host, port=port)


def main() -> None:
    """Console-script entry point (click already turns a closed pipe into a quiet exit)."""
    app(prog_name="diplograph")

"""The pages about the sources: the list of reports, one report with its facts highlighted, flags on
those facts, and search across reports, people and mechanisms."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import parse_qs, urlsplit

from fastapi import Body, HTTPException, Path
from fastapi.responses import RedirectResponse, StreamingResponse
from starlette.requests import Request

from diplograph import query
from diplograph.query.lookup import mechanism_ids
from diplograph.store import schema
from diplograph.web import flags, texts
from diplograph.web.data import Choice, Flag, FlagList, ReportList, ReportPage, SearchPage
from diplograph.web.params import MAX_TEXT, Limit, NameFilter, Offset, SearchText
from diplograph.web.twin import Context, NotFound, Pages

ReportId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="The report's 32-hex id.")]
MAX_FORM = 16_384  # bytes of a flag form: a reason and two ids


def register(pages: Pages, ctx: Context) -> None:
    """Add the report, flag and search pages to the app."""

    @pages.page("/reports", "reports.html", tag="reports", summary="Stored reports")
    def reports(publisher: NameFilter = None, limit: Limit = 50, offset: Offset = 0) -> ReportList:
        """Stored reports, newest first; ``publisher`` keeps one outlet's."""
        page = texts.report_list(ctx.store, publisher=publisher, limit=limit, offset=offset)
        return ReportList(reports=page, publisher=publisher)

    @pages.page("/reports/{report_id}", "report.html", tag="reports", summary="One report and its facts")
    def report(report_id: ReportId) -> ReportPage:
        """A report's text with every extracted fact and its evidence offsets (``start``/``end`` index
        ``text`` in code points), the reports that copy it, and the flags raised on its facts."""
        found = texts.report_page(ctx.store, report_id)
        if found is None:
            raise NotFound(f"no report {report_id}")
        return found

    @pages.page("/flags", "flags.html", tag="flags", summary="Facts flagged as wrong")
    def flag_list(limit: Limit = 50, offset: Offset = 0) -> FlagList:
        """Every flag, newest first. ``/flags.csv`` exports them all."""
        return FlagList(flags=flags.flag_list(ctx.store, limit=limit, offset=offset))

    @pages.page("/search", "search.html", tag="search", summary="Search reports, people and mechanisms")
    def search(q: SearchText = None, limit: Limit = 20, offset: Offset = 0) -> SearchPage:
        """Reports whose text has every word of ``q`` (best first), the engagements and people they
        touch, people named like ``q``, and mechanisms whose names hold its words."""
        if not q:
            return SearchPage(q=None, result=None, mechanisms=())
        text = q
        with ctx.store.engine.connect() as conn:
            # Ranking and snippets cost tens of milliseconds: kept per database version.
            return ctx.memo.get(
                conn,
                f"search\x00{text}\x00{limit}\x00{offset}",
                lambda _: SearchPage(
                    q=text,
                    result=query.search(ctx.store, text, limit=limit, offset=offset),
                    mechanisms=_mechanisms(ctx, text),
                ),
            )

    app = pages.app

    @app.get("/flags.csv", tags=["flags"], summary="Every flag as CSV", response_class=StreamingResponse)
    def flags_csv() -> StreamingResponse:
        """Every flag, oldest first, as CSV (cells that a spreadsheet would run as formulas are quoted)."""
        return StreamingResponse(
            flags.flags_csv(ctx.store),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="diplograph-flags.csv"'},
        )

    @app.post(
        "/reports/{report_id}/flags.json",
        tags=["flags"],
        summary="Flag one fact of a report as wrong",
        status_code=201,
    )
    def post_flag_json(
        request: Request,
        report_id: ReportId,
        target: Annotated[Literal["mention", "person", "figure"], Body(description="What kind of fact.")],
        target_id: Annotated[str, Body(max_length=MAX_TEXT, description="The fact's id on the report page.")],
        reason: Annotated[str, Body(max_length=flags.MAX_REASON, description="What is wrong.")],
    ) -> Flag:
        """Store a flag; the fact must be one of the report's (its id as the report page gives it)."""
        _check_origin(request)
        _check_enabled(ctx)
        return flags.add_flag(ctx.store, report_id, target=target, target_id=target_id, reason=reason)

    @app.post("/reports/{report_id}/flags", include_in_schema=False)
    async def post_flag_form(request: Request, report_id: ReportId) -> RedirectResponse:
        _check_origin(request)
        _check_enabled(ctx)
        form = await _form(request)
        flag = flags.add_flag(
            ctx.store,
            report_id,
            target=form.get("target", ""),
            target_id=form.get("target_id", ""),
            reason=form.get("reason", ""),
        )
        return RedirectResponse(f"/reports/{report_id}#flag-{flag.id}", status_code=303)


def _mechanisms(ctx: Context, text: str) -> tuple[Choice, ...]:
    table = schema.mechanisms
    with ctx.store.engine.connect() as conn:
        ids = mechanism_ids(conn, text)[:20]
        if not ids:
            return ()
        rows = conn.execute(table.select().where(table.c.id.in_(ids)).order_by(table.c.name)).all()
    return tuple(Choice(value=row.id, label=row.name) for row in rows)


def _check_enabled(ctx: Context) -> None:
    if not ctx.settings.flags:
        raise HTTPException(status_code=403, detail="flags are turned off on this server")


def _check_origin(request: Request) -> None:
    """Refuse writes sent by another site's page: a browser names the sending page's origin."""
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if claimed is None:
        return  # not sent by a browser page (curl, a script): nothing to forge
    parts = urlsplit(claimed)
    if parts.netloc != request.headers.get("host", "") or parts.scheme not in ("http", "https"):
        raise HTTPException(status_code=403, detail="cross-site request refused")


async def _form(request: Request) -> dict[str, str]:
    """An urlencoded form body, bounded in size (the app needs no multipart parser)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(status_code=415, detail="send the form as application/x-www-form-urlencoded")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            raise HTTPException(status_code=413, detail="form too large")
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=10)
    return {key: values[0] for key, values in fields.items()}

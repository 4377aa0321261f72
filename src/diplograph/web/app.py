"""The web app: ``create_app(store, settings)`` builds a FastAPI application over a store.

Every page is server-rendered HTML with a JSON twin (see twin.py); static files are the app's own.
Safety with hostile data is layered: templates escape everything (autoescape), the only scripts that
run are the app's own files (a Content-Security-Policy without inline scripts, so even an escaping
mistake could not run one), requests must name an expected host (so a rebinding DNS name cannot
reach a server on localhost), writes from other sites' pages are refused, and every query is
parameterised by the query layer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from diplograph import __version__, query
from diplograph.web import apidoc, browse, entities, render, sources, threads
from diplograph.web.reads import Memo
from diplograph.web.twin import Context, NotFound, Pages, Site, WebSettings

STATIC = Path(__file__).resolve().parent / "static"

SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
_CANDIDATE = re.compile(r"^(?P<label>.*) \((?:(?P<country>[^,()]+), )?(?P<id>[0-9a-f]{32})\)$")
_DATE_PARAMS = {"since", "until"}


class SecurityHeaders:
    """Adds the security headers to every response (a plain ASGI middleware: no buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(store: query.Readable, settings: WebSettings | None = None) -> FastAPI:
    """The web app over ``store`` (anything with an ``engine``: a Store, or a test double)."""
    settings = settings or WebSettings()
    app = FastAPI(
        title=f"{settings.title} API",
        version=__version__,
        description=(
            "Every page of the web app has a JSON twin at the same address plus `.json`, taking the "
            "same parameters. Dates are ISO strings at the precision the sources give (YYYY, "
            "YYYY-MM, YYYY-MM-DD, or a range a/b); ids are 32-hex strings."
        ),
        docs_url=None,  # FastAPI's interactive docs load scripts from a CDN; /api renders the schema
        redoc_url=None,
    )
    site = Site(
        env=render.environment(),
        globals={"site_title": settings.title, "flags_enabled": settings.flags, "version": __version__},
    )
    ctx = Context(store=store, settings=settings, memo=Memo(ttl=settings.cache_seconds))
    pages = Pages(app, site)
    browse.register(pages, ctx)
    entities.register(pages, ctx)
    sources.register(pages, ctx)
    threads.register(pages, ctx)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api(request: Request) -> HTMLResponse:
        document = app.openapi()
        return site.render(
            request,
            "api.html",
            operations=apidoc.operations(document),
            schemas=apidoc.schemas(document),
        )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _handle_errors(app, site)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith((".json", ".csv"))


def _handle_errors(app: FastAPI, site: Site) -> None:
    """Errors as JSON for the twins and as a page for the HTML routes, with the same status codes."""

    def reply(request: Request, status: int, message: str, **extra: Any) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": message, **extra}, status_code=status)
        return site.render(request, "error.html", status=status, status_code=status, message=message, **extra)

    async def not_found(request: Request, error: Exception) -> Response:
        return reply(request, 404, str(error) or "not found")

    async def ambiguous(request: Request, error: Exception) -> Response:
        assert isinstance(error, query.Ambiguous)
        return reply(request, 422, str(error), candidates=_candidates(request, error))

    async def bad_value(request: Request, error: Exception) -> Response:
        return reply(request, 422, str(error))

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        problems = [_problem(item) for item in error.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        fixes = [
            (f"Clear {item['parameter']}", render.url_with(request, **{item["parameter"]: None}))
            for item in problems
            if item["where"] == "query"
        ]
        message = "; ".join(f"{item['parameter']}: {item['message']}" for item in problems)
        return reply(request, 422, message, fixes=fixes)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return reply(request, error.status_code, str(error.detail))

    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(query.NoMatch, not_found)
    app.add_exception_handler(query.Ambiguous, ambiguous)
    app.add_exception_handler(ValueError, bad_value)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)


def _problem(item: Any) -> dict[str, str]:
    location = [str(part) for part in item.get("loc", ())]
    where = location[0] if location else ""
    parameter = location[1] if len(location) > 1 else where
    message = str(item.get("msg", "invalid"))
    if parameter in _DATE_PARAMS and item.get("type") == "string_pattern_mismatch":
        message = "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"
    return {"where": where, "parameter": parameter, "message": message}


def _candidates(request: Request, error: query.Ambiguous) -> list[dict[str, str]]:
    """Each candidate with a link: the same page with the name replaced by the candidate's id."""
    what = str(error).split(" ", 1)[0]
    found = []
    for text in error.candidates:
        match = _CANDIDATE.match(text)
        if match is None:
            continue
        ident = match["id"]
        params = {key: value for key, value in request.query_params.items() if repr(value) in str(error)}
        if params:
            href = render.url_with(request, **dict.fromkeys(params, ident))
        else:
            href = f"/{'people' if what == 'person' else 'mechanisms'}/{ident}"
        label = match["label"] + (f" ({match['country']})" if match["country"] else "")
        found.append({"id": ident, "label": label, "href": href})
    return found

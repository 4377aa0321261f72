"""One view, two renderings: every page is a plain function returning a dataclass, served as HTML at
``/path`` and as JSON at ``/path.json`` (the idea of datasette's routes).

The JSON route takes the view's parameters, so FastAPI validates them and documents them and the
returned dataclass in the OpenAPI schema. The HTML route takes the same parameters plus the request
and renders the same dataclass through a template; it is left out of the schema, since it says
nothing the JSON twin does not.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment
from pydantic import TypeAdapter
from starlette.requests import Request

from diplograph.query import Readable
from diplograph.web.reads import Memo

V = TypeVar("V", bound=Callable[..., Any])


class NotFound(LookupError):
    """The page's subject (a report, an engagement) is not in the store."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WebSettings:
    """How the app behaves; the defaults suit one analyst on their own machine."""

    title: str = "diplograph"
    page_size: int = 50  # rows per page when a request does not say
    network_nodes: int = 150  # people drawn at most on the network page: the busiest ones
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "[::1]")
    flags: bool = True  # whether readers may flag facts (a read-only deployment turns it off)
    cache_seconds: float = 300.0  # longest time overview counts are kept while the row counts hold


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What the views share: the store they read and the settings."""

    store: Readable
    settings: WebSettings
    memo: Memo


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    """What every rendered page needs besides its own data: the templates and site-wide values."""

    env: Environment
    globals: Mapping[str, Any]

    def render(self, request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        page = self.env.get_template(template).render(request=request, **self.globals, **context)
        return HTMLResponse(page, status_code=status)


def json_path(path: str) -> str:
    """The JSON twin's address: ``/people`` -> ``/people.json``, ``/`` -> ``/index.json``."""
    return (path.rstrip("/") or "/index") + ".json"


class Pages:
    """Registers page views on an app, each under its HTML address and its JSON twin."""

    def __init__(self, app: FastAPI, site: Site) -> None:
        self.app = app
        self.site = site

    def page(self, path: str, template: str, *, tag: str, summary: str) -> Callable[[V], V]:
        """Decorator: serve ``view`` as JSON at ``path.json`` and through ``template`` at ``path``."""

        def register(view: V) -> V:
            # The twin goes first: "/people/{ref}" would otherwise also match "/people/x.json".
            self.app.add_api_route(
                json_path(path),
                self._json(view),
                response_model=typing.get_type_hints(view)["return"],
                methods=["GET"],
                tags=[tag],
                summary=summary,
                description=inspect.getdoc(view) or "",
                name=f"{view.__name__}_json",
            )
            self.app.add_api_route(
                path,
                self._html(view, template),
                methods=["GET", "HEAD"],
                response_class=HTMLResponse,
                include_in_schema=False,
                name=view.__name__,
            )
            return view

        return register

    @staticmethod
    def _json(view: Callable[..., Any]) -> Callable[..., Response]:
        """The view with its dataclass serialised by pydantic's compiled serialiser.

        FastAPI would validate the dataclass again before writing it out; the view built it from
        the database, so the twin skips that and writes it at once (the schema is documented the
        same, through ``response_model``).
        """
        adapter: TypeAdapter[Any] = TypeAdapter(typing.get_type_hints(view)["return"])

        def twin(**params: Any) -> Response:
            return Response(adapter.dump_json(view(**params)), media_type="application/json")

        twin.__signature__ = _signature(view, extra=(), returns=Response)  # type: ignore[attr-defined]
        twin.__name__ = f"{view.__name__}_json"
        return twin

    def _html(self, view: Callable[..., Any], template: str) -> Callable[..., HTMLResponse]:
        site = self.site

        def html(request: Request, **params: Any) -> HTMLResponse:
            return site.render(request, template, data=view(**params), params=params)

        request = inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)
        html.__signature__ = _signature(view, extra=(request,), returns=HTMLResponse)  # type: ignore[attr-defined]
        html.__name__ = view.__name__
        return html


def _signature(
    view: Callable[..., Any], *, extra: tuple[inspect.Parameter, ...], returns: type
) -> inspect.Signature:
    """The view's parameters (annotations resolved, keyword-only) after ``extra``, for FastAPI to read."""
    hints = typing.get_type_hints(view, include_extras=True)
    parameters = [
        parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=hints[name])
        for name, parameter in inspect.signature(view).parameters.items()
    ]
    return inspect.Signature([*extra, *parameters], return_annotation=returns)

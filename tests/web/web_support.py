"""Helpers for the web tests: a store of the hand-written readouts and a test client over the app."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from web_readouts import readouts

from diplograph.store import Store, open_store
from diplograph.web import WebSettings, create_app

BASE = "http://127.0.0.1"


def client_class() -> Any:
    """Starlette's TestClient; it warns when it finds httpx rather than httpx2, which is harmless here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    return TestClient


def build_store(path: Path) -> Store:
    """A SQLite store at ``path`` holding every readout of web_readouts.py."""
    store = open_store(path)
    for extraction in readouts():
        store.save(extraction, source_key=extraction.article.origin)
    return store


def make_client(store: Store, settings: WebSettings | None = None, *, base_url: str = BASE) -> Any:
    """A test client over the app on ``store`` (use it as a context manager)."""
    return client_class()(create_app(store, settings), base_url=base_url)

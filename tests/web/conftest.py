"""Fixtures for the web tests: a store of hand-written readouts and a client for the app over it."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_readouts import readouts

from diplograph.store import Store, open_store
from diplograph.web import WebSettings, create_app

BASE = "http://127.0.0.1"


def _test_client() -> Any:
    """Starlette's TestClient; it warns when it finds httpx rather than httpx2, which is harmless here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    return TestClient


def build_store(path: Path) -> Store:
    store = open_store(path)
    for extraction in readouts():
        store.save(extraction, source_key=extraction.article.origin)
    return store


@pytest.fixture(scope="module")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The readouts in a SQLite store, shared by the tests of a module that only read."""
    store = build_store(tmp_path_factory.mktemp("web") / "web.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(web_store: Store) -> Iterator[Any]:
    with _test_client()(create_app(web_store), base_url=BASE) as test_client:
        yield test_client


@pytest.fixture
def fresh_client(tmp_path: Path) -> Iterator[Any]:
    """A client over a store of its own, for tests that write (flags)."""
    store = build_store(tmp_path / "fresh.db")
    with _test_client()(create_app(store, WebSettings()), base_url=BASE) as test_client:
        yield test_client
    store.close()


def make_client(store: Store, settings: WebSettings | None = None, *, base_url: str = BASE) -> Any:
    return _test_client()(create_app(store, settings), base_url=base_url)

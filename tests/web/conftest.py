"""Fixtures for the web tests: a store of hand-written readouts and a client for the app over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_support import build_store, make_client

from diplograph.store import Store


@pytest.fixture(scope="module")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The readouts in a SQLite store, shared by the tests of a module that only read."""
    store = build_store(tmp_path_factory.mktemp("web") / "web.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(web_store: Store) -> Iterator[Any]:
    with make_client(web_store) as test_client:
        yield test_client


@pytest.fixture
def fresh_client(tmp_path: Path) -> Iterator[Any]:
    """A client over a store of its own, for tests that write (flags)."""
    store = build_store(tmp_path / "fresh.db")
    with make_client(store) as test_client:
        yield test_client
    store.close()

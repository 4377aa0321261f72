"""`diplograph serve`: localhost by default, Host checks that follow the address, errors without a DB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from diplograph.cli import app
from diplograph.store import Store
from diplograph.web import serve


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_serve_is_loopback(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


def test_serve_settings_follow_the_address() -> None:
    local = serve.settings_for("127.0.0.1")
    assert "*" not in local.allowed_hosts
    assert {"127.0.0.1", "localhost"} <= set(local.allowed_hosts)
    assert serve.settings_for("0.0.0.0").allowed_hosts == ("*",)


def test_serve_address_is_what_a_local_browser_opens() -> None:
    assert serve.address("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert serve.address("0.0.0.0", 9000) == "http://127.0.0.1:9000/"
    assert serve.address("::1", 8000) == "http://[::1]:8000/"


def _capture_run(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def fake_run(app_: Any, *, host: str, port: int) -> None:
        seen.update(app=app_, host=host, port=port)

    monkeypatch.setattr(serve, "run", fake_run)
    return seen


def test_serve_cli_defaults_to_localhost_and_prints_the_address(
    monkeypatch: pytest.MonkeyPatch, web_store: Store
) -> None:
    seen = _capture_run(monkeypatch)
    db = web_store.engine.url.database
    assert db
    result = CliRunner().invoke(app, ["serve", db, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.stdout
    assert seen["host"] == "127.0.0.1"
    assert seen["port"] == 8123
    assert seen["app"].title.endswith("API")


def test_serve_cli_warns_when_opened_to_the_network(
    monkeypatch: pytest.MonkeyPatch, web_store: Store
) -> None:
    seen = _capture_run(monkeypatch)
    db = web_store.engine.url.database
    assert db
    result = CliRunner().invoke(app, ["serve", db, "--host", "0.0.0.0", "-p", "8124"])
    assert result.exit_code == 0
    assert "reachable from other machines" in result.stderr
    assert seen["host"] == "0.0.0.0"


def test_serve_cli_refuses_a_missing_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen = _capture_run(monkeypatch)
    result = CliRunner().invoke(app, ["serve", str(tmp_path / "missing.db")])
    assert result.exit_code != 0
    assert "no database" in result.output
    assert not seen
    assert not (tmp_path / "missing.db").exists()


def test_serve_cli_refuses_a_bad_port(web_store: Store) -> None:
    db = web_store.engine.url.database
    assert db
    assert CliRunner().invoke(app, ["serve", db, "--port", "70000"]).exit_code == 2

"""Running the app with uvicorn: the address it listens on decides which Host headers it accepts."""

from __future__ import annotations

import ipaddress

import uvicorn
from fastapi import FastAPI

from diplograph.query import Readable
from diplograph.web.app import create_app
from diplograph.web.twin import WebSettings

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` only reaches this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def settings_for(host: str) -> WebSettings:
    """On loopback only local names are accepted as Host (a rebinding DNS name is refused); an app
    bound to another address was deliberately opened to the network and accepts any."""
    if not is_loopback(host):
        return WebSettings(allowed_hosts=("*",))
    name = host.strip().strip("[]")
    names = {"127.0.0.1", "localhost", "::1", "[::1]", name, f"[{name}]" if ":" in name else name}
    return WebSettings(allowed_hosts=tuple(sorted(names)))


def address(host: str, port: int) -> str:
    """The URL a browser on this machine opens for ``host:port``."""
    name = host.strip().strip("[]")
    if name in ("0.0.0.0", "::", ""):
        name = "127.0.0.1"
    return f"http://[{name}]:{port}/" if ":" in name else f"http://{name}:{port}/"


def build(store: Readable, *, host: str) -> FastAPI:
    """The app as ``serve`` runs it on ``host``."""
    return create_app(store, settings_for(host))


def run(app: FastAPI, *, host: str, port: int) -> None:
    """Serve until interrupted; uvicorn's own access log stays off (the library does not print)."""
    uvicorn.run(
        app, host=host.strip("[]"), port=port, log_level="warning", server_header=False, access_log=False
    )

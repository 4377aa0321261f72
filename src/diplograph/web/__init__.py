"""The web app: every page of the record as HTML and as JSON, over a store, on localhost by default.

>>> from diplograph.store import open_store
>>> from diplograph.web import create_app
>>> app = create_app(open_store("diplograph.db"))   # an ASGI app: uvicorn.run(app)
"""

from __future__ import annotations

from diplograph.web.app import create_app
from diplograph.web.twin import WebSettings

__all__ = ["WebSettings", "create_app"]

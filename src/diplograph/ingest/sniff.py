"""Which reader a source needs: by file extension, else by a look at its first characters."""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Literal

Format = Literal["text", "html", "jsonl", "json", "feed"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)
_HEAD = 2048


def format_from_name(name: str) -> Format | None:
    """The format a file name's extension promises, if it is one diplograph reads."""
    return EXTENSIONS.get(PurePath(name).suffix.lower())


def sniff_text(text: str) -> Format:
    """The format of a source whose name says nothing, from its opening."""
    opening = text.lstrip("\ufeff \t\r\n")
    head = opening[:_HEAD]
    if head.startswith("<"):
        if _FEED.search(head):
            return "feed"
        if _HTML.search(head):
            return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first = opening.split("\n", 1)[0]
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl"
    return "text"

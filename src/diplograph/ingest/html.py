"""Web pages: main text by trafilatura (lxml text if it finds none), title, URL, date from metadata."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from diplograph.errors import IngestError
from diplograph.ingest.text import build_article, normalize_text
from diplograph.model import Article

logger = logging.getLogger(__name__)

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "article.published",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
)
_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "tr",
    "pre",
)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _tree(markup: str) -> Any:
    """An lxml tree of a page or fragment, or None for markup lxml cannot read."""
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def html_to_text(markup: str) -> str:
    """Visible text of HTML with block elements as paragraphs; scripts and styles dropped."""
    if "<" not in markup:
        return markup.strip()
    root = _tree(f"<div>{markup}</div>")
    return _element_text(root) if root is not None else ""


def _element_text(root: Any) -> str:
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for element in root.iter():
        # Source line breaks inside a paragraph are spaces in HTML; only blocks and <br> break lines.
        if element.tag != "pre":
            element.text = re.sub(r"\s+", " ", element.text) if element.text else element.text
        element.tail = re.sub(r"\s+", " ", element.tail) if element.tail else element.tail
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.text = "\n\n" + (block.text or "")
        block.tail = "\n\n" + (block.tail or "")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in root.text_content().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _meta(tree: Any, names: tuple[str, ...]) -> str | None:
    wanted = set(names)
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in wanted and content:
            return str(content)
    return None


def _json_ld_date(tree: Any) -> str | None:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        found = _find_key(data, "datePublished")
        if found:
            return found
    return None


def _find_key(data: object, key: str) -> str | None:
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            found = _find_key(item, key)
            if found:
                return found
    return None


def _page_date(tree: Any) -> str | None:
    """The publication date the page's markup states (meta tags, JSON-LD, <time>)."""
    for time in tree.xpath('//time[@itemprop="datePublished" or @pubdate]'):
        if time.get("datetime"):
            return str(time.get("datetime"))
    return _meta(tree, _DATE_META) or _json_ld_date(tree)


def _page_url(tree: Any) -> str | None:
    for link in tree.xpath('//link[@rel="canonical"]'):
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return str(href)
    url = _meta(tree, ("og:url",))
    return url if url and url.startswith(("http://", "https://")) else None


def _page_title(tree: Any) -> str | None:
    title = _meta(tree, ("og:title", "twitter:title"))
    if title:
        return title
    found = tree.xpath("//title")
    text = found[0].text_content().strip() if found else ""
    return str(text) or None


def _trafilatura(markup: str) -> Any:
    try:
        return trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except Exception:  # trafilatura raises assorted errors on odd markup; lxml text is the fallback
        logger.debug("trafilatura failed", exc_info=True)
        return None


def article_from_html(markup: str, *, doc: str, source: str) -> Article:
    """The Article of one web page; ``source`` names it in errors."""
    tree = _tree(markup)
    if tree is None:
        raise IngestError(source, "not readable as HTML")
    extracted = _trafilatura(markup)
    text = (getattr(extracted, "text", None) or "").strip()
    if not text:
        body = tree.find("body")
        text = _element_text(body if body is not None else tree)
    if not text.strip():
        raise IngestError(source, "no text found in the HTML page")
    published = _page_date(tree) or getattr(extracted, "date", None)
    site = _meta(tree, ("og:site_name", "application-name")) or getattr(extracted, "sitename", None)
    return build_article(
        normalize_text(text),
        doc=doc,
        title=_page_title(tree) or getattr(extracted, "title", None),
        url=_page_url(tree) or getattr(extracted, "url", None),
        published=published,
        source=site,
        metadata=(("format", "html"),),
    )


def articles_from_html(markup: str, *, doc: str, source: str) -> Iterator[Article | IngestError]:
    """The one Article of a page, or the error that stopped it, as the readers' common shape."""
    try:
        yield article_from_html(markup, doc=doc, source=source)
    except IngestError as error:
        yield error

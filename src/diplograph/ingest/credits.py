"""Photo credits, bylines, signatures and "Source:" lines: text that is not part of the story.

Each finder returns the span to skip and, where the credit names one, the publisher or agency.
The caption sentence a credit follows stays outside the span: it names people the extractor wants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diplograph.ingest.lines import Line
from diplograph.ingest.tables import agency_name

# Agencies that sign news photos in capitals ("REUTERS/Adriano Machado", "Pool via REUTERS").
_PHOTO_AGENCIES = frozenset(
    {
        "REUTERS",
        "AFP",
        "AP",
        "EPA",
        "EPA-EFE",
        "EFE",
        "GETTY",
        "POOL",
        "XINHUA",
        "VNA",
        "KYODO",
        "YONHAP",
        "BERNAMA",
        "ANTARA",
        "TASS",
        "SPUTNIK",
        "ANADOLU",
        "BLOOMBERG",
        "CNSPHOTO",
        "IMAGINECHINA",
    }
)
_CREDIT_GLUE = frozenset({"via", "by", "and", "for", "of", "/", "images", "photo", "file"})

_PHOTO_LINE = re.compile(
    r"^(?:photos?|ảnh|photograph|image|credit|photo credit)"
    r"(?:\s*:|\s+(?:by|courtesy(?:\s+of)?)\b)\s*\S.{0,80}$",
    re.IGNORECASE,
)
_PHOTO_PAREN = re.compile(r"\((?:[\w.'’-]+[ \t]+){0,2}(?:photos?|ảnh|image)\b[^()\n]{0,80}\)", re.IGNORECASE)
_AGENCY_PAREN = re.compile(r"\((?P<agency>[^()/\n]{2,30})(?P<who>/[^()\n]{1,40})?\)")
_TRAILING = re.compile(r"(?<=[.!?)”\"’])[ \t]+(?P<credit>[^.!?\n]{2,80}?)[ \t]*$")
_SIGNATURE = re.compile(
    r"(?<=[ \t])[—–][ \t]*(?P<sig>[A-Z][A-Za-z.]{1,14}(?:/[A-Z][A-Za-z.]{1,14}){0,3})[ \t]*$"
)
_SOURCE_LINE = re.compile(r"^(?:source|nguồn|link|url)\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")
_SITE_LINE = re.compile(
    r"^(?:[A-Za-z0-9-]+\.)+(?:vn|com|net|org|cn|kr|jp|ru|in|uk|info|news|gov)$", re.IGNORECASE
)
_COMMENTS = re.compile(r"^comments?\s*\(\d+\)$", re.IGNORECASE)
_REPORTING = re.compile(r"^\(?(?:reporting|writing|editing|additional reporting)\s+by\b.*$", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+(?P<who>[^\n]{2,70})$", re.IGNORECASE)
_PUBLISHER_LINE = re.compile(r"^\((?P<pub>[A-Z][^()\n]{3,100})\)$")
_BYLINE_GLUE = frozenset(
    {
        "and",
        "&",
        "in",
        "of",
        "the",
        "de",
        "van",
        "von",
        "da",
        "staff",
        "writer",
        "writers",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
    }
)


@dataclass(slots=True)
class Credits:
    """What the credit finders saw: spans to skip, sources by rank (lower is surer), a URL."""

    skip: list[tuple[int, int]] = field(default_factory=list)
    sources: list[tuple[int, str]] = field(default_factory=list)
    url: str | None = None


def _agency_of(name: str) -> str | None:
    """The canonical agency a credit names, trying the whole name, then each "/"-part."""
    whole = agency_name(name.strip())
    if whole:
        return whole
    for part in re.split(r"[/,]| via | and ", name):
        found = agency_name(part.strip())
        if found:
            return found
    return None


def _is_credit(credit: str) -> bool:
    """True for "Mast Irham/Pool via REUTERS", "REUTERS/Adriano Machado", "Photo: VNA", "REUTERS"."""
    if re.match(r"^(?:photo|ảnh|file photo)\b", credit, re.IGNORECASE):
        return True
    tokens = [t for t in re.split(r"[ \t]+|(/)", credit) if t]
    has_agency = any(t.upper() in _PHOTO_AGENCIES and (t.isupper() or t == "Pool") for t in tokens)
    names_only = all(t[:1].isupper() or t.lower() in _CREDIT_GLUE for t in tokens)
    linked = "/" in credit or " via " in credit or len(tokens) == 1
    return has_agency and names_only and linked


def _line_credits(line: Line, found: Credits) -> None:
    text = line.text
    if _PHOTO_LINE.match(text) or _COMMENTS.match(text) or _REPORTING.match(text):
        found.skip.append(line.span)
        return
    for match in _PHOTO_PAREN.finditer(text):
        found.skip.append((line.start + match.start(), line.start + match.end()))
    for match in _AGENCY_PAREN.finditer(text):
        agency = agency_name(match.group("agency"))
        at_end = match.end() == len(text)
        if agency and (match.group("who") or at_end):
            found.skip.append((line.start + match.start(), line.start + match.end()))
            if at_end and not match.group("who"):
                found.sources.append((3, agency))
    trailing = _TRAILING.search(text)
    if trailing and _is_credit(trailing.group("credit")):
        credit = trailing.group("credit")
        found.skip.append((line.start + trailing.start("credit"), line.end))
        # A lone "REUTERS" signs the story; "NAME/Pool via REUTERS" only signs a photo.
        if " " not in credit.strip() and "/" not in credit:
            found.sources.append((3, agency_name(credit.strip()) or credit.strip()))
    signature = _SIGNATURE.search(text)
    if signature and _signature_ok(signature.group("sig")):
        found.skip.append((line.start + signature.start(), line.end))
        found.sources.append((3, _signature_source(signature.group("sig"))))


def _signature_ok(sig: str) -> bool:
    parts = sig.split("/")
    return all(agency_name(p) or (p.isupper() and len(p) <= 6) for p in parts)


def _signature_source(sig: str) -> str:
    return "/".join(agency_name(p) or p for p in sig.split("/"))


def _edge_line_credits(line: Line, found: Credits, *, last: bool) -> None:
    """Lines that only mean something as a page's header or footer: sources, sites, URLs."""
    text = line.text
    source = _SOURCE_LINE.match(text)
    if source:
        value = source.group("value").strip()
        if _URL.match(value):
            found.skip.append(line.span)
            found.url = found.url or value
        elif len(value) <= 60:
            found.skip.append(line.span)
            found.sources.append((1, _agency_of(value) or value.split("/")[0].strip()))
        return
    if _URL.match(text) and last:
        found.skip.append(line.span)
        found.url = found.url or text
    elif _SITE_LINE.match(text):
        found.skip.append(line.span)
        found.sources.append((3, agency_name(text) or text))
    else:
        publisher = _PUBLISHER_LINE.match(text) if last else None
        if publisher and _names_only(publisher.group("pub")):
            found.skip.append(line.span)
            found.sources.append((4, agency_name(publisher.group("pub")) or publisher.group("pub")))


def _names_only(phrase: str) -> bool:
    """True for a name such as "Ministry of Foreign Affairs, People's Republic of China", not a sentence."""
    words = [w for w in re.split(r"[\s,]+", phrase) if w]
    if phrase.rstrip().endswith(".") or not 1 <= len(words) <= 14:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return (
        all(w[:1].isupper() or w.lower() in _BYLINE_GLUE | {"for", "on"} for w in words) and capitalised >= 1
    )


def byline_credit(line: Line) -> tuple[tuple[int, int], str | None] | None:
    """A "By The Associated Press" / "By Yonhap" line: its span and the agency it names, if any."""
    match = _BYLINE.match(line.text)
    if not match or line.text.endswith("."):
        return None
    who = match.group("who").strip()
    words = [w for w in re.split(r"[\s,]+", who) if w]
    if not words or len(words) > 10 or any(ch.isdigit() for ch in who):
        return None
    if not all(w[:1].isupper() or w.lower() in _BYLINE_GLUE for w in words):
        return None
    agency = agency_name(who) or agency_name(
        re.sub(r"\s+(?:staff|reporters?|writers?|correspondents?)\b.*$", "", who, flags=re.I)
    )
    return line.span, agency


def find_credits(lines: list[Line], *, edge: int = 5) -> Credits:
    """Credits over the whole text; source, site and URL lines only among the last ``edge`` lines
    (and a site line also among the first ones, where some pages put it)."""
    found = Credits()
    tail_from = max(0, len(lines) - edge)
    for index, line in enumerate(lines):
        _line_credits(line, found)
        if index >= tail_from:
            _edge_line_credits(line, found, last=True)
        elif index < edge and _SITE_LINE.match(line.text):
            _edge_line_credits(line, found, last=False)
    return found

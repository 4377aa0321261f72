"""Bytes -> text, refusing what is not text and saying exactly why (and what to do about it)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import BinaryIO

from diplograph.errors import IngestError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_CONTROL_SAMPLE = 8192
_CONTROL_RATIO = 0.05


def read_limited(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of a file, refusing before reading anything when it is over ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_bytes)")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(str(path), f"file grew past the limit of {max_bytes:,} bytes while being read")
    return data


def read_stream(stream: BinaryIO, *, source: str, max_bytes: int) -> bytes:
    """Up to ``max_bytes`` from a stream such as stdin; more than that is an error, not a cut."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(source, f"input is over the limit of {max_bytes:,} bytes (max_bytes)")
    return data


def _strict(data: bytes, encoding: str, *, source: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex().upper()
        raise IngestError(source, f"not valid {what} (byte 0x{bad} at offset {error.start})") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 without a byte-order mark: every other byte is NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _utf8(data: bytes, *, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex().upper()
        if error.reason == "unexpected end of data":
            raise IngestError(
                source,
                f"truncated UTF-8 sequence at the end (byte 0x{bad} at offset {error.start}); "
                "the file may be half-written, or not UTF-8 (then pass --encoding)",
            ) from None
        raise IngestError(
            source,
            f"not valid UTF-8 (byte 0x{bad} at offset {error.start}); "
            "if you know its encoding, pass it with --encoding (e.g. --encoding cp1252)",
        ) from None


# The "Cc" category is exactly C0, DEL and C1; one regex pass counts them fast on every report.
_CONTROL_CHARS = re.compile(
    "["
    + "".join(
        re.escape(chr(c)) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in _ALLOWED_CONTROLS
    )
    + "]"
)


def _check_controls(text: str, *, source: str) -> None:
    sample = text[:_CONTROL_SAMPLE]
    controls = len(_CONTROL_CHARS.findall(sample))
    if sample and controls / len(sample) > _CONTROL_RATIO:
        raise IngestError(source, "binary file (mostly control characters), not text")


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """The text of ``data``: an explicit encoding, else a BOM's, else UTF-8; the BOM is dropped."""
    if not data:
        raise IngestError(source, "empty file")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise IngestError(source, f"unknown encoding {encoding!r}") from None
        text = _strict(data, encoding, source=source, what=encoding)
    else:
        text = _sniff_and_decode(data, source=source)
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise IngestError(source, f"binary file (NUL character at offset {text.index(chr(0))}), not text")
    _check_controls(text, source=source)
    if not text.strip():
        raise IngestError(source, "no text (the file holds only whitespace)")
    return text


def _sniff_and_decode(data: bytes, *, source: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(
                data[len(bom) :], codec, source=source, what=f"{codec.upper()} after its byte-order mark"
            )
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise IngestError(source, f"binary file ({kind}); convert it to text first")
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise IngestError(source, f"binary file (NUL byte at offset {data.index(0)}), not text")
        return text
    return _utf8(data, source=source)

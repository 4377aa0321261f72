"""The report row itself: what makes a report unchanged, what cannot be stored, and near-duplicates.

A near-duplicate (the same wire story on another site) is stored like any report, with
``duplicate_of`` naming the first copy the store saw, so its facts stay available as sources
without being counted again as independent evidence.
"""

from __future__ import annotations

import hashlib
import math
import struct
from typing import Any

from sqlalchemy import Connection, any_, bindparam, func, select, text, update

from diplograph.errors import StoreError
from diplograph.model import Article, Extraction
from diplograph.resolve import duplicates
from diplograph.store._common import dumps, in_ids, insert_rows
from diplograph.store.schema import report_bands, reports

__all__ = [
    "check_storable",
    "dependents",
    "find_original",
    "fingerprint",
    "pack_signature",
    "report_values",
    "set_duplicate",
    "unpack_signature",
    "write_bands",
]


def fingerprint(article: Article, *, extractor_version: str) -> str:
    """What decides "unchanged": the text, everything read with it, and the extractor that read it.

    The origin (where the file lies) is left out: it is the report's key, not its content.

    Callers can compute it before extracting, compare it with Store.fingerprint_of(), and skip the
    extraction of a report the store already holds.
    """
    fields = [
        article.text,
        article.doc,
        article.title,
        article.source,
        article.url,
        str(article.published) if article.published else None,
        article.published_basis,
        list(article.title_span) if article.title_span else None,
        [list(span) for span in article.skip_spans],
        [list(pair) for pair in article.metadata],
        _dateline(article),
        extractor_version,
    ]
    return hashlib.sha256(dumps(fields).encode("utf-8")).hexdigest()


def _dateline(article: Article) -> dict[str, Any] | None:
    line = article.dateline
    if line is None:
        return None
    return {
        "place": line.place,
        "start": line.start,
        "end": line.end,
        "agency": line.agency,
        "year": line.year,
        "month": line.month,
        "day": line.day,
    }


def check_storable(extraction: Extraction, *, source_key: str) -> None:
    """Refuse what PostgreSQL cannot hold (NUL, lone surrogates), on SQLite too, so both agree."""
    if not isinstance(source_key, str) or not source_key.strip():
        raise StoreError("a report needs a non-empty source_key (its path or link)")
    article = extraction.article
    named: list[tuple[str, str | None]] = [
        ("source_key", source_key),
        ("text", article.text),
        ("doc", article.doc),
    ]
    named += [("title", article.title), ("source", article.source), ("url", article.url)]
    named += [(f"metadata {key!r}", value) for key, value in article.metadata]
    for name, value in named:
        if value is None:
            continue
        if "\x00" in value:
            raise StoreError(
                f"{article.doc}: the {name} holds a NUL character, which a database cannot store"
            )
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise StoreError(f"{article.doc}: the {name} is not valid Unicode (lone surrogate)") from None


def report_values(extraction: Extraction, *, print_: str, sig: tuple[int, ...]) -> dict[str, Any]:
    """The columns of the reports row that come from the extraction (ids and times are the caller's)."""
    article = extraction.article
    return {
        "doc": article.doc,
        "origin": article.origin,
        "text_hash": hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
        "fingerprint": print_,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": str(article.published) if article.published else None,
        "published_basis": article.published_basis,
        "text": article.text,
        "title_span": dumps(list(article.title_span)) if article.title_span else None,
        "dateline": dumps(_dateline(article)) if article.dateline else None,
        "skip_spans": dumps([list(span) for span in article.skip_spans]),
        "metadata": dumps([list(pair) for pair in article.metadata]),
        "notes": dumps(list(extraction.warnings)),
        "extractor_version": extraction.extractor_version,
        "minhash": pack_signature(sig),
        "minhash_scheme": duplicates.SIGNATURE_SCHEME,
    }


def pack_signature(sig: tuple[int, ...]) -> bytes:
    return struct.pack(f"<{len(sig)}Q", *sig)


def unpack_signature(data: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(data) // 8}Q", data)


def write_bands(
    conn: Connection, report_id: str, sig: tuple[int, ...], *, sizes: dict[str, int] | None = None
) -> None:
    """File the report under its band buckets; the writer's remembered ``sizes`` grow with the rows.

    A remembered size that never grew went stale as the store filled: the bucket a boilerplate
    paragraph fills, first seen at 16 reports and thousands later, ranked below buckets first seen
    at a few hundred, was kept in the count and walked on every save (near 10,000 generated
    reports, ~7,700 index rows and 4.3 ms a save for the candidate query; 1.9 ms with this).
    Counting the rows this writer adds keeps the sizes right; an edit, a removal or a failed save
    makes the writer forget them (``Store``), to be counted afresh, and other writers' rows only
    cost speed: the sizes choose which buckets are set aside, and the count stays exact whichever.
    """
    rows = [
        {"report_id": report_id, "band": band, "bucket": bucket} for band, bucket in duplicates.bands(sig)
    ]
    if not rows:
        return
    insert_rows(conn, report_bands, rows)
    if sizes:
        for row in rows:
            if row["bucket"] in sizes:
                sizes[row["bucket"]] += 1


def _least_shared_bands() -> int:
    """Bands two signatures at the duplicate threshold must share: fewer cannot reach it, exactly.

    Each register that differs spoils at most one band, so at similarity s at most
    (1 - s) * PERMUTATIONS bands are spoilt. Candidates sharing fewer bands are skipped unread.
    """
    spoilt = duplicates.PERMUTATIONS - math.ceil(duplicates.DUPLICATE_THRESHOLD * duplicates.PERMUTATIONS)
    return max(1, duplicates.BANDS - spoilt)


# Boilerplate (a standard closing paragraph, an agency's footer) puts one band bucket in thousands of
# reports, and counting shared buckets walked them all on every save. The most widely shared of a
# report's buckets (at most _SET_ASIDE bands' worth) are left out of the count, and candidates need
# as many fewer shared buckets among the rest as the bands set aside: still exact, whichever
# buckets are set aside. A bucket is "common" from _COMMON reports on; the size of a common bucket,
# to rank it, is counted the first time it is seen common and remembered by the writer, which adds
# the rows it files (see write_bands; sizes only steer speed, never the answer); a remembered
# bucket is not counted again.
_COMMON = 16
_SET_ASIDE = 3
_REMEMBERED = 4096


# For each bucket of a JSON list: how many reports hold it, counting no further than :common, and
# how many in all when that is :common or more. One statement of one shape, however many buckets.
_COUNTED = {
    "sqlite": text(
        "SELECT value, n, CASE WHEN n >= :common THEN "
        "(SELECT count(*) FROM report_bands AS b WHERE b.bucket = value) END "
        "FROM (SELECT j.value AS value, (SELECT count(*) FROM (SELECT 1 FROM report_bands AS b "
        "WHERE b.bucket = j.value LIMIT :common)) AS n FROM json_each(:buckets) AS j)"
    ),
    "postgresql": text(
        "SELECT j.value, c.n, CASE WHEN c.n >= :common THEN "
        "(SELECT count(*) FROM report_bands AS b WHERE b.bucket = j.value) END "
        "FROM jsonb_array_elements_text(CAST(:buckets AS jsonb)) AS j(value) "
        "CROSS JOIN LATERAL (SELECT count(*) AS n FROM (SELECT 1 FROM report_bands AS b "
        "WHERE b.bucket = j.value LIMIT :common) AS s) AS c"
    ),
}


# The reports sharing at least ``needed`` of the buckets ``ids`` (see find_original), with what
# comparing them needs: one statement where finding them and reading them took two. PostgreSQL
# gets the ids as an array (ARRAY(subquery), computed once): joined to the subquery, it expected
# many groups and read every report instead of looking the few up.
_SHARED_BUCKETS = (
    select(report_bands.c.report_id)
    .where(in_ids(report_bands.c.bucket))
    .group_by(report_bands.c.report_id)
    .having(func.count() >= bindparam("needed"))
)
_SIGNATURE_COLUMNS = (reports.c.id, reports.c.minhash, reports.c.minhash_scheme, reports.c.duplicate_of)
_SHARING = {
    "sqlite": select(*_SIGNATURE_COLUMNS).where(reports.c.id.in_(_SHARED_BUCKETS)),
    "postgresql": select(*_SIGNATURE_COLUMNS).where(
        reports.c.id == any_(func.array(_SHARED_BUCKETS.scalar_subquery()))
    ),
}


def _set_aside(conn: Connection, banded: list[tuple[int, str]], sizes: dict[str, int]) -> set[str]:
    """The most widely shared of a report's buckets, standing for at most _SET_ASIDE of its bands."""
    buckets = sorted({bucket for _, bucket in banded})
    known = [bucket for bucket in buckets if bucket in sizes]
    unknown = [bucket for bucket in buckets if bucket not in sizes]
    parameters = {"buckets": dumps(unknown), "common": _COMMON}
    counted = conn.execute(_COUNTED[conn.dialect.name], parameters).all() if unknown else []
    found = {bucket: int(size) for bucket, capped, size in counted if capped >= _COMMON}
    if len(sizes) + len(found) > _REMEMBERED:
        sizes.clear()
    sizes.update(found)
    common = sorted([*known, *found])
    bands_of = {bucket: sum(1 for _, other in banded if other == bucket) for bucket in common}
    aside: set[str] = set()
    forgone = 0
    for bucket in sorted(common, key=lambda b: (-sizes.get(b, _COMMON), b)):
        if forgone + bands_of[bucket] <= _SET_ASIDE:
            aside.add(bucket)
            forgone += bands_of[bucket]
    return aside


def find_original(
    conn: Connection, report_id: str, sig: tuple[int, ...], *, sizes: dict[str, int] | None = None
) -> tuple[str, float] | None:
    """The stored report this one copies, with the similarity: the closest at or above the threshold.

    Only reports that are not duplicates themselves are candidates, so every copy points at the
    first one and no chain forms. Ties go to the smallest id, to stay deterministic. ``sizes``
    remembers how many reports hold each common bucket, from one call to the next.
    """
    banded = duplicates.bands(sig)
    buckets = sorted({bucket for _, bucket in banded})
    if not buckets:
        return None
    aside = _set_aside(conn, banded, {} if sizes is None else sizes)
    # A bucket can stand in several of this report's bands: setting it aside forgoes each of them.
    forgone = sum(1 for _, bucket in banded if bucket in aside)
    # Counting buckets without their band numbers can only count more, never fewer, shared bands:
    # the pruning stays exact, and the index on bucket answers it without reading the table.
    kept = [bucket for bucket in buckets if bucket not in aside]
    needed = max(1, _least_shared_bands() - forgone)
    # duplicate_of is checked here, not in SQL: SQLite, without statistics, would read the ids
    # through that index, i.e. every report that is not a copy, instead of looking each id up.
    rows = conn.execute(_SHARING[conn.dialect.name], {"ids": kept, "needed": needed}).all()
    best: tuple[str, float] | None = None
    for row in sorted(rows, key=lambda r: r.id):
        if row.duplicate_of is not None or row.id == report_id:
            continue
        if row.minhash_scheme == duplicates.SIGNATURE_SCHEME:
            other = unpack_signature(row.minhash)
        else:  # saved by another version of the signature: recompute it from the text
            text = conn.execute(select(reports.c.text).where(reports.c.id == row.id)).scalar_one()
            other = duplicates.signature(text)
        score = duplicates.similarity(sig, other)
        if score >= duplicates.DUPLICATE_THRESHOLD and (best is None or score > best[1]):
            best = (row.id, score)
    return best


def set_duplicate(conn: Connection, report_id: str, original: tuple[str, float] | None) -> None:
    conn.execute(
        update(reports)
        .where(reports.c.id == report_id)
        .values(duplicate_of=original[0] if original else None, similarity=original[1] if original else None)
    )


def dependents(conn: Connection, report_id: str) -> list[str]:
    """Reports stored as copies of ``report_id``, oldest id first."""
    return sorted(conn.execute(select(reports.c.id).where(reports.c.duplicate_of == report_id)).scalars())

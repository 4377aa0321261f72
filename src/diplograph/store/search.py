"""Full-text search over report titles and texts: FTS5 on SQLite, a tsvector with GIN on PostgreSQL.

Both backends index an ASCII-folded copy of the text, so "To Lam" finds "Tô Lâm" and "Da Nang"
finds "Đà Nẵng" (SQLite's own diacritic folding misses "đ"), and both stem English words (FTS5's
porter tokenizer, PostgreSQL's 'english' configuration), so "railways" finds "railway". A query is
a list of words that must all appear; no operator syntax reaches the database, so no user input can
break a query. Snippets are cut from the original text, with the offsets of the first matching
word, the same on both backends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from anyascii import anyascii
from sqlalchemy import Connection, select, text

from diplograph.store.schema import reports

__all__ = [
    "INDEXED_CHARS",
    "SearchHit",
    "compact_index",
    "count_matches",
    "fold_document",
    "index_report",
    "search_reports",
    "search_terms",
    "unindex_report",
]

INDEXED_CHARS = 300_000  # PostgreSQL caps a tsvector at 1 MB; longer texts are searched by their start
_NON_WORD = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_SNIPPET = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One report that matches: what to show, how well it matched, and where the match starts."""

    report_id: str
    doc: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    duplicate_of: str | None
    score: float  # higher is better; comparable within one result list only
    snippet: str  # original text around the first matching word, spacing collapsed
    start: int | None  # offsets of that word in reports.text, None when only the title matched
    end: int | None


def _fold(value: str) -> str:
    return _NON_WORD.sub(" ", anyascii(value).lower()).strip()


def search_terms(query: str) -> list[str]:
    """The words of a query as the index holds them: folded, lower-case, without punctuation."""
    return list(dict.fromkeys(_fold(query).split()))


def _fts_rowid(report_id: str) -> int:
    """A stable integer key for the FTS5 row: the first 60 bits of the report's hash id."""
    return int(report_id[:15], 16)


def fold_document(title: str | None, body: str) -> tuple[str, str]:
    """A report's title and text as the index holds them (folded, cut at INDEXED_CHARS)."""
    return _fold(title or "")[:INDEXED_CHARS], _fold(body[:INDEXED_CHARS])


def index_report(conn: Connection, report_id: str, *, title: str, body: str) -> None:
    """Add a report to the index (inside the caller's transaction); title and body from fold_document."""
    values = {"report_id": report_id, "title": title, "body": body}
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "INSERT INTO reports_fts (report_id, document) VALUES (:report_id, "
                "setweight(to_tsvector('english', :title), 'A') "
                "|| setweight(to_tsvector('english', :body), 'B'))"
            ),
            values,
        )
    else:
        conn.execute(
            text(
                "INSERT INTO reports_fts (rowid, report_id, title, body) "
                "VALUES (:rowid, :report_id, :title, :body)"
            ),
            {**values, "rowid": _fts_rowid(report_id)},
        )


def unindex_report(conn: Connection, report_id: str) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("DELETE FROM reports_fts WHERE report_id = :id"), {"id": report_id})
    else:
        conn.execute(text("DELETE FROM reports_fts WHERE rowid = :rowid"), {"rowid": _fts_rowid(report_id)})


def compact_index(conn: Connection) -> None:
    """Merge the search index into one segment, after a large batch of additions.

    FTS5 adds each transaction's rows as a new segment and merges them only partly as it goes, so
    after thousands of one-report transactions a query reads and ranks through hundreds of
    segments: on 19,000 generated reports, ranking a word found in nearly all of them took 36 ms
    before and 21 ms after (two words: 62 and 23 ms); the merge itself took 1.9 s. PostgreSQL's GIN
    index keeps no such segments (autovacuum folds its pending list in), so there is nothing to do.
    """
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO reports_fts (reports_fts) VALUES ('optimize')"))


# Counting and ranking, per backend, built once. ts_rank, not ts_rank_cd, on PostgreSQL: the same
# title-first order at 60 % of the cost (every match is ranked: 19,000 matches, 96 -> 59 ms). On
# SQLite, ordering by the bm25() expression itself (ascending = best first) lets FTS5 rank without
# materialising the score column: three times faster on large stores. Ties break on the rowid (the
# report id's first 60 bits, so the same order as by id): breaking them on report_id read that
# column for every match, not just the page shown, and tripled the time of a common-word search
# (19,000 matches: 63 -> 17 ms).
_COUNT = {
    "postgresql": text(
        "SELECT count(*) FROM reports_fts WHERE document @@ plainto_tsquery('english', :query)"
    ),
    "sqlite": text("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH :query"),
}
_RANKED = {
    "postgresql": text(
        "SELECT report_id, ts_rank(document, query) AS score "
        "FROM reports_fts, plainto_tsquery('english', :query) AS query "
        "WHERE document @@ query ORDER BY score DESC, report_id LIMIT :limit OFFSET :offset"
    ),
    "sqlite": text(
        "SELECT report_id, -bm25(reports_fts, 0.0, 10.0, 1.0) AS score FROM reports_fts "
        "WHERE reports_fts MATCH :query ORDER BY bm25(reports_fts, 0.0, 10.0, 1.0), rowid "
        "LIMIT :limit OFFSET :offset"
    ),
}


def count_matches(conn: Connection, query: str) -> int:
    """How many reports hold every word of ``query`` (search_reports returns one page of them)."""
    terms = search_terms(query)
    if not terms:
        return 0
    with _through_the_index(conn):
        found = conn.execute(_COUNT[conn.dialect.name], {"query": _match_query(conn, terms)})
        return int(found.scalar_one())


def _match_query(conn: Connection, terms: list[str]) -> str:
    """The words as each backend's full-text query parameter: every word required, each quoted on
    SQLite so that no word can act as an FTS5 operator."""
    if conn.dialect.name == "postgresql":
        return " ".join(terms)
    return " AND ".join(f'"{term}"' for term in terms)


@contextmanager
def _through_the_index(conn: Connection) -> Iterator[None]:
    """On PostgreSQL, find matches through the GIN index for the statements inside (SQLite: nothing).

    For a word most reports hold, the planner prefers reading the table and testing each document,
    not counting what that costs: every tsvector is TOASTed and must be fetched and decompressed.
    The bitmap from the GIN index is exact for plain word queries, so matches need no test at all
    (a count over 19,000 matches: 55 -> 4 ms; ranking them: 86 -> 59 ms). The setting is local to
    the transaction and put back as it was afterwards.
    """
    if conn.dialect.name != "postgresql":
        yield
        return
    before = conn.execute(text("SELECT current_setting('enable_seqscan')")).scalar_one()
    conn.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))
    yield  # a failure inside aborts the transaction, and the setting with it
    conn.execute(text("SELECT set_config('enable_seqscan', :value, true)"), {"value": before})


def search_reports(conn: Connection, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """Reports holding every word of ``query``, best first; an empty query finds nothing."""
    if limit < 1 or offset < 0:
        raise ValueError(f"limit must be positive and offset not negative (got {limit}, {offset})")
    terms = search_terms(query)
    if not terms:
        return []
    with _through_the_index(conn):
        ranked = conn.execute(
            _RANKED[conn.dialect.name],
            {"query": _match_query(conn, terms), "limit": limit, "offset": offset},
        ).all()
    if not ranked:
        return []
    rows = {
        row.id: row
        for row in conn.execute(
            select(
                reports.c.id,
                reports.c.doc,
                reports.c.title,
                reports.c.source,
                reports.c.url,
                reports.c.published,
                reports.c.duplicate_of,
                reports.c.text,
            ).where(reports.c.id.in_([hit.report_id for hit in ranked]))
        )
    }
    hits = []
    for report_id, score in ranked:
        row = rows[report_id]
        snippet, start, end = _snippet(row.text, terms)
        hits.append(
            SearchHit(
                report_id=report_id,
                doc=row.doc,
                title=row.title,
                source=row.source,
                url=row.url,
                published=row.published,
                duplicate_of=row.duplicate_of,
                score=float(score),
                snippet=snippet,
                start=start,
                end=end,
            )
        )
    return hits


def _stem(term: str) -> str:
    """A prefix that stands for the word's inflections; only used to place a snippet, not to match."""
    return term if len(term) <= 4 else term[: max(4, len(term) - 2)]


def _snippet(body: str, terms: list[str]) -> tuple[str, int | None, int | None]:
    found = _first_match(body, [_stem(term) for term in terms])
    if found is not None:
        start, end = found
        begin = max(0, start - _SNIPPET // 2)
        finish = min(len(body), end + _SNIPPET // 2)
        shown = _SPACE.sub(" ", body[begin:finish]).strip()
        return ("…" if begin else "") + shown + ("…" if finish < len(body) else ""), start, end
    shown = _SPACE.sub(" ", body[:_SNIPPET]).strip()
    return shown + ("…" if len(body) > _SNIPPET else ""), None, None


def _first_match(body: str, stems: list[str]) -> tuple[int, int] | None:
    """The span of the first word that, folded, starts with one of ``stems``.

    Folding every word (anyascii) on the way to the match cost ~1 ms a hit on long texts. Plain
    ASCII words fold to themselves in lower case, so a case-blind search finds the first of those;
    only the other words before it (diacritics, "_") are folded one by one.
    """
    plain = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in stems) + ")", re.IGNORECASE | re.ASCII)
    # A hit counts only at the start of a whole word ("lan" in "élan" folds to "elan": no hit).
    direct = next(
        (hit for hit in plain.finditer(body) if hit.start() == 0 or not _WORD.match(body[hit.start() - 1])),
        None,
    )
    words = _WORD.finditer(body, 0, direct.start() if direct else len(body))
    for match in words:
        word = match.group()
        if word.isascii() and "_" not in word:
            continue
        if any(part.startswith(stem) for part in _fold(word).split() for stem in stems):
            return match.span()
    if direct is None:
        return None
    whole = _WORD.match(body, direct.start())
    return whole.span() if whole else direct.span()

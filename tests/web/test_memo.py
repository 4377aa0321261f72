"""The page memo keeps values per database version and stays bounded however many pages are seen."""

from __future__ import annotations

from pathlib import Path

from diplograph.store import open_store
from diplograph.web import reads


def test_memo_is_bounded_and_recomputes_after_a_change(tmp_path: Path) -> None:
    store = open_store(tmp_path / "memo.db")
    memo = reads.Memo(ttl=300.0)
    calls: list[int] = []
    with store.engine.connect() as conn:
        for number in range(reads._MEMO_SIZE + 40):
            memo.get(conn, f"page{number}", lambda _, n=number: calls.append(n) or n)
        assert len(memo._values) <= reads._MEMO_SIZE
        before = len(calls)
        assert memo.get(conn, f"page{reads._MEMO_SIZE + 39}", lambda _: -1) == reads._MEMO_SIZE + 39
        assert len(calls) == before  # a kept value is not computed again
    store.close()

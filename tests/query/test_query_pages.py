"""Pages of the timeline read from either end agree with one long page, newest first or oldest first."""

from __future__ import annotations

import pytest

from diplograph import query
from diplograph.store import Store


@pytest.mark.parametrize("newest_first", [False, True])
def test_query_pages_deep_pages_match_one_long_page(sample_store: Store, newest_first: bool) -> None:
    whole = query.timeline(sample_store, limit=500, newest_first=newest_first)
    assert whole.total > 6  # enough for pages on both sides of the middle
    ids = [e.id for e in whole.items]
    paged: list[str] = []
    for offset in range(0, whole.total, 3):
        page = query.timeline(sample_store, limit=3, offset=offset, newest_first=newest_first)
        paged += [e.id for e in page.items]
    assert paged == ids

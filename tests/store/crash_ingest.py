"""Ingest a directory into a store, saying when each save starts: the crash test runs and kills this.

    python tests/store/crash_ingest.py DATABASE_URL DIRECTORY

Prints "saving N" just before the N-th report's transaction, so the test can aim its kills at the
moments that matter most: inside a save.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from diplograph.model import Extraction
from diplograph.process import add_paths
from diplograph.store import Prepared, Store, open_store


class _Announcing:
    """The store as add_paths sees it, announcing every save on stdout."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.count = 0

    def save(self, extraction: Extraction, *, source_key: str, prepared: Prepared | None = None) -> str:
        self.count += 1
        print("saving", self.count, flush=True)
        return self.store.save(extraction, source_key=source_key, prepared=prepared)

    def fingerprints_of(self, source_keys: Sequence[str], *, under: Sequence[str] = ()) -> dict[str, str]:
        return self.store.fingerprints_of(source_keys, under=under)

    def finish_batch(self, saved: int) -> bool:
        return self.store.finish_batch(saved)


def main() -> None:
    url, directory = sys.argv[1], sys.argv[2]
    with open_store(url) as store:
        summary = add_paths(_Announcing(store), [directory], workers=1)
    if summary.failures:
        raise SystemExit(f"failures: {summary.failures}")
    print("done", flush=True)


if __name__ == "__main__":
    main()

"""Two writers at once: saves queue (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL) and
the result is what one writer would have made of the same reports."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from diplograph.model import Extraction
from diplograph.store import open_store
from diplograph.store.schema import engagements, persons, reports


def test_store_concurrency_two_writers_queue(
    store_url: str, fresh_url: object, samples: list[Extraction]
) -> None:
    errors: list[BaseException] = []

    def write(share: list[Extraction]) -> None:
        try:
            with open_store(store_url) as store:
                for extraction in share:
                    store.save(extraction, source_key=extraction.article.origin)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    open_store(store_url).close()  # migrate once, before the writers race
    twice = samples + samples  # each writer also re-saves what the other saved: "unchanged" under a race
    writers = [threading.Thread(target=write, args=(twice[start::2],)) for start in (0, 1)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=600)
    assert not errors, errors

    assert callable(fresh_url)
    with open_store(store_url) as raced, open_store(fresh_url()) as calm:
        for extraction in samples:
            calm.save(extraction, source_key=extraction.article.origin)
        for table in (reports, persons, engagements):
            with raced.engine.connect() as one, calm.engine.connect() as other:
                count = select(func.count()).select_from(table)
                assert one.execute(count).scalar_one() == other.execute(count).scalar_one(), table.name

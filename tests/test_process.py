"""Batch extraction: order, errors in place, directory walks, stdin, and the process pool."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from diplograph import process
from diplograph.errors import ExtractionError, IngestError
from diplograph.model import Article, Extraction
from diplograph.process import Outcome, extract_paths

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "samples"

REPORT = (
    " date 2024-12-11 Wang Yi meets Bui Thanh Son\n\n"
    "BEIJING, Dec. 10 (Xinhua) -- Chinese Foreign Minister Wang Yi met Vietnamese Deputy Prime Minister "
    "Bui Thanh Son in Beijing on Tuesday.\n"
)


def _key(outcome: Outcome) -> object:
    """Extractions compare by value; IngestErrors by what they say."""
    return ("error", outcome.source, outcome.problem) if isinstance(outcome, IngestError) else outcome


def _write(path: Path, text: str = REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_process_directory_follows_sorted_file_order() -> None:
    files = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    one_by_one = [_key(o) for f in files for o in extract_paths([f])]
    assert [_key(o) for o in extract_paths([SAMPLES])] == one_by_one
    assert len(one_by_one) > len(files), "multi-report files (JSON Lines, RSS) yield several extractions"


def test_process_two_workers_give_the_same_output_as_one(tmp_path: Path) -> None:
    paths = [
        SAMPLES,
        tmp_path / "missing.txt",
        _write(tmp_path / "empty.txt", ""),
        SAMPLES / "wire_briefs.jsonl",
    ]
    serial = [_key(o) for o in extract_paths(paths, workers=1)]
    pooled = [_key(o) for o in extract_paths(paths, workers=2)]
    assert pooled == serial
    assert sum(isinstance(o, tuple) for o in serial) == 2


def test_process_bad_source_is_reported_in_its_place(tmp_path: Path) -> None:
    first, second = _write(tmp_path / "a.txt"), _write(tmp_path / "b.txt")
    missing = tmp_path / "missing.txt"
    outcomes = list(extract_paths([first, missing, second]))
    assert [type(o) for o in outcomes] == [Extraction, IngestError, Extraction]
    error = outcomes[1]
    assert isinstance(error, IngestError)
    assert error.source == str(missing)
    assert error.problem == "no such file or directory"


def test_process_directory_walk_skips_hidden_files_and_json(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt")
    _write(tmp_path / ".draft.txt")
    _write(tmp_path / ".cache" / "b.txt")
    _write(tmp_path / "gold" / "a.json", json.dumps({"doc": "a.txt", "events": []}))
    outcomes = list(extract_paths([tmp_path]))
    assert [o.article.doc for o in outcomes if isinstance(o, Extraction)] == ["a.txt"]
    assert len(outcomes) == 1


def test_process_json_file_named_explicitly_is_read(tmp_path: Path) -> None:
    record = _write(tmp_path / "one.json", json.dumps({"id": "r1", "text": REPORT}))
    (outcome,) = extract_paths([record])
    assert isinstance(outcome, Extraction)
    assert outcome.article.doc == "r1"


def test_process_empty_directory_is_an_error(tmp_path: Path) -> None:
    (outcome,) = extract_paths([tmp_path])
    assert isinstance(outcome, IngestError)
    assert outcome.source == str(tmp_path)


def test_process_reads_stdin_in_order_with_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("utf-8"))))
    report = _write(tmp_path / "a.txt")
    outcomes = list(extract_paths([report, "-"], workers=2))
    assert [type(o) for o in outcomes] == [Extraction, Extraction]
    assert isinstance(outcomes[0], Extraction)
    assert isinstance(outcomes[1], Extraction)
    assert outcomes[1].article.text == outcomes[0].article.text
    assert outcomes[1].engagements == outcomes[0].engagements


def test_process_rejects_fewer_than_one_worker() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(extract_paths([SAMPLES], workers=0))


def test_process_max_bytes_refuses_large_sources(tmp_path: Path) -> None:
    report = _write(tmp_path / "a.txt")
    (outcome,) = extract_paths([report], max_bytes=10)
    assert isinstance(outcome, IngestError)
    assert "limit" in outcome.problem


def test_process_encoding_is_used_to_decode(tmp_path: Path) -> None:
    report = tmp_path / "latin.txt"
    report.write_bytes(REPORT.replace("Bui", "Bùi").encode("cp1252"))
    (refused,) = extract_paths([report])
    (decoded,) = extract_paths([report], encoding="cp1252")
    assert isinstance(refused, IngestError)
    assert isinstance(decoded, Extraction)
    assert "Bùi Thanh Son" in decoded.article.text


def test_process_extraction_error_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(article: Article, *, statements: bool = True) -> Extraction:
        raise ExtractionError(f"cannot handle {article.doc}")

    monkeypatch.setattr(process, "extract_article", refuse)
    report = _write(tmp_path / "a.txt")
    (outcome,) = extract_paths([report])
    assert isinstance(outcome, IngestError)
    assert outcome.source == str(report)
    assert "extraction failed" in outcome.problem


def test_process_extractor_bug_is_reported_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = process.extract_article

    def trip_on_first(article: Article, *, statements: bool = True) -> Extraction:
        if article.doc == "a.txt":
            raise KeyError("surprise")
        return real(article, statements=statements)

    monkeypatch.setattr(process, "extract_article", trip_on_first)
    first, second = _write(tmp_path / "a.txt"), _write(tmp_path / "b.txt")
    bug, fine = extract_paths([first, second])
    assert isinstance(bug, IngestError)
    assert bug.source == str(first)
    assert "KeyError" in bug.problem
    assert isinstance(fine, Extraction)


def test_process_add_rerun_extracts_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second add reads every file but extracts none that the store holds unchanged, records of a
    JSON Lines file included; an edited record is the only one extracted again."""
    from diplograph.store import open_store

    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder / "talks.txt")
    records = [
        {"id": "one", "published": "2024-12-11", "text": REPORT.split("\n\n", 1)[1]},
        {
            "id": "two",
            "published": "2024-12-12",
            "text": "HANOI -- Pham Minh Chinh met Li Qiang on Thursday.\n",
        },
    ]
    briefs = folder / "briefs.jsonl"
    briefs.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    extracted: list[str] = []
    real = process._extract

    def counting(article: Article, **options: object) -> object:
        extracted.append(article.doc)
        return real(article, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(process, "_extract", counting)
    with open_store(tmp_path / "kb.db") as store:
        first = process.add_paths(store, [folder])
        assert (first.added, first.unchanged, first.failed) == (3, 0, 0)
        assert len(extracted) == 3
        extracted.clear()
        second = process.add_paths(store, [folder])
        assert (second.added, second.updated, second.unchanged) == (0, 0, 3)
        assert extracted == []
        records[1]["text"] = "HANOI -- Pham Minh Chinh met Li Qiang in Hanoi on Thursday.\n"
        briefs.write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
        third = process.add_paths(store, [folder])
        assert (third.updated, third.unchanged) == (1, 2)
        assert extracted == ["two"]


def test_process_add_ends_a_batch_by_tidying_the_store(tmp_path: Path) -> None:
    """add_paths tells the store how many reports the batch saved (unchanged ones do not count), and
    a store that fails to tidy up does not fail the batch."""
    from diplograph.store import open_store

    folder = tmp_path / "reports"
    for number in range(3):
        _write(folder / f"talks{number}.txt", REPORT.replace("Tuesday", f"Tuesday, round {number}"))
    told: list[int] = []

    with open_store(tmp_path / "kb.db") as store:

        class Refusing:
            def save(self, extraction: Extraction, *, source_key: str, prepared: object = None) -> str:
                return store.save(extraction, source_key=source_key, prepared=prepared)  # type: ignore[arg-type]

            def fingerprints_of(self, keys: object, *, under: object = ()) -> dict[str, str]:
                return store.fingerprints_of(keys, under=under)  # type: ignore[arg-type]

            def finish_batch(self, saved: int) -> bool:
                told.append(saved)
                raise process.DiplographError("index is busy")

        first = process.add_paths(Refusing(), [folder])
        second = process.add_paths(Refusing(), [folder])
    assert (first.added + first.duplicates, first.failed, second.unchanged) == (3, 0, 3)
    assert told == [3, 0]


def test_process_pool_works_only_a_few_chunks_ahead_of_its_reader(tmp_path: Path) -> None:
    """While the reader (the writer of an ingest) is busy, workers stop a few chunks ahead instead
    of finishing the whole batch into its memory; results still come in order, all of them."""
    import time
    from pathlib import PurePath

    items = [tmp_path / f"{number:04d}" for number in range(1000)]
    results = process._mapped(Path.touch, items, 0o644, workers=1, in_process=False)  # type: ignore[arg-type]
    assert next(results) is None
    seen, still, waited = -1, 0, 0
    while still < 5 and waited < 300:  # until the worker has stopped making files for half a second
        time.sleep(0.1)
        waited += 1
        made = sum(1 for _ in tmp_path.iterdir())
        still = still + 1 if made == seen else 0
        seen = made
    chunk = 32  # what _mapped gives each worker at a time for a batch this size
    assert seen <= (process._AHEAD + 1) * chunk < len(items)
    assert list(results) == [None] * (len(items) - 1)
    assert sorted(PurePath(path).name for path in tmp_path.iterdir()) == [item.name for item in items]


def test_process_add_freezes_the_writers_old_objects_for_the_batch_only(tmp_path: Path) -> None:
    """From the first save on, what the writer already held is out of garbage collection; when the
    batch ends, finished or interrupted, it is back in."""
    import gc

    from diplograph.store import open_store

    def batch(name: str) -> list[Path]:
        return [_write(tmp_path / name / f"t{n}.txt", REPORT + f"Round {n}.\n") for n in range(3)]

    before = gc.get_freeze_count()
    seen: list[int] = []

    def record(progress: process.Progress) -> None:
        seen.append(gc.get_freeze_count())

    def interrupt(progress: process.Progress) -> None:
        seen.append(gc.get_freeze_count())
        if progress.done == 2:
            raise KeyboardInterrupt

    with open_store(tmp_path / "kb.db") as store:
        summary = process.add_paths(
            store, batch("one"), progress=lambda _: seen.append(gc.get_freeze_count())
        )
        assert summary.added + summary.duplicates == 3
        assert gc.get_freeze_count() == before
        with pytest.raises(KeyboardInterrupt):
            process.add_paths(store, batch("two"), progress=interrupt)
    assert gc.get_freeze_count() == before
    # Each batch's first report is told before the freeze, the later ones after it.
    assert len(seen) == 5
    assert [seen[0], seen[3]] == [before, before]
    assert min(seen[1], seen[2], seen[4]) > before

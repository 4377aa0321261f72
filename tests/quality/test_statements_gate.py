"""The statements gate: speaker, act and domains on labelled statements must stay above pinned floors.

Four labelled sets (tests/data/statements/, format in docs/statements.md): statements of the
shared seeds and dev reports, stored as offsets and a hash of the content span (the texts stay in
../shared; those two sets are skipped when it is absent), and two sets of our own sentences
(own_dev was used while writing the rules, own_heldout was not). Per-domain precision and recall
are printed (pytest -s shows them).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import pytest

from diplograph.errors import IngestError
from diplograph.extract import pipeline
from diplograph.extract.domains import classify_domains
from diplograph.extract.normalize import fold
from diplograph.extract.people import scan_people
from diplograph.extract.segment import split_sentences
from diplograph.extract.statements import find_statements
from diplograph.extract.tokens import tokenize
from diplograph.ingest import article_from_text, read_articles
from diplograph.model import DOMAINS, Article, Statement, StatementAct

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
DATA = ROOT / "tests" / "data" / "statements"
FLOORS = json.loads(Path(__file__).with_name("statement_floors.json").read_text(encoding="utf-8"))
SHARED_SETS = {"seeds": "shared_seeds.jsonl", "corpus/dev": "shared_dev.jsonl"}
OWN_SETS = {"own_dev": "own_dev.jsonl", "own_heldout": "own_heldout.jsonl"}
ACTS = set(get_args(StatementAct))


@dataclass
class _Counts:
    """Tallies behind the gate's metrics: detection, speaker, act, and per-domain confusion."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker: int = 0
    act: int = 0
    domains: dict[str, list[int]] = field(default_factory=lambda: {d: [0, 0, 0] for d in DOMAINS})
    classifier: dict[str, list[int]] = field(default_factory=lambda: {d: [0, 0, 0] for d in DOMAINS})


def _statements(article: Article) -> list[Statement]:
    """The report's statements, from extract_article once the pipeline finds them, else built here."""
    if hasattr(pipeline, "find_statements"):
        return list(pipeline.extract_article(article).statements)
    text = article.text
    tokens = tokenize(text)
    skip = list(article.skip_spans)
    dateline = [(article.dateline.start, article.dateline.end)] if article.dateline else []
    people, infos = scan_people(text, split_sentences(text, tokens), skip, tokens)
    pair = pipeline._pair(people, text)
    pipeline._settle_countries(people, pair)
    return find_statements(text, pipeline._masked(text, skip + dateline), infos, people, pair=pair)


def _same_speaker(statement: Statement, gold: str) -> bool:
    if gold == "both":
        return statement.speaker_kind == "both"
    if len(gold) == 3 and gold.isupper():
        return statement.speaker_kind == "side" and statement.side == gold
    return statement.speaker_kind == "person" and fold(statement.speaker or "") == fold(gold)


def _match(golds: list[dict[str, Any]], predicted: list[Statement]) -> list[tuple[int, int]]:
    """One-to-one pairs whose content spans share at least half of the shorter one, best overlap first."""
    pairs: list[tuple[float, int, int]] = []
    for g, gold in enumerate(golds):
        for p, statement in enumerate(predicted):
            start, end = statement.content.start, statement.content.end
            shared = min(gold["end"], end) - max(gold["start"], start)
            shorter = min(gold["end"] - gold["start"], end - start)
            if shared > 0 and shared >= 0.5 * shorter:
                pairs.append((shared / (max(gold["end"], end) - min(gold["start"], start)), g, p))
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, g, p in sorted(pairs, reverse=True):
        if g not in taken_g and p not in taken_p:
            taken_g.add(g)
            taken_p.add(p)
            out.append((g, p))
    return out


def _tally(confusion: dict[str, list[int]], predicted: set[str], gold: set[str]) -> None:
    for domain, cells in confusion.items():
        cells[0] += domain in predicted and domain in gold
        cells[1] += domain in predicted and domain not in gold
        cells[2] += domain in gold and domain not in predicted


def _score(counts: _Counts, text: str, golds: list[dict[str, Any]], predicted: list[Statement]) -> None:
    counts.gold += len(golds)
    counts.predicted += len(predicted)
    for gold in golds:
        classified = classify_domains(text[gold["start"] : gold["end"]])
        _tally(counts.classifier, set(classified), set(gold["domains"]))
    for g, p in _match(golds, predicted):
        gold, statement = golds[g], predicted[p]
        counts.matched += 1
        counts.speaker += _same_speaker(statement, gold["speaker"])
        counts.act += statement.act == gold["act"]
        _tally(counts.domains, set(statement.domains), set(gold["domains"]))


def _micro_f1(confusion: dict[str, list[int]]) -> float:
    tp = sum(c[0] for c in confusion.values())
    fp = sum(c[1] for c in confusion.values())
    fn = sum(c[2] for c in confusion.values())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _metrics(counts: _Counts) -> dict[str, float]:
    return {
        "precision": counts.matched / counts.predicted if counts.predicted else 0.0,
        "recall": counts.matched / counts.gold if counts.gold else 0.0,
        "speaker_accuracy": counts.speaker / counts.matched if counts.matched else 0.0,
        "speaker_accuracy_strict": counts.speaker / counts.gold if counts.gold else 0.0,
        "act_accuracy": counts.act / counts.matched if counts.matched else 0.0,
        "domain_micro_f1": _micro_f1(counts.domains),
        "classifier_micro_f1": _micro_f1(counts.classifier),
    }


def _report(name: str, counts: _Counts, metrics: dict[str, float]) -> None:
    """Per-domain precision and recall, for the reader of `pytest -s`."""
    print(f"\n{name}: {counts.gold} gold, {counts.predicted} found, {counts.matched} matched")
    print("  " + ", ".join(f"{k}={v:.3f}" for k, v in metrics.items()))
    for label, confusion in (("matched", counts.domains), ("classifier", counts.classifier)):
        for domain, (tp, fp, fn) in confusion.items():
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            print(f"  {label:10s} {domain:28s} P={p:.2f} R={r:.2f} (tp={tp} fp={fp} fn={fn})")


def _check(name: str, counts: _Counts) -> None:
    metrics = _metrics(counts)
    _report(name, counts, metrics)
    below = {m: (round(metrics[m], 3), f) for m, f in FLOORS[name].items() if metrics[m] < f}
    assert not below, f"{name}: below floor {below}; all metrics {metrics}"


def _labels(file: str) -> list[dict[str, Any]]:
    lines = (DATA / file).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(SHARED_SETS))
def test_statements_gate_shared_reports_hold_floors(name: str) -> None:
    docs = SHARED / name / "docs" if name != "seeds" else SHARED / name
    if not docs.is_dir():
        pytest.skip("../shared is not beside the checkout")
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for label in _labels(SHARED_SETS[name]):
        by_doc.setdefault(label["doc"], []).append(label)
    counts = _Counts()
    for article in read_articles(sorted(docs.glob("*.txt"))):
        assert not isinstance(article, IngestError), str(article)
        golds = by_doc.pop(article.doc, [])
        for gold in golds:
            span = article.text[gold["start"] : gold["end"]].encode("utf-8")
            assert hashlib.sha1(span).hexdigest()[:10] == gold["sha1"], f"{article.doc}: label no longer fits"
        _score(counts, article.text, golds, _statements(article))
    assert not by_doc, f"labels for missing reports: {sorted(by_doc)}"
    _check(name, counts)


@pytest.mark.parametrize("name", sorted(OWN_SETS))
def test_statements_gate_own_sentences_hold_floors(name: str) -> None:
    counts = _Counts()
    for record in _labels(OWN_SETS[name]):
        article = article_from_text(record["text"], doc=record["id"])
        assert article.text == record["text"]
        _score(counts, article.text, record["statements"], _statements(article))
    _check(name, counts)


@pytest.mark.parametrize("file", sorted([*SHARED_SETS.values(), *OWN_SETS.values()]))
def test_statements_gate_labels_are_well_formed(file: str) -> None:
    records = _labels(file)
    labels = [s for r in records for s in r["statements"]] if "own" in file else records
    assert len(labels) >= 80
    for record in records:
        for label in record.get("statements", []):
            assert record["text"][label["start"] : label["end"]] == label["content"], record["id"]
    for label in labels:
        assert label["act"] in ACTS, label
        assert set(label["domains"]) <= set(DOMAINS), label
        assert label["speaker"], label
        assert 0 <= label["start"] < label["end"], label


def test_statements_gate_own_sets_are_large_enough_and_floors_well_formed() -> None:
    own = sum(len(r["statements"]) for f in OWN_SETS.values() for r in _labels(f))
    assert own >= 300
    for name, floors in FLOORS.items():
        if not name.startswith("_"):
            assert all(0.0 <= floor <= 1.0 for floor in floors.values()), name

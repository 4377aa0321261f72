"""Hostile and unusual strings are stored verbatim, or refused clearly on both backends alike."""

from __future__ import annotations

import dataclasses

import pytest
from store_helpers import engagement, figure, person, report

from diplograph.errors import StoreError
from diplograph.model import Article, Extraction
from diplograph.store import Store

HOSTILE = [
    "Robert'); DROP TABLE reports; --",
    'He said "NEAR(x y)" OR title:* AND ^1',
    "100% of the _tables_ \\ escape \\\\ here",
    "Tô Lâm 🇻🇳 and 习近平 met; ঢাকা, القاهرة, תל אביב",
    "e\u0301 composed apart, zero\u200bwidth, joiner\u200d, bidi \u202eoverride\u202c",
    "tabs\tand\r\nwindows\rlines\u2028and\u2029separators",
    "x" * 20_000,
]


def hostile_report(name: str, body_extra: str) -> Extraction:
    body = f"{body_extra}\n{name} held talks with Vuong Dinh Hue in {name}. Trade reached {name} 5 dollars."
    return report(
        body,
        doc=f"{name[:40]}.txt",
        title=name,
        source=name,
        published="2024-01-02",
        people=[
            person(body, name, None, titles=[name], aliases=[name.upper()]),
            person(body, "Vuong Dinh Hue", "VNM"),
        ],
        engagements=[
            engagement(
                body,
                f"{name} held talks with Vuong Dinh Hue",
                location=name,
                mechanism=name,
                ordinal=3,
                participants=[(name, None, name), ("Vuong Dinh Hue", "VNM", None)],
            )
        ],
        figures=[figure(body, f"{name} 5 dollars", indicator=name, value=5.0, unit=name)],
        warnings=[name],
    )


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_store_hostile_strings_are_stored_verbatim(store: Store, value: str) -> None:
    extraction = hostile_report(value, value)
    extraction = dataclasses.replace(
        extraction,
        article=dataclasses.replace(extraction.article, url=value, metadata=((value, value),), origin=value),
    )
    assert store.save(extraction, source_key=value) == "added"
    assert store.load(value) == extraction
    assert store.save(extraction, source_key=value) == "unchanged"
    store.search(value)
    assert store.counts()["reports"] == 1


@pytest.mark.parametrize("name", ["***", "—", "123", "."])
def test_store_hostile_unreadable_names_keep_the_report(store: Store, name: str) -> None:
    extraction = hostile_report(name, "Body.")
    assert store.save(extraction, source_key="k") == "added"
    assert store.load("k") == extraction
    assert store.save(hostile_report(name, "Another body."), source_key="k2") in {"added", "duplicate"}
    store.remove("k")
    store.remove("k2")
    assert store.counts()["persons"] == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", "before\x00after"),
        ("title", "a\x00b"),
        ("doc", "\udcff.txt"),
        ("text", "lone \ud800 surrogate"),
    ],
)
def test_store_hostile_unstorable_text_is_refused_on_every_backend(
    store: Store, field: str, value: str
) -> None:
    base = report("A plain report.", doc="plain.txt")
    article: Article = dataclasses.replace(base.article, **{field: value})
    with pytest.raises(StoreError, match=r"NUL|Unicode"):
        store.save(dataclasses.replace(base, article=article), source_key="k")
    assert store.counts()["reports"] == 0


@pytest.mark.parametrize("key", ["", "   "])
def test_store_hostile_empty_source_key_is_refused(store: Store, key: str) -> None:
    with pytest.raises(StoreError, match="source_key"):
        store.save(report("A plain report."), source_key=key)

"""A large synthetic knowledge base for the query benchmark, written straight into the store's tables.

Saving 100,000 engagements one report at a time takes many minutes; the query benchmark needs the
shape of a big database, not the write path (bench_store.py times that separately, on real
ingest). So rows are generated with realistic proportions and bulk-inserted in one transaction
into a database that open_store() created and migrated, with the report texts indexed for full-text
search through the store's own ``index_report``:

- 40 countries (Zipf-weighted: a few relationships dominate), 60 officials each (Zipf-weighted
  inside a country: a head of state appears far more often than a deputy minister);
- engagements over 15 years, mostly between two countries, kinds and statuses in the proportions
  the extractor finds in real readouts; one in ten planned, most plans later linked to the session
  that was held;
- standing mechanisms for the busiest pairs, their sessions numbered in date order;
- reports of ~600 words from generate.py, each the source of about seven engagements, and one
  engagement in three told by a second outlet.

Columns the generator does not fill take a neutral value for their type, so the script keeps
working when the schema gains a column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, Integer, LargeBinary, Table, insert

from diplograph.extract.gazetteer import countries
from diplograph.extract.normalize import fold
from diplograph.store import Store, schema
from diplograph.store.search import index_report
from generate import MECHANISMS, report

KINDS = (
    ("talks", 24),
    ("meeting", 26),
    ("visit", 14),
    ("phone_call", 9),
    ("video_call", 2),
    ("co_chair", 9),
    ("dialogue", 4),
    ("attend", 4),
    ("signing", 6),
    ("other", 2),
)
GIVEN = """Amal Bao Chen Dara Emre Farid Gita Hana Ivan Jana Kofi Lena Minh Nadia Omar Priya Quan Rafael
Sofia Tariq Uma Viktor Wen Xenia Yusuf Zara Anh Boris Carmen Dmitri Elif Felipe""".split()
FAMILY = """Abe Banda Costa Dlamini Eriksen Fofana Garcia Haddad Ibrahim Jensen Kato Lindqvist Mensah Nakamura
Okafor Petrov Quispe Rahman Silva Tran Usman Vargas Wang Xu Yilmaz Zhou Alvarez Bakr Cruz Diallo""".split()
TITLES = ("President", "Prime Minister", "Foreign Minister", "Deputy Prime Minister", "Trade Minister")
PUBLISHERS = ("Xinhua", "VNA", "Reuters", "TASS", "Kyodo", "PTI", "Antara", "Yonhap", "AP", "AFP")
START = dt.date(2010, 1, 1)
DAYS = 15 * 365
NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def hid(*parts: object) -> str:
    """A 32-hex id like the store's (a different namespace, so never equal to a real one)."""
    return hashlib.sha256("\x1f".join(map(str, ("bench", *parts))).encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Official:
    id: str
    name: str
    country: str
    title: str


@dataclass(slots=True)
class World:
    """Countries, officials, mechanisms and how often each appears."""

    countries: list[tuple[str, str, str]]  # (iso3, name, capital)
    country_weights: list[float]
    officials: dict[str, list[Official]]
    official_weights: list[float]
    mechanisms: dict[tuple[str, str], list[tuple[str, str]]]  # pair -> [(id, name)]


def world(rng: random.Random, *, size: int = 40, per_country: int = 60) -> World:
    chosen = [c for c in countries() if c.capital][: size * 2]
    rng.shuffle(chosen)
    picked = [(c.iso3, c.name, c.capital or c.name) for c in chosen[:size]]
    officials: dict[str, list[Official]] = {}
    pool = [f"{g} {f}" for g in GIVEN for f in FAMILY] + [
        f"{g} {f}-{h}" for g in GIVEN for f in FAMILY for h in FAMILY[:4]
    ]
    unique_names = iter(rng.sample(pool, size * per_country))  # no two officials share a name
    for iso3, _, _ in picked:
        names = [next(unique_names) for _ in range(per_country)]
        officials[iso3] = [
            Official(hid("person", iso3, name), name, iso3, TITLES[min(rank // 4, len(TITLES) - 1)])
            for rank, name in enumerate(names)
        ]
    mechanisms: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for i, (a, a_name, _) in enumerate(picked[:15]):
        for b, b_name, _ in picked[i + 1 : 15]:
            pair = tuple(sorted((a, b)))
            names = [f"{a_name}-{b_name} {m}" for m in rng.sample(MECHANISMS, 2)]
            mechanisms[(pair[0], pair[1])] = [(hid("mechanism", name), name) for name in names]
    return World(
        countries=picked,
        country_weights=[1 / (rank + 1) ** 1.2 for rank in range(size)],
        officials=officials,
        official_weights=[1 / (rank + 1) ** 1.1 for rank in range(per_country)],
        mechanisms=mechanisms,
    )


@dataclass(slots=True)
class Drawn:
    id: str
    kind: str
    status: str
    date: str
    location: str
    location_country: str
    people: list[Official]
    mechanism: tuple[str, str] | None
    ordinal: int | None = None
    held_as: str | None = None


def draw(rng: random.Random, w: World, number: int) -> Drawn:
    """One engagement: two countries (sometimes one or three people), a kind, a day, a place."""
    a, b = rng.choices(w.countries, w.country_weights, k=2)
    while b == a:
        b = rng.choices(w.countries, w.country_weights)[0]
    people = [rng.choices(w.officials[c[0]], w.official_weights)[0] for c in (a, b)]
    if rng.random() < 0.2:
        people.append(rng.choices(w.officials[a[0]], w.official_weights)[0])
    if rng.random() < 0.08:
        people = people[:1]
    kind = rng.choices([k for k, _ in KINDS], [n for _, n in KINDS])[0]
    status = "planned" if rng.random() < 0.1 else "held"
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    date = day.isoformat() if rng.random() < 0.85 else day.isoformat()[:7]
    host = rng.choice((a, b))
    pair = tuple(sorted((a[0], b[0])))
    options = w.mechanisms.get((pair[0], pair[1]))
    mechanism = rng.choice(options) if options and (kind == "co_chair" or rng.random() < 0.05) else None
    return Drawn(
        hid("engagement", number),
        kind,
        status,
        date,
        host[2],
        host[0],
        list(dict.fromkeys(people)),
        mechanism,
    )


def engagements(rng: random.Random, w: World, count: int) -> list[Drawn]:
    """``count`` engagements; sessions numbered per mechanism in date order, plans linked to them."""
    drawn = [draw(rng, w, number) for number in range(count)]
    sessions: dict[str, list[Drawn]] = {}
    for item in drawn:
        if item.mechanism is not None:
            sessions.setdefault(item.mechanism[0], []).append(item)
    for items in sessions.values():
        held = sorted((i for i in items if i.status == "held"), key=lambda i: i.date)
        for ordinal, item in enumerate(held, start=1):
            item.ordinal = ordinal
        for plan in (i for i in items if i.status == "planned"):
            later = [h for h in held if h.date >= plan.date]
            if later and rng.random() < 0.7:
                plan.held_as, plan.ordinal, plan.date = later[0].id, later[0].ordinal, later[0].date[:7]
    return drawn


def filled(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` cut to the table's columns, with a neutral value for every NOT NULL column it leaves out."""
    row = {key: value for key, value in row.items() if key in table.columns}
    for column in table.columns:
        if column.name in row or column.nullable or column.autoincrement is True:
            continue
        kind = column.type
        row[column.name] = (
            NOW
            if isinstance(kind, DateTime)
            else False
            if isinstance(kind, Boolean)
            else 0.0
            if isinstance(kind, Float)
            else 0
            if isinstance(kind, Integer)
            else b""
            if isinstance(kind, LargeBinary)
            else "[]"
            if column.name in {"skip_spans", "metadata", "notes", "titles", "aliases"}
            else ""
        )
    return row


FTS = "fts"  # not a table: a report text to index through the store's search module
ORDER = (
    schema.persons,
    schema.person_aliases,
    schema.mechanisms,
    schema.engagements,
    schema.engagement_participants,
    schema.reports,
    FTS,
    schema.mentions,
    schema.report_people,
    schema.person_titles,
    schema.person_mentions,
)
Row = tuple[Table | str, dict[str, Any]]


def rows(rng: random.Random, w: World, drawn: list[Drawn]) -> Iterator[Row]:
    """Every row of the synthetic database, parents before children."""
    for people in w.officials.values():
        for person in people:
            key = f"{fold(person.name)}|{person.country}"
            yield (
                schema.persons,
                {"id": person.id, "name": person.name, "key": key, "country": person.country},
            )
            alias = {"person_id": person.id, "alias": person.name, "folded": fold(person.name)}
            yield schema.person_aliases, alias
    used = {item.mechanism[0] for item in drawn if item.mechanism}
    for pair, pair_mechanisms in w.mechanisms.items():
        for mid, name in (m for m in pair_mechanisms if m[0] in used):
            yield schema.mechanisms, {"id": mid, "name": name, "key": fold(name), "countries": "-".join(pair)}
    for item in sorted(drawn, key=lambda i: i.held_as is not None):  # held sessions before plans
        yield (
            schema.engagements,
            {
                "id": item.id,
                "kind": item.kind,
                "status": item.status,
                "date_start": item.date,
                "location": item.location,
                "location_country": item.location_country,
                "mechanism_id": item.mechanism[0] if item.mechanism else None,
                "ordinal": item.ordinal,
                "held_as": item.held_as,
                "sources": 1,
                "updated_at": NOW,
            },
        )
        for person in item.people:
            yield (
                schema.engagement_participants,
                {
                    "engagement_id": item.id,
                    "person_id": person.id,
                    "title": person.title,
                },
            )
    told = [*drawn, *rng.sample(drawn, len(drawn) // 3)]
    rng.shuffle(told)
    for number, start in enumerate(range(0, len(told), 7)):
        yield from _report(rng, number, told[start : start + 7])


def _report(rng: random.Random, number: int, items: list[Drawn]) -> Iterator[Row]:
    """One report of generate.py's text, the source of ``items``, with its people's facts."""
    report_id = hid("report", number)
    text = report(rng, number)
    title = text.strip().split("\n", 1)[0]
    yield (
        schema.reports,
        {
            "id": report_id,
            "source_key": f"/bench/report_{number:06d}.txt",
            "doc": f"report_{number:06d}.txt",
            "text_hash": hid("text", number),
            "fingerprint": hid("print", number),
            "title": title,
            "source": rng.choice(PUBLISHERS),
            "url": f"https://example.org/report/{number}",
            "published": items[0].date,
            "published_basis": "header",
            "text": text,
            "extractor_version": "bench",
            "added_at": NOW,
            "updated_at": NOW,
        },
    )
    yield FTS, {"report_id": report_id, "title": title, "body": text}
    cut = text.index(".", 100) + 1
    people: dict[str, tuple[Official, str]] = {}
    for position, item in enumerate(items):
        yield (
            schema.mentions,
            {
                "id": hid("mention", number, position),
                "report_id": report_id,
                "position": position,
                "engagement_id": item.id,
                "kind": item.kind,
                "status": item.status,
                "date": item.date,
                "date_basis": "explicit",
                "location": item.location,
                "location_country": item.location_country,
                "location_basis": "text",
                "mechanism": item.mechanism[1] if item.mechanism else None,
                "mechanism_id": item.mechanism[0] if item.mechanism else None,
                "ordinal": item.ordinal,
                "evidence": text[:cut],
                "start": 0,
                "end": cut,
                "extractor_version": "bench",
            },
        )
        for person in item.people:
            people.setdefault(person.id, (person, item.date))
    for position, (person, date) in enumerate(people.values()):
        key = {"report_id": report_id, "person_id": person.id}
        named = {"name": person.name, "country": person.country, "listed": True}
        yield schema.report_people, {**key, "position": position, **named}
        place = {"person_position": position, "position": 0}
        yield (
            schema.person_titles,
            {**key, **place, "title": person.title, "date": date, "date_basis": "engagement"},
        )
        yield schema.person_mentions, {**key, **place, "name": person.name, "start": 0, "end": cut}


def build(store: Store, *, count: int, seed: int, batch: int = 20_000) -> dict[str, int]:
    """Fill an empty, migrated store with ``count`` engagements and their reports; rows per table."""
    rng = random.Random(seed)
    w = world(rng)
    drawn = engagements(rng, w, count)
    pending: dict[Table | str, list[dict[str, Any]]] = {table: [] for table in ORDER}
    written = dict.fromkeys((t if isinstance(t, str) else t.name for t in ORDER), 0)
    with store.engine.begin() as conn:

        def flush() -> None:
            for table, items in pending.items():
                if not items:
                    continue
                if isinstance(table, str):
                    for item in items:
                        index_report(conn, item["report_id"], title=item["title"], body=item["body"])
                else:
                    conn.execute(insert(table), [filled(table, item) for item in items])
                written[table if isinstance(table, str) else table.name] += len(items)
                items.clear()

        for table, row in rows(rng, w, drawn):
            pending[table].append(row)
            if sum(map(len, pending.values())) >= batch:
                flush()
        flush()
    return written

"""Tests for the money-figure extractor; every sentence here was written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.extract.figures import find_figures
from diplograph.model import Figure, PartialDate

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def only(text: str, **anchor: int | None) -> Figure:
    figures = find_figures(text, **anchor)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Two-way trade came to US$168.5 billion.", 168.5e9, "USD"),
        ("Two-way trade came to 168.5 billion USD.", 168.5e9, "USD"),
        ("Bilateral trade passed 200 billion U.S. dollars.", 200e9, "USD"),
        ("They hope to push trade turnover to USD5 billion.", 5e9, "USD"),
        ("Trade between the neighbours totalled $10.57 billion.", 10.57e9, "USD"),
        ("Trade between the neighbours totalled $7.1 billion.", 7.1e9, "USD"),
        ("Seoul wants $150 billion of bilateral trade.", 150e9, "USD"),
        ("The ministry counted more than $150 billion in two-way trade.", 150e9, "USD"),
        ("The bank opened a line of credit worth Rs 9,000 crore.", 9000e7, "INR"),
        ("The bank opened a line of credit worth Rs. 12 lakh.", 12e5, "INR"),
        ("European investment rose to €2.5 billion.", 2.5e9, "EUR"),
        ("European investment rose to 2.5 billion euros.", 2.5e9, "EUR"),
        ("Trade with the province reached RMB 1.2 trillion.", 1.2e12, "CNY"),
        ("Trade with the province reached 1.2 trillion yuan.", 1.2e12, "CNY"),
        ("Registered capital of the projects hit VND 500 trillion.", 500e12, "VND"),
        ("Registered capital of the projects hit 500 trillion dong.", 500e12, "VND"),
        ("London's aid to the region stood at £3 billion.", 3e9, "GBP"),
        ("The fund disbursed grants of 300 million US dollars.", 300e6, "USD"),
        ("Exports to Korea were worth $2.4bn.", 2.4e9, "USD"),
        ("Total FDI amounted to US$ 820,000.", 820e3, "USD"),
    ],
)
def test_figures_reads_amount_and_currency(text: str, value: float, unit: str) -> None:
    figure = only(text)
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Tokyo intends to invest 3.5 trillion yen ($31 billion) in the railway.", 3.5e12, "JPY"),
        ("Japanese ODA passed JPY80 billion (nearly $560 million) that year.", 80e9, "JPY"),
        ("The loan package of $2 billion (about 1.6 trillion won) was signed.", 2e9, "USD"),
        ("Seoul's investment reached 2 trillion won, or about $1.5 billion, by June.", 2e12, "KRW"),
    ],
)
def test_figures_conversion_is_not_a_second_figure(text: str, value: float, unit: str) -> None:
    figure = only(text)
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("Bilateral trade hit $90 billion in 2019.", "bilateral trade"),
        ("Two-way trade between Laos and Peru hit $9 billion.", "two-way trade between Laos and Peru"),
        ("The trade turnover hit $3 billion.", "trade turnover"),
        ("The trade volume hit $3 billion.", "trade volume"),
        ("Official development assistance (ODA) hit JPY20 billion.", "official development assistance (ODA)"),
        ("Japan's ODA to Laos hit JPY20 billion.", "ODA to Laos"),
        ("Cumulative investment hit $4 billion.", "cumulative investment"),
        ("The two sides aim to raise trade to $20 billion by 2030.", "trade (target)"),
        ("Officials set a target of $20 billion in bilateral trade.", "bilateral trade (target)"),
        ("Trade is projected to reach $12 billion next year.", "trade (projection)"),
        ("Berlin has pledged €400 million in humanitarian aid.", "planned humanitarian aid"),
        ("Tokyo plans to invest 1 trillion yen in the region.", "planned investment"),
        ("Firms from both sides signed 15 deals worth $7 billion.", "deals"),
    ],
)  # fmt: skip
def test_figures_names_the_indicator(text: str, indicator: str) -> None:
    assert only(text, anchor_year=2024).indicator == indicator


@pytest.mark.parametrize(
    ("text", "anchor_year", "anchor_month", "period"),
    [
        ("Bilateral trade hit $9 billion in the first 10 months of 2024.", None, None, "2024-01/2024-10"),
        ("Bilateral trade hit $9 billion in the first nine months.", 2023, 11, "2023-01/2023-09"),
        ("Bilateral trade hit $9 billion in the first 11 months.", 2024, 1, "2023-01/2023-11"),
        ("Bilateral trade hit $9 billion in 2022.", None, None, "2022"),
        ("Bilateral trade hit $9 billion last year.", 2023, None, "2022"),
        ("Bilateral trade should hit $9 billion this year.", 2021, None, "2021"),
        ("Bilateral trade should hit $9 billion by 2020.", None, None, "2020"),
        ("Bilateral trade should hit $9 billion by the end of the year.", 2023, 12, "2023"),
        ("Bilateral trade hit $9 billion in the first half of 2023.", None, None, "2023-01/2023-06"),
        ("Bilateral trade hit $9 billion in the second half of last year.", 2024, 3, "2023-07/2023-12"),
        ("Bilateral trade hit $9 billion in the first quarter.", 2022, 5, "2022-01/2022-03"),
        ("Bilateral trade hit $9 billion in the third quarter of 2021.", None, None, "2021-07/2021-09"),
        ("Bilateral trade hit $9 billion in January-August 2024.", None, None, "2024-01/2024-08"),
        ("Bilateral trade hit $9 billion in March 2024.", None, None, "2024-03"),
        ("In 2019, bilateral trade hit $9 billion.", None, None, "2019"),
        ("Last year, bilateral trade hit $9 billion.", 2020, None, "2019"),
        ("Bilateral trade hit $9 billion.", 2024, None, None),
        ("Bilateral trade should hit $9 billion this year.", None, None, None),
        ("Bilateral trade hit $9 billion, up 4% from last year.", 2024, None, None),
        ("Bilateral trade should hit $9 billion over the next five years.", 2024, None, "2024/2029"),
        ("Bilateral trade should hit $9 billion in the next few years.", 2024, None, None),
    ],
)
def test_figures_resolves_period(
    text: str, anchor_year: int | None, anchor_month: int | None, period: str | None
) -> None:
    assert only(text, anchor_year=anchor_year, anchor_month=anchor_month).period == period


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Bilateral trade hit $9 billion in 2020, a 21.1 per cent increase on 2019.", 21.1),
        ("Bilateral trade hit $9 billion, up 21.1%.", 21.1),
        ("Bilateral trade hit $9 billion, an increase of 21.1 percent.", 21.1),
        ("Bilateral trade fell to $9 billion, down 3.2 per cent.", -3.2),
        ("Bilateral trade hit $9 billion in 2020, a 6.5 percent year-on-year decline.", -6.5),
        ("Bilateral trade rose 5% year-on-year to $9 billion.", 5.0),
        ("Bilateral trade slipped by 2.5 per cent to $9 billion.", -2.5),
        ("Bilateral trade hit $9 billion.", None),
        ("Bilateral trade hit $9 billion, while investment grew 12%.", None),
    ],
)
def test_figures_reads_change(text: str, change: float | None) -> None:
    figure = only(text)
    assert figure.change_pct == (None if change is None else pytest.approx(change))


def test_figures_evidence_is_exact_and_short() -> None:
    text = (
        "The ministers met in Vientiane on Monday.\n"
        "Officials noted two-way trade climbing to US$3.2 billion in the first half of 2024, a 14.5 "
        "per cent increase on a year earlier. They agreed to meet again."
    )
    figure = only(text)
    ev = figure.evidence
    assert text[ev.start : ev.end] == ev.quote
    assert ev.quote == (
        "two-way trade climbing to US$3.2 billion in the first half of 2024, a 14.5 per cent increase"
    )
    assert (figure.period, figure.change_pct) == ("2024-01/2024-06", 14.5)


def test_figures_several_amounts_share_one_indicator() -> None:
    text = (
        "Trade between Laos and Vietnam came to $1.6 billion in 2021 and $1.4 billion in the first nine "
        "months of 2022, and is forecast to reach $2 billion by the end of the year."
    )
    figures = find_figures(text, anchor_year=2022, anchor_month=11)
    assert [(f.value, f.period) for f in figures] == [
        (1.6e9, "2021"),
        (1.4e9, "2022-01/2022-09"),
        (2e9, "2022"),
    ]
    assert figures[1].evidence.quote == "$1.4 billion in the first nine months of 2022"
    assert figures[2].indicator.endswith("(projection)")
    for figure in figures:
        assert text[figure.evidence.start : figure.evidence.end] == figure.evidence.quote


def test_figures_follows_the_figure_into_the_next_sentence() -> None:
    text = "Bilateral trade hit $5 billion last year. The figure is expected to reach $6 billion this year."
    figures = find_figures(text, anchor_year=2024)
    assert [(f.value, f.period, f.indicator) for f in figures] == [
        (5e9, "2023", "bilateral trade"),
        (6e9, "2024", "bilateral trade (projection)"),
    ]


def test_figures_headline_repeat_is_one_figure() -> None:
    text = (
        "Hanoi and Vientiane aim to lift trade to USD3 billion\n"
        "HANOI - The two governments agreed to strive to raise bilateral trade to USD3 billion soon."
    )
    figure = only(text)
    assert figure.evidence.start > text.index("\n")


@pytest.mark.parametrize(
    "text",
    [
        "The two countries aim to reach trade turnover growth of 10-15 per cent.",
        "Washington cut the tariff on their goods from 125% to 10%, and trade recovered.",
        "The ministers witnessed the signing of nearly 40 agreements on trade and investment.",
        "Police arrested hundreds of suspects and seized 3.5 tonnes of drugs at the border.",
        "In 2024 the 16th meeting of the committee on trade was held at 10:30 in Hanoi.",
        "For trade enquiries, call +84 24 3799 2682 or 0912 345 678.",
        "A businessman accused in a bank loan default case of over Rs 9,000 crore is abroad.",
        "Trade officials said the $3 million fraud scheme had been dismantled.",
        "The World Trade Organization put the cost at $4 billion.",
        "The president said the $40 million stadium would open in 2026.",
        "Trade ties have grown fast, and the $2 billion railway opened in 2021.",
        "",
        "   \n\n  ",
        "$ billion trade",
        "Trade 2022 yen",
    ],
)
def test_figures_ignores_non_figures(text: str) -> None:
    assert find_figures(text, anchor_year=2024, anchor_month=6) == []


def test_figures_handles_unicode_offsets() -> None:
    text = "Hà Nội – Kim ngạch thương mại: bilateral trade reached US$1.2 billion in 2023."
    figure = only(text)
    assert text[figure.evidence.start : figure.evidence.end] == figure.evidence.quote
    assert figure.evidence.quote.startswith("bilateral trade")


@pytest.mark.parametrize(
    ("text", "value", "indicator"),
    [
        ("The leaders welcomed a $1.5 billion investment package for the port.", 1.5e9, "investment"),
        ("Tokyo signed a 50 billion yen ODA loan for the metro line.", 50e9, "ODA loan"),
        ("Two-way trade is put at $5-6 billion a year.", 5e9, "two-way trade"),
        ("The donor gave $2 million in non-refundable aid.", 2e6, "non-refundable aid"),
    ],
)
def test_figures_reads_compounds_and_ranges(text: str, value: float, indicator: str) -> None:
    figure = only(text)
    assert (figure.value, figure.indicator) == (pytest.approx(value), indicator)


def test_figures_month_after_the_anchor_is_last_year() -> None:
    text = "Investment in the province reached US$2.3 billion as of November."
    assert only(text, anchor_year=2024, anchor_month=1).period == "2023-11"
    assert only(text, anchor_year=2024, anchor_month=12).period == "2024-11"


def test_figures_keeps_separate_clauses_apart() -> None:
    text = "Bilateral trade hit $10 billion in 2023 while investment rose to $2 billion, up 8%."
    trade, investment = find_figures(text)
    assert (trade.indicator, trade.period, trade.change_pct) == ("bilateral trade", "2023", None)
    assert (investment.indicator, investment.change_pct) == ("investment", 8.0)


def test_figures_unlinked_amount_does_not_inherit_the_indicator() -> None:
    text = "Bilateral trade reached $5 billion, and the $2 billion railway opened in 2021."
    assert [f.value for f in find_figures(text)] == [5e9]


def test_figures_survives_a_run_of_digits() -> None:
    assert find_figures("Bilateral trade reached $" + "9" * 5000 + " billion.") == []


_TOKENS = st.sampled_from(
    [
        "trade", "Bilateral trade", "investment", "ODA", "aid", "reached", "to", "of", "in", "the", "first",
        "10", "months", "2023", "last year", "this year", "up", "down", "5.5%", "per cent", "$", "US$", "USD",
        "yen", "dong", "Rs", "crore", "billion", "million", "(", ")", ",", ".", "\n", "Hà Nội", "aim to", "€",
        "1,200", "3.5", "expected to reach", "fraud", "the figure", "U.S.", "-",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(tokens=st.lists(_TOKENS, max_size=40), anchor_year=st.one_of(st.none(), st.integers(1990, 2030)))
def test_figures_any_text_gives_well_formed_figures(tokens: list[str], anchor_year: int | None) -> None:
    text = " ".join(tokens)
    for figure in find_figures(text, anchor_year=anchor_year, anchor_month=6 if anchor_year else None):
        assert text[figure.evidence.start : figure.evidence.end] == figure.evidence.quote
        assert figure.value > 0
        assert len(figure.unit) == 3
        assert figure.unit.isupper()
        assert figure.indicator
        assert figure.indicator == figure.indicator.strip()
        if figure.period is not None:
            PartialDate.parse(figure.period)


def _documents() -> list[tuple[Path, Path]]:
    pairs = [
        (t, SHARED / "seeds" / "gold" / f"{t.stem}.json") for t in sorted((SHARED / "seeds").glob("*.txt"))
    ]
    dev = SHARED / "corpus" / "dev"
    pairs += [(t, dev / "gold" / f"{t.stem}.json") for t in sorted((dev / "docs").glob("*.txt"))]
    return [(t, g) for t, g in pairs if g.exists()]


def _matches(value: float, unit: str, others: list[tuple[float, str]]) -> bool:
    """The scorer's rule: same currency, value within 0.5 %."""
    return any(u == unit and abs(value - v) <= 0.005 * v for v, u in others)


@pytest.mark.shared
def test_figures_recovers_gold_figures_of_real_reports() -> None:
    documents = _documents() if SHARED.is_dir() else []
    if not documents:
        pytest.skip("../shared with gold annotations is not beside the checkout")
    expected = found = spurious = 0
    for text_path, gold_path in documents:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = text_path.read_text(encoding="utf-8")
        published = gold.get("published") or ""
        figures = find_figures(
            text,
            anchor_year=int(published[:4]) if published else None,
            anchor_month=int(published[5:7]) if published else None,
        )
        for figure in figures:
            assert text[figure.evidence.start : figure.evidence.end] == figure.evidence.quote
        wanted = [(float(g["value"]), str(g["unit"])) for g in gold.get("figures") or []]
        got = [(f.value, f.unit) for f in figures]
        expected += len(wanted)
        found += sum(_matches(v, u, got) for v, u in wanted)
        spurious += sum(not _matches(v, u, wanted) for v, u in got)
    assert expected > 0
    assert found >= 0.9 * expected
    assert spurious <= 2

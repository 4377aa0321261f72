"""Tests for the whole pipeline: what every report yields, and that odd or huge input is survivable."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.extract import EXTRACTOR_VERSION, extract_article, make_nlp
from diplograph.extract.pipeline import make_doc, sentence_spans
from diplograph.extract.segment import split_sentences
from diplograph.ingest import article_from_text
from diplograph.model import Article, Extraction

_REPORT = (
    "Vietnam, Laos leaders meet in Hanoi\n\n"
    "Prime Minister Pham Minh Chinh met with Lao Prime Minister Sonexay Siphandone in Hanoi on Tuesday. "
    "(Photo: Tran Van Minh)\n\n"
    "Chinh said Vietnam treasured its special relationship with Laos. "
    "Sonexay thanked him for the welcome.\n\n"
    "Photo: Nguyen Hong Thai\n"
)


def run(text: str, *, published: str | None = "2024-12-11") -> Extraction:
    return extract_article(article_from_text(text, published=published))


def assert_offsets_exact(extraction: Extraction) -> None:
    text = extraction.article.text
    for engagement in extraction.engagements:
        evidence = engagement.evidence
        assert text[evidence.start : evidence.end] == evidence.quote
    for person in extraction.people:
        for mention in person.mentions:
            assert text[mention.start : mention.end] == mention.quote
    for figure in extraction.figures:
        assert text[figure.evidence.start : figure.evidence.end] == figure.evidence.quote


def summary(extraction: Extraction) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    return [
        (e.kind, e.status, str(e.date) if e.date else None, tuple(sorted(p.name for p in e.participants)))
        for e in extraction.engagements
    ]


def test_pipeline_report_yields_people_engagement_and_version() -> None:
    extraction = run(_REPORT)
    assert extraction.extractor_version == EXTRACTOR_VERSION
    assert [(p.name, p.country) for p in extraction.people] == [
        ("Pham Minh Chinh", "VNM"),
        ("Sonexay Siphandone", "LAO"),
    ]
    assert summary(extraction) == [
        ("meeting", "held", "2024-12-10", ("Pham Minh Chinh", "Sonexay Siphandone")),
    ]
    assert_offsets_exact(extraction)


def test_pipeline_photo_credits_are_not_people() -> None:
    names = {p.name for p in run(_REPORT).people}
    assert "Tran Van Minh" not in names
    assert "Nguyen Hong Thai" not in names


def test_pipeline_notes_the_date_anchor() -> None:
    assert any(note.startswith("date anchor: 2024-12-11") for note in run(_REPORT).warnings)
    assert run("Trade grew strongly this year.", published=None).warnings == ()


def test_pipeline_people_in_order_of_first_mention() -> None:
    extraction = run(
        "Premier Li Qiang of China met Vietnam's Prime Minister Pham Minh Chinh in Beijing on Monday.\n"
        "Earlier, Chinese President Xi Jinping met Lao President Thongloun Sisoulith."
    )
    starts = [p.mentions[0].start for p in extraction.people]
    assert starts == sorted(starts)
    assert [p.name for p in extraction.people][:2] == ["Li Qiang", "Pham Minh Chinh"]


def test_pipeline_empty_text() -> None:
    extraction = extract_article(Article(text="", doc="empty.txt"))
    assert extraction.people == ()
    assert extraction.engagements == ()
    assert extraction.figures == ()
    assert extraction.extractor_version == EXTRACTOR_VERSION


def test_pipeline_blank_text() -> None:
    extraction = run(" \n\n\t \n")
    assert extraction.people == ()
    assert extraction.engagements == ()


def test_pipeline_text_without_people() -> None:
    extraction = run("The weather in the region was mild and the markets were calm.\nPrices held steady.")
    assert extraction.people == ()
    assert extraction.engagements == ()


def test_pipeline_large_text_of_repeated_paragraphs_is_stable() -> None:
    paragraph = (
        "Premier Li Qiang of China met Vietnam's Prime Minister Pham Minh Chinh in Beijing on Monday. "
        "Li said China valued the relationship. Chinh thanked him for the warm welcome.\n\n"
    )
    big = paragraph * (200_000 // len(paragraph) + 1)
    assert len(big) >= 200_000
    first = run(big)
    second = run(big)
    assert first == second
    assert summary(first) == summary(run(paragraph))
    assert [p.name for p in first.people] == ["Li Qiang", "Pham Minh Chinh"]
    assert len(first.people[0].mentions) == big.count("Li Qiang")
    assert_offsets_exact(first)


def test_pipeline_hostile_strings_do_not_crash() -> None:
    hostile = [
        "<script>alert('Wang Yi')</script> met \x00\x07 with \u200b Bui Thanh Son in <b>Hanoi</b>.",
        "Chinese Foreign Minister Wang Yi\x1b[31m held talks\u202e with Bui Thanh Son.",
        " ".join(["Nguyen Van"] * 3000),
        " ".join(["Minister"] * 5000) + " Wang Yi met Bui Thanh Son.",
        " ".join(["Ho Chi Minh City"] * 2000),
        "A" * 100_000,
        "\ufeff" * 10 + "Xi.",
        "met met met " * 400,  # a long sentence of triggers
        "Mr. " * 3000 + "Li.",
        "(" * 5000 + ")" * 5000,
    ]
    for text in hostile:
        extraction = run(text)
        assert_offsets_exact(extraction)


def test_pipeline_hostile_markup_keeps_real_people() -> None:
    extraction = run(
        "<script>x</script> Foreign Minister Bui Thanh Son of Vietnam held talks on Tuesday in Hanoi with "
        "Wang Yi of China."
    )
    assert {p.name for p in extraction.people} == {"Wang Yi", "Bui Thanh Son"}


def test_pipeline_make_nlp_is_cached_and_blank() -> None:
    nlp = make_nlp()
    assert nlp is make_nlp()
    assert "diplograph_sentences" in nlp.pipe_names
    assert "ner" not in nlp.pipe_names


def test_pipeline_doc_keeps_text_and_domain_sentences() -> None:
    text = "Sen. Lieut. Gen. Tran Quang Phuong met Mr. Wang.  They talked.\n\n  Gen. Li left on Dec. 10."
    doc = make_doc(text)
    assert doc.text == text
    assert sentence_spans(doc) == split_sentences(text)
    assert sentence_spans(make_nlp()(text)) == split_sentences(text)
    assert sentence_spans(make_doc("")) == []


_WORDS = st.sampled_from(
    [
        "Chinese",
        "Foreign",
        "Minister",
        "Wang",
        "Yi",
        "Bùi",
        "Thanh",
        "Sơn",
        "met",
        "held talks with",
        "in",
        "Hanoi",
        "Beijing",
        "on Tuesday",
        "the 16th meeting of the",
        "Committee",
        "will visit",
        "Gen.",
        "Dec.",
        ",",
        ".",
        "\n",
        "he",
        "the two sides",
        "US$1.5 billion",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=40))
def test_pipeline_offsets_exact_on_random_word_salad(words: list[str]) -> None:
    extraction = run(" ".join(words))
    assert_offsets_exact(extraction)
    for engagement in extraction.engagements:
        assert engagement.status in ("held", "planned")

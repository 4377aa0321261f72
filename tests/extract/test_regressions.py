"""Cases the extraction tests found wrong and the rules now get right; each would fail without its fix."""

from __future__ import annotations

from diplograph import extract
from diplograph.extract.mechanisms import find_mechanisms
from diplograph.ingest import article_from_text


def _engagements(text: str, published: str = "2024-06-12") -> list[tuple[str, str, list[str]]]:
    x = extract(article_from_text(text, published=published))
    return [(e.kind, e.status, [p.name for p in e.participants]) for e in x.engagements]


def test_regressions_object_pronoun_points_to_the_other_person() -> None:
    text = (
        "Chinese Premier Li Qiang met with Vietnamese Prime Minister Pham Minh Chinh in Beijing on Monday. "
        "Li told him that China valued the relationship."
    )
    x = extract(article_from_text(text, published="2024-06-12"))
    told = [r for r in x.people if r.name == "Pham Minh Chinh"]
    assert told  # the interlocutor is a person of the story
    meetings = [e for e in x.engagements if e.kind == "meeting"]
    assert [sorted(p.name for p in e.participants) for e in meetings] == [["Li Qiang", "Pham Minh Chinh"]]


def test_regressions_fronted_visit_keeps_the_subject() -> None:
    text = (
        "During his visit to Laos on Monday, Vietnamese President Luong Cuong held talks with "
        "Lao President Thongloun Sisoulith."
    )
    found = _engagements(text)
    assert ("talks", "held", ["Luong Cuong", "Thongloun Sisoulith"]) in found
    assert ("visit", "held", ["Luong Cuong"]) in found


def test_regressions_bare_visit_gives_the_country() -> None:
    x = extract(
        article_from_text(
            "Vietnamese Prime Minister Pham Minh Chinh visited China last week.", published="2024-06-12"
        )
    )
    visits = [e for e in x.engagements if e.kind == "visit"]
    assert visits
    assert visits[0].location_country == "CHN"


def test_regressions_mechanism_names_stop_at_clauses_and_verbs() -> None:
    name = "China-Vietnam Steering Committee for Bilateral Cooperation"
    for sentence in (
        f"After the 16th meeting of the {name}, they opened the exchange.",
        f"The 16th session of the {name} followed the eighth border defence friendship exchange.",
        f"The {name} dates back to 2006.",
    ):
        assert find_mechanisms(sentence)[0].name == name, sentence


def test_regressions_mechanism_names_keep_capitalised_lists() -> None:
    sentence = (
        "They will hold the next meeting of the Viet Nam-Cambodia Joint Commission on Economic, Cultural, "
        "Scientific and Technical Cooperation later this year."
    )
    assert find_mechanisms(sentence)[0].name.endswith("Scientific and Technical Cooperation")


def test_regressions_titles_drop_the_persons_own_country_and_counterpart() -> None:
    x = extract(
        article_from_text(
            "Deputy Prime Minister and Foreign Minister of Vietnam Bùi Thanh Sơn held talks with "
            "his Japanese counterpart Yoko Kamikawa in Tokyo on Monday.",
            published="2024-06-12",
        )
    )
    titles = {p.name: p.titles for p in x.people}
    assert "Foreign Minister" in titles["Bui Thanh Son"]
    assert all("counterpart" not in t for t in titles["Yoko Kamikawa"])

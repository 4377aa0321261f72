"""Readouts written for the web tests, with their extractions built by hand (no spaCy, exact offsets).

The facts (names, titles, dates, the 16th session of the Steering Committee) are public; the sentences
are ours. One report is hostile: markup in its title, text, URL and names, which every page must show
as text. Two different people named Nguyen make a name ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass

from diplograph.model import (
    Article,
    Engagement,
    EngagementKind,
    Evidence,
    Extraction,
    Figure,
    PartialDate,
    Participant,
    Person,
    Status,
)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
EVIL_NAME = 'Mallory "><svg onload=alert(3)>'


@dataclass(frozen=True, slots=True)
class Who:
    name: str
    country: str | None
    title: str | None = None


TO_LAM = Who("To Lam", "VNM", "General Secretary")
XI = Who("Xi Jinping", "CHN", "President")
SON = Who("Bui Thanh Son", "VNM", "Deputy Prime Minister")
WANG = Who("Wang Yi", "CHN", "Foreign Minister")
TRONG = Who("Nguyen Phu Trong", "VNM", "General Secretary")
PHUC = Who("Nguyen Xuan Phuc", "VNM", "President")
KISHIDA = Who("Kishida Fumio", "JPN", "Prime Minister")
EVIL = Who(EVIL_NAME, None, None)


def _ev(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def _people(text: str, people: list[Who]) -> tuple[Person, ...]:
    found = []
    for who in people:
        mentions = []
        begin = 0
        while (at := text.find(who.name, begin)) >= 0:
            mentions.append(Evidence(quote=who.name, start=at, end=at + len(who.name)))
            begin = at + len(who.name)
        titles = (who.title,) if who.title else ()
        found.append(Person(name=who.name, country=who.country, titles=titles, mentions=tuple(mentions)))
    return tuple(found)


def _engagement(
    text: str,
    quote: str,
    *,
    kind: EngagementKind,
    date: str | None,
    who: list[Who],
    status: Status = "held",
    location: str | None = None,
    country: str | None = None,
    mechanism: str | None = None,
    ordinal: int | None = None,
) -> Engagement:
    return Engagement(
        kind=kind,
        status=status,
        date=PartialDate.parse(date) if date else None,
        date_basis="explicit" if date else "unknown",
        location=location,
        location_country=country,
        mechanism=mechanism,
        ordinal=ordinal,
        participants=tuple(Participant(name=w.name, country=w.country, title=w.title) for w in who),
        evidence=_ev(text, quote),
    )


def _report(
    doc: str,
    text: str,
    *,
    title: str,
    source: str,
    published: str,
    engagements: list[Engagement],
    people: list[Who],
    figures: tuple[Figure, ...] = (),
    url: str | None = None,
) -> Extraction:
    article = Article(
        text=text,
        doc=doc,
        title=title,
        source=source,
        url=url,
        published=PartialDate.parse(published),
        published_basis="header",
        origin=f"/web-tests/{doc}",
    )
    return Extraction(
        article=article,
        engagements=tuple(engagements),
        people=_people(text, people),
        figures=figures,
        extractor_version="web-test-1",
    )


def _talks_a() -> Extraction:
    text = (
        "Beijing, 19 August 2024. General Secretary and State President To Lam held talks with "
        "President Xi Jinping in Beijing on Monday. The two leaders agreed to deepen rail links "
        "between the two countries.\n"
        "Two-way trade reached US$171.9 billion in 2023, according to the ministry."
    )
    figure = Figure(
        indicator="bilateral_trade",
        value=171.9e9,
        unit="USD",
        period="2023",
        change_pct=None,
        evidence=_ev(text, "Two-way trade reached US$171.9 billion in 2023"),
    )
    talks = _engagement(
        text,
        "General Secretary and State President To Lam held talks with President Xi Jinping "
        "in Beijing on Monday.",
        kind="talks",
        date="2024-08-19",
        who=[TO_LAM, XI],
        location="Beijing",
        country="CHN",
    )
    return _report(
        "vna_talks.txt",
        text,
        title="To Lam and Xi Jinping hold talks in Beijing",
        source="Vietnam News Agency",
        published="2024-08-19",
        engagements=[talks],
        people=[TO_LAM, XI],
        figures=(figure,),
        url="https://example.org/vna/talks",
    )


def _talks_b() -> Extraction:
    text = (
        "Xi Jinping and To Lam met for talks in the Great Hall of the People in Beijing on 19 August, "
        "the Chinese side said. Railway cooperation was high on the agenda."
    )
    talks = _engagement(
        text,
        "Xi Jinping and To Lam met for talks in the Great Hall of the People in Beijing on 19 August",
        kind="talks",
        date="2024-08-19",
        who=[XI, TO_LAM],
        location="Beijing",
        country="CHN",
    )
    return _report(
        "xinhua_talks.txt",
        text,
        title="Xi holds talks with To Lam",
        source="Xinhua",
        published="2024-08-19",
        engagements=[talks],
        people=[XI, TO_LAM],
    )


COMMITTEE = "Steering Committee for Bilateral Cooperation"


def _plan() -> Extraction:
    text = (
        "Hanoi, 20 November 2024. Deputy Prime Minister Bui Thanh Son said the 16th meeting of the "
        "Steering Committee for Bilateral Cooperation would take place in December."
    )
    plan = _engagement(
        text,
        "the 16th meeting of the Steering Committee for Bilateral Cooperation would take place in December",
        kind="co_chair",
        date="2024-12",
        status="planned",
        who=[SON],
        mechanism=COMMITTEE,
        ordinal=16,
    )
    return _report(
        "vns_plan.txt",
        text,
        title="Committee to meet in December",
        source="Viet Nam News",
        published="2024-11-20",
        engagements=[plan],
        people=[SON],
    )


def _session() -> Extraction:
    text = (
        "Beijing, 10 December 2024. Foreign Minister Wang Yi and Deputy Prime Minister Bui Thanh Son "
        "co-chaired the 16th meeting of the Steering Committee for Bilateral Cooperation in Beijing."
    )
    held = _engagement(
        text,
        "Foreign Minister Wang Yi and Deputy Prime Minister Bui Thanh Son co-chaired the 16th meeting of "
        "the Steering Committee for Bilateral Cooperation in Beijing.",
        kind="co_chair",
        date="2024-12-10",
        who=[WANG, SON],
        location="Beijing",
        country="CHN",
        mechanism=COMMITTEE,
        ordinal=16,
    )
    return _report(
        "xinhua_committee.txt",
        text,
        title="China, Vietnam hold 16th committee meeting",
        source="Xinhua",
        published="2024-12-10",
        engagements=[held],
        people=[WANG, SON],
    )


def _nguyens() -> Extraction:
    text = (
        "Hanoi, 12 March 2019. General Secretary Nguyen Phu Trong received Prime Minister Kishida Fumio. "
        "Later that week President Nguyen Xuan Phuc met Kishida Fumio as well."
    )
    first = _engagement(
        text,
        "General Secretary Nguyen Phu Trong received Prime Minister Kishida Fumio.",
        kind="meeting",
        date="2019-03-12",
        who=[TRONG, KISHIDA],
        location="Hanoi",
        country="VNM",
    )
    second = _engagement(
        text,
        "Later that week President Nguyen Xuan Phuc met Kishida Fumio as well.",
        kind="meeting",
        date="2019-03",
        who=[PHUC, KISHIDA],
        location="Hanoi",
        country="VNM",
    )
    return _report(
        "vna_japan.txt",
        text,
        title="Japanese leader in Hanoi",
        source="Vietnam News Agency",
        published="2019-03-15",
        engagements=[first, second],
        people=[TRONG, PHUC, KISHIDA],
    )


def _hostile() -> Extraction:
    text = (
        f"{SCRIPT} Headline {IMG}\n"
        f"{EVIL_NAME} held a phone call with To Lam on 2 May 2024 about {SCRIPT}.\n"
        "Nothing else happened & that is all."
    )
    call = _engagement(
        text,
        f"{EVIL_NAME} held a phone call with To Lam on 2 May 2024 about {SCRIPT}.",
        kind="phone_call",
        date="2024-05-02",
        who=[EVIL, TO_LAM],
    )
    return _report(
        "hostile.txt",
        text,
        title=f"{SCRIPT}{IMG}",
        source=f"Evil {IMG} Press",
        published="2024-05-02",
        engagements=[call],
        people=[EVIL, TO_LAM],
        url="javascript:alert(5)",
    )


def readouts() -> list[Extraction]:
    """Every test report, in the order they are saved."""
    return [_talks_a(), _talks_b(), _plan(), _session(), _nguyens(), _hostile()]

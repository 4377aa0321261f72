"""The extraction pipeline: a blank spaCy pipeline for sentences, then the domain rules.

No statistical model is needed or loaded: titles, gazetteers and patterns carry this domain, and
a blank pipeline keeps the extractor at thousands of words per second per core.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from diplograph.extract import gazetteer
from diplograph.extract.commitments import find_commitments
from diplograph.extract.dates import find_dates
from diplograph.extract.drafts import DocContext
from diplograph.extract.engagements import extract_engagements
from diplograph.extract.figures import find_figures
from diplograph.extract.initiatives import find_initiatives
from diplograph.extract.normalize import fold
from diplograph.extract.people import PeopleIndex, scan_people
from diplograph.extract.records import to_extraction
from diplograph.extract.segment import split_sentences
from diplograph.extract.statements import find_statements
from diplograph.extract.tokens import Token, tokenize
from diplograph.model import Article, Commitment, Extraction, InitiativeMention, PartialDate, Statement

logger = logging.getLogger(__name__)

EXTRACTOR_VERSION = "0.1.0"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@Language.component("diplograph_sentences")
def diplograph_sentences(doc: Doc) -> Doc:
    """Sentence starts from line breaks and full stops, aware of "Gen.", "Dec." and initials."""
    if not len(doc):
        return doc
    starts = {start for start, _ in split_sentences(doc.text)}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc


@cache
def make_nlp() -> Language:
    """The spaCy pipeline: tokenizer and sentence boundaries, no statistical model."""
    nlp = spacy.blank("en")
    nlp.add_pipe("diplograph_sentences")
    return nlp


def make_doc(text: str, tokens: list[Token] | None = None) -> Doc:
    """A spaCy Doc of the text, built from diplograph's own tokens, with its sentences marked.

    The domain tokenizer keeps "Gen.", "Dec." and "China's" the way the rules need them; building
    the Doc from those tokens (white space as tokens of its own) keeps doc.text identical to the
    article text, so character offsets agree everywhere, and tokenizes each report only once.
    """
    tokens = tokenize(text) if tokens is None else tokens
    starts = {start for start, _ in split_sentences(text, tokens)}
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool | int | None] = []
    position = 0
    for token in tokens:
        if token.start > position:
            gap = text[position : token.start]
            if words and not spaces[-1] and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
                sent_starts.append(False)
        words.append(token.text)
        spaces.append(False)
        sent_starts.append(token.start in starts)
        position = token.end
    if position < len(text):
        words.append(text[position:])
        spaces.append(False)
        sent_starts.append(False)
    if sent_starts:
        sent_starts[0] = True
    return Doc(make_nlp().vocab, words=words, spaces=spaces, sent_starts=sent_starts)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a Doc, blank lines and edges trimmed."""
    text = doc.text
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        end = sent.end_char
        chunk = text[start:end]
        stripped = chunk.rstrip()
        lead = len(chunk) - len(chunk.lstrip())
        if stripped.strip():
            spans.append((start + lead, start + len(stripped)))
    return spans


def extract_article(article: Article, *, statements: bool = True) -> Extraction:
    """Everything diplograph can say about one report, each fact with its evidence.

    ``statements=False`` leaves out statements, commitments and initiatives (issue 5's layer) for
    callers that need only the engagements, people and figures, and for measuring the two apart.
    """
    text = article.text
    tokens = tokenize(text)
    sentences = split_sentences(text, tokens)
    skip = list(article.skip_spans)
    # A dateline ("BEIJING, Dec. 10 (Xinhua) --") dates and places the filing, not the engagement.
    dateline = [(article.dateline.start, article.dateline.end)] if article.dateline else []
    people, infos = scan_people(text, sentences, skip, tokens)
    pair = _pair(people, text)
    _settle_countries(people, pair)
    anchor, anchor_basis = _anchor(article, text, people)
    ctx = DocContext(
        text=text,
        masked=_masked(text, skip + dateline),
        host=_host_country(text, article),
        dateline=_dateline_city(article),
        anchor=anchor,
        min_date=_min_date(people, text, anchor),
        pair=pair,
        title_span=article.title_span,
        people=people,
        sentences=infos,
        title_zones=people.zones + dateline,
    )
    drafts = extract_engagements(ctx)
    year = int(anchor.start[:4]) if anchor else None
    said: list[Statement] = []
    commitments: list[Commitment] = []
    initiatives: list[InitiativeMention] = []
    if statements:
        said = find_statements(text, ctx.masked, infos, people, pair=pair)
        commitments = find_commitments(
            text,
            said,
            anchor_year=year,
            pair=pair,
            mechanisms=[d.mechanism for d in drafts if d.mechanism],
            masked=ctx.masked,
        )
        initiatives = find_initiatives(text, ctx.masked, pair=pair)
    month = int(anchor.start[5:7]) if anchor and len(anchor.start) >= 7 else None
    figures = find_figures(text, anchor_year=year, anchor_month=month)
    return to_extraction(
        article,
        drafts=drafts,
        people=people,
        figures=figures,
        statements=said,
        commitments=commitments,
        initiatives=initiatives,
        version=EXTRACTOR_VERSION,
        notes=(f"date anchor: {anchor} ({anchor_basis})",) if anchor else (),
    )


def _masked(text: str, skip: list[tuple[int, int]]) -> str:
    """The text with credits and header markers blanked out, offsets unchanged."""
    if not skip:
        return text
    chars = list(text)
    for start, end in skip:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_VISITED = re.compile(
    r"\b(?:visit(?:ing|ed|s)?|revisit(?:ing|ed)?|trip to|visit to|arrived in|arrival in|tour of)\s+(?:to\s+)?"
    r"(?P<place>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,3})"
)


def _host_country(text: str, article: Article) -> str | None:
    """The country the report's engagements happen in: where someone visits, else the dateline's."""
    for match in _VISITED.finditer(text):
        words = match.group("place").split()
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n])
            code = gazetteer.country_for(phrase)
            place = gazetteer.place_for(phrase) if code is None else None
            if code or place:
                return code or (place.country if place else None)
    if article.dateline and article.dateline.place:
        place = gazetteer.place_for(article.dateline.place)
        if place:
            return place.country
    return None


def _dateline_city(article: Article) -> tuple[str, str] | None:
    if article.dateline is None or not article.dateline.place:
        return None
    place = gazetteer.place_for(article.dateline.place)
    if place is None or place.kind not in ("city", "county", "district"):
        return None
    return place.name, place.country


def _pair(people: PeopleIndex, text: str) -> tuple[str, ...]:
    """The two countries the report is about: most people, then most country words."""
    counts: Counter[str] = Counter()
    for person in people.people:
        if person.country and person.mentions:
            counts[person.country] += len(person.mentions)
    if len(counts) < 2:
        for word in re.findall(r"\b[A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+)?", text[:4000]):
            code = gazetteer.country_for(word)
            if code:
                counts[code] += 0.1  # type: ignore[assignment]
    return tuple(code for code, _ in counts.most_common(2))


_CULTURE_COUNTRY = {
    "vietnamese": "VNM",
    "chinese": "CHN",
    "korean": "KOR",
    "japanese": "JPN",
    "indian": "IND",
}


@cache
def _surname_cultures() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in gazetteer.read_table("surnames.tsv"):
        for word in (row["surname"], *row.get("aliases", "").split("|")):
            if word:
                table.setdefault(fold(word), row["culture"])
    return table


def _settle_countries(people: PeopleIndex, pair: tuple[str, ...]) -> None:
    """Give a country to people the text leaves without one.

    Someone posted to a country ("Ambassador to China") is of the other side of the pair; failing
    that, a family name typical of one of the pair's two countries decides ("Li" in a
    China-Vietnam report). Outside the pair, nothing is guessed.
    """
    cultures = _surname_cultures()
    for person in people.people:
        if person.country is None and person.host and len(pair) == 2 and person.host in pair:
            person.country = pair[0] if person.host == pair[1] else pair[1]
        if person.country is None and person.mentions:
            parts = fold(person.name).split()
            culture = cultures.get(parts[0]) or cultures.get(parts[-1]) if parts else None
            code = _CULTURE_COUNTRY.get(culture or "")
            if code and code in pair:
                person.country = code


def _anchor(article: Article, text: str, people: PeopleIndex) -> tuple[PartialDate | None, str]:
    if article.published is not None and article.published.precision == "day":
        return article.published, article.published_basis
    line = article.dateline
    if line and line.month and line.day:
        if line.year:
            return PartialDate(f"{line.year:04d}-{line.month:02d}-{line.day:02d}"), "dateline"
        year = _year_for_dateline(line.month, line.day, text, people)
        if year:
            return PartialDate(f"{year:04d}-{line.month:02d}-{line.day:02d}"), "dateline+weekday"
    if article.published is not None:
        return article.published, article.published_basis
    latest = _latest_full_date(text)
    if latest is not None:
        return latest, "latest-date-in-text"
    return None, "unknown"


def _min_date(people: PeopleIndex, text: str, anchor: PartialDate | None) -> str | None:
    """The earliest date the report's events can have when no full date anchors it.

    Offices named ("Party General Secretary To Lam") began on known dates, and a report cannot be
    older than the latest year it names as past ("in 2023", "since September 2023").
    """
    if anchor is not None and anchor.precision == "day":
        return None
    floor = _role_floor(people)
    years = [int(y) for y in re.findall(r"\b(?:in|of|since|by|the|and) (19[6-9]\d|20\d\d)\b", text)]
    years = [y for y in years if y <= dt.date.today().year]
    if years:
        latest = f"{max(years)}"
        if floor is None or latest > floor[:4]:
            floor = latest
    return floor


def _latest_full_date(text: str) -> PartialDate | None:
    best: str | None = None
    for mention in find_dates(text):
        if mention.kind != "full":
            continue
        from diplograph.extract.dates import resolve

        date, _ = resolve(mention, anchor=None)
        if date is not None and date.precision == "day" and (best is None or date.start > best):
            best = date.start
    return PartialDate(best) if best else None


def _year_for_dateline(month: int, day: int, text: str, people: PeopleIndex) -> int | None:
    """The most recent year whose (month, day) falls on the weekday the lead sentence names."""
    lead = text[:1500].lower()
    weekday = next((i for i, name in enumerate(_WEEKDAYS) if re.search(rf"\b{name}\b", lead)), None)
    floor = _role_floor(people)
    low = int(floor[:4]) if floor else 1990
    for year in range(dt.date.today().year, low - 1, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate > dt.date.today():
            continue
        if weekday is None or candidate.weekday() == weekday:
            return year
    return None


def _role_floor(people: PeopleIndex) -> str | None:
    """The latest start of an office the report gives someone: the report cannot be older."""
    floor: str | None = None
    for person in people.people:
        if person.known is None or not person.mentions:
            continue
        for title in person.titles:
            words = _title_words(title)
            for role in person.known.roles:
                fits = bool(role.start) and bool(words) and words <= _title_words(role.title)
                if fits and role.start and (floor is None or role.start > floor):
                    floor = role.start
    return floor


_TITLE_NOISE = frozenset({"of", "the", "and", "party", "s", "in", "to", "for"})


def _title_words(title: str) -> frozenset[str]:
    return frozenset(fold(title).split()) - _TITLE_NOISE

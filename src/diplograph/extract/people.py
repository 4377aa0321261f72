"""The people of one report: full names clustered, then every later reference resolved to them.

Coreference here is the reporting kind: "Wang said" (a family name), "Long affirmed" (a
Vietnamese given name), "the Vice Premier", "his Chinese counterpart", "the two foreign
ministers", "he". Each reference becomes a :class:`Ref` at its place in the text, so the
engagement rules can ask who stands before and after a verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from diplograph.extract import gazetteer
from diplograph.extract.lexicon import TITLE_HEADS
from diplograph.extract.names import Mention, find_mentions
from diplograph.extract.normalize import ascii_name, fold
from diplograph.extract.tokens import Token, tokens_between


@dataclass(slots=True)
class PersonRecord:
    """One person of the story while the document is being read (mutable, doc-local)."""

    index: int
    name: str
    spellings: list[str]
    titles: list[str]
    country: str | None
    host: str | None
    known: gazetteer.Official | None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    strong: bool = False

    def tokens(self) -> list[str]:
        """Folded name parts, for matching short references."""
        return fold(self.name).split()

    def has_title(self, head: str) -> bool:
        """Whether the person holds the office the head names ("foreign minister"), not a deputy's."""
        for title in self.titles:
            words = fold(title).split()
            while words and (gazetteer.country_for(words[0]) or words[0] in ("the", "party")):
                words.pop(0)
            if " ".join(words).startswith(head):
                return True
        return False


@dataclass(frozen=True, slots=True)
class Ref:
    """A place in the text that refers to people: a name, a pronoun, "the two leaders"."""

    start: int
    end: int
    people: tuple[int, ...]
    kind: str  # "name", "short", "pronoun", "title", "group"
    title: str | None = None


@dataclass(slots=True)
class SentenceInfo:
    """A sentence with its tokens and the references found in it."""

    index: int
    start: int
    end: int
    tokens: list[Token]
    refs: list[Ref] = field(default_factory=list)


_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b")
_GROUP = re.compile(
    r"\b(?:[Tt]he two|[Bb]oth)\s+(?:(?:world|senior|top|national|party|two)\s+)?"
    r"(leaders|sides' (?:senior )?leaders|presidents|prime ministers|pms|premiers|foreign ministers|"
    r"defen[cs]e ministers|ministers|heads of state|general secretaries|deputy prime ministers|"
    r"officials|chairmen|chairs|co-chairs)\b",
    re.IGNORECASE,
)
_THEY = re.compile(
    r"\b(?:[Tt]hey|[Tt]hem|[Tt]he leaders|[Tt]he two(?=\s+(?:held|met|had|agreed|discussed|signed|also|then|"
    r"have|will|exchanged|witnessed|attended|reviewed)\b))\b"
)
_TITLE_REF = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er)\s+((?:[A-Z][\w.-]*\s+){0,3}?)"
    r"((?:[Vv]ice |[Dd]eputy |[Pp]rime |[Ff]oreign |[Gg]eneral |[Dd]efen[cs]e |[Cc]ommission |[Pp]arty )*"
    r"(?:[Pp]resident|[Pp]remier|[Pp]rime [Mm]inister|PM|[Mm]inister|[Ss]ecretary|[Cc]hairman|[Cc]hief|"
    r"[Ll]eader|[Oo]fficer|[Cc]ounterpart|[Aa]mbassador|[Cc]hancellor|[Kk]ing|[Ee]nvoy))\b"
    r"(?![-\w]|\s+(?:[A-Z][a-z]|of\b|to\b|and\b|for\b))"
)
_GROUP_HEADS = {
    "presidents": "president",
    "prime ministers": "prime minister",
    "pms": "prime minister",
    "premiers": "premier",
    "foreign ministers": "foreign minister",
    "defence ministers": "defen",
    "defense ministers": "defen",
    "general secretaries": "general secretary",
    "deputy prime ministers": "deputy prime minister",
}


class PeopleIndex:
    """Persons of one document and the references to them, built sentence by sentence."""

    def __init__(self) -> None:
        self.people: list[PersonRecord] = []
        self._by_key: dict[str, int] = {}
        self.order: list[int] = []  # person index of every reference, in text order
        self.zones: list[tuple[int, int]] = []  # title + name spans: no venue is found inside them

    def add_mention(self, mention: Mention) -> int:
        """Cluster a full name with an earlier spelling of the same person, or start a new one."""
        key = fold(mention.text)
        index = self._by_key.get(key)
        if index is None and mention.known is not None:
            index = self._by_key.get("official:" + mention.known.name)
        if index is None:
            index = self._contained(key)
        if index is None:
            index = len(self.people)
            country = mention.known.country if mention.known else None
            self.people.append(
                PersonRecord(
                    index=index,
                    name=ascii_name(mention.text),
                    spellings=[mention.text],
                    titles=[],
                    country=country,
                    host=None,
                    known=mention.known,
                )
            )
        person = self.people[index]
        self._by_key[key] = index
        if mention.known is not None:
            self._by_key["official:" + mention.known.name] = index
        if len(fold(mention.text)) > len(fold(person.name)) and not mention.known:
            person.name = ascii_name(mention.text)
        if mention.known and _foreign_reading(mention.text, mention.known):
            # "Hà Vĩ" is the Vietnamese reading of He Wei: the English name is the canonical one.
            person.name = mention.known.name
        if mention.text not in person.spellings:
            person.spellings.append(mention.text)
        for title in mention.titles:
            if title not in person.titles:
                person.titles.append(title)
        if person.country is None:
            person.country = mention.country
        person.host = person.host or mention.host
        person.strong = person.strong or mention.strong
        person.mentions.append((mention.start, mention.end))
        self.zones.append((mention.title_start, mention.end))
        return index

    def _contained(self, key: str) -> int | None:
        words = key.split()
        if len(words) < 2:
            return None
        for other_key, index in self._by_key.items():
            other = other_key.split()
            if len(other) >= 2 and (_sublist(words, other) or _sublist(other, words)):
                return index
        return None

    def short_match(self, token: Token, title: str = "") -> int | None:
        """The person a lone name part refers to ("Wang", "Long").

        Among namesakes, one whose title fits the word before ("PM Modi") wins, then the one the
        story is most about (most mentions), not merely the latest.
        """
        key = token.key
        hits = [p for p in self.people if key in _short_forms(p) and p.mentions]
        if not hits:
            return None
        head = fold(title)
        if head in ("pm", "premier"):
            head = "prime minister"

        def rank(person: PersonRecord) -> tuple[bool, int]:
            fits = bool(head) and any(head in fold(t) or fold(t) in head for t in person.titles)
            return fits, len(person.mentions)

        return max(hits, key=rank).index


def _foreign_reading(text: str, official: gazetteer.Official) -> bool:
    """A name written in another language's reading (diacritics) of a foreign official's name."""
    if text.isascii() or official.country == "VNM":
        return False
    return set(fold(text).split()) != set(fold(official.name).split())


def _sublist(small: list[str], big: list[str]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def _short_forms(person: PersonRecord) -> frozenset[str]:
    return _short_forms_of(person.name, person.country)


@lru_cache(maxsize=8192)
def _short_forms_of(name: str, country: str | None) -> frozenset[str]:
    parts = fold(name).split()
    if len(parts) < 2:
        return frozenset(parts)
    forms = {parts[0], parts[-1]}
    vietnamese = len(parts) >= 3 and parts[0] in gazetteer.surnames() and country in (None, "VNM")
    if not vietnamese:
        forms.update(p for p in parts[1:-1] if len(p) > 2)
    return frozenset(f for f in forms if len(f) > 1)


def scan_people(
    text: str, sentences: list[tuple[int, int]], skip: list[tuple[int, int]], tokens: list[Token]
) -> tuple[PeopleIndex, list[SentenceInfo]]:
    """Find every full name, then resolve short names, pronouns and group references."""
    index = PeopleIndex()
    infos: list[SentenceInfo] = []
    found: list[list[tuple[Mention, int]]] = []
    for i, (start, end) in enumerate(sentences):
        sentence_tokens = tokens_between(tokens, start, end)
        info = SentenceInfo(i, start, end, sentence_tokens)
        mentions = find_mentions(text, sentence_tokens, skip=skip)
        found.append([(m, index.add_mention(m)) for m in mentions])
        infos.append(info)
    _drop_weak(index, found)
    for info, sentence_mentions in zip(infos, found, strict=True):
        _resolve_sentence(text, info, sentence_mentions, index, infos, skip)
    return index, infos


def _drop_weak(index: PeopleIndex, found: list[list[tuple[Mention, int]]]) -> None:
    """Keep shape-only names only when nothing contradicts them (no org word follows etc.)."""
    for person in index.people:
        if not person.strong and person.known is None and len(person.tokens()) < 2:
            person.mentions.clear()


def _resolve_sentence(
    text: str,
    info: SentenceInfo,
    mentions: list[tuple[Mention, int]],
    index: PeopleIndex,
    infos: list[SentenceInfo],
    skip: list[tuple[int, int]],
) -> None:
    refs: list[Ref] = [
        Ref(m.start, m.end, (p,), "name", m.titles[0] if m.titles else None) for m, p in mentions
    ]
    covered = [(m.start, m.end) for m, _ in mentions]
    for position, token in enumerate(info.tokens):
        if not token.is_cap or any(a <= token.start < b for a, b in covered + skip):
            continue
        title = info.tokens[position - 1].text if position else ""
        person = index.short_match(token, title)
        if person is not None and not _is_place_use(info.tokens, position):
            refs.append(Ref(token.start, token.end, (person,), "short"))
    refs.sort(key=lambda r: r.start)
    _counterpart_titles(mentions, index)
    sentence = text[info.start : info.end]
    refs.extend(_pronoun_refs(sentence, info, refs, infos))
    refs.extend(_group_refs(sentence, info, index, refs))
    refs.extend(_title_refs(sentence, info, refs, index))
    refs.sort(key=lambda r: r.start)
    refs = [r for r in refs if r.people or r.kind == "they"]
    info.refs = _dedupe(refs)
    index.order.extend(p for r in info.refs for p in r.people)


def _counterpart_titles(mentions: list[tuple[Mention, int]], index: PeopleIndex) -> None:
    """ "Prime Minister X and his Lao counterpart Y": Y holds the same office as X."""
    for mention, person in mentions:
        if not mention.titles or not mention.titles[0].lower().endswith("counterpart"):
            continue
        model = next(
            (m for m, p in mentions if p != person and m.titles and "counterpart" not in m.titles[0]), None
        )
        if model is not None:
            record = index.people[person]
            if model.titles[0] not in record.titles:
                record.titles.insert(0, model.titles[0])


def _is_place_use(tokens: list[Token], i: int) -> bool:
    before = tokens[i - 1].key if i else ""
    return before in ("in", "to", "at", "from") and gazetteer.place_for(tokens[i].text) is not None


def _first_person(refs: list[Ref]) -> int | None:
    for ref in refs:
        if len(ref.people) == 1:
            return ref.people[0]
    return None


def _pronoun_refs(sentence: str, info: SentenceInfo, refs: list[Ref], infos: list[SentenceInfo]) -> list[Ref]:
    out: list[Ref] = []
    for match in _PRONOUN.finditer(sentence):
        start = info.start + match.start()
        earlier = [r for r in refs if r.end <= start]
        person = _first_person(earlier)
        if person is None and _FRONTED.match(sentence):
            # "During his visit to Laos, President X held talks": the pronoun points forward.
            person = _first_person([r for r in refs if r.start > start and r.kind == "name"])
        word = match.group().lower()
        if word == "him" or (word == "her" and _is_object(sentence, match.start())):
            # An object pronoun ("held talks with him") names someone other than the subject.
            subject = person
            others = [r.people[0] for r in earlier if len(r.people) == 1 and r.people[0] != subject]
            person = others[-1] if others else _other_than(subject, info, infos)
        if person is None:
            for previous in reversed(infos[: info.index]):
                person = _first_person(previous.refs)
                if person is not None:
                    break
        if person is not None:
            out.append(Ref(start, info.start + match.end(), (person,), "pronoun"))
    return out


_FRONTED = re.compile(
    r"\s*(?:During|After|Before|Following|Prior to|Ahead of|On the occasion of)\b[^,]{0,100},"
)


def _other_than(subject: int | None, info: SentenceInfo, infos: list[SentenceInfo]) -> int | None:
    """The latest person of earlier sentences who is not the subject ("Li told him" -> Li's interlocutor)."""
    for previous in reversed(infos[: info.index]):
        for ref in reversed(previous.refs):
            if len(ref.people) == 1 and ref.people[0] != subject:
                return ref.people[0]
    return subject


def _is_object(sentence: str, at: int) -> bool:
    """ "with her", "met her": a pronoun after a preposition or verb, not a possessive before a noun."""
    before = sentence[max(0, at - 12) : at].lower()
    after = sentence[at : at + 12].lower()
    return bool(re.search(r"\b(?:with|met|meet|received|for|to|and)\s+$", before)) and not re.match(
        r"her\s+[a-z]", after
    )


def _group_refs(sentence: str, info: SentenceInfo, index: PeopleIndex, refs: list[Ref]) -> list[Ref]:
    out: list[Ref] = []
    for match in _GROUP.finditer(sentence):
        noun = match.group(1).lower()
        head = _GROUP_HEADS.get(noun)
        earlier = [p for r in refs if r.end <= info.start + match.start() for p in r.people]
        people = _pick_pair(index, head, earlier)
        out.append(Ref(info.start + match.start(), info.start + match.end(), people, "group"))
    for match in _THEY.finditer(sentence):
        out.append(Ref(info.start + match.start(), info.start + match.end(), (), "they"))
    return out


def _pick_pair(index: PeopleIndex, head: str | None, earlier: list[int]) -> tuple[int, ...]:
    """The two most recent people of different countries (with the title head, if given)."""
    chosen: list[int] = []
    countries: set[str | None] = set()
    for person_index in reversed(index.order + earlier):
        person = index.people[person_index]
        if person_index in chosen or (head and not person.has_title(head)):
            continue
        if person.country in countries and person.country is not None:
            continue
        chosen.append(person_index)
        countries.add(person.country)
        if len(chosen) == 2:
            return tuple(sorted(chosen))
    return ()


def _title_refs(sentence: str, info: SentenceInfo, refs: list[Ref], index: PeopleIndex) -> list[Ref]:
    out: list[Ref] = []
    for match in _TITLE_REF.finditer(sentence):
        start, end = info.start + match.start(), info.start + match.end()
        if any(r.start < end and start < r.end and r.kind == "name" for r in refs):
            continue
        demonym = match.group(1).strip()
        head = fold(match.group(2))
        country = gazetteer.country_for(demonym.replace("’s", "").replace("'s", "")) if demonym else None
        if demonym and not country:
            continue
        person = _best_title_match(index, head, country, refs, start)
        if person is not None:
            out.append(Ref(start, end, (person,), "title", match.group(2)))
    return out


def _best_title_match(
    index: PeopleIndex, head: str, country: str | None, refs: list[Ref], start: int
) -> int | None:
    generic = head.split()[-1] in {"leader", "officer", "official", "chief", "counterpart"}
    subject = next((r.people[0] for r in refs if r.end <= start and len(r.people) == 1), None)
    candidates = [
        p
        for p in index.people
        if p.mentions
        and (country is None or p.country == country)
        and (generic or p.has_title(head) or _head_in_titles(p, head))
        and p.index != subject
    ]
    recency = {p: i for i, p in enumerate(index.order)}
    for ref in refs:
        if ref.end <= start:
            for person in ref.people:
                recency[person] = len(recency) + 1
    if not head.endswith("counterpart"):
        candidates = [c for c in candidates if c.index in recency]
    if not candidates:
        return None
    if head.endswith("counterpart") and subject is not None:
        subject_titles = {fold(t) for t in index.people[subject].titles}
        same = [c for c in candidates if subject_titles & {fold(t) for t in c.titles}]
        candidates = same or candidates
        return min(candidates, key=lambda p: p.mentions[0][0]).index
    return max(candidates, key=lambda p: recency.get(p.index, -1)).index


def _head_in_titles(person: PersonRecord, head: str) -> bool:
    last = head.split()[-1]
    if last == "pm":
        last = "prime minister"
    return last in TITLE_HEADS and any(last in fold(t) for t in person.titles)


_PRIORITY = {"name": 0, "title": 1, "group": 2, "short": 3, "they": 4, "pronoun": 5}


def _dedupe(refs: list[Ref]) -> list[Ref]:
    """Overlapping references keep the most specific: a name over a title over a pronoun."""
    out: list[Ref] = []
    for ref in refs:
        if out and ref.start < out[-1].end:
            held = out[-1]
            if (_PRIORITY[ref.kind], -(ref.end - ref.start)) < (
                _PRIORITY[held.kind],
                -(held.end - held.start),
            ):
                out[-1] = ref
            continue
        out.append(ref)
    return out

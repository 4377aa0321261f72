"""Speech acts of diplomatic reporting: the phrases that say someone spoke, and who that someone is.

Readouts use a small closed set of reporting verbs ("reaffirmed", "called on", "expressed
gratitude", "reached important consensus on"), so a lexicon of phrases, each tagged with the
model's act, finds them in one regex pass. Their subjects are as formulaic: a name, title or
pronoun the people index resolved, a side ("the Chinese side", "Viet Nam", "Beijing"), or both
("the two sides", "they"). How far the content runs is statements.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from diplograph.extract import gazetteer
from diplograph.extract.domains import WordStartLexicon
from diplograph.extract.people import PeopleIndex, SentenceInfo
from diplograph.model import SpeakerKind, StatementAct

_POSS = (
    r"(?:(?:his|her|their|its|the|a|an|full|firm|strong|deep|sincere|profound|heartfelt|warm|warmest|great|"
    r"continued|best|high|important|broad|new|common|serious|grave|particular|special|"
    r"a\s+high\s+degree\s+of|a\s+series\s+of)\s+)*"
)

# Earlier entries win where two phrases start at the same word ("reaffirmed support for" is support,
# "reaffirmed" alone an affirmation), so the longer, more specific phrases come first.
_PHRASES: tuple[tuple[StatementAct, str], ...] = (
    (
        "congratulated",
        r"congratulat(?:ed|es|e|ing)|(?:extended|expressed|conveyed|offered|sent|extending|expressing)\s+"
        + _POSS
        + r"congratulations",
    ),
    (
        "thanked",
        r"thank(?:ed|s|ing)(?!\s+to\b)|(?:expressed|extended|conveyed|expressing)\s+"
        + _POSS
        + r"(?:gratitude|thanks|appreciation)|(?:is|was|are|were)\s+"
        r"(?:deeply\s+|sincerely\s+|very\s+|most\s+)?grateful|(?:highly\s+)?appreciat(?:ed|es|ing)(?=\s+(?:\S+\s+){0,4}?(?:support|assistance|help|"
        r"hospitality|aid)\b)",
    ),
    (
        "supported",
        r"(?:expressed|showed|voiced|expressing|showing)\s+"
        + _POSS
        + r"support\s+for|support(?:ed|s)\b|back(?:ed|s)\b|endors(?:ed|es)|welcom(?:ed|es|e|ing)",
    ),
    (
        "opposed",
        r"(?:expressed|reiterated|voiced|expressing)\s+"
        + _POSS
        + r"opposition\s+to|oppos(?:ed|es|e)\b|reject(?:ed|s)\b|objected\s+to|condemn(?:ed|s)\b|protested",
    ),
    ("urged", r"urg(?:ed|es|ing)|pressed\b|demanded"),
    ("invited", r"invit(?:ed|es|ing)|extended\s+an\s+invitation"),
    (
        "proposed",
        r"propos(?:ed|es|ing)|suggest(?:ed|s|ing)|call(?:ed|s|ing)\s+(?:on|upon|for)\b|recommend(?:ed|s)\b|"
        r"ask(?:ed|s|ing)\b|request(?:ed|s)\b|put\s+forward",
    ),
    (
        "agreed",
        r"agree(?:d|s|ing)?\b|concurred|reached\s+"
        + _POSS
        + r"(?:consensus|agreements?|common\s+understanding)|shared\s+(?:(?:the|a|common)\s+)*"
        r"(?:view|views|perceptions?|understanding)\b|committed(?:\s+themselves)?\s+to\b|pledg(?:ed|es|ing)|"
        r"vow(?:ed|s)\b",
    ),
    (
        "affirmed",
        r"(?:re)?affirm(?:ed|s|ing)|stress(?:ed|es|ing)|emphasi[sz](?:ed|es|ing)|highlight(?:ed|s|ing)|"
        r"not(?:ed|es|ing)\b|reiterat(?:ed|es|ing)|underlin(?:ed|es|ing)|underscor(?:ed|es|ing)|"
        r"point(?:ed|ing)\s+out|confirm(?:ed|s)\b|assert(?:ed|s)\b|assured|sp(?:oke|eaking|eaks)\s+highly\s+of|"
        r"(?:highly\s+)?(?:valued|appreciated|appreciating|appreciates|praised|commended|lauded|hailed)|"
        r"(?:positively\s+)?assess(?:ed|ing)",
    ),
    (
        "said",
        r"said|says|stated|added|adding|remarked|explained|elaborated(?:\s+on)?|informed|told|telling|saying|"
        r"hop(?:ed|es|ing)\b|believ(?:ed|es)\b|expressed\s+"
        + _POSS
        + r"(?:hopes?|belief|confidence|desire|wish(?:es)?|readiness|willingness|delight|satisfaction|joy|"
        r"pleasure|concerns?|views?|commitment|determination|interest|regret|sympathy|condolences)\b|"
        r"expressed\s+that|expressing\s+"
        + _POSS
        + r"(?:hopes?|belief|confidence|desire|readiness|willingness)\b|continued(?=\s*[.,;]|\s*$)",
    ),
)
_LEXICON = WordStartLexicon([(pattern, act) for act, pattern in _PHRASES], trigger=True)
# Verbs whose object stands between the verb and its "that" clause ("told reporters that").
_TELL = re.compile(r"(?i)(?:told|telling|assured|informed)$")
# Passives, adjectives and infinitives are no acts of the sentence's speaker ("proposed by",
# "the agreed plan", "is to highlight", "continue to support").
_NOT_BEFORE = re.compile(
    r"(?i)\b(?:as|the|an|a|mutually|previously|already|been|be|is|are|was|were|being|to|which|who|that|when|"
    r"if|whether|widely|newly|jointly|recently)\s+$"
)
_NOT_AFTER = re.compile(r"(?i)^\s*(?:by|upon|if|whether|about it)\b")
_PAST = re.compile(r"(?i)^(?:\w+ed|said|told|spoke|shared|put|reached|sent|pressed)\b")
_PERFECT = re.compile(r"(?i)\b(?:has|have|had)\s+(?:\w+ly\s+|always\s+|also\s+|long\s+)*$")


@dataclass(frozen=True, slots=True)
class ActPhrase:
    """One reporting phrase: its act, offsets in the text, and where its content may begin."""

    act: StatementAct
    start: int
    end: int
    content_start: int
    participle: bool
    past: bool


def find_act_phrases(masked: str, start: int, end: int) -> list[ActPhrase]:
    """Reporting phrases inside masked[start:end], in text order."""
    phrases: list[ActPhrase] = []
    for match, act in _LEXICON.scan(masked, start, end):
        before = masked[max(start, match.start() - 24) : match.start()]
        if _NOT_BEFORE.search(before) or _NOT_AFTER.match(masked[match.end() : match.end() + 12]):
            continue
        phrase = match.group().lower()
        phrases.append(
            ActPhrase(
                act=act,
                start=match.start(),
                end=match.end(),
                content_start=_content_start(
                    masked, match.end(), end, act=act, tell=bool(_TELL.search(phrase))
                ),
                participle=any(word.endswith("ing") for word in phrase.split()[:2]),
                past=bool(_PAST.match(phrase)) and not _PERFECT.search(before),
            )
        )
    return phrases


def _content_start(masked: str, at: int, end: int, *, act: str, tell: bool) -> int:
    """Where the content begins: after "that", a colon or comma, and "to" after "agreed"."""
    if tell:
        that = re.search(r"\bthat\b", masked[at : min(end, at + 90)])
        if that:
            at += that.end()
    lead = re.match(r"[\s,:]*(?:that\b)?[\s,:]*", masked[at:end])
    at += lead.end() if lead else 0
    if act == "agreed":
        to = re.match(r"to\s+(?=\w)", masked[at:end])
        at += to.end() if to else 0
    quote = re.match(r"[\"“‘']\s*", masked[at:end])
    return at + (quote.end() if quote else 0)


# --- who performs the act ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person (index into the people index), one side (ISO3), or both sides."""

    kind: SpeakerKind
    person: int | None = None
    side: str | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    """The speaker a reporting phrase has, and where its words stand in the text."""

    speaker: Speaker
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    speaker: Speaker | None  # None: "we" or "the official", the speaker of the run
    generic: bool = False
    ambiguous: bool = False


_BOTH = re.compile(
    r"\b(?:[Tt]he\s+two|[Bb]oth)(?:\s+sides['’])?\s+(?:(?:senior|top|world)\s+)?(?:sides|countries|nations|parties|"
    r"Parties|governments|leaders|heads\s+of\s+state|presidents|prime\s+ministers|PMs|premiers|ministers|"
    r"foreign\s+ministers|defen[cs]e\s+ministers|general\s+secretaries|delegations|chairmen|co-chairs|"
    r"officials|ministries|armies|navies|legislatures)\b|\b[Tt]he\s+(?:sides|leaders|ministers|three\s+leaders|"
    r"countries)\b"
)
_SIDE = re.compile(
    r"(?:\b[Tt]he\s+)?\b(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?P<poss>['’]s)?(?:\s+(?P<noun>side|"
    r"[Gg]overnment|authorities|delegation|[Ff]oreign\s+[Mm]inistry|Ministry\s+of\s+Foreign\s+Affairs|"
    r"[Mm]inistry|[Ee]mbassy|officials|presidential\s+office|office|police|army|navy|leadership)\b)?"
)
_FIRST = re.compile(r"\b(?:We|we|I)\b")
_GENERIC = re.compile(
    r"\b[Tt]he\s+(?:(?:[A-Z][\w-]*|trade|senior|top|visiting|foreign|local)\s+)?(?:official|officer|envoy|"
    r"diplomat|spokes(?:person|man|woman))\b"
)
_PREPOSITION = re.compile(
    r"(?i)\b(?:of|with|to|for|from|by|in|at|on|between|among|into|toward|towards|against|about|welcoming|"
    r"receiving|met|meeting|and his|and her|including)\s+(?:(?:the|his|her|its|their)\s+)?$"
)
_ADJACENT = re.compile(
    r"\s*(?:\([^)]{0,20}\)\s*)?(?:(?:also|further|then|later|again|once|both|all|jointly|repeatedly|strongly|"
    r"firmly|warmly|highly|sincerely|positively|has|have|had|will|would|earlier|previously|on\s+\w+day|"
    r"in\s+turn|always|consistently|continuously|never|still|now|actively|fully|closely|readily|officially|"
    r"formally|publicly|recently|today|yesterday|likewise|similarly|particularly|especially|specifically|"
    r"deeply|greatly|briefly|separately|respectively)\s+)*"
)
_APPOSITIVE = re.compile(r"\s*,[^;]{1,250},\s*(?:(?:also|further|then|later)\s+)*")
_GENERIC_HEADS = ("officer", "official", "officials")


def find_subject(
    masked: str,
    info: SentenceInfo,
    people: PeopleIndex,
    lo: int,
    hi: int,
    *,
    run: Speaker | None,
    coordination: bool = True,
) -> Subject | None:
    """The subject standing right before a reporting phrase at ``hi`` (an appositive may intervene).

    With ``coordination``, "X exchanged views on ... and agreed" finds X at the clause's start.
    """
    candidates = _candidates(masked, info, people, lo, hi)
    for i in range(len(candidates) - 1, -1, -1):
        candidate = candidates[i]
        gap = masked[candidate.end : hi]
        if not (_ADJACENT.fullmatch(gap) or _APPOSITIVE.fullmatch(gap)):
            continue
        start = candidate.start
        speaker = _resolve(candidate, run, people)
        first = candidates[i - 1] if i else None
        if (
            first is not None
            and re.fullmatch(
                r"\s*(?:and|,)\s+(?:(?:[A-Z][\w.’'-]*|of|the)\s+)*", masked[first.end : candidate.start]
            )
            and _clause_initial(masked, lo, first.start)
        ):
            other = _resolve(first, run, people)
            if other is not None and speaker is not None and other != speaker:
                speaker, start = Speaker("both"), candidates[i - 1].start
        return Subject(speaker, start, candidate.end) if speaker is not None else None
    if coordination and re.search(r"\band\s+(?:also\s+)?$", masked[lo:hi]):
        # "The two sides exchanged views on X and agreed to Y": the first verb's subject.
        for candidate in candidates:
            if _clause_initial(masked, lo, candidate.start):
                speaker = _resolve(candidate, run, people)
                return Subject(speaker, candidate.start, candidate.end) if speaker is not None else None
    return None


def _clause_initial(masked: str, lo: int, at: int) -> bool:
    """Whether only an introductory phrase, titles or "that" stand between the clause start and ``at``."""
    before = masked[lo:at]
    tail = re.split(r"[,;:]|\bthat\b", before)[-1]
    return bool(re.fullmatch(r"\s*(?:(?:[A-Z][\w.’'-]*|the|of|and|\(|\))\s*)*", tail))


def find_subject_after(
    masked: str, info: SentenceInfo, people: PeopleIndex, lo: int, hi: int, *, run: Speaker | None
) -> Subject | None:
    """The subject right after an inverted reporting verb (", said Wang, adding that ...")."""
    for candidate in _candidates(masked, info, people, lo, hi):
        if candidate.start - lo > 12 or (
            candidate.speaker is not None and candidate.speaker.kind != "person"
        ):
            return None
        speaker = _resolve(candidate, run, people)
        return Subject(speaker, candidate.start, candidate.end) if speaker is not None else None
    return None


def resolve_side_np(body: str) -> Speaker | None:
    """One side as the subject at the start of a clause ("China will continue to ...")."""
    match = _SIDE.match(body)
    if match is None or (match.group("poss") and not match.group("noun")):
        return None
    code = _country(match.group("name")) or _country(match.group("name").split()[0])
    return Speaker("side", side=code) if code else None


def _resolve(candidate: _Candidate, run: Speaker | None, people: PeopleIndex) -> Speaker | None:
    if candidate.speaker is None:
        return run
    speaker = candidate.speaker
    if candidate.generic and run is not None and run.kind == "person" and run.side == speaker.side:
        return run
    if candidate.ambiguous and run is not None and run.kind == "person":
        return run  # "He" is a pronoun more often than Mr He
    return speaker


def _candidates(masked: str, info: SentenceInfo, people: PeopleIndex, lo: int, hi: int) -> list[_Candidate]:
    """Everything in masked[lo:hi] that can speak: people, sides, both sides, "we", "the official"."""
    out: list[_Candidate] = []
    covered: list[tuple[int, int]] = []
    for ref in info.refs:
        if not lo <= ref.start < hi or ref.end > hi:
            continue
        covered.append((ref.start, ref.end))
        candidate = _ref_candidate(masked, ref.start, ref.end, ref.kind, ref.people, ref.title, people)
        if candidate is not None and not _PREPOSITION.search(masked[max(lo, ref.start - 30) : ref.start]):
            out.append(candidate)
    for match in _BOTH.finditer(masked, lo, hi):
        if not _overlaps(match.start(), match.end(), covered):
            out.append(_Candidate(match.start(), match.end(), Speaker("both")))
            covered.append((match.start(), match.end()))
    for match in _GENERIC.finditer(masked, lo, hi):
        if not _overlaps(match.start(), match.end(), covered):
            out.append(_Candidate(match.start(), match.end(), None))
            covered.append((match.start(), match.end()))
    for match in _FIRST.finditer(masked, lo, hi):
        out.append(_Candidate(match.start(), match.end(), None))
    out.extend(_side_candidates(masked, lo, hi, covered, info))
    return sorted(out, key=lambda c: c.start)


def _ref_candidate(
    masked: str,
    start: int,
    end: int,
    kind: str,
    persons: tuple[int, ...],
    title: str | None,
    people: PeopleIndex,
) -> _Candidate | None:
    after = masked[end : end + 40]
    possessive = re.match(r"['’]s\b", after)
    if kind in ("they", "group"):
        return None if possessive else _Candidate(start, end, Speaker("both"))
    if len(persons) != 1 or not people.people[persons[0]].mentions:
        return None  # a group of several, or a name the people index dropped as a false one
    if kind == "pronoun" and masked[start:end].lower() not in ("he", "she"):
        return None
    country = people.people[persons[0]].country
    if possessive:
        office = re.match(
            r"['’]s\s+(?:(?:presidential|press)\s+)?(?:office|government|side|spokesperson)\b", after
        )
        return (
            _Candidate(start, end + office.end(), Speaker("side", side=country))
            if office and country
            else None
        )
    generic = kind == "title" and (title or "").lower().split()[-1:] in ([h] for h in _GENERIC_HEADS)
    ambiguous = kind == "short" and masked[start:end] in ("He", "She")
    speaker = Speaker("person", person=persons[0], side=country)
    return _Candidate(start, end, speaker, generic=generic, ambiguous=ambiguous)


def _side_candidates(
    masked: str, lo: int, hi: int, covered: list[tuple[int, int]], info: SentenceInfo
) -> list[_Candidate]:
    out: list[_Candidate] = []
    for match in _SIDE.finditer(masked, lo, hi):
        if _overlaps(match.start(), match.end(), covered) or (
            match.group("poss") and not match.group("noun")
        ):
            continue
        name = match.group("name")
        code = _country(name)
        end = match.end()
        if code is None and " " in name:
            name = name.split()[0]
            code = _country(name)
            end = match.end() if match.group("noun") else match.start("name") + len(name)
        modifier = not match.group("noun") and re.match(r"\s+[A-Z]", masked[end : end + 2])
        if (
            code
            and not modifier
            and not _PREPOSITION.search(masked[max(lo, match.start() - 30) : match.start()])
        ):
            out.append(_Candidate(match.start(), end, Speaker("side", side=code)))
    return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


@lru_cache(maxsize=4096)
def _country(name: str) -> str | None:
    """A country for a side word: a name or demonym, or a capital standing for its government."""
    return gazetteer.country_for(name) or _capitals().get(name)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    return {c.capital: c.iso3 for c in gazetteer.countries() if c.capital}

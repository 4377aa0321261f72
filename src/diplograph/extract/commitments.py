"""Commitments: what the sides proposed, agreed or pledged, item by item, each under a topic to thread on.

Readouts pack many pledges into one sentence ("agreed to maintain ..., upgrade ...; establish a
Railway Cooperation Committee ...; well organize ..."), so a statement's content is cut into items
at the verbs that coordinate them. Each item gets a stage (from the act and the modal that carries
it), a topic that stays the same across reports (topics.py), and any target or deadline it states.
Sentences that report progress ("construction began", "was upgraded to ministerial level") add the
later stages of a topic's life. Regular expressions over statements already found: no model, and
a fraction of a millisecond per report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from diplograph.extract import gazetteer
from diplograph.extract.domains import WordStartLexicon, classify_domains
from diplograph.extract.initiatives import fold_keep
from diplograph.extract.normalize import ascii_name
from diplograph.extract.topics import deadline_of, target_of, topic_of
from diplograph.model import Commitment, CommitmentStage, Evidence, Statement

__all__ = ["find_commitments"]

_VERBS = """accelerate achieve address advance align attract boost bring build carry celebrate combat complete
    conclude connect consolidate construct continue control coordinate create cultivate deal deepen
    develop direct diversify double elevate encourage enhance enrich ensure establish expand expedite
    explore extend facilitate fight finalise finalize find focus foster further give guarantee handle
    help hold host implement import improve increase inject intensify introduce invite launch lift
    maintain make manage negotiate offer open organise organize practice practise prepare preserve
    prevent prioritise prioritize promote protect provide push raise realise realize reduce reinforce
    renew resolve restore resume safeguard seek send set settle share sign solidify speed spur stabilise
    stabilize start step strengthen study support sustain take tackle train transfer uphold upgrade
    welcome widen work""".split()
# Verbs whose item is worth following even when it names no theme ("establish a joint working group").
_CONCRETE = """build complete conclude construct double establish finalise finalize hold host launch open
    organise organize raise reach resume send set sign start upgrade""".split()


def _forms(verb: str) -> str:
    """Base, third person and -ing forms ("step", "steps", "stepping"; "promote", "promoting")."""
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
    double = verb + verb[-1] if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", verb) else verb
    return f"{verb}s?|{stem}ing|{double}ing"


_ADVERB = r"(?:(?:\w+ly|well|further|jointly|together|also|soon|more|always|continue to|then)\s+)*"
_VERB_ALTERNATIVES = "|".join(_forms(v) for v in _VERBS)
_VERB = re.compile(rf"(?i){_ADVERB}(?:{_VERB_ALTERNATIVES})\b")
_CONCRETE_VERB = re.compile(rf"(?i){_ADVERB}(?:{'|'.join(_forms(v) for v in _CONCRETE)})\b")
# "the acceleration of ...", "coordination in ...": an action as a noun; "the importance of" is no action.
_NOMINAL = re.compile(
    r"(?i)(?:(?:the|its|their|his|her|a|an)\s+)?(?:[\w-]+\s+){0,2}?(?!(?:importance|significance|relevance|"
    r"achievements?|experience|confidence|position|situation|tradition|contribution|nation|attention)\b)"
    r"[\w-]+(?:ion|ment|ing|ance|ence)\s+(?:of|to|in|for)\b"
)
_OPENING = r"(?i)^(?:[^,;]{0,60}?,\s*)??"  # "Over the next three years, ..." before the subject
_LEAD = re.compile(
    _OPENING
    + r"(?:that\s+)?(?:[\w’'.-]+\s+){0,5}?(?P<modal>should|need to|needs to|must|will|would|shall|can|"
    r"could|(?:is|are|was|were|remains?) (?:also\s+)?(?:willing|ready|prepared|determined|committed|keen) to|"
    r"stands? ready to|stood ready to|(?:hopes?|hoped|wish(?:es|ed)?|wants?|wanted|aims?|plans?|intends?|"
    r"strives?|seeks?) to|it is (?:necessary|important|essential|imperative) to|(?:readiness|willingness|"
    r"determination|commitment) to)\s+"
    r"(?:(?:work|join hands)\s+(?:together\s+|closely\s+|hand in hand\s+)*(?:with\s+[^,;]{1,30}?\s+)?to\s+)?"
)
_SUBJECT = re.compile(
    _OPENING
    + r"(?:(?:the|both|all|we|our)\s+)?(?:[\w’'.-]+\s+){0,4}?(?:to\s+)?"
    + rf"(?={_ADVERB}(?:{_VERB_ALTERNATIVES})\b)"
)
_PLEDGE = re.compile(
    r"(?i)will|would|shall|(?:is|are|was|were|remains?) (?:also\s+)?(?:determined|committed)|plans?|"
    r"intends?|aims?|strives?|determination|commitment"
)
_WISH = re.compile(
    r"(?i)(?:hop(?:e|es|ed|ing)|wish(?:es|ed)?|expect(?:s|ed)?|believ(?:e|es|ed)|suggest(?:s|ed)?)\s*(?:that\s*)?$"
)
_REAFFIRM = re.compile(r"(?i)(?:reaffirm|reiterat|renew|recommit|re-?emphasi)\w*\s+(?:\w+\s+){0,3}$")
_VISIT = re.compile(
    r"(?i)^\S+\s+(?:\w+\s+){0,3}?to\s+(?:pay\s+|make\s+)?(?:an?\s+)?(?:\w+\s+){0,2}?(?:visit|attend)\b"
)
_SPLIT = re.compile(r"\s*;\s*|,?\s*\b(?:and|as well as|while)\s+|,\s*")
_ENDORSED = re.compile(r"(?i)\b(?:proposals?|suggestions?|ideas?|recommendations?)\b")
_EXPECTED = re.compile(
    r"(?i)\b(?:expected|set|poised|on track|projected)\s+to\s+(?:reach|hit|exceed|surpass|top)\b"
)
_HEAD_SKIP = frozenset(
    "a an the more new further regular its their our all every closer greater stronger".split()
)
_HEAD_STOP = frozenset(
    "between with to for in on of at by and through so as that which from into among".split()
)
_GENERIC = frozenset(
    """cooperation relation tie exchange consensus trust friendship foundation partnership development effort
    measure momentum result agreement document plan use role work progress""".split()
)


@dataclass(frozen=True, slots=True)
class _Item:
    """One committed action at its offsets, before its topic is known."""

    start: int
    end: int
    stage: CommitmentStage
    parties: tuple[str, ...]
    evidence: Evidence
    speaker: str | None = None
    statement: int = -1
    # Words before the items that apply to all of them ("Over the next three years, ...").
    opening: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class _Ctx:
    text: str
    folded: str
    anchor: int | None
    pair: tuple[str, ...]
    mechanisms: tuple[str, ...]


def find_commitments(
    text: str,
    statements: Sequence[Statement],
    *,
    anchor_year: int | None,
    pair: tuple[str, ...],
    mechanisms: Sequence[str] = (),
    masked: str | None = None,
) -> list[Commitment]:
    """Every commitment of a report, item by item, in text order.

    ``statements`` are the report's (find_statements); ``anchor_year`` dates "this year" and "over
    the next three years"; ``pair`` is the report's two countries; ``mechanisms`` are canonical
    names of mechanisms the report's engagements name, recognised besides the pair's known ones;
    ``masked`` (the text with credits blanked, same offsets) keeps captions out of progress reports.
    Items that name nothing to follow (no topic, target, deadline or concrete act) are left out.
    """
    if masked is not None and len(masked) != len(text):
        raise ValueError("masked text must keep the offsets of the text")
    folded = fold_keep(text if masked is None else masked)
    ctx = _Ctx(text, folded, anchor_year, tuple(sorted(set(pair))), tuple(mechanisms))
    items: list[_Item] = []
    for index, statement in enumerate(statements):
        items.extend(_statement_items(ctx, statement, index))
    found = [(item.start, c) for item in _endorse(ctx, statements, items) if (c := _commitment(ctx, item))]
    taken = {(c.topic, c.evidence.start) for _, c in found}
    found.extend((s, c) for s, c in _progress(ctx) if (c.topic, c.evidence.start) not in taken)
    found.sort(key=lambda pair_: (pair_[1].evidence.start, pair_[0]))
    return [c for _, c in found]


def _parties(ctx: _Ctx, side: str | None, *, both: bool) -> tuple[str, ...]:
    """Both countries for what both sides share; the acting side first for one side's proposal."""
    if both or side is None or side not in ctx.pair:
        return ctx.pair or ((side,) if side else ())
    return (side, *(code for code in ctx.pair if code != side))


def _stage(ctx: _Ctx, statement: Statement) -> tuple[CommitmentStage, int] | None:
    """The stage a statement gives what it commits to, and where its items begin in the content.

    A modal decides for reported speech ("should" proposes, "will" pledges unless the speaker only
    hoped so); otherwise the act does, and an affirmation counts only as a reaffirmation ("reiterated
    its commitment to") or when it puts an action forward ("highlighted the acceleration of ...").
    """
    act, quote = statement.act, statement.content.quote
    verb_zone = ctx.text[
        max(statement.evidence.start, statement.content.start - 40) : statement.content.start
    ]
    lead = _LEAD.match(quote)
    if lead and _VERB.match(quote, lead.end()):
        pledge = _PLEDGE.match(lead.group("modal")) and not _WISH.search(verb_zone)
        return ("agreed" if act == "agreed" or pledge else "proposed"), lead.end()
    if act in ("said", "congratulated", "thanked", "opposed"):
        if _EXPECTED.search(quote) and target_of(quote):
            return "under_way", 0  # "trade is expected to reach US$200 billion this year"
        return None
    subject = _SUBJECT.match(quote)
    nominal = act != "agreed" and (_NOMINAL.match(quote) is not None or re.match(r"(?i)\w+ing\b", quote))
    if act == "affirmed" and not _REAFFIRM.search(verb_zone):
        # "China views ..." states a view; "highlighted the building of ..." puts an action forward.
        return ("proposed", 0) if nominal else None
    if subject is None and not nominal:
        return None
    body = subject.end() if subject else 0
    if act == "affirmed":
        return "reaffirmed", body
    if act == "invited" and _VISIT.match(quote[body:]):
        return None  # an invitation to visit is a planned engagement, not a commitment
    return ("agreed" if act in ("agreed", "supported") else "proposed"), body


def _statement_items(ctx: _Ctx, statement: Statement, index: int) -> list[_Item]:
    """The items a statement commits to, or none when it reports, thanks or assesses."""
    found = _stage(ctx, statement)
    if found is None:
        return []
    stage, body = found
    parties = _parties(ctx, statement.side, both=statement.speaker_kind == "both" or stage == "agreed")
    start = statement.content.start + body
    opening = (statement.content.start, start)
    return [
        _Item(a, b, stage, parties, statement.evidence, statement.speaker, index, opening)
        for a, b in _split(ctx.text, start, statement.content.end)
    ]


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Coordinated items: cut at ";" and wherever a comma or "and" is followed by a new verb.

    A piece of one word ("control and resolve disputes") stays with the next one.
    """
    pieces: list[tuple[int, int]] = []
    begin = start
    for match in _SPLIT.finditer(text, start, end):
        after = match.end()
        verb = _VERB.match(text, after) or (text.startswith("to ", after) and _VERB.match(text, after + 3))
        nominal = "," in match.group() and _NOMINAL.match(text, after)
        if (";" in match.group() or verb or nominal) and len(text[begin : match.start()].split()) >= 2:
            pieces.append((begin, match.start()))
            begin = after
    pieces.append((begin, end))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in pieces) if b - a > 2]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """An item without the connective that joined it ("and", "to") or closing punctuation."""
    lead = re.match(r"(?i)[\s,;:\"“”]*(?:(?:and|as well as|to|while)\s+)?", text[start:end])
    start += lead.end() if lead else 0
    while end > start and text[end - 1] in ' \t\n,;:."“”':
        end -= 1
    return start, end


def _endorse(ctx: _Ctx, statements: Sequence[Statement], items: list[_Item]) -> list[_Item]:
    """ "Ding showed his support for Long's proposals": what Long proposed is now agreed by both."""
    out = list(items)
    for index, statement in enumerate(statements):
        quote = statement.content.quote
        if statement.act not in ("supported", "agreed") or not _ENDORSED.search(quote) or _VERB.match(quote):
            continue
        earlier = [i for i, item in enumerate(out) if item.statement < index and item.stage == "proposed"]
        named = [i for i in earlier if _names(quote, out[i].speaker)]
        if not named and re.search(r"(?i)\b(?:his|her|their)\b", quote):
            others = [i for i in earlier if out[i].speaker not in (None, statement.speaker)]
            last = out[others[-1]].statement if others else -1
            named = [i for i in others if out[i].statement == last]
        for i in named:
            out[i] = replace(out[i], stage="agreed", parties=ctx.pair or out[i].parties)
    return out


def _names(quote: str, speaker: str | None) -> bool:
    """Whether a quote names the speaker, in full or by the last word of the name ("Long's")."""
    words = ascii_name(speaker or "").split()
    return bool(words) and re.search(rf"\b{re.escape(words[-1])}\b", ascii_name(quote)) is not None


def _commitment(ctx: _Ctx, item: _Item) -> Commitment | None:
    """The item as a Commitment, or None when it names nothing to follow."""
    quote = ctx.text[item.start : item.end]
    target = target_of(quote)
    deadline = deadline_of(quote, ctx.anchor) or deadline_of(ctx.text[slice(*item.opening)], ctx.anchor)
    topic, mechanism, initiative = topic_of(
        quote, ctx.folded[item.start : item.end], pair=ctx.pair, mechanisms=ctx.mechanisms
    )
    if topic is None and (target or deadline or _CONCRETE_VERB.match(quote)):
        topic = _head_key(quote)
    if not topic:
        return None
    return Commitment(
        item=quote,
        stage=item.stage,
        parties=item.parties,
        target=target,
        deadline=deadline,
        topic=topic,
        mechanism=mechanism,
        initiative=initiative,
        domains=classify_domains(quote),
        evidence=item.evidence,
    )


def _head_key(quote: str) -> str | None:
    """A key from the item's object ("establish a joint working group ..." -> "joint working group")."""
    verb = _VERB.match(quote)
    words: list[str] = []
    for word in re.findall(r"[\w’'-]+|[^\w\s]", quote[verb.end() if verb else 0 :]):
        lower = ascii_name(word).lower()
        if not word[0].isalnum() or lower in _HEAD_STOP:
            break
        parts = lower.split("-")
        if (not words and lower in _HEAD_SKIP) or all(gazetteer.country_for(part) for part in parts):
            continue
        words.append(lower)
    key = words[-3:]
    if key and key[-1].endswith("ies"):
        key[-1] = key[-1][:-3] + "y"
    elif key and key[-1].endswith("s") and not key[-1].endswith("ss"):
        key[-1] = key[-1][:-1]
    return " ".join(key) if key and key[-1] not in _GENERIC else None


# What reports say of a topic's progress, tried only at word starts whose letters fit.
_PROGRESS: WordStartLexicon[CommitmentStage] = WordStartLexicon(
    [
        (
            r"(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?(?:completed|finished|inaugurated|"
            r"commissioned|put into (?:commercial )?(?:operation|service|use)|opened to traffic|established|"
            r"set up|founded|upgraded|elevated)",
            "done",
        ),
        (r"(?:came|comes|entered|enters|went)\s+into\s+(?:force|effect|operation|service)", "done"),
        (r"(?:began|begun|started|commenced)\s+(?:commercial\s+)?operations?", "done"),
        (
            r"(?:construction|work|building)\s+(?:of|on)\s+[^.;]{3,120}?\s+(?:began|started|commenced|"
            r"kicked off|(?:has|have) (?:begun|started|commenced))",
            "under_way",
        ),
        (r"broke ground|groundbreaking ceremony|ground-breaking ceremony", "under_way"),
        (r"(?:began|started|commenced) construction", "under_way"),
        (
            r"(?:is|are)\s+(?:now\s+|currently\s+)?"
            r"(?:under construction|being (?:built|constructed|implemented))",
            "under_way",
        ),
        (r"(?:was|were|has been|have been)\s+(?:\w+ly\s+)?launched", "under_way"),
        (
            r"(?:held|convened)\s+(?:the|its|their)\s+(?:first|inaugural|1st)\s+(?:meeting|session|round)",
            "under_way",
        ),
        (
            r"(?:first|inaugural)\s+(?:meeting|session|round)\s+of\s+[^.;]{3,120}?\s+(?:was|were)\s+held",
            "under_way",
        ),
    ],
    flags=0,
    trigger=True,
)
_NOT_YET = re.compile(
    r"\b(?:will|would|shall|should|must|to|expected|plans?|planned|hopes?|if|once|soon)\b[^.;,]*$"
)
_SENTENCE_END = re.compile(r"\n|(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def _progress(ctx: _Ctx) -> list[tuple[int, Commitment]]:
    """What a report says is under way or done ("construction began", "was upgraded to ministerial level").

    Only clauses that name an initiative, mechanism or theme count: "relations were established in
    1950" is history, not a commitment's progress.
    """
    text, folded = ctx.text, ctx.folded
    out: list[tuple[int, Commitment]] = []
    seen: set[tuple[str, int]] = set()
    for match, stage in _PROGRESS.scan(folded):
        first = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
        stop = _SENTENCE_END.search(text, match.end())
        last = len(text[: stop.start() if stop else len(text)].rstrip())
        semicolon = text.find(";", match.end(), last)
        clause = max(first, text.rfind(";", first, match.start()) + 1)
        start, end = _trim(text, clause, semicolon if semicolon >= 0 else last)
        if _NOT_YET.search(folded, max(start, match.start() - 40), match.start()):
            continue
        quote = text[start:end]
        topic, mechanism, initiative = topic_of(
            quote, folded[start:end], pair=ctx.pair, mechanisms=ctx.mechanisms
        )
        if topic is None or (topic, first) in seen:
            continue
        seen.add((topic, first))
        commitment = Commitment(
            item=quote,
            stage=stage,
            parties=ctx.pair,
            target=target_of(quote),
            deadline=None,
            topic=topic,
            mechanism=mechanism,
            initiative=initiative,
            domains=classify_domains(quote),
            evidence=Evidence(quote=text[first:last], start=first, end=last),
        )
        out.append((start, commitment))
    return out

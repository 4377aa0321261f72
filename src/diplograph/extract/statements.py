"""Statements of a report: who said, proposed or agreed what, with the content's exact span.

Readouts report speech in a few shapes, and each gets its rule here: "X said that C" (a
reporting phrase after its subject), "C, X said" (attribution after the content), "Noting that C,
X said ..." (a participle before the subject), coordinated acts ("..., and called on C"), and
runs of reported speech where later sentences carry on without a verb ("First, the two sides need
to ..." under "The two sides reached important consensus"). Speakers come from the people index
(names, titles, pronouns, groups) or from side words ("the Chinese side", "Viet Nam", "both sides").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.extract.acts import (
    ActPhrase,
    Speaker,
    find_act_phrases,
    find_subject,
    find_subject_after,
    resolve_side_np,
)
from diplograph.extract.domains import classify_domains
from diplograph.extract.people import PeopleIndex, SentenceInfo
from diplograph.model import Evidence, Statement, StatementAct

__all__ = ["classify_domains", "find_statements"]

_RUN_GAP = 4  # sentences a run of reported speech survives without a statement
_HEADING_END = re.compile(r"[.!?;:…]\s*[\"”’')\]]*\s*$")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_CONNECTIVE = re.compile(
    r"^(?:(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Finally|Lastly|Accordingly|Furthermore|Moreover|"
    r"In addition|Also|Meanwhile|Besides)\s*,?\s+)"
)
_SPEECHY = re.compile(
    r"\b(?:should|need to|needs to|must|will|shall|would|(?:is|are) (?:willing|ready|prepared) to|"
    r"stands? ready|aims? to|seeks? to|strives? to|we|our|us)\b|\bI\b|"
    r"^(?:Strengthen|Promote|Deepen|Expand|Enhance|Step up|Maintain|Encourage|Consolidate|Build|Boost|"
    r"Accelerate|Continue|Foster|Push|Advance|Work)\b",
    re.IGNORECASE,
)
_NARRATIVE = re.compile(
    r"\b(?:held|met|visited|signed|attended|co-chaired|chaired|arrived|received|hosted|"
    r"exchanged|discussed|talked|witnessed|paid|took place|lasted|departed|left for|toured|conducted|"
    r"reviewed|laid|joined|announced|scheduled|slated)\b"
)
_REPORTED = ("said", "affirmed", "proposed")
_MODAL = re.compile(r"\b(?:will|would|shall|should|could|can|may|might|must|to)\b")
_FIRST_PERSON = re.compile(r"(?i)we|i")
_MARKED = re.compile(r"\b(?:should|need to|needs to|must|will|shall|we|our|us)\b|\bI\b", re.IGNORECASE)
_CLAUSE_VERB = re.compile(r"\b(?:said|says|stated|told|believed|believes|hoped|hopes|added|informed)\b")
_COORDINATOR = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+|;\s*)(?:(?:also|further|then|later|warmly|strongly|sincerely|highly|firmly|"
    r"once again|again|positively)\s+)*$"
)
_POST_VERB = re.compile(
    r"\b(?:said|says|added|adds|continued|noted|stressed|told|tweeted|wrote|explained|emphasi[sz]ed)\b"
)
_POST_TAIL = re.compile(
    r"^(?:\s+(?:later|earlier|today|yesterday|again|also|on\s+\w+))*(?:\s+(?:on|in|at|while|after|during|"
    r"before|when|from|shortly|through|via)\b[^\"“”,;]{0,100})?(?:\s*,\s*(?:adding|saying|noting|stressing)\b.*)?"
    r"[\s.!?\"”’')]*$"
)
_SEP = re.compile(r"(?:,\s*[\"”’']?|[\"”’']\s*,?)\s*$")
_CITED = re.compile(r",\s*[^,]{0,60}?\b(?:cited|quoted)\s+(?P<np>.{1,80}?)\s+as\s+saying\b")


@dataclass(slots=True)
class _Found:
    speaker: Speaker
    act: StatementAct
    start: int
    end: int
    sentence: int
    clause: bool = False  # content is a reported clause ("said that ..."), not a noun phrase
    strong: bool = False  # "Wang said, ...": the rest of the line is his speech
    continued: bool = False  # an act inside someone's run of speech ("China invites ..." after Xi spoke)


@dataclass(slots=True)
class _Run:
    """The speaker whose reported speech later sentences may continue."""

    speaker: Speaker
    act: StatementAct
    sentence: int
    paragraph: int
    line: int
    strong: bool


@dataclass(frozen=True, slots=True)
class _Doc:
    text: str
    masked: str
    sentences: list[SentenceInfo]
    people: PeopleIndex
    pair: tuple[str, ...]
    paragraphs: tuple[int, ...]
    lines: tuple[int, ...]


def find_statements(
    text: str, masked: str, sentences: list[SentenceInfo], people: PeopleIndex, *, pair: tuple[str, ...]
) -> list[Statement]:
    """Every statement of a report, in text order, each with its speaker, act, content and domains."""
    if len(masked) != len(text):
        raise ValueError("masked text must keep the offsets of the text")
    doc = _Doc(text, masked, sentences, people, pair, *_layout(text, sentences))
    found: list[_Found] = []
    run: _Run | None = None
    for info in sentences:
        if _is_heading(masked, info):
            continue
        own = _sentence(doc, info, run)
        if not own:
            carried = _carry(doc, info, run)
            own = [carried] if carried else []
        if own:
            if own[0].start < info.start:  # a quotation reaching back takes in what was carried
                found = [f for f in found if f.start < own[0].start or f.speaker != own[0].speaker]
            found.extend(own)
            last = own[-1]
            act = run.act if run is not None and last.continued else last.act
            strong = last.strong or (run is not None and last.continued and run.strong)
            run = _Run(
                last.speaker, act, info.index, doc.paragraphs[info.index], doc.lines[info.index], strong
            )
        elif run is not None and (_narrative(doc, info) or info.index - run.sentence > _RUN_GAP):
            run = None
    return [_statement(doc, f) for f in found if f.end > f.start]


def _layout(text: str, sentences: list[SentenceInfo]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Paragraph and line numbers per sentence: runs of speech live within them."""
    paragraphs: list[int] = []
    lines: list[int] = []
    position = 0
    for info in sentences:
        gap = text[position : info.start]
        paragraphs.append((paragraphs[-1] if paragraphs else 0) + len(_BLANK_LINE.findall(gap)))
        lines.append((lines[-1] if lines else 0) + gap.count("\n"))
        position = info.start
    return tuple(paragraphs), tuple(lines)


def _is_heading(masked: str, info: SentenceInfo) -> bool:
    """Titles, captions and credits end their line without a full stop; they state nothing."""
    chunk = masked[info.start : info.end]
    if not chunk.strip():
        return True
    line_end = masked.find("\n", info.end)
    rest = masked[info.end : line_end if line_end >= 0 else len(masked)]
    return not rest.strip() and not _HEADING_END.search(chunk)


def _statement(doc: _Doc, found: _Found) -> Statement:
    start, end = _trim(doc.text, found.start, found.end)
    info = doc.sentences[found.sentence]
    first = min(info.start, start)  # a quotation may open in an earlier sentence
    content = doc.text[start:end]
    speaker = found.speaker
    name = doc.people.people[speaker.person].name if speaker.person is not None else None
    return Statement(
        speaker=name,
        speaker_kind=speaker.kind,
        side=speaker.side,
        act=found.act,
        content=Evidence(quote=content, start=start, end=end),
        domains=classify_domains(content),
        evidence=Evidence(quote=doc.text[first : info.end], start=first, end=info.end),
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content without surrounding blanks, a trailing full stop or comma, or an unpaired quote mark."""
    while start < end and text[start] in " \t\n,:;\"“‘'":
        start += 1
    while end > start and text[end - 1] in " \t\n.,;:":
        end -= 1
    if end > start and text[end - 1] in "\"”’'" and text.count(text[end - 1], start, end) == 1:
        end -= 1
        while end > start and text[end - 1] in " .,;:":
            end -= 1
    return start, end


def _sentence(doc: _Doc, info: SentenceInfo, run: _Run | None) -> list[_Found]:
    """The statements a sentence makes with reporting phrases of its own."""
    post = _postposed(doc, info, run)
    if post:
        return post
    masked = doc.masked
    found: list[_Found] = []
    preamble: ActPhrase | None = None
    for i, phrase in enumerate(find_act_phrases(masked, info.start, info.end)):
        if i == 0 and phrase.participle and not masked[info.start : phrase.start].strip(" ,"):
            preamble = phrase
            continue
        if found:
            _continue_clause(doc, info, phrase, found)
            continue
        subject = find_subject(masked, info, doc.people, info.start, phrase.start, run=_run_speaker(run))
        if subject is None and _CLAUSE_VERB.fullmatch(masked[phrase.start : phrase.end].lower()):
            break  # "The Consul General said ...": what follows is someone's words, not new statements
        if subject is None or (phrase.act == "supported" and _names_person(info, phrase.content_start)):
            continue  # no speaker, or "welcomed his counterpart": a greeting, not support for anything
        if _MODAL.search(masked[subject.end : phrase.start]):
            continue  # "the two sides will ... agree on": a plan, not an act
        first_person = bool(_FIRST_PERSON.fullmatch(masked[subject.start : subject.end]))
        speaker, act, continued = _in_run(doc, info, run, subject.speaker, phrase, first_person=first_person)
        if preamble is not None:
            comma = masked.rfind(",", preamble.content_start, subject.start)
            greeting = preamble.act == "supported" and _names_person(info, preamble.content_start)
            if comma > preamble.content_start and not greeting:
                found.append(_Found(speaker, preamble.act, preamble.content_start, comma, info.index))
        if continued:
            found.append(_Found(speaker, act, info.start, info.end, info.index, continued=True))
            break
        clause = bool(_CLAUSE_VERB.fullmatch(masked[phrase.start : phrase.end].lower())) or bool(
            re.match(r"\s*,?\s*that\b", masked[phrase.end : phrase.end + 12])
        )
        strong = phrase.act in ("said", "affirmed") and masked[phrase.end : phrase.end + 1] == ","
        found.append(_Found(speaker, phrase.act, phrase.content_start, info.end, info.index, clause, strong))
    return found


def _continue_clause(doc: _Doc, info: SentenceInfo, phrase: ActPhrase, found: list[_Found]) -> None:
    """A later reporting phrase: a coordinated act of the same speaker, a new subject, or content.

    Inside a reported clause ("said that the session reviewed ... and elaborated ...") a past verb
    belongs to the clause, so only a participle ("..., adding that") coordinates with the speaker.
    """
    open_ = found[-1]
    masked = doc.masked
    if _inside_quote(masked, open_.start, phrase.start):
        return
    coordinator = _COORDINATOR.search(masked, open_.start, phrase.start)
    subject = find_subject(masked, info, doc.people, open_.start, phrase.start, run=None, coordination=False)
    if subject is not None and phrase.past:
        if subject.speaker == open_.speaker and subject.start - open_.start <= 3:
            return  # "said he hoped that ...": one statement
        if coordinator is None and re.search(r"\band\s*$", masked[open_.start : subject.start]):
            open_.end = masked.rfind(" and", open_.start, subject.start)
        found.append(_Found(subject.speaker, phrase.act, phrase.content_start, info.end, info.index))
        return
    clause_act = phrase.act not in ("said", "affirmed") and bool(
        re.search(r",\s*and\s+\S*\s*$", masked[open_.start : phrase.start])
    )
    coordinated = phrase.participle or (phrase.past and (clause_act or not open_.clause))
    if subject is None and coordinator is not None and coordinated:
        open_.end = coordinator.start()
        found.append(_Found(open_.speaker, phrase.act, phrase.content_start, info.end, info.index))


def _inside_quote(masked: str, start: int, end: int) -> bool:
    chunk = masked[start:end]
    return chunk.count("“") > chunk.count("”") or chunk.count('"') % 2 == 1


def _names_person(info: SentenceInfo, at: int) -> bool:
    """Whether a person (not a person's something: "Long's proposals") follows at ``at``."""
    return any(
        r.kind in ("name", "short", "title", "group") and at <= r.start < at + 30 and r.people
        for r in info.refs
        if not any(t.start == r.end and t.kind == "poss" for t in info.tokens)
    )


def _run_speaker(run: _Run | None) -> Speaker | None:
    return run.speaker if run is not None else None


def _in_run(
    doc: _Doc,
    info: SentenceInfo,
    run: _Run | None,
    speaker: Speaker,
    phrase: ActPhrase,
    *,
    first_person: bool,
) -> tuple[Speaker, StatementAct, bool]:
    """ "China invites ..." inside Xi's run of speech is Xi speaking; "Viet Nam reiterated" is the side.

    A present-tense act whose subject is the speaker's own side (or "we") is the speaker's own
    act; one whose subject is both sides ("the two countries have supported each other") is part
    of what he said. A past-tense act is the reporter's narration of what the side did.
    """
    if run is None or run.speaker.kind != "person" or phrase.past or not _continuous(doc, info, run):
        return speaker, phrase.act, False
    if first_person or (speaker.kind == "side" and speaker.side == run.speaker.side):
        return run.speaker, phrase.act, True
    if speaker.kind == "both":
        return run.speaker, run.act, True
    return speaker, phrase.act, False


def _continuous(doc: _Doc, info: SentenceInfo, run: _Run) -> bool:
    return doc.paragraphs[info.index] == run.paragraph and info.index - run.sentence <= _RUN_GAP


def _postposed(doc: _Doc, info: SentenceInfo, run: _Run | None) -> list[_Found]:
    """ "C, Wang said." / "C, said Wang, adding that D" / "C, state media cited Xi as saying"."""
    masked = doc.masked
    cited = _CITED.search(masked, info.start, info.end)
    if cited:
        subject = find_subject(masked, info, doc.people, cited.start("np"), cited.end("np"), run=None)
        if subject is not None:
            return [_Found(subject.speaker, "said", info.start, cited.start(), info.index)]
    for verb in reversed(list(_POST_VERB.finditer(masked, info.start, info.end))):
        found = _postposed_at(doc, info, verb, run)
        if found:
            return found
    return []


def _postposed_at(doc: _Doc, info: SentenceInfo, verb: re.Match[str], run: _Run | None) -> list[_Found]:
    """The attribution at one reporting verb, inverted (", said Wang") or plain (", Xi told Widodo")."""
    masked = doc.masked
    head = masked[info.start : verb.start()]
    tail = masked[verb.end() : info.end]
    subject = None
    sep = _SEP.search(head)
    if sep is not None and verb.group() in ("said", "says", "added", "continued", "noted"):
        hi = min(info.end, verb.end() + 80)
        subject = find_subject_after(masked, info, doc.people, verb.end(), hi, run=_run_speaker(run))
        rest = masked[subject.end : info.end] if subject else ""
        if subject is not None and re.match(r"^[\s\w.’'-]*(?:,|[.!?\"”’]*\s*$)", rest):
            return _with_adding(doc, info, subject.speaker, info.start + sep.start(), rest, sep.group())
    if verb.group() == "told":
        told = re.match(r"^\s+(?:(?:the|a)\s+)?[\w’'.@-]+(?:\s+[A-Z][\w’'-]*){0,2}", tail)
        tail = tail[told.end() :] if told else tail
    if not _POST_TAIL.match(tail):
        return []
    for sep in reversed(list(re.finditer(r",\s*[\"”’']?\s*|[\"”’']\s*,?\s*", head))[-3:]):
        np_start = info.start + sep.end()
        subject = find_subject(masked, info, doc.people, np_start, verb.start(), run=_run_speaker(run))
        if subject is not None and subject.start - np_start < 60:
            return _with_adding(doc, info, subject.speaker, info.start + sep.start(), tail, sep.group())
    return []


def _with_adding(
    doc: _Doc, info: SentenceInfo, speaker: Speaker, end: int, tail: str, sep: str
) -> list[_Found]:
    """The attributed content, a quotation opened in an earlier sentence, and any ", adding that D"."""
    start = info.start
    if any(q in sep for q in "\"”’'") and not any(q in doc.masked[start:end] for q in '"“‘'):
        start = _quote_opening(doc, info)
    found = [_Found(speaker, "said", start, end, info.index)]
    adding = re.search(r",\s*(?:adding|saying|noting|stressing)\s+(?:that\s+)?", tail)
    if adding:
        at = info.end - len(tail) + adding.end()
        word = adding.group().lstrip(", ")
        act: StatementAct = "affirmed" if word.startswith(("noting", "stressing")) else "said"
        found.append(_Found(speaker, act, at, info.end, info.index))
    return found


def _quote_opening(doc: _Doc, info: SentenceInfo) -> int:
    """Where a quotation closed in this sentence opened: an earlier sentence of the paragraph."""
    for back in range(info.index - 1, max(-1, info.index - 4), -1):
        earlier = doc.sentences[back]
        if doc.paragraphs[back] != doc.paragraphs[info.index]:
            break
        if doc.masked[earlier.start] in "\"“‘'":
            return earlier.start
    return info.start


def _carry(doc: _Doc, info: SentenceInfo, run: _Run | None) -> _Found | None:
    """A sentence with no reporting phrase that continues the run of speech before it.

    The rest of a "Wang said, ..." line is his; elsewhere in the paragraph a sentence continues
    a person's reported speech unless it narrates, and any run when it speaks in modals, "we" or
    a list ("First, the two sides need to ..."); past the paragraph only such a sentence, next in line.
    """
    if run is None or info.index - run.sentence > _RUN_GAP:
        return None
    sentence = doc.masked[info.start : info.end]
    if _CLAUSE_VERB.search(sentence):
        return None  # a sentence with a reporting verb of its own reports someone else
    lead = _CONNECTIVE.match(sentence)
    body = sentence[lead.end() :] if lead else sentence
    same_line = run.strong and doc.lines[info.index] == run.line
    if not same_line and _narrative(doc, info):
        return None
    same = doc.paragraphs[info.index] == run.paragraph
    reported = run.speaker.kind == "person" and run.act in _REPORTED
    speaks = same_line or (same and (reported or lead or _SPEECHY.search(body)))
    if not speaks and (same or info.index - run.sentence > 1 or not (lead or _MARKED.search(body))):
        return None
    speaker = run.speaker
    side = resolve_side_np(body) if speaker.kind == "both" else None
    if side is not None and (not doc.pair or side.side in doc.pair):
        speaker = side  # "China will continue to ..." in a list of what both sides agreed
    start = info.start + (lead.end() if lead else 0)
    return _Found(speaker, run.act, start, info.end, info.index, strong=same_line)


def _narrative(doc: _Doc, info: SentenceInfo) -> bool:
    """The reporter's own narration: an engagement verb, or a person as the clause's subject."""
    sentence = doc.masked[info.start : info.end]
    if _NARRATIVE.search(sentence):
        return True
    lead = _CONNECTIVE.match(sentence)
    offset = info.start + (lead.end() if lead else 0)
    intro = re.match(r"^[^,]{0,80},\s*", sentence[offset - info.start :])
    for at in (offset, offset + (intro.end() if intro else 0)):
        for ref in info.refs:
            if ref.kind in ("name", "short", "title", "group", "pronoun") and ref.people:
                gap = doc.masked[at : ref.start]
                if ref.start >= at and re.fullmatch(r"(?:(?:[A-Z][\w.’'-]*|the|of|and)\s+)*", gap):
                    return ref.kind != "pronoun" or doc.masked[ref.start : ref.end].lower() in ("he", "she")
    return False

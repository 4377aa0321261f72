"""Engagements of one report: triggers, their participants, date, place and mechanism.

Each sentence is read once, in order, so that "the same day", "during the visit", "he" and
"The meeting was co-chaired by ..." can lean on what came before. Drafts that restate one
engagement (a headline, a caption, a later sentence) are merged at the end.
"""

from __future__ import annotations

import re
from dataclasses import replace

from diplograph.extract import gazetteer
from diplograph.extract.dates import DateMention, Tense, find_dates, resolve, tense_of
from diplograph.extract.drafts import DocContext, Draft
from diplograph.extract.mechanisms import MechanismMention, find_mechanisms
from diplograph.extract.merge import locate_by_dateline, locate_by_visits, merge_drafts
from diplograph.extract.people import Ref, SentenceInfo
from diplograph.extract.places import PlaceMention, capital_of, find_places
from diplograph.extract.triggers import Trigger, find_triggers
from diplograph.model import PartialDate

_EXCLUDE_CUES = re.compile(
    r"\b(?:at the invitation of|invited by|on behalf of|guidance (?:from|of)|consensus (?:reached )?"
    r"(?:by|between)|perceptions? (?:reached )?(?:by|between)|leadership of|message from|letter from|"
    r"greetings (?:from|of)|proposed by|initiated by|succeeding|predecessor|since)\b[^,;]*",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:will|shall|is set to|are set to|is scheduled to|are scheduled to|was scheduled to|"
    r"were scheduled to|"
    r"scheduled|slated|is expected to|are expected to|plans? to|planned|is to|are to|agreed to|upcoming|"
    r"next|is due to|are due to|would|to be held|preparations? for|prepare for|to well organi[sz]e|"
    r"to organi[sz]e|to successfully organi[sz]e|"
    # headline future: "Deputy PM to visit China and co-chair steering committee session"
    r"to (?:visit|hold|meet|co-?chair|attend|sign|travel|pay))\b",
    re.IGNORECASE,
)
_EVENT_YEAR = re.compile(r"\b(?:the|its|their)\s+(19[5-9]\d|20\d\d)\s+(?=[A-Z])")
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+|well\s+)?$", re.IGNORECASE)
_DOMESTIC_EVENT = re.compile(r"\b(?:plenary|Central Committee|National Congress|Party Congress)\b")
_SAID_THAT = re.compile(
    r"\b(?:said|says|noted|stressed|affirmed|added|stated|announced|reported|emphasi[sz]ed|believed|hoped|"
    r"expressed (?:his|her) (?:hope|belief)|told [\w ]{1,40}?)(?:\s+that\b|,|\b)",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?:said|says|announced|reported|stated|told [\w ]{0,30}?|added|tweeted|confirmed|quoted [\w ]{0,30}|"
    r"as saying)\s*(?:on\s+)?$",
    re.IGNORECASE,
)
_DURING = re.compile(r"\b[Dd]uring (?:the|his|her|their|this) (?:trip|visit|stay|tour)\b")
_BOUNDARY = re.compile(
    r"^\s*(?:Prior to|Before|After|Following|Ahead of|During|On the occasion of)\b[^,]{0,100},|;|"
    r",\s*(?:where|while|with|before|after|as)\b|\b(?:where|before|after)\b|"
    r"\b(?:said|says|noted|stressed|affirmed|added|stated|announced)(?:\s+that\b|,|\b)"
)
_EVENT_SUBJECT = re.compile(
    r"\b(?:meeting|conference|session|talks|summit|dialogue|exchange|seminar|forum|ceremony|event|visit|"
    r"round|consultations?|Meeting|Conference|Exchange|Summit|Dialogue|Forum)\b[^.;]{0,140}$"
)
_SIDES = re.compile(
    r"\b(?:[Tt]he two sides|[Bb]oth sides|[Tt]he two (?:parties|countries)|China and Vietnam)\b"
)
_SPLIT_CUES = re.compile(r"\b(?:separately|successively|respectively|one after another)\b", re.IGNORECASE)


def extract_engagements(ctx: DocContext) -> list[Draft]:
    """All engagements of a report, merged where several sentences state the same one."""
    for info in ctx.sentences:
        _sentence(ctx, info)
        _advance_narrative(ctx, info)
    _fill_lead(ctx)
    merged = merge_drafts(ctx.drafts)
    locate_by_visits(merged)
    locate_by_dateline(merged, dateline=ctx.dateline, anchor=ctx.anchor)
    return merged


def _dates_of(ctx: DocContext, info: SentenceInfo, sentence: str) -> list[DateMention]:
    """Date mentions of a sentence, found once (both the engagement rules and the narrative need them)."""
    found = ctx.dates.get(info.index)
    if found is None:
        found = ctx.dates[info.index] = find_dates(sentence)
    return found


def _advance_narrative(ctx: DocContext, info: SentenceInfo) -> None:
    """The story's current date: the last date a sentence states, for sentences that state none."""
    sentence = ctx.masked[info.start : info.end]
    for mention in reversed(_dates_of(ctx, info, sentence)):
        if mention.kind in ("year", "relative_year", "relative_week", "relative_month") or (
            mention.month is None and mention.kind in ("range", "full")
        ):
            continue
        date, _ = resolve(
            mention, anchor=_anchor_for(ctx, sentence, mention), previous=ctx.narrative, min_date=ctx.min_date
        )
        if date is not None:
            ctx.narrative = date
            return


def _sentence(ctx: DocContext, info: SentenceInfo) -> None:
    sentence = ctx.masked[info.start : info.end]
    triggers = [t for t in find_triggers(sentence) if _plausible(sentence, t, info)]
    modality = next((t for t in triggers if t.mode == "modality"), None)
    mains = [t for t in triggers if t.mode != "modality"]
    if modality is not None:
        if any(t.kind in ("talks", "meeting") for t in mains):
            mains = [replace(t, kind=modality.kind) if t.kind in ("talks", "meeting") else t for t in mains]
        else:
            mains = sorted([*mains, replace(modality, mode="verb")], key=lambda t: t.start)
    if not mains:
        return
    dates = _dates_of(ctx, info, sentence)
    places = find_places(ctx.text, info.tokens, exclude=ctx.title_zones)
    mechanisms = find_mechanisms(sentence, pair=ctx.pair)
    excluded = [(info.start + m.start(), info.start + m.end()) for m in _EXCLUDE_CUES.finditer(sentence)]
    refs = [r for r in info.refs if not any(a <= r.start < b for a, b in excluded)]
    subject: list[int] = []
    listed: list[int] = []
    for i, trigger in enumerate(mains):
        nxt = mains[i + 1].start if i + 1 < len(mains) else len(sentence)
        draft_subject, objects, clause_subject = _participants(
            ctx, info, sentence, refs, mains, i, nxt, subject
        )
        if trigger.mode == "list":
            draft_subject, objects = listed, []
        elif i + 1 < len(mains) and mains[i + 1].mode == "list":
            listed = draft_subject + objects
        subject = clause_subject
        if trigger.mode in ("anaphor", "attend_ref", "update"):
            people = [] if trigger.mode == "update" else draft_subject + objects
            if _attach(ctx, trigger, people, info, (dates, places)):
                continue
        lead = sentence[max(0, trigger.start - 200) : trigger.start]
        infinitive = _INFINITIVE.search(lead) and not _PLANNED.search(lead)
        if infinitive and not any(m.ordinal for m in mechanisms):
            continue
        if trigger.mode == "possessed" and not draft_subject:
            continue  # "the first visit by a leader since 2016": nobody to record
        for group in _split(ctx, trigger, draft_subject, objects, sentence):
            draft = _draft(ctx, info, sentence, trigger, group, (dates, places, mechanisms), i == 0)
            ctx.drafts.append(draft)
    if subject:
        ctx.last_subject = subject


def _participants(
    ctx: DocContext,
    info: SentenceInfo,
    sentence: str,
    refs: list[Ref],
    mains: list[Trigger],
    i: int,
    nxt: int,
    previous_subject: list[int],
) -> tuple[list[int], list[int], list[int]]:
    """(subject, objects) of a trigger, and the clause subject that later triggers inherit."""
    trigger = mains[i]
    low = mains[i - 1].end if i else 0
    boundary = max((m.end() for m in _BOUNDARY.finditer(sentence, low, trigger.start)), default=None)
    if i and boundary is None:
        subject_refs: list[Ref] = []
    else:
        lo = boundary if boundary is not None else 0
        subject_refs = [r for r in refs if lo <= r.start - info.start < trigger.start]
    objects = _people(ctx, [r for r in refs if trigger.start <= r.start - info.start < nxt])
    subject = _people(ctx, subject_refs)
    if not subject and i:
        subject = list(previous_subject)
    if not subject and not i and re.search(r"\band\s+$", sentence[: trigger.start]):
        subject = list(ctx.last_subject)
    if trigger.mode == "possessed":
        possessor = [
            r
            for r in refs
            if r.end - info.start <= trigger.start and trigger.start - (r.end - info.start) < 12
        ]
        return _people(ctx, possessor[-1:]), [], subject
    return subject, [p for p in objects if p not in subject], subject


def _people(ctx: DocContext, refs: list[Ref]) -> list[int]:
    out: list[int] = []
    for ref in refs:
        people = ref.people
        if ref.kind == "they":
            people = tuple(_last_pair(ctx, ref))
        for person in people:
            if person not in out and ctx.people.people[person].mentions:
                out.append(person)
    return out


def _last_pair(ctx: DocContext, ref: Ref) -> list[int]:
    """ "they", "the leaders": the people of the last engagement held before this sentence."""
    for status in ("held", "planned"):
        for draft in reversed(ctx.drafts):
            if draft.start <= ref.start and draft.status == status and len(draft.participants) >= 2:
                return draft.participants
    return []


def _split(
    ctx: DocContext, trigger: Trigger, subject: list[int], objects: list[int], sentence: str
) -> list[list[int]]:
    """ "met with A and B": separate meetings when A and B are of one country and not the subject's."""
    people = ctx.people.people
    if trigger.kind in ("meeting", "talks", "phone_call") and subject and len(objects) >= 2:
        countries = {people[p].country for p in objects}
        subject_countries = {people[p].country for p in subject}
        if len(countries) == 1 and None not in countries and not countries >= subject_countries:
            return [[*subject, o] for o in objects]
        if _SPLIT_CUES.search(sentence):
            return [[*subject, o] for o in objects]
    return [subject + objects]


def _adjectival(info: SentenceInfo, offset: int) -> bool:
    """ "visiting Japanese Prime Minister": the participle qualifies a person, it states no clause."""
    following = [t for t in info.tokens if t.start >= info.start + offset][:1]
    if not following:
        return False
    token = following[0]
    return (bool(gazetteer.country_for(token.text)) and not gazetteer.place_for(token.text)) or (
        token.key in ("president", "prime", "premier", "minister", "foreign", "deputy", "vice", "delegation")
    )


def _names_place(info: SentenceInfo, offset: int) -> bool:
    """ "visited Hanoi", "visiting China": the object of a bare "visit" must be a place."""
    words = [t for t in info.tokens if t.start >= info.start + offset][:4]
    if words and words[0].key == "to":
        words = words[1:]
    for n in range(len(words), 0, -1):
        phrase = " ".join(t.text for t in words[:n])
        if words[0].is_cap and (gazetteer.place_for(phrase) or gazetteer.country_for(phrase)):
            return True
    return False


def _plausible(sentence: str, trigger: Trigger, info: SentenceInfo) -> bool:
    """Drop triggers whose object shows they are no engagement: a plenum, "received praise"."""
    after = sentence[trigger.start : trigger.end + 80]
    if trigger.mode == "event" and _DOMESTIC_EVENT.search(after):
        return False
    phrase = sentence[trigger.start : trigger.end].lower()
    if trigger.kind == "signing" and re.search(
        r"\b(?:with|the|of|under|to|and|previously|already)\s+$", sentence[: trigger.start]
    ):
        return False
    if trigger.mode == "event" and re.match(
        r"(?:was|were|is|are|will be) (?:officially )?held|took place|take place", phrase
    ):
        before = sentence[: trigger.start]
        if re.search(r"\b(?:if|whether|that|this|it)\s+$", before) or not _EVENT_SUBJECT.search(before):
            return False
    if phrase == "visiting" and _adjectival(info, trigger.end):
        return False  # "talks with visiting Japanese Prime Minister X": X is an object of the talks
    if trigger.kind == "visit" and re.fullmatch(r"(?i)visit(?:ed|ing|s)?", phrase):
        return _names_place(info, trigger.end)
    if sentence[trigger.start : trigger.end].lower().startswith("receiv"):
        window = (info.start + trigger.end, info.start + trigger.end + 90)
        return any(window[0] <= r.start < window[1] and r.kind in ("name", "title") for r in info.refs)
    return True


def _draft(
    ctx: DocContext,
    info: SentenceInfo,
    sentence: str,
    trigger: Trigger,
    participants: list[int],
    found: tuple[list[DateMention], list[PlaceMention], list[MechanismMention]],
    first: bool,
) -> Draft:
    dates, places, mechanisms = found
    status = "planned" if _is_planned(sentence, trigger) else "held"
    draft = Draft(
        kind=trigger.kind,
        status=status,
        start=info.start,
        end=info.end,
        sentence=info.index,
        participants=participants,
        in_title=bool(ctx.title_span and info.start < ctx.title_span[1] and ctx.title_span[0] < info.end),
        noun=trigger.noun,
    )
    mechanism = _nearest(
        [m for m in mechanisms if not _AROUND.search(sentence[max(0, m.start - 80) : m.start])], trigger
    )
    preparing = mechanism is not None and re.search(
        r"\b(?:preparations? for|prepare for|preparing for|ahead of|in the run-up to)\s+(?:the\s+)?$",
        sentence[max(0, mechanism.start - 40) : mechanism.start],
    )
    if mechanism is not None and preparing and mechanism.start > trigger.end and draft.status == "held":
        draft.mechanism = mechanism.name
        mechanism = None
    if mechanism is None and draft.mechanism is None:
        draft.mechanism = _mechanism_by_reference(ctx, sentence)
    if mechanism is not None:
        draft.mechanism, draft.ordinal = mechanism.name, mechanism.ordinal
        if (
            trigger.noun in ("dialogue", "consultation", "consultations")
            or "dialogue" in mechanism.name.lower()
        ):
            draft.kind = "dialogue" if draft.kind in ("meeting", "talks") else draft.kind
    _date(ctx, draft, sentence, trigger, dates)
    _place(ctx, draft, trigger, places, info)
    return draft


_FUTURE = re.compile(
    r"\b(?:will|shall|is set to|are set to|(?:is|are) scheduled to|(?:is|are) expected to)\b", re.I
)


# A meeting "on the sidelines of" or "on the occasion of" a summit is not a session of that summit.
_AROUND = re.compile(
    r"\b(?:on the (?:sidelines|margins|occasion) of|ahead of|in the run-up to|attendance at|to attend)\b"
    r"[^,;]*$",
    re.IGNORECASE,
)
_MECHANISM_REFERENCE = re.compile(
    r"\b(?:the|its|their) (?:(?:prior|previous|last|preceding) "
    r"(?:conference|meeting|session|round|dialogue|summit)|(?P<noun>committee|commission|dialogue|mechanism|council))\b",
    re.IGNORECASE,
)


def _mechanism_by_reference(ctx: DocContext, sentence: str) -> str | None:
    """ "the previous session", "since the committee last met": the mechanism the report is about."""
    match = _MECHANISM_REFERENCE.search(sentence)
    if match is None:
        return None
    noun = (match.group("noun") or "").lower()
    for earlier in reversed(ctx.drafts):
        if earlier.mechanism and noun in earlier.mechanism.lower():
            return earlier.mechanism
    return None


def _is_planned(sentence: str, trigger: Trigger) -> bool:
    if trigger.mode == "adjunct":
        # "agreed to build X during talks in Hanoi": the agreement is the plan, the talks were held.
        return bool(_FUTURE.search(sentence[: trigger.start]))
    window = max(0, trigger.start - 200)
    clause_start = max(
        (m.end() for m in re.finditer(r"[;:]|\.\s", sentence[window : trigger.start])), default=0
    )
    before = sentence[window + clause_start : trigger.end]
    said = list(_SAID_THAT.finditer(before))
    if said:
        before = before[said[-1].end() :]
    after = sentence[trigger.end : trigger.end + 40]
    if _PLANNED.search(before) or re.match(r"\s*(?:\w+\s+){0,3}(?:slated|scheduled|planned)\b", after):
        return True
    return tense_of(sentence[max(0, trigger.start - 60) : trigger.end + 20]) == "future"


def _nearest(mechanisms: list[MechanismMention], trigger: Trigger) -> MechanismMention | None:
    if not mechanisms:
        return None
    return min(mechanisms, key=lambda m: abs(m.start - trigger.start))


def _date(ctx: DocContext, draft: Draft, sentence: str, trigger: Trigger, dates: list[DateMention]) -> None:
    usable = [
        d
        for d in dates
        if (not _REPORTING.search(sentence[: d.start]) and d.kind != "year")
        or (d.kind == "year" and _year_is_event_date(sentence, d))
    ]
    tense: Tense = "future" if draft.status == "planned" else "past"
    previous = ctx.narrative or next((d.date for d in reversed(ctx.drafts) if d.date is not None), None)
    if usable:
        mention = min(usable, key=lambda d: _distance(d, trigger))
        date, basis = resolve(
            mention,
            anchor=_anchor_for(ctx, sentence, mention),
            tense=tense,
            previous=previous,
            min_date=ctx.min_date,
        )
        if date is not None:
            draft.date, draft.date_basis, draft.soft_date = date, basis, False
            return
    during = _DURING.search(sentence)
    if during:
        visit = next((d for d in reversed(ctx.drafts) if d.kind == "visit" and d.date), None)
        if visit is not None:
            draft.date, draft.date_basis = visit.date, "during-visit"
            return
    if previous is not None and draft.status == "held":
        draft.date, draft.date_basis = previous, "inherited"
        return
    if ctx.anchor is not None and draft.status == "held":
        draft.date, draft.date_basis = ctx.anchor, "publication"


def _year_is_event_date(sentence: str, mention: DateMention) -> bool:
    before = sentence[max(0, mention.start - 12) : mention.start].lower()
    return bool(re.search(r"\b(?:in|since|during|of)\s+$", before))


def _anchor_for(ctx: DocContext, sentence: str, mention: DateMention) -> PartialDate | None:
    """A month-day without a year takes a year named in the same sentence, if it is not later."""
    if mention.kind not in ("month_day", "range", "weekday"):
        return ctx.anchor
    # Only a year that names the event itself ("the 2023 Spring Meeting"), not "since 2016".
    years = [int(y) for y in _EVENT_YEAR.findall(sentence)]
    anchor_year = int(ctx.anchor.start[:4]) if ctx.anchor else None
    years = [y for y in years if anchor_year is None or y <= anchor_year]
    if years and mention.kind != "weekday" and (anchor_year is None or max(years) < anchor_year):
        return PartialDate(str(max(years)))
    return ctx.anchor


def _distance(mention: DateMention, trigger: Trigger) -> int:
    if mention.end <= trigger.start:
        return trigger.start - mention.end
    if mention.start >= trigger.end:
        return mention.start - trigger.end
    return 0


def _place(
    ctx: DocContext, draft: Draft, trigger: Trigger, places: list[PlaceMention], info: SentenceInfo
) -> None:
    if places:
        after = [p for p in places if p.start - info.start >= trigger.start]
        place = (after or places)[0]
        if place.kind == "capital_venue":
            country = draft.location_country or ctx.host
            place = next((p for p in places if p.kind != "capital_venue"), place)
            if place.kind == "capital_venue":
                capital = capital_of(country) if country else None
                draft.location, draft.location_country = capital, country
                return
        if place.kind == "country":
            draft.location_country = place.country
            rest = [p for p in places if p.kind != "country" and p.country == place.country]
            if rest:
                draft.location = rest[0].name
            return
        draft.location, draft.location_country = place.name, place.country or None
        return
    previous = ctx.drafts[-1] if ctx.drafts else None
    if draft.kind in ("phone_call", "video_call"):
        return
    if previous is not None and previous.location and (draft.soft_date or previous.date == draft.date):
        draft.location, draft.location_country = previous.location, previous.location_country


def _attach(
    ctx: DocContext,
    trigger: Trigger,
    people: list[int],
    info: SentenceInfo,
    found: tuple[list[DateMention], list[PlaceMention]],
) -> bool:
    """Add to the engagement a definite reference points back to ("The meeting was co-chaired by")."""
    wanted_visit = trigger.kind == "visit"
    target = next(
        (
            d
            for d in reversed(ctx.drafts)
            if (d.kind == "visit") == wanted_visit
            and not d.in_title
            and (trigger.mode != "attend_ref" or _same_noun(d, trigger))
        ),
        None,
    )
    if target is None:
        return False
    dates, places = found
    if dates and (target.soft_date or target.date is None):
        sentence = ctx.masked[info.start : info.end]
        mention = dates[0]
        date, basis = resolve(
            mention, anchor=_anchor_for(ctx, sentence, mention), previous=ctx.narrative, min_date=ctx.min_date
        )
        if date is not None:
            target.date, target.date_basis, target.soft_date = date, basis, False
    if places and not target.location:
        place = places[0]
        target.location, target.location_country = place.name, place.country or target.location_country
    for person in people:
        if person not in target.participants:
            target.participants.append(person)
    if trigger.kind in ("co_chair", "video_call", "phone_call") and target.kind in (
        "meeting",
        "talks",
        "dialogue",
    ):
        target.kind = trigger.kind
    return True


def _same_noun(draft: Draft, trigger: Trigger) -> bool:
    """ "attended the seminar" points back to a seminar; "the meeting" to any meeting-like engagement."""
    if trigger.noun in (None, "meeting", "event", "session"):
        return draft.kind not in ("visit", "signing", "attend")
    return draft.noun == trigger.noun or bool(draft.mechanism and trigger.noun in draft.mechanism.lower())


def _fill_lead(ctx: DocContext) -> None:
    """A lead engagement of "the two sides" takes the people who speak for each side."""
    held = [d for d in ctx.drafts if d.status == "held" and not d.in_title]
    if not held:
        return
    lead = held[0]
    if len(lead.participants) >= 2 or lead.kind == "visit":
        return
    sentence = ctx.text[lead.start : lead.end]
    lead_info = ctx.sentences[lead.sentence]
    impersonal = not lead_info.refs
    if not (_SIDES.search(sentence) or lead.mechanism or impersonal):
        return
    speakers: list[int] = []
    countries: set[str | None] = set()
    for info in ctx.sentences[lead.sentence :]:
        for ref in info.refs:
            for person in ref.people:
                record = ctx.people.people[person]
                if record.mentions and person not in speakers:
                    speakers.append(person)
                    countries.add(record.country)
    if len(countries) >= 2:
        lead.participants = speakers

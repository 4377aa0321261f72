"""The words that state an engagement: "held talks with", "met", "co-chaired", "paid a visit to".

Each trigger carries its kind and how to find its participants: a *verb* takes the people
before it as subjects and after it as objects; a *possessed* noun ("Wang's visit") takes only its
possessor; an *anaphor* ("The meeting was co-chaired by ...") adds people to an engagement
already found; a *modality* ("via video link", "by phone") changes the kind of another trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.model import EngagementKind


@dataclass(frozen=True, slots=True)
class Trigger:
    """One engagement-stating phrase found in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    kind: EngagementKind
    mode: str  # "verb", "adjunct", "possessed", "anaphor", "modality", "event", "attend_ref", "list"
    noun: str | None = None


_I = re.IGNORECASE
_WORDS = r"(?:[\w'’\"“”-]+\s+){0,4}?"
_PATTERNS: list[tuple[re.Pattern[str], EngagementKind, str]] = [
    # Anaphors first: they add to an engagement already found instead of making a new one.
    (
        re.compile(
            r"\b(?:It|The (?:meeting|talks|session|seminar|conference|dialogue|event|exchange|summit))\s+"
            r"(?:was|were)\s+(?:also\s+)?(?:co-?chaired|chaired|attended|hosted)\s+by\b"
        ),
        "co_chair",
        "anaphor",
    ),
    (
        re.compile(
            r"^\s*(?:The|This) (?:meeting|talks|session|seminar|conference|dialogue|event|exchange|summit)\s+"
            r"(?:was|were)\s+(?:\w+\s+)?(?:organi[sz]ed|held|conducted|convened)\b"
        ),
        "meeting",
        "anaphor",
    ),
    (
        re.compile(r"\bThe (?:event|meeting|session|seminar|conference) saw the participation of\b"),
        "meeting",
        "anaphor",
    ),
    (
        re.compile(
            r"\b(?:his|her|the) (?:entourage|delegation)\b[^.;]{0,40}?\b(?:are|were|includes?|included|"
            r"comprises?|comprised|consists? of|consisted of)\b"
        ),
        "visit",
        "anaphor",
    ),
    (re.compile(r"^\s*The (?:visit|trip|state visit|official visit)\b"), "visit", "update"),
    (
        re.compile(
            r"\b(?:the|its|their) (?:prior|previous|last|preceding) "
            r"(?:conference|meeting|session|round|dialogue|summit)\b",
            _I,
        ),
        "meeting",
        "event",
    ),
    (
        re.compile(
            r"\b(?:attend(?:ed|ing|s)?|participated in)\s+(?:(?:the|this)\s+)"
            r"(?:(?:\d{4}|[A-Z][\w-]*)\s+){0,4}(?:meeting|seminar|conference|session|dialogue|talks|"
            r"event|exchange|summit|forum)\b",
            _I,
        ),
        "attend",
        "attend_ref",
    ),
    (re.compile(r"^\s*(?:Also\s+)?(?:Attending|Present at|Participating in)\b"), "attend", "attend_ref"),
    (
        re.compile(r"\b(?:was|were) (?:also )?(?:present at|in attendance at)\b", _I),
        "attend",
        "attend_ref",
    ),
    (re.compile(r"\bco-?chair(?:ed|s|ing)?\b", _I), "co_chair", "verb"),
    (
        re.compile(
            r"\b(?:held|hold|holds|holding|had|has|have|conducted|conduct|conducting)\s+"
            + _WORDS
            + r"(?:talks|summit|consultations?)\b",
            _I,
        ),
        "talks",
        "verb",
    ),
    (re.compile(r"\btalk(?:ed|s)? (?:with|to)\b", _I), "talks", "verb"),
    (
        re.compile(
            r"\b(?:(?:at|during|in) (?:their|his|her) (?:[\w-]+ )?(?:talks|summit|meeting)|"
            r"during (?:the )?talks)\b(?! (?:of|on)\b)",
            _I,
        ),
        "talks",
        "adjunct",
    ),
    (re.compile(r"\b(?:summit )?talks between\b", _I), "talks", "verb"),
    (
        re.compile(
            r"\b(?:held|hold|holds|holding|convened|convene|organi[sz]ed|organi[sz]e|conducted)\s+"
            + r"(?:[\w'’\"“”-]+\s+){0,6}?"
            + r"(?:dialogue|seminar|conference|meeting|session|forum|round|exchange)\b",
            _I,
        ),
        "meeting",
        "event",
    ),
    (
        re.compile(r"\b(?:was|were|is|are|will be) (?:officially )?held\b|\btook place\b|\btake place\b", _I),
        "meeting",
        "event",
    ),
    (
        re.compile(r"\b(?:met|meets|meet)\b(?! (?:the )?(?:needs|demand|target|requirement|standard))", _I),
        "meeting",
        "verb",
    ),
    (re.compile(r"\bmeeting (?:with|between)\b", _I), "meeting", "verb"),
    (re.compile(r"\bsat (?:down )?with\b|\bpaid a courtesy call on\b", _I), "meeting", "verb"),
    (re.compile(r"\breceiv(?:ed|es|ing)\b", _I), "meeting", "verb"),
    (
        re.compile(r"\b(?:tele)?phone (?:call|conversation|talks)\b|\bspoke by (?:tele)?phone\b", _I),
        "phone_call",
        "verb",
    ),
    (re.compile(r"\bon (?:the )?(?:tele)?phone\b|\bby (?:tele)?phone\b", _I), "phone_call", "modality"),
    (
        re.compile(
            r"\bvia (?:an? )?(?:\w+ )?video(?: link| call| conference| channel)?\b|\bvideo (?:link|call|"
            r"conference|channel)\b|\bvirtual(?:ly)? (?:meeting|summit|talks)\b|\bonline (?:meeting|talks|"
            r"summit|connection)\b|\bvideoconference\b",
            _I,
        ),
        "video_call",
        "modality",
    ),
    (
        re.compile(
            r"\b(?:paid|pays|pay|paying|made|making)\s+(?:an?\s+)?" + _WORDS + r"visit\b"
            r"|\bvisit(?:ed|ing)?\b(?-i:(?= (?:to )?[A-Z]))|\bvisits\b(?-i:(?= [A-Z]))"
            r"|\barriv(?:ed|es|ing) in\b|\bflew (?:in)?to\b|\btravel(?:l?ed|l?ing|s)? to\b",
            _I,
        ),
        "visit",
        "verb",
    ),
    (
        re.compile(
            r"\b(?:state|official|working|historic|first|recent|three-day|two-day|\w+-day)\s+visit\b"
            r"|\bvisit to\b|\btrip to\b",
            _I,
        ),
        "visit",
        "possessed",
    ),
    (
        re.compile(
            r"\b(?:witness(?:ed|es|ing)? the signing\b|signing ceremony\b|sign(?:ed|s|ing)?\s+"
            + _WORDS
            + r"(?:agreements?|memorand\w*|documents?|deals?|declarations?|statements?|MoUs?|contracts?|"
            r"treat(?:y|ies)|accords?|pacts?)\b)",
            _I,
        ),
        "signing",
        "verb",
    ),
    (
        re.compile(
            r"\b(?:attend(?:ed|s|ing)?|participated in|took part in)\b"
            r"|\breview(?:ed|ing)? (?:the troops|an honou?r guard|(?:a|the) guard of honou?r)\b",
            _I,
        ),
        "attend",
        "verb",
    ),
    (re.compile(r"\bwelcomed at the (?:[\w-]+ )?airport\b|\bwas welcomed\b", _I), "other", "verb"),
    (
        re.compile(
            r"\b(?:chaired|hosted|held|presided over)\s+(?:an?\s+|the\s+)?(?:official\s+|state\s+|grand\s+)?"
            r"(?:welcom\w*\s+ceremony|reception|banquet|dinner|luncheon)\b",
            _I,
        ),
        "attend",
        "verb",
    ),
]
_JOINED_IN = re.compile(r"\bjoined\b(?P<who>.{1,120}?)\bin (?:an? |the )?(?P<list>[^.;]+)", _I)
_LIST_NOUNS: list[tuple[re.Pattern[str], EngagementKind]] = [
    (re.compile(r"\b(?:welcom\w*|official) ceremony|\bceremony\b|\bbanquet\b|\bdinner\b", _I), "attend"),
    (re.compile(r"\bmeeting with the press\b|\bpress conference\b|\bjoint press\b", _I), "other"),
    (re.compile(r"\btalks\b", _I), "talks"),
]
_NEGATED = re.compile(
    r"\b(?:no plans? to|not to|did not|didn't|does not|doesn't|will not|won't|would not|declined to|"
    r"refused to|ruled out|cancel(?:l?ed)?|call(?:ed)? off|postponed?|no)\s+(?:\w+\s+){0,2}$",
    _I,
)
_NOT_EVENT_CONTEXT = re.compile(r"(?:anniversary of (?:the )?|on the occasion of (?:his |her |their )?)$", _I)


def _cues(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Lower-case words one of which a sentence must contain for the pattern to have a chance.

    Taken from the pattern's own alternatives, so that most sentences are rejected by a few
    substring tests instead of thirty regular expressions.
    """
    words = re.findall(r"[a-z]{3,}", pattern.pattern.lower().replace("\\b", " "))
    stems = {w for w in words if w not in _PATTERN_NOISE}
    return tuple(sorted(stems))


_PATTERN_NOISE = frozenset({"the", "and", "his", "her", "their", "its", "was", "were", "also", "with", "for"})
_CUES = [_cues(pattern) for pattern, _, _ in _PATTERNS]
# One pass finds every cue that starts anywhere in a sentence (shortest first, so a cue that is a
# prefix of another is always reported); a pattern runs only when a reported cue begins one of its
# own cues. Conservative: a pattern that could match is never skipped.
_ALL_CUES = sorted({cue for cues in _CUES for cue in cues}, key=lambda c: (len(c), c))
_GATE = re.compile("(?=(" + "|".join(map(re.escape, _ALL_CUES)) + "))")
_ACTIVATES = {
    found: frozenset(i for i, cues in enumerate(_CUES) if any(cue.startswith(found) for cue in cues))
    for found in _ALL_CUES
}
_UNGATED = frozenset(i for i, cues in enumerate(_CUES) if not cues)
_GATED = [(pattern, kind, mode) for pattern, kind, mode in _PATTERNS]


def find_triggers(sentence: str) -> list[Trigger]:
    """Every engagement-stating phrase of a sentence, earliest first, overlaps removed."""
    found: list[Trigger] = []
    active = set(_UNGATED)
    for cue in set(_GATE.findall(sentence.lower())):
        active |= _ACTIVATES[cue]
    for index, (pattern, kind, mode) in enumerate(_GATED):
        if index not in active:
            continue
        for match in pattern.finditer(sentence):
            if _NOT_EVENT_CONTEXT.search(sentence[max(0, match.start() - 40) : match.start()]):
                continue
            found.append(Trigger(match.start(), match.end(), kind, mode, _noun(match.group())))
    found.extend(_joined_in(sentence))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Trigger] = []
    for trigger in found:
        if out and trigger.start < out[-1].end:
            continue
        if trigger.kind in ("talks", "meeting") and trigger.mode == "verb":
            phrase = sentence[trigger.start : trigger.end].lower()
            if "phone" in phrase:
                trigger = Trigger(trigger.start, trigger.end, "phone_call", trigger.mode, trigger.noun)
            elif "video" in phrase or "virtual" in phrase:
                trigger = Trigger(trigger.start, trigger.end, "video_call", trigger.mode, trigger.noun)
        if _NEGATED.search(sentence[max(0, trigger.start - 45) : trigger.start]):
            continue  # "had no plans to meet", "did not meet"
        out.append(trigger)
    return out


def _noun(phrase: str) -> str | None:
    last = phrase.lower().split()[-1] if phrase.split() else ""
    return (
        last
        if last
        in {
            "dialogue",
            "seminar",
            "conference",
            "meeting",
            "session",
            "forum",
            "round",
            "talks",
            "summit",
            "consultation",
            "consultations",
            "exchange",
            "event",
        }
        else None
    )


def _joined_in(sentence: str) -> list[Trigger]:
    match = _JOINED_IN.search(sentence)
    if not match:
        return []
    out: list[Trigger] = []
    base = match.start("list")
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("list")):
        for pattern, kind in _LIST_NOUNS:
            hit = pattern.search(part)
            if hit:
                offset = match.group("list").find(part)
                out.append(Trigger(base + offset + hit.start(), base + offset + hit.end(), kind, "list"))
                break
    if out:
        # The people stand between "joined" and the list: treat "joined" as the verb span start.
        first = out[0]
        out[0] = Trigger(match.start(), first.end, first.kind, "verb")
    return out

"""One engagement however many outlets report it, and a planned session linked to its holding.

Xinhua writes "co-chaired ... on Tuesday", VNA "held the 16th meeting ... on December 10", a
weekly digest only "in December": three reports, one meeting. Two things make the same meeting:
the same numbered session of the same mechanism, or the same people on dates that agree within
what each report can tell (a day either way, for reports filed across time zones). Merging keeps
the most precise agreeing date and records every disagreement as a conflict to show, never
silently picking a winner.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from diplograph.extract import gazetteer
from diplograph.extract.gazetteer import fold
from diplograph.model import PartialDate

__all__ = [
    "EngagementView",
    "Window",
    "date_bounds",
    "engagement_blocks",
    "engagement_id",
    "held_session",
    "kinds_compatible",
    "lookup_window",
    "merge_engagement",
    "might_be_same",
    "might_have_become",
    "same_engagement",
]

# Outlets call one sit-down a meeting, talks, a dialogue or a co-chaired session; a video
# conference is reported as any of these or as a video call.
_SIT_DOWN = frozenset({"meeting", "talks", "co_chair", "dialogue", "video_call"})
_CALLS = frozenset({"phone_call", "video_call"})
# Which kind to keep when outlets differ: the most specific wording wins.
_SPECIFIC = {"co_chair": 3, "dialogue": 2, "talks": 2, "video_call": 2, "phone_call": 2, "meeting": 1}
_JACCARD = 0.5
_TOLERANCE = 1  # days: "Tuesday" in Beijing can be Monday in Washington
_SESSION_SLACK = 7  # days two reports of one numbered session may disagree by (a conflict, not two events)
_MAX_BLOCK_MONTHS = 36  # a wider date window says too little to index by month
_MAX_PLACE_DEPTH = 6


@dataclass(frozen=True, slots=True)
class EngagementView:
    """What resolution needs to know of an engagement, stored (with id) or newly extracted (id None).

    ``date`` is a partial ISO date or range ("2024", "2024-12", "2024-12-10", "2024-12-08/2024-12-11");
    ``participants`` are person ids, so spelling is already resolved.
    """

    id: str | None
    kind: str
    status: str
    date: str | None
    participants: frozenset[str]
    mechanism_id: str | None
    ordinal: int | None
    location: str | None
    report_id: str | None


@lru_cache(maxsize=8192)
def _span(date: str) -> tuple[dt.date, dt.date]:
    """First and last day a partial date or range can mean; ValueError for anything else (cached: hot)."""
    parsed = PartialDate.parse(date)
    return _first_day(parsed.start), _last_day(parsed.end or parsed.start)


def _first_day(part: str) -> dt.date:
    year, month, day = ([*map(int, part.split("-")), 1, 1])[:3]
    return dt.date(year, month, day)


def _last_day(part: str) -> dt.date:
    pieces = [int(piece) for piece in part.split("-")]
    if len(pieces) == 3:
        return dt.date(*pieces)
    if len(pieces) == 2:
        year, month = pieces
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(pieces[0], 12, 31)


def _gap(a: str, b: str) -> int:
    """Days between two dates' spans: 0 when they overlap."""
    a_low, a_high = _span(a)
    b_low, b_high = _span(b)
    return max(0, (b_low - a_high).days, (a_low - b_high).days)


def _dates_agree(a: str, b: str) -> bool:
    """Whether two dates can mean the same day: spans overlap, or touch within the tolerance."""
    return _gap(a, b) <= _TOLERANCE


def _held_too_early(planned: str | None, held: str | None) -> bool:
    """Whether the holding ended before the planned window began: sessions slip later, not earlier."""
    if planned is None or held is None:
        return False
    return (_span(planned)[0] - _span(held)[1]).days > _TOLERANCE


def kinds_compatible(a: str, b: str) -> bool:
    """Whether two kinds can describe one engagement ("talks" and "co_chair" can; "visit" and "talks" not)."""
    return a == b or (a in _SIT_DOWN and b in _SIT_DOWN) or (a in _CALLS and b in _CALLS)


def _family(kind: str) -> str:
    return "sit_down" if kind in _SIT_DOWN else kind


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _numbered(view: EngagementView) -> bool:
    return view.mechanism_id is not None and view.ordinal is not None


def _same_session(a: EngagementView, b: EngagementView) -> bool:
    return (
        a.mechanism_id is not None
        and a.mechanism_id == b.mechanism_id
        and a.ordinal is not None
        and (a.ordinal == b.ordinal)
    )


def _session_dates_fit(a: EngagementView, b: EngagementView) -> bool:
    """Whether two tellings of one numbered session are close enough in date to be one event.

    A few days apart is one session misdated by an outlet (kept as a conflict); weeks apart is
    another event the extractor gave the session's number, such as a preparatory meeting "for
    the 47th session" two months before it.
    """
    return a.date is None or b.date is None or _gap(a.date, b.date) <= _SESSION_SLACK


def _different_sessions(a: EngagementView, b: EngagementView) -> bool:
    """Two mechanisms, or two session numbers (of one mechanism, or of one left unnamed)."""
    if a.mechanism_id and b.mechanism_id and a.mechanism_id != b.mechanism_id:
        return True
    return a.ordinal is not None and b.ordinal is not None and a.ordinal != b.ordinal


def _own_id(view: EngagementView) -> str:
    return view.id if view.id is not None else engagement_id(view)


def same_engagement(a: EngagementView, b: EngagementView) -> bool:
    """Whether two views are the same engagement told by different reports.

    Never across statuses (planned -> held is held_session's link) or incompatible kinds, nor
    across two different mechanisms or two session numbers. The same numbered session is the
    same engagement when its dates are within a week (merge_engagement reports the disagreement). Short
    of that, both dates must be known and agree, and either the people agree (Jaccard >= 0.5,
    at least one shared), or both name one mechanism and one side names nobody.
    """
    return _same(a, b, a.participants)


def might_be_same(stored: EngagementView, view: EngagementView) -> bool:
    """same_engagement(stored, view) if ``stored`` had the view's participants: a test to run
    before reading a candidate's participants, never False where the real answer could be True.
    """
    return _same(stored, view, view.participants)


def _same(a: EngagementView, b: EngagementView, people: frozenset[str]) -> bool:
    """same_engagement, with ``people`` standing for a's participants."""
    if a.id is not None and a.id == b.id:
        return True
    if not _numbered(a) and _own_id(a) == _own_id(b):
        return True  # nothing but the report tells these apart (see engagement_id)
    if a.status != b.status or not kinds_compatible(a.kind, b.kind):
        return False
    if _different_sessions(a, b):
        return False
    if _same_session(a, b):
        return _session_dates_fit(a, b)
    if a.date is None or b.date is None or not _dates_agree(a.date, b.date):
        return False
    if people and b.participants:
        return bool(people & b.participants) and _jaccard(people, b.participants) >= _JACCARD
    return a.mechanism_id is not None and a.mechanism_id == b.mechanism_id


def _months(date: str) -> list[str]:
    """Every "YYYY-MM" a date can fall in, widened by the tolerance; [] for very wide windows."""
    low, high = _span(date)
    slack = dt.timedelta(days=_TOLERANCE)
    low, high = low - slack, high + slack
    count = (high.year - low.year) * 12 + high.month - low.month + 1
    if count > _MAX_BLOCK_MONTHS:
        return []
    months = []
    year, month = low.year, low.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def engagement_blocks(view: EngagementView) -> frozenset[str]:
    """Keys to fetch candidates with: any two views same_engagement or held_session pairs share one.

    "id:" the view's own id; "mo:" mechanism and session number; "mm:" mechanism and month;
    "pm:" each participant and month. Months cover the date's whole span (plus a day either
    side), so a "2024-12" report meets a "2024-12-10" one and Nov 30 meets Dec 1.
    """
    blocks = {f"id:{_own_id(view)}"}
    if _numbered(view):
        blocks.add(f"mo:{view.mechanism_id}:{view.ordinal}")
    if view.date is not None:
        for month in _months(view.date):
            if view.mechanism_id is not None:
                blocks.add(f"mm:{view.mechanism_id}:{month}")
            blocks.update(f"pm:{person}:{month}" for person in view.participants)
    return frozenset(blocks)


Window = tuple[str, str, bool]  # first day, last day, and whether undated candidates qualify too
_OPEN_LOW, _OPEN_HIGH = "0000-01-01", "9999-12-31"


def lookup_window(block: str, date: str | None, *, wanted: str) -> Window | None:
    """Which candidates filed under ``block`` can qualify, by date alone; None: any of them.

    The looking view is dated ``date``; ``wanted`` says what it looks for: "same" (the same
    engagement: same_engagement), "held" (what a planned view became: held_session), or
    "planned" (the planned engagements a held view may have become). A candidate qualifies when
    its days [low, high] overlap the window's, or when it is undated and the window allows that.
    The windows are the date rules of same_engagement and held_session, so a lookup that applies
    them in the database returns every candidate those functions could accept, and few others.
    """
    if date is None or block.startswith("id:"):
        return None
    low, high = _span(date)
    if block.startswith(("mm:", "pm:")):
        # Matched only by people or mechanism: both dates known and agreeing within the tolerance.
        slack = dt.timedelta(days=_TOLERANCE)
        return (low - slack).isoformat(), (high + slack).isoformat(), False
    if not block.startswith("mo:"):
        return None
    if wanted == "same":  # one numbered session, told a few days apart at most
        slack = dt.timedelta(days=_SESSION_SLACK)
        return (low - slack).isoformat(), (high + slack).isoformat(), True
    slack = dt.timedelta(days=_TOLERANCE)
    if wanted == "held":  # a holding that did not end before the planned window began
        return (low - slack).isoformat(), _OPEN_HIGH, True
    if wanted == "planned":  # a plan whose window did not begin after this holding ended
        return _OPEN_LOW, (high + slack).isoformat(), True
    raise ValueError(f"unknown lookup {wanted!r}: use 'same', 'held' or 'planned'")


def date_bounds(date: str) -> tuple[str, str]:
    """The first and last ISO day a partial date or range can mean: what a lookup window meets."""
    low, high = _span(date)
    return low.isoformat(), high.isoformat()


def _merge_date(
    old: str | None, new: str | None, labels: tuple[str, str], conflicts: list[str]
) -> str | None:
    """The most precise of two dates when one lies inside the other; otherwise the old one, and a conflict."""
    if old is None or new is None:
        return old if old is not None else new
    if old == new:
        return old
    old_low, old_high = _span(old)
    new_low, new_high = _span(new)
    if old_low <= new_low and new_high <= old_high:
        return new
    if new_low <= old_low and old_high <= new_high:
        return old
    conflicts.append(f"date: {old} ({labels[0]}) vs {new} ({labels[1]})")
    return old


def _place_chain(name: str) -> list[str]:
    """The place's canonical folded name, then its parents' ("diaoyutai ...", "beijing"); unknown: itself."""
    place = gazetteer.place_for(name)
    if place is None:
        return [fold(name)]
    chain = [fold(place.name)]
    while place.parent and len(chain) < _MAX_PLACE_DEPTH:
        place = gazetteer.place_for(place.parent)
        if place is None or fold(place.name) in chain:
            break
        chain.append(fold(place.name))
    return chain


def _merge_location(
    old: str | None, new: str | None, labels: tuple[str, str], conflicts: list[str]
) -> str | None:
    """The more specific of two places when one lies in the other (a venue in its city), else the old one.

    Spellings of one place ("Bắc Kinh", "Beijing") are no conflict; two places apart are.
    """
    if old is None or new is None:
        return old if old is not None else new
    old_chain, new_chain = _place_chain(old), _place_chain(new)
    if old_chain[0] in new_chain[1:]:
        return new
    if old_chain[0] == new_chain[0] or new_chain[0] in old_chain[1:]:
        return old
    conflicts.append(f"location: {old} ({labels[0]}) vs {new} ({labels[1]})")
    return old


def _merge_field(
    field: str, old: str | int | None, new: str | int | None, labels: tuple[str, str], conflicts: list[str]
) -> str | int | None:
    """The old value when both are known (a differing new one is a conflict), else whichever is."""
    if old is None or new is None:
        return old if old is not None else new
    if fold(str(old)) != fold(str(new)):
        conflicts.append(f"{field}: {old} ({labels[0]}) vs {new} ({labels[1]})")
    return old


def merge_engagement(
    existing: EngagementView,
    new: EngagementView,
    *,
    existing_label: str | None = None,
    new_label: str | None = None,
) -> tuple[EngagementView, list[str]]:
    """The merged view and where the two disagree, e.g. "date: 2024-12-10 (Xinhua) vs 2024-12-12 (VNA)".

    The existing view keeps its id, report and values where the two disagree; the new one adds
    what the existing lacks: a more precise agreeing date, participants, place, mechanism,
    session number, and a more specific kind ("co_chair" over "meeting"). Labels name the
    sources in the conflicts; they default to each view's report_id.
    """
    labels = (
        existing_label or existing.report_id or "existing",
        new_label or new.report_id or "new",
    )
    conflicts: list[str] = []
    kind = existing.kind
    if kinds_compatible(existing.kind, new.kind):
        if _SPECIFIC.get(new.kind, 0) > _SPECIFIC.get(existing.kind, 0):
            kind = new.kind
    else:
        conflicts.append(f"kind: {existing.kind} ({labels[0]}) vs {new.kind} ({labels[1]})")
    if existing.status != new.status:
        conflicts.append(f"status: {existing.status} ({labels[0]}) vs {new.status} ({labels[1]})")
    date = _merge_date(existing.date, new.date, labels, conflicts)
    location = _merge_location(existing.location, new.location, labels, conflicts)
    mechanism = _merge_field("mechanism", existing.mechanism_id, new.mechanism_id, labels, conflicts)
    ordinal = _merge_field("session", existing.ordinal, new.ordinal, labels, conflicts)
    merged = replace(
        existing,
        id=existing.id if existing.id is not None else new.id,
        kind=kind,
        date=date,
        participants=existing.participants | new.participants,
        location=location,
        mechanism_id=mechanism if isinstance(mechanism, str) else None,
        ordinal=ordinal if isinstance(ordinal, int) else None,
        report_id=existing.report_id if existing.report_id is not None else new.report_id,
    )
    return merged, conflicts


def might_have_become(planned: EngagementView, held: EngagementView) -> bool:
    """Whether held_session could link ``planned`` to ``held`` if the two had the same people: a
    test to run before reading participants, never False where the real answer could be True.
    """
    if planned.status != "planned" or held.status != "held" or held.id is None or held.id == planned.id:
        return False
    return _held_rank(planned, held, same_people=True) is not None


def _held_rank(
    planned: EngagementView, held: EngagementView, *, same_people: bool = False
) -> tuple[int, float] | None:
    """How surely a held engagement is what the planned one became; None when it is not.

    0: the same numbered session in a compatible kind; 1: the same session in another kind (a
    planned visit to attend it); 2: the same people, compatible kind, held inside the planned
    window. The second number prefers the closer set of people.
    """
    if _different_sessions(planned, held) or _held_too_early(planned.date, held.date):
        return None
    overlap = 1.0 if same_people else _jaccard(planned.participants, held.participants)
    if _same_session(planned, held):
        return (0 if kinds_compatible(planned.kind, held.kind) else 1, -overlap)
    if planned.date is None or held.date is None or not kinds_compatible(planned.kind, held.kind):
        return None
    if not same_people and (not planned.participants & held.participants or overlap < _JACCARD):
        return None
    return (2, -overlap) if _dates_agree(planned.date, held.date) else None


def held_session(planned: EngagementView, candidates: Iterable[EngagementView]) -> str | None:
    """Id of the held engagement this planned one became, or None.

    The same mechanism and session number links however late (sessions get postponed), never
    to a holding that ended before the planned window began; otherwise the same people (Jaccard
    >= 0.5) with the held date inside the planned window.
    Ties go to the earliest held date, then the smallest id, so the answer never depends on the
    order of candidates.
    """
    if planned.status != "planned":
        return None
    best: tuple[tuple[int, float, str, str], str] | None = None
    for held in candidates:
        if held.status != "held" or held.id is None or held.id == planned.id:
            continue
        rank = _held_rank(planned, held)
        if rank is None:
            continue
        when = _span(held.date)[0].isoformat() if held.date else "9999-12-31"
        score = (*rank, when, held.id)
        if best is None or score < best[0]:
            best = (score, held.id)
    return best[1] if best else None


def engagement_id(view: EngagementView) -> str:
    """Deterministic id: 32 hex characters of SHA-256 over a canonical key.

    A numbered session keys on mechanism, number, status and kind family, so it gets the same id
    whichever report told of it first. Anything else keys on what the first report said of it,
    that report included: two engagements nothing else tells apart would otherwise collide.
    An id can still be taken (an event weeks away from a session, given its number by an
    outlet, keys as that session): the caller suffixes a taken id, as the store does.
    """
    family = _family(view.kind)
    if _numbered(view):
        key = f"session|{view.mechanism_id}|{view.ordinal}|{view.status}|{family}"
    else:
        people = ",".join(sorted(view.participants))
        place = fold(view.location) if view.location else ""
        key = "|".join(
            ("engagement", view.status, family, view.date or "", people, place, view.report_id or "")
        )
    return hashlib.sha256(key.encode()).hexdigest()[:32]

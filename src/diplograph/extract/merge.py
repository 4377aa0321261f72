"""Merging restatements of one engagement, and placing engagements the text does not place.

A headline, a photo caption and two sentences of the body often state the same meeting; the
drafts merge when participants, kind family and date agree. Then engagements with no stated venue
take the place of a visit they belong to, or, for current news only, the dateline city.
"""

from __future__ import annotations

import datetime as dt

from diplograph.extract.drafts import Draft
from diplograph.model import PartialDate

_STRENGTH = {"publication": 0, "unknown": 0}
_TALK_FAMILY = frozenset({"meeting", "talks", "co_chair", "dialogue"})
_KIND_RANK = {"co_chair": 3, "dialogue": 2, "talks": 1, "meeting": 0}


def locate_by_dateline(
    drafts: list[Draft], *, dateline: tuple[str, str] | None, anchor: PartialDate | None
) -> None:
    """Current news with no stated venue, in the dateline's country: the dateline city, marked as such.

    A dateline is where the story was filed, not a venue, so this is a fallback with its own basis,
    used only for engagements dated within a few days of the report and not placed in another country.
    """
    if dateline is None or anchor is None or anchor.precision != "day":
        return
    city, country = dateline
    for draft in drafts:
        if draft.location or draft.status != "held" or draft.kind in ("phone_call", "video_call"):
            continue
        if draft.location_country not in (None, country) or draft.date is None:
            continue
        if _days_apart(str(draft.date), anchor.start) <= 3:
            draft.location, draft.location_country = city, country
            draft.location_basis = "dateline"


def _days_apart(date: str, anchor: str) -> int:
    start = date.split("/")[0]
    if len(start) != 10:
        return 999
    return abs((dt.date.fromisoformat(start) - dt.date.fromisoformat(anchor)).days)


def locate_by_visits(drafts: list[Draft]) -> None:
    """An engagement with no stated place, held during someone's visit, took place where they visited."""
    visits = [
        d for d in drafts if d.kind == "visit" and d.status == "held" and (d.location or d.location_country)
    ]
    for draft in drafts:
        if draft.location or draft.kind in ("visit", "phone_call", "video_call"):
            continue
        for visit in visits:
            if set(visit.participants) & set(draft.participants) and dates_compatible(
                visit, draft, loose=True
            ):
                draft.location = draft.location or visit.location
                draft.location_country = draft.location_country or visit.location_country
                break


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """One engagement per (participants, kind, date): headlines, captions and restatements merge.

    Named drafts merge first; an unnamed headline ("China, Vietnam hold talks") then folds into the
    named engagement it announces, so the order of sentences does not decide the result.
    """
    out: list[Draft] = []
    for draft in [d for d in drafts if d.participants]:
        twin = next((o for o in out if _same(o, draft)), None)
        if twin is None:
            out.append(draft)
        else:
            _absorb(twin, draft)
    for draft in [d for d in drafts if not d.participants]:
        twin = next((o for o in out if _same(o, draft)), None)
        if twin is None:
            out.append(draft)
        else:
            _absorb(twin, draft)
    out.sort(key=lambda d: d.start)
    return out


def _same(a: Draft, b: Draft) -> bool:
    if a.status != b.status:
        return False
    if (a.in_title or b.in_title) and a.participants and b.participants:
        headline, body = (a, b) if a.in_title else (b, a)
        if set(headline.participants) <= set(body.participants) and (
            headline.kind == body.kind or {headline.kind, body.kind} <= _TALK_FAMILY
        ):
            return dates_compatible(a, b)
    if a.sentence == b.sentence and a.kind == b.kind and a.participants and b.participants:
        small, big = sorted((set(a.participants), set(b.participants)), key=len)
        if small <= big:
            return True
    kinds_ok = a.kind == b.kind or {a.kind, b.kind} <= _TALK_FAMILY
    if not kinds_ok:
        return False
    if a.mechanism and b.mechanism and (a.mechanism != b.mechanism or a.ordinal != b.ordinal):
        return False
    if set(a.participants) != set(b.participants):
        if a.participants and b.participants:
            return False
        empty = a if not a.participants else b
        if not (empty.in_title or (a.mechanism and a.mechanism == b.mechanism)):
            return False
    return dates_compatible(a, b)


def dates_compatible(a: Draft, b: Draft, *, loose: bool = False) -> bool:
    if a.date is None or b.date is None or a.soft_date or b.soft_date:
        return True
    if loose:
        return str(a.date)[:7] == str(b.date)[:7]
    sa, sb = str(a.date), str(b.date)
    return sa.startswith(sb) or sb.startswith(sa) or _inside(a.date, b.date) or _inside(b.date, a.date)


def _inside(small: PartialDate, big: PartialDate) -> bool:
    if big.end is None:
        return False
    return (
        big.start <= small.start[: len(big.start)] and (small.end or small.start)[: len(big.end)] <= big.end
    )


def _strength(draft: Draft) -> int:
    """How firmly a date was stated: in the sentence (2), by context (1), by default (0)."""
    if draft.date is None:
        return -1
    if not draft.soft_date:
        return 2
    return _STRENGTH.get(draft.date_basis, 1)


def _absorb(keep: Draft, other: Draft) -> None:
    for person in other.participants:
        if person not in keep.participants:
            keep.participants.append(person)
    if (
        (_strength(keep) < _strength(other))
        or keep.date is None
        or (not other.soft_date and other.date and keep.date and len(str(other.date)) > len(str(keep.date)))
    ):
        keep.date, keep.date_basis, keep.soft_date = other.date, other.date_basis, other.soft_date
    if keep.in_title and not other.in_title:
        keep.start, keep.end, keep.sentence, keep.in_title = other.start, other.end, other.sentence, False
    keep.location = keep.location or other.location
    keep.location_country = keep.location_country or other.location_country
    keep.mechanism = keep.mechanism or other.mechanism
    keep.ordinal = keep.ordinal if keep.ordinal is not None else other.ordinal
    if _KIND_RANK.get(other.kind, -1) > _KIND_RANK.get(keep.kind, -1):
        keep.kind = other.kind

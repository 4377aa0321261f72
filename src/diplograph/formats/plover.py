"""Engagements as PLOVER event records (JSON Lines), with CAMEO codes beside them.

One record per engagement with every participant in it (PLOVER's compound actors), not two
mirrored dyads. Held talks, meetings, visits, calls and sessions are CONSULT (CAMEO 04x);
signings are AGREE; a planned engagement is an intention to meet, AGREE with CAMEO 036.

On a visit whose host country is known, visitors are the ``actor`` and hosts the ``recipient``
(PLOVER's rule for CONSULT visits), and ``cameo`` / ``cameo_recipient`` give 042 (make a visit) and
043 (host a visit). Otherwise everyone is an actor. Dates keep the sources' precision ("2024-12" is
not padded to a day); ``date_precision`` says which it is. Fields beyond the PLOVER core (``cameo``,
``status``, ``sources``, ``mechanism``...) follow the specification's advice to add named fields.
"""

from __future__ import annotations

import json
from typing import Any

from diplograph.model import PartialDate
from diplograph.query.results import Attendee, EngagementRecord

CODEBOOK = "plover-base (diplograph mapping)"

# kind -> (PLOVER event, PLOVER modes, CAMEO code) for held engagements
_HELD: dict[str, tuple[str, tuple[str, ...], str]] = {
    "talks": ("CONSULT", (), "046"),
    "dialogue": ("CONSULT", (), "046"),
    "co_chair": ("CONSULT", (), "046"),
    "meeting": ("CONSULT", (), "040"),
    "visit": ("CONSULT", ("visit",), "042"),
    "phone_call": ("CONSULT", ("phone",), "041"),
    "video_call": ("CONSULT", ("phone",), "041"),
    "attend": ("CONSULT", ("multilateral",), "040"),
    "signing": ("AGREE", (), "057"),
    "other": ("CONSULT", (), "040"),
}
_PLANNED = ("AGREE", (), "036")
_HOST = "043"


def event_codes(record: EngagementRecord) -> tuple[str, tuple[str, ...], str]:
    """(PLOVER event type, modes, CAMEO code) for an engagement."""
    if record.status == "planned":
        return _PLANNED
    return _HELD.get(record.kind, _HELD["other"])


def _entity(person: Attendee) -> dict[str, Any]:
    return {
        "code": person.country,
        "sector": "GOV",
        "entity_text": person.name,
        "identifier_id": person.id,
        "office": person.title,
    }


def _sides(record: EngagementRecord) -> tuple[list[Attendee], list[Attendee]]:
    """(actors, recipients): visitors and hosts on a held visit with a known host country."""
    people = list(record.attendees)
    host = record.location_country
    if record.kind != "visit" or record.status != "held" or host is None:
        return people, []
    visitors = [p for p in people if p.country is not None and p.country != host]
    hosts = [p for p in people if p.country == host]
    if not visitors:
        return people, []
    return visitors, hosts


def record(engagement: EngagementRecord) -> dict[str, Any]:
    """The PLOVER-style JSON object of one engagement."""
    event, modes, cameo = event_codes(engagement)
    actors, recipients = _sides(engagement)
    date = PartialDate.parse(engagement.date) if engagement.date else None
    return {
        "id": engagement.id,
        "date": date.start if date else None,
        "enddate": date.end if date else None,
        "date_precision": date.precision if date else None,
        "actor": [_entity(p) for p in actors],
        "recipient": [_entity(p) for p in recipients],
        "event": [event],
        "event_type": event,
        "mode": list(modes),
        "context": ["diplomatic"],
        "event_loc": {"extracted_place": engagement.location, "country_code": engagement.location_country}
        if engagement.location or engagement.location_country
        else None,
        "event_text": list(dict.fromkeys(source.quote for source in engagement.sources)),
        "cameo": cameo,
        "cameo_recipient": _HOST if recipients else None,
        "kind": engagement.kind,
        "status": engagement.status,
        "mechanism": engagement.mechanism,
        "ordinal": engagement.ordinal,
        "conflicts": list(engagement.conflicts),
        "sources": [
            {
                "doc": source.doc,
                "title": source.title,
                "publication": source.publisher,
                "url": source.url,
                "published": source.published,
                "quote": source.quote,
                "start": source.start,
                "end": source.end,
            }
            for source in engagement.sources
        ],
        "coder": "diplograph",
        "codebook": CODEBOOK,
    }


def dumps(engagement: EngagementRecord) -> str:
    """One JSON line (no trailing newline), non-ASCII kept as is."""
    return json.dumps(record(engagement), ensure_ascii=False)

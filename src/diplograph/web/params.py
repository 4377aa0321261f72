"""Query-string parameters shared by the pages, declared once so that the HTML pages, their JSON
twins and the OpenAPI document validate and describe them the same way.

An HTML form sends an empty field as ``name=``; every optional parameter reads that as "not given",
so a filter left blank never fails validation.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from fastapi import Query
from pydantic import BeforeValidator, StringConstraints

from diplograph.model import ENGAGEMENT_KINDS, Domain

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
PAIR_PATTERN = r"^[A-Za-z]{3}-[A-Za-z]{3}$"
MAX_OFFSET = 1_000_000  # far past any real result set; keeps a crafted offset from reaching the database
MAX_TEXT = 200  # names and search words: long enough for any real one


def _blank_is_none(value: object) -> object:
    """An empty form field means the filter is off."""
    if isinstance(value, str) and not value.strip():
        return None
    return value.strip() if isinstance(value, str) else value


Kind = Literal[
    "talks",
    "meeting",
    "visit",
    "phone_call",
    "video_call",
    "co_chair",
    "attend",
    "dialogue",
    "signing",
    "other",
]
assert set(get_args(Kind)) == set(ENGAGEMENT_KINDS), (
    "web.params.Kind is out of step with model.ENGAGEMENT_KINDS"
)

_Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]
_Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
_Pair = Annotated[str, StringConstraints(pattern=PAIR_PATTERN)]

Since = Annotated[
    _Date | None,
    BeforeValidator(_blank_is_none),
    Query(description="Keep engagements on or after this partial date (YYYY, YYYY-MM or YYYY-MM-DD)."),
]
Until = Annotated[
    _Date | None,
    BeforeValidator(_blank_is_none),
    Query(description="Keep engagements on or before this partial date, inclusive at its precision."),
]
KindFilter = Annotated[Kind | None, BeforeValidator(_blank_is_none), Query(description="Engagement kind.")]
StatusFilter = Annotated[
    Literal["held", "planned"] | None,
    BeforeValidator(_blank_is_none),
    Query(description="held, or planned (announced, not yet known to be held)."),
]
PersonFilter = Annotated[
    _Text | None,
    BeforeValidator(_blank_is_none),
    Query(description="A person's id, or any spelling of their name."),
]
MechanismFilter = Annotated[
    _Text | None,
    BeforeValidator(_blank_is_none),
    Query(description="A mechanism's id, or its name or any variant."),
]
CountryFilter = Annotated[
    _Text | None,
    BeforeValidator(_blank_is_none),
    Query(description="An ISO 3166 alpha-3 code (VNM) or a country name."),
]
PairFilter = Annotated[
    _Pair | None,
    BeforeValidator(_blank_is_none),
    Query(description="A country pair as two ISO 3166 alpha-3 codes joined by a hyphen (CHN-VNM)."),
]
NameFilter = Annotated[
    _Text | None, BeforeValidator(_blank_is_none), Query(description="Words of a name, in any spelling.")
]
SearchText = Annotated[_Text | None, BeforeValidator(_blank_is_none), Query(description="Words to look for.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip (for paging).")]


MAX_LIMIT = 200  # rows per page: big result sets are paged, never sent whole
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (at most {MAX_LIMIT}).")]
DomainFilter = Annotated[
    Domain | None,
    BeforeValidator(_blank_is_none),
    Query(description="Keep engagements whose reports hold a statement in this domain (e.g. maritime)."),
]

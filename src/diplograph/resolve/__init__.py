"""Resolution across reports: pure functions the store calls inside its per-report transaction.

No database and no spaCy here: the store fetches candidates by the blocks these functions give,
asks them whether two records are one, and writes the answer.
"""

from __future__ import annotations

from diplograph.resolve.commitments import Step, lifecycle, same_topic, topic_key
from diplograph.resolve.duplicates import DUPLICATE_THRESHOLD, SIGNATURE_SCHEME, bands, signature, similarity
from diplograph.resolve.engagements import (
    EngagementView,
    Window,
    date_bounds,
    engagement_blocks,
    engagement_id,
    held_session,
    kinds_compatible,
    lookup_window,
    merge_engagement,
    might_be_same,
    might_have_become,
    same_engagement,
)
from diplograph.resolve.mechanisms import mechanism_id, mechanism_key, mechanism_name
from diplograph.resolve.people import (
    PersonView,
    person_blocks,
    person_id,
    person_key,
    person_view,
    same_person,
)

__all__ = [
    "DUPLICATE_THRESHOLD",
    "SIGNATURE_SCHEME",
    "EngagementView",
    "PersonView",
    "Step",
    "Window",
    "bands",
    "date_bounds",
    "engagement_blocks",
    "engagement_id",
    "held_session",
    "kinds_compatible",
    "lifecycle",
    "lookup_window",
    "mechanism_id",
    "mechanism_key",
    "mechanism_name",
    "merge_engagement",
    "might_be_same",
    "might_have_become",
    "person_blocks",
    "person_id",
    "person_key",
    "person_view",
    "same_engagement",
    "same_person",
    "same_topic",
    "signature",
    "similarity",
    "topic_key",
]

"""Near-duplicate reports: one wire story on several sites is flagged; two stories of one meeting are not."""

from __future__ import annotations

import pytest

from diplograph.resolve import DUPLICATE_THRESHOLD, bands, signature, similarity
from diplograph.resolve.duplicates import BANDS, PERMUTATIONS, ROWS

WIRE = (
    "BEIJING, Dec. 10 -- Chinese Foreign Minister Wang Yi and Vietnamese Deputy Prime Minister "
    "Bui Thanh Son\n"
    "co-chaired the 16th meeting of the China-Vietnam Steering Committee for Bilateral "
    "Cooperation in Beijing on\n"
    "Tuesday, the first session of the committee since the two countries agreed last year to "
    "build a community\n"
    "with a shared future.\n\n"
    "Wang told his counterpart that the two sides should turn the consensus reached by their "
    "top leaders into\n"
    "concrete projects, starting with the standard-gauge railway from Lao Cai to Hai Phong and "
    "the upgrading of\n"
    "border gates in Guangxi and Yunnan. He said Beijing was ready to buy more durian, coffee "
    "and seafood from\n"
    "Vietnam and to open its market wider to Vietnamese farm produce.\n\n"
    "Son said Hanoi regarded its ties with Beijing as a top priority of its foreign policy. He "
    "proposed that the\n"
    "ministries of the two countries finish the feasibility studies for three cross-border "
    "rail lines within the\n"
    "coming year, speed up customs clearance with smart border gates, and expand exchanges "
    "between young people,\n"
    "journalists and local governments along the land border.\n\n"
    "The two ministers also reviewed the results of cooperation in the first eleven months of "
    "the year, when\n"
    "two-way trade rose by about a fifth, and agreed to keep up visits at every level. They "
    "discussed maritime\n"
    "issues in a candid atmosphere and agreed to manage differences through dialogue, without "
    "actions that could\n"
    "complicate the situation at sea. Both sides said the committee would meet again in "
    "Vietnam next year.\n"
)

SITE_A = (
    "Home | World | Asia\nPublished 11 December 2024, 09:14\nShare on social media\n\n"
    + WIRE
    + ("\nCopyright 2024 Example Daily. All rights reserved. Read more stories from our Asia desk.")
)
SITE_B = (
    "ASIA PACIFIC NEWS\nBy staff and wire reports\n\n"
    + WIRE.upper()
    + ("\n\nRelated: Vietnam, China sign 14 cooperation documents | Subscribe to our newsletter")
)

OTHER_STORY = (
    "HANOI, Dec. 11 -- Deputy Prime Minister and Foreign Minister Bui Thanh Son returned home "
    "on Wednesday\n"
    "after a two-day trip to Beijing where he co-chaired the sixteenth session of the "
    "bilateral steering committee\n"
    "with Wang Yi, the foreign ministry said in a statement.\n\n"
    "According to the statement, Son also called on Chinese Premier Li Qiang, who asked the "
    "two governments to\n"
    "deepen connections of their infrastructure and supply chains. Son briefed reporters "
    "travelling with him that\n"
    "Vietnam hoped China would facilitate imports of more Vietnamese fruit and allow "
    "Vietnamese firms to join its\n"
    "logistics networks. The ministry said the sides signed documents on railway planning and "
    "on customs.\n\n"
    "Vietnamese experts said the meeting confirmed steady political trust between the "
    "neighbours, while noting\n"
    "that disputes in the East Sea remained the most sensitive item on the agenda. Trade "
    "between the two\n"
    "countries reached record levels this year, boosted by electronics and agricultural "
    "products.\n"
)


def test_duplicates_same_wire_story_with_other_header_and_footer() -> None:
    a, b = signature(SITE_A), signature(SITE_B)
    assert similarity(a, b) >= DUPLICATE_THRESHOLD
    assert set(bands(a)) & set(bands(b))


def test_duplicates_two_stories_of_one_meeting_are_not_duplicates() -> None:
    assert similarity(signature(WIRE), signature(OTHER_STORY)) < 0.3


def test_duplicates_typographic_quotes_and_dashes_do_not_matter() -> None:
    plain = 'He said "we agree" -- and left.\n' + WIRE
    curly = "He said \u201cwe agree\u201d \u2014 and left.\n" + WIRE.replace("'", "\u2019")
    assert similarity(signature(plain), signature(curly)) == 1.0


def test_duplicates_signature_is_deterministic_and_pinned() -> None:
    sig = signature(WIRE)
    assert sig == signature(WIRE)
    assert len(sig) == PERMUTATIONS
    assert all(0 <= value < 2**57 for value in sig)
    # Pinned: if these change, stored signatures are stale and SIGNATURE_SCHEME must change too.
    assert signature("the quick brown fox jumps over the lazy dog")[:3] == PINNED


PINNED = (44577727324715075, 80702695808041089, 128846127018323625)


def test_duplicates_bands_are_32_buckets_of_16_hex() -> None:
    found = bands(signature(WIRE))
    assert [band for band, _ in found] == list(range(BANDS))
    assert all(len(bucket) == 16 and int(bucket, 16) >= 0 for _, bucket in found)
    assert BANDS * ROWS == PERMUTATIONS


def test_duplicates_similarity_is_symmetric_and_one_for_itself() -> None:
    a, b = signature(WIRE), signature(OTHER_STORY)
    assert similarity(a, a) == 1.0
    assert similarity(a, b) == similarity(b, a)


def test_duplicates_short_texts_get_full_signatures() -> None:
    short = signature("Talks held")
    assert len(short) == PERMUTATIONS
    assert similarity(short, signature("talks, held.")) == 1.0
    assert similarity(short, signature("Talks postponed")) < DUPLICATE_THRESHOLD


def test_duplicates_empty_text_matches_nothing() -> None:
    empty = signature(" \n -- ")
    assert bands(empty) == []
    assert similarity(empty, signature("")) == 0.0
    assert similarity(empty, signature(WIRE)) == 0.0


@pytest.mark.parametrize("bad", [(), (1, 2, 3), tuple(range(PERMUTATIONS + 1))])
def test_duplicates_reject_signatures_of_wrong_length(bad: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="signature"):
        bands(bad)
    with pytest.raises(ValueError, match="signature"):
        similarity(bad, signature(WIRE))

"""Person names in one sentence: capitalised runs split into title, country and name.

The statistical NER of small models misses Vietnamese names and cuts "To Lam" to "Lam"; here a
name is found because a title introduces it ("Foreign Minister Wang Yi"), an appositive describes
it ("Huang Kunming, a member of ..."), the gazetteer knows it, or its shape is a name (a known
given name or family name, no organisation word).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from diplograph.extract import gazetteer
from diplograph.extract.lexicon import (
    INSTITUTION_COUNTRY,
    NON_NAME_WORDS,
    ORG_WORDS,
    PERSON_DESCRIPTORS,
    TITLE_CONNECTORS,
    TITLE_HEADS,
    TITLE_LOWER_WORDS,
    TITLE_MODIFIERS,
)
from diplograph.extract.normalize import fold
from diplograph.extract.tokens import Token

_PARTICLES = frozenset(
    {"von", "der", "van", "da", "de", "del", "dos", "das", "di", "bin", "binti", "al", "el"}
)
_DOTTED_TITLES = frozenset(
    {"gen", "col", "maj", "lt", "lieut", "adm", "brig", "capt", "sen", "sgt", "gov", "rep"}
)
_BARE_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "madam", "madame", "comrade", "sir", "dame"})
_APPOSITIVE_OPENERS = frozenset({"a", "an", "the", "also", "who", "as", "and", "now", "then", "currently"})
_MAX_NGRAM = 6


@dataclass(frozen=True, slots=True)
class Mention:
    """A full personal name in the text, with what its sentence says about the person."""

    start: int
    end: int
    text: str
    titles: tuple[str, ...]
    title_start: int
    country: str | None
    host: str | None
    known: gazetteer.Official | None
    strong: bool


def _title_key(token: Token) -> str:
    """Hyphenated titles fold to spaces ("director general"); the lexicon spells them with hyphens."""
    return token.key.replace(" ", "-")


def is_title_word(token: Token) -> bool:
    """Whether a token can be part of a title ("Minister", "Gen.", "Deputy")."""
    key = _title_key(token)
    if key in _DOTTED_TITLES:
        return token.text.endswith(".")
    if key == "first" or key == "lady":
        return True
    return key in TITLE_HEADS or key in TITLE_MODIFIERS


def is_title_head(token: Token) -> bool:
    """Whether a token is the head of a title, not only a modifier."""
    key = _title_key(token)
    if key in _DOTTED_TITLES:
        return token.text.endswith(".")
    return key in TITLE_HEADS or key in PERSON_DESCRIPTORS or key == "lady"


@lru_cache(maxsize=32768)
def _classify_key(key: str, capitalised_mid: bool) -> str:
    if key in ORG_WORDS:
        return "org"
    if key in NON_NAME_WORDS and not (capitalised_mid and key in gazetteer.surnames()):
        return "nonname"
    if gazetteer.country_for(key):
        return "country"
    if key in INSTITUTION_COUNTRY:
        return "org"
    return "name"


def _runs(tokens: list[Token], skip: list[tuple[int, int]]) -> list[list[int]]:
    """Maximal sequences of capitalised words (with name particles), as token indices."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, token in enumerate(tokens):
        inside_skip = bool(skip) and any(a <= token.start < b for a, b in skip)
        particle = (
            token.is_word
            and token.text in _PARTICLES
            and bool(current)
            and i + 1 < len(tokens)
            and (tokens[i + 1].is_cap or (tokens[i + 1].text in _PARTICLES and i + 2 < len(tokens)))
        )
        initials = (
            token.is_upper
            and len(token.text) <= 3
            and bool(current)
            and i + 1 < len(tokens)
            and tokens[i + 1].is_cap
            and not tokens[i + 1].is_upper
        )  # "Vice President JD Vance": short capitals inside a name are initials, not a headline
        if not inside_skip and ((token.is_cap and not token.is_upper) or particle or initials):
            current.append(i)
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _known_spans(tokens: list[Token], run: list[int]) -> dict[int, tuple[int, gazetteer.Official]]:
    """Gazetteer officials inside a run: start index -> (end index, official), longest first."""
    found: dict[int, tuple[int, gazetteer.Official]] = {}
    i = 0
    while i < len(run):
        for n in range(min(_MAX_NGRAM, len(run) - i), 1, -1):
            words = " ".join(tokens[j].text for j in run[i : i + n])
            official = gazetteer.official_for(words)
            if official:
                found[i] = (i + n, official)
                i += n
                break
        else:
            i += 1
    return found


def _place_or_country_len(tokens: list[Token], run: list[int], i: int) -> int:
    """Length of the longest place or multi-word country starting at run[i] (0 if none)."""
    for n in range(min(4, len(run) - i), 0, -1):
        words = " ".join(tokens[j].text for j in run[i : i + n])
        if (n > 1 and gazetteer.country_for(words)) or gazetteer.place_for(words):
            return n
    return 0


def _labels(tokens: list[Token], run: list[int], sentence_start: int) -> list[str]:
    labels: list[str] = []
    known = _known_spans(tokens, run)
    i = 0
    while i < len(run):
        if i in known:
            end, _ = known[i]
            labels.extend(["person"] * (end - i))
            i = end
            continue
        token = tokens[run[i]]
        if is_title_word(token) or (run[i] == sentence_start and token.key in PERSON_DESCRIPTORS):
            labels.append("title")
            i += 1
            continue
        mid = run[i] != sentence_start
        label = _classify_key(token.key, mid)
        after_title = bool(labels) and labels[-1] == "title" and is_title_head(tokens[run[i - 1]])
        if label == "name":
            span = _place_or_country_len(tokens, run, i)
            if span and after_title and span == 1 and _next_is_name(tokens, run, i):
                span = 0  # "Deputy Foreign Minister Phonsavan Sisoulath": a title is followed by a name
            if span and not (
                span == 1 and token.key in gazetteer.surnames() and _next_is_name(tokens, run, i)
            ):
                labels.extend(["place"] * span)
                i += span
                continue
        labels.append(label)
        i += 1
    return labels


def _next_is_name(tokens: list[Token], run: list[int], i: int) -> bool:
    if i + 1 >= len(run):
        return False
    nxt = tokens[run[i + 1]]
    return _classify_key(nxt.key, True) == "name" and not is_title_word(nxt)


def _segments(labels: list[str]) -> list[tuple[int, int, bool]]:
    """Runs of name labels: (start, end, is_known_person)."""
    out: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(labels):
        if labels[i] in ("name", "person"):
            j = i
            kind = labels[i]
            while j < len(labels) and labels[j] == kind:
                j += 1
            out.append((i, j, kind == "person"))
            i = j
        else:
            i += 1
    return out


def _country_evidence(tokens: list[Token], lo: int, hi: int) -> tuple[str | None, str | None]:
    """Own and host country named between token lo and hi (host: after "to"/"in")."""
    own: str | None = None
    host: str | None = None
    i = lo
    while i < hi:
        found: str | None = None
        width = 1
        for n in range(min(4, hi - i), 0, -1):
            words = " ".join(t.text for t in tokens[i : i + n])
            code = gazetteer.country_for(words) if n > 1 or tokens[i].is_cap else None
            if not code and tokens[i].is_cap:
                place = gazetteer.place_for(words)
                code = place.country if place else None
            if not code and n == 1:
                code = INSTITUTION_COUNTRY.get(tokens[i].key)
            if not code and n == 1 and "-" in tokens[i].text and tokens[i].is_cap:
                # "Việt Nam-Laos Committee": the first country of a hyphenated pair is the speaker's side
                code = gazetteer.country_for(tokens[i].text.split("-")[0])
            if code:
                found, width = code, n
                break
        if found:
            before = tokens[i - 1].key if i > lo else ""
            before2 = tokens[i - 2].key if i - 1 > lo else ""
            if before in ("to", "in") or (before == "the" and before2 in ("to", "in")):
                host = host or found
            elif own is None:
                own = found
        i += width
    return own, host


def _zone_start(tokens: list[Token], first: int, taken: set[int]) -> int:
    """Walk left from a run over title words and connectors; return the first title token."""
    k = first - 1
    while k >= 0:
        token = tokens[k]
        if k in taken:
            break
        if token.kind == "poss" or token.text in "()":
            k -= 1
            continue
        if token.text == "," and k > 0 and tokens[k - 1].key in ("counterpart", "counterparts"):
            k -= 1  # "his Lao counterpart, Deputy Prime Minister ... X": the comma joins two titles
            continue
        if not token.is_word:
            break
        if token.is_word and not token.is_cap and is_title_head(token) and token.key not in _BARE_HONORIFICS:
            k -= 1  # "his Chinese counterpart X", "ministry spokesperson X"
            continue
        if token.key == "and" and k > 0 and not is_title_word(tokens[k - 1]):
            break  # "Vice President JD Vance and Elon Musk": "and" joins two people, not two titles
        if token.is_cap or token.key in TITLE_CONNECTORS or token.key in TITLE_LOWER_WORDS:
            k -= 1
            continue
        break
    start = k + 1
    while start < first and (
        tokens[start].key in TITLE_CONNECTORS
        or tokens[start].kind != "word"
        or (
            tokens[start].key in NON_NAME_WORDS - TITLE_MODIFIERS - TITLE_LOWER_WORDS
            and not gazetteer.country_for(tokens[start].key)
        )
    ):
        start += 1
    return start


def _appositive(tokens: list[Token], after: int, text: str) -> tuple[list[str], int]:
    """Titles given after a name: ", a member of X, head of Y" -> [..], and the last token index."""
    titles: list[str] = []
    i = after
    last = after - 1
    while i < len(tokens) and tokens[i].text == ",":
        j = i + 1
        while j < len(tokens) and tokens[j].key in _APPOSITIVE_OPENERS:
            j += 1
        if j >= len(tokens) or not (
            is_title_head(tokens[j])
            or tokens[j].key in TITLE_LOWER_WORDS
            or tokens[j].key in TITLE_MODIFIERS
            or tokens[j].key == "politburo"
        ):
            break
        k = j
        while k < len(tokens) and tokens[k].text not in {",", ";", ".", "(", ")", ":"}:
            token = tokens[k]
            if (
                token.is_word
                and not token.is_cap
                and token.key not in TITLE_CONNECTORS
                and token.key not in TITLE_LOWER_WORDS
                and not is_title_head(token)
                and not token.key.replace("-", "").isalpha()
            ):
                break
            if token.is_word and not token.is_cap and _looks_like_verb(token.key):
                break
            k += 1
        chunk = text[tokens[j].start : tokens[k - 1].end] if k > j else ""
        if not chunk or not any(is_title_head(t) for t in tokens[j:k]) or _ends_in_name(tokens[j:k]):
            break
        titles.extend(split_titles(chunk))
        last = k - 1
        i = k
    return titles, last


def _ends_in_name(chunk: list[Token]) -> bool:
    """ "General Secretary and President Xi Jinping" after a comma is a new person, not an appositive."""
    tail: list[Token] = []
    for token in reversed(chunk):
        if not token.is_cap or is_title_word(token) or _classify_key(token.key, True) != "name":
            break
        tail.append(token)
    return len(tail) >= 2 or (len(tail) == 1 and gazetteer.official_for(tail[0].text) is not None)


_VERBISH_SUFFIXES = ("ed", "es")
_NOT_VERBS = frozenset(
    {"vice", "chinese", "japanese", "vietnamese", "general", "deputy", "affairs", "ministries", "states"}
)


def _looks_like_verb(key: str) -> bool:
    if key in TITLE_LOWER_WORDS or key in _NOT_VERBS:
        return False
    if key in {
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "will",
        "would",
        "said",
        "met",
        "held",
        "sat",
    }:
        return True
    return key.endswith(_VERBISH_SUFFIXES) and len(key) > 4 and key not in ORG_WORDS


def split_titles(chunk: str) -> list[str]:
    """ "Politburo member and Minister of Public Security" -> two titles; org "and" kept."""
    parts = [p.strip() for p in chunk.replace(";", ",").split(" and ")]
    out: list[str] = []
    for part in parts:
        words = part.split()
        if out and words and not _starts_title(words[0]):
            out[-1] = f"{out[-1]} and {part}"
        elif part:
            out.append(part)
    return [_strip_articles(p) for p in out if p]


def _starts_title(word: str) -> bool:
    key = fold(word)
    return (
        key in TITLE_HEADS or key in TITLE_MODIFIERS or key == "politburo" or bool(gazetteer.country_for(key))
    )


def _strip_articles(title: str) -> str:
    words = title.split()
    while words and fold(words[0]) in {"a", "an", "the", "also", "who", "as", "and", "now"}:
        words.pop(0)
    return " ".join(words).strip(" ,;")


def clean_title(raw: str) -> str:
    """Drop a leading demonym or "China's" from a title: "Chinese Foreign Minister" -> "Foreign Minister"."""
    words = raw.replace("’s ", "'s ").split()
    while words and (
        gazetteer.country_for(words[0].removesuffix("'s"))
        and (words[0].endswith("'s") or fold(words[0]) not in TITLE_HEADS)
    ):
        words.pop(0)
    while words and fold(words[-1]) in TITLE_CONNECTORS:
        words.pop()
    if len(words) > 2 and fold(words[-2]) == "of" and gazetteer.country_for(words[-1]):
        words = words[:-2]  # "Foreign Minister of Vietnam": the country is the person's, not the office's
    return " ".join(words)


def find_mentions(
    text: str,
    tokens: list[Token],
    *,
    skip: list[tuple[int, int]],
) -> list[Mention]:
    """Every full personal name in one sentence's tokens, with titles and country evidence."""
    mentions: list[Mention] = []
    taken: set[int] = set()
    sentence_start = next((i for i, t in enumerate(tokens) if t.is_word), 0)
    for run in _runs(tokens, skip):
        labels = _labels(tokens, run, sentence_start)
        for seg_start, seg_end, known in _segments(labels):
            mention = _mention(text, tokens, run, labels, (seg_start, seg_end, known), taken)
            if mention:
                mentions.append(mention)
                taken.update(run[seg_start:seg_end])
    return mentions


def _mention(
    text: str,
    tokens: list[Token],
    run: list[int],
    labels: list[str],
    segment: tuple[int, int, bool],
    taken: set[int],
) -> Mention | None:
    seg_start, seg_end, known = segment
    name_tokens = [tokens[j] for j in run[seg_start:seg_end]]
    # Trailing organisation or place words mean the "name" names a thing ("Ho Chi Minh City",
    # "Tran Phu High School", "Ho Chi Minh National Academy").
    if _names_a_thing(labels[seg_end:]):
        return None
    if len(name_tokens) > 5 and not known:
        return None
    first_index = run[seg_start]
    last_index = run[seg_end - 1]
    in_run_title = any(
        label == "title" and is_title_head(tokens[run[k]]) for k, label in enumerate(labels[:seg_start])
    )
    before = tokens[first_index - 1] if first_index > 0 else None
    descriptor = bool(before and before.is_word and not before.is_cap and is_title_head(before))
    zone_first = _zone_start(tokens, run[0] if seg_start else first_index, taken)
    zone_tokens = tokens[zone_first:first_index]
    has_title = in_run_title or descriptor or any(is_title_head(t) for t in zone_tokens)
    appositive, last = _appositive(tokens, last_index + 1, text)
    official = gazetteer.official_for(" ".join(t.text for t in name_tokens)) if known else None
    single = len(name_tokens) == 1
    if not known:
        if single:
            return None
        if not (has_title or appositive or _name_shaped(name_tokens)):
            return None
    titles: list[str] = []
    if has_title and zone_tokens:
        raw = text[zone_tokens[0].start : zone_tokens[-1].end]
        cleaned = clean_title(raw)
        if cleaned and any(is_title_head(t) for t in zone_tokens):
            titles.extend(split_titles(cleaned))
    titles.extend(appositive)
    own, host = _country_evidence(tokens, zone_first, first_index)
    if appositive:
        app_own, app_host = _country_evidence(tokens, last_index + 1, last + 1)
        own = own or app_own
        host = host or app_host
    start, end = name_tokens[0].start, name_tokens[-1].end
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        titles=tuple(dict.fromkeys(t for t in titles if t)),
        title_start=zone_tokens[0].start if zone_tokens and has_title else start,
        country=own,
        host=host,
        known=official,
        strong=known or has_title or bool(appositive),
    )


def _names_a_thing(rest: list[str]) -> bool:
    for label in rest:
        if label in ("org", "place"):
            return True
        if label not in ("nonname", "title"):
            return False
    return False


def _name_shaped(name_tokens: list[Token]) -> bool:
    keys = [t.key for t in name_tokens]
    if any(k in NON_NAME_WORDS or k in ORG_WORDS for k in keys):
        return False
    surnames = gazetteer.surnames()
    return keys[0] in gazetteer.given_names() or keys[0] in surnames or keys[-1] in surnames

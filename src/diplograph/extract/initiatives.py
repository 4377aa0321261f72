"""Initiatives, themed years, flagship projects and anniversaries, under one name whatever the wording.

Each side's media translate the same thing differently (the 2025 China-Vietnam "Year of
People-to-People Exchanges" is a "Year of Humanistic" or "Humanitarian Exchange" in Hanoi's
English), so a report's mention only threads with the others once it carries a canonical name.
The names and their aliases live in data/initiatives.tsv; matching runs over a lower-case,
diacritic-free copy of the text that keeps every offset, with aliases tried only at word starts
whose letters fit (domains.WordStartLexicon), so a report costs well under a millisecond.
Anniversaries are counted ("75th anniversary of ...") and keyed by the report's pair of countries.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from diplograph.errors import ConfigError
from diplograph.extract import gazetteer
from diplograph.extract.domains import WordStartLexicon
from diplograph.extract.gazetteer import read_table
from diplograph.extract.normalize import ascii_name
from diplograph.model import Evidence, InitiativeKind, InitiativeMention

__all__ = ["InitiativeHit", "alias_pattern", "find_initiatives", "fold_keep", "initiative_hits"]

_KINDS: tuple[InitiativeKind, ...] = ("initiative", "anniversary", "year", "project")
_PAIR_SLOT = "{pair}"
_BLOCS = {"asean": "ASEAN"}
# Between the words of an alias: blanks, quotes, brackets, hyphens or nothing ("Haiphong").
_SEP = r"""[\s"'()/\-]*"""
_PAIR = r"[a-z][a-z.]*(?: [a-z][a-z.]*)?\s*-\s*[a-z][a-z.]*(?: [a-z][a-z.]*)?" + _SEP
_SPELLING = {"vietnam": r"viet\s?nam", "hanoi": r"ha\s?noi", "defence": "defen[cs]e", "defense": "defen[cs]e"}
_PAIR_BEFORE = re.compile(r"(?<![a-z])" + _PAIR + "$")
_EXPLICIT_PAIR = re.compile(r"([a-z][a-z.]*(?: [a-z]+)?)\s*-\s*([a-z][a-z.]*(?: [a-z]+)?)")
_BETWEEN = re.compile(r"\s+between\s+(?:the\s+)?([a-z]+(?: [a-z]+)?)\s+and\s+(?:the\s+)?([a-z]+(?: [a-z]+)?)")
_YEAR_AROUND = re.compile(r"(?:19|20)\d\d")
_UNITS = ("first second third fourth fifth sixth seventh eighth ninth").split()
_TEENS = (
    "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_TENS = ("twenty thirty forty fifty sixty seventy eighty ninety").split()
_ORDINAL = (
    r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|(?:(?:"
    + "|".join(_TENS)
    + r")[- ])?(?:"
    + "|".join(_UNITS)
    + r")|"
    + "|".join(_TEENS)
    + r"|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth|(?:one )?hundredth)"
)
_ANNIVERSARY = re.compile(r"\b" + _ORDINAL + r"\s+anniversary\s+of\s+")
_WHAT_STOP = re.compile(
    r"[,.;:!?()\n\"]|\s(?:in|on|at|this|next|last|which|that|as|with|to|by|while|when|will|was|is|are|were|"
    r"has|have|and|through|for|from|under)\s"
)
_PRONOUN = re.compile(r"(?i)(?:its|their|his|her|our|this|that)\b")
_SENTENCE_END = re.compile(r"\n|(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class _Row:
    name: str
    kind: InitiativeKind
    countries: tuple[str, ...]  # ("{pair}",) when keyed by the report's pair
    years: tuple[str, ...]
    topic: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InitiativeHit:
    """One mention at its exact offsets: commitments need the span, reports need the sentence."""

    start: int
    end: int
    name: str
    kind: InitiativeKind
    topic: str


_SPECIAL = {"đ": "d", "’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "„": '"', "–": "-"}
_SPECIAL |= {"—": "-", "‑": "-", "−": "-", "\u00a0": " "}


class _FoldTable(dict[int, str]):
    """Each character to one lower-case ASCII character where it has one, else itself (lengths kept)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = _SPECIAL.get(char)
        if value is None:
            base = unicodedata.normalize("NFKD", char)[:1]
            value = base if base.isascii() and base else char
        self[code] = value
        return value


_FOLD = _FoldTable()


@lru_cache(maxsize=8)
def fold_keep(text: str) -> str:
    """Lower case without diacritics or curly quotes, the same length as ``text`` so offsets carry over."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


def alias_pattern(alias: str) -> str:
    """A regex for an alias over fold_keep text: any blank, quote or hyphen between words, a plural "s".

    ``{pair}`` becomes a slot for two names joined by a hyphen ("Viet Nam-China"); the lexicon
    strips it from the start of an alias and reads a pair before the match instead.
    """
    tokens = [t for t in re.split(r"[\s\-–/]+", fold_keep(alias).replace(_PAIR_SLOT, " {pair} ")) if t]
    parts: list[str] = []
    for i, token in enumerate(tokens):
        if token == _PAIR_SLOT:
            parts.append(f"(?:{_PAIR})")
            continue
        word = token.strip("\"'()")
        regex = _SPELLING.get(word) or re.escape(word).replace("iza", "i[sz]a").replace("isa", "i[sz]a")
        if i == len(tokens) - 1 and word.isalpha() and len(word) > 2:
            regex = regex[:-1] + "s?" if word.endswith("s") else regex + "s?"
        parts.append(regex + ("" if i == len(tokens) - 1 else _SEP))
    return "".join(parts)


def _row(row: dict[str, str]) -> _Row:
    kind = row["kind"]
    if kind not in _KINDS or not row["name"] or not row["aliases"]:
        raise ConfigError(f"initiatives.tsv: bad row {row['name']!r} (kind {kind!r})")
    return _Row(
        name=row["name"],
        kind=next(k for k in _KINDS if k == kind),
        countries=tuple(c for c in row["countries"].split("|") if c),
        years=tuple(y for y in row["year"].split("|") if y),
        topic=row["topic"] or row["name"],
        aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
    )


@cache
def _rows() -> tuple[_Row, ...]:
    return tuple(_row(row) for row in read_table("initiatives.tsv"))


@cache
def _lexicon() -> WordStartLexicon[tuple[int, ...]]:
    """Every alias of initiatives, years and projects, longest first so that the longest wins.

    An alias several rows share ("Year of People-to-People Exchanges") keeps all of them, in file
    order, for the report's pair to choose from. A leading {pair} is read before the match instead.
    """
    owners: dict[str, list[int]] = {}
    for number, row in enumerate(_rows()):
        for alias in row.aliases if row.kind != "anniversary" else ():
            owners.setdefault(alias_pattern(alias.removeprefix(_PAIR_SLOT).strip()), []).append(number)
    entries = sorted(((pattern, tuple(rows)) for pattern, rows in owners.items()), key=lambda e: -len(e[0]))
    return WordStartLexicon(entries, flags=0, trigger=True)


@cache
def _anniversaries() -> re.Pattern[str]:
    """What may follow "Nth anniversary of", one named group per row, longest aliases first."""
    groups = []
    for number, row in enumerate(_rows()):
        if row.kind == "anniversary":
            aliases = sorted((alias_pattern(a) for a in row.aliases), key=len, reverse=True)
            groups.append(f"(?P<r{number}>{'|'.join(aliases)})")
    return re.compile("(?:" + "|".join(groups) + r")(?![a-z0-9])")


def _code(words: str, *, last: bool) -> tuple[str | None, int]:
    """A country or bloc for one side of "Viet Nam-China" (all the words, else the end word) and
    where in ``words`` it begins."""
    words = words.rstrip(" .")
    end_word = words.split()[-1] if last else words.split()[0]
    for candidate, at in ((words, 0), (end_word, len(words) - len(end_word) if last else 0)):
        code = _BLOCS.get(candidate) or gazetteer.country_for(candidate)
        if code:
            return code, at
    return None, 0


def _explicit_pair(folded: str, start: int, end: int) -> tuple[frozenset[str], int]:
    """The two parties a mention names itself ("Year of Viet Nam-China ...") and where they begin."""
    for match in _EXPLICIT_PAIR.finditer(folded, start, end):
        (a, at), (b, _) = _code(match.group(1), last=True), _code(match.group(2), last=False)
        if a and b and a != b:
            return frozenset((a, b)), match.start() + at
    return frozenset(), start


def _bilateral(countries: tuple[str, ...]) -> bool:
    return len(countries) == 2 and _PAIR_SLOT not in countries


def _eligible(row: _Row, named: frozenset[str], pair: frozenset[str]) -> bool:
    """A two-party row fits only its own pair: the parties the mention names, else the report's."""
    if not _bilateral(row.countries):
        return True
    parties = named or pair
    if not parties:
        return True
    members = set(row.countries)
    blocs = members & set(_BLOCS.values())
    if len(parties) == 1:
        return parties <= members
    return members == parties or (bool(blocs) and not named and bool((members - blocs) & parties))


def _pair_names(codes: frozenset[str]) -> str:
    names = []
    for code in sorted(codes):
        country = gazetteer.country_for_code(code)
        names.append(country.name if country else code)
    return "-".join(names)


def _named(template: str, parties: frozenset[str]) -> str:
    """A {pair} name with the pair filled in, or without it when the report gives no pair."""
    if _PAIR_SLOT not in template:
        return template
    if len(parties) == 2:
        return template.replace(_PAIR_SLOT, _pair_names(parties))
    return " ".join(template.replace(_PAIR_SLOT, " ").split())


def _stated_years(folded: str, start: int, end: int) -> list[str]:
    """Years written beside a mention ("2025 China-Vietnam Year of ...", "... Exchange 2025")."""
    return _YEAR_AROUND.findall(folded, max(0, start - 5), min(len(folded), end + 5))


def _year_name(row: _Row, stated: list[str]) -> str:
    """A themed year's name with its year: the one the mention states, else the row's only one."""
    fitting = [year for year in row.years if year in stated]
    year = (fitting or stated or (list(row.years) if len(row.years) == 1 else [""]))[0]
    return f"{row.name} {year}".strip()


def _ordinal_number(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    words = re.split(r"[- ]", text)
    total = 0
    for word in words:
        if word in _UNITS:
            total += _UNITS.index(word) + 1
        elif word in _TENS:
            total += 10 * (_TENS.index(word) + 2)
        elif word in _TEENS:
            total += _TEENS.index(word) + 10
        elif word.endswith("ieth"):
            total += 10 * (next(i for i, t in enumerate(_TENS) if t[:-1] == word[:-4]) + 2)
        elif word == "hundredth":
            total += 100
    return total


def _ordinal_text(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def initiative_hits(
    text: str, *, pair: tuple[str, ...] = (), folded: str | None = None
) -> list[InitiativeHit]:
    """Every mention in ``text`` (pass the masked text to skip credits), at exact offsets, in text order."""
    folded = fold_keep(text) if folded is None else folded
    parties = frozenset(pair)
    rows = _rows()
    hits: list[InitiativeHit] = []
    for match, numbers in _lexicon().scan(folded):
        start, end = match.start(), match.end()
        before = _PAIR_BEFORE.search(folded, max(0, start - 30), start)
        named, first = _explicit_pair(folded, before.start() if before else start, end)
        start = min(start, first)
        stated = _stated_years(folded, start, end)
        # Rows whose year the mention states first: "ASEAN-China ... 2024" and "China-Vietnam ... 2025".
        fitting = sorted(
            (rows[n] for n in numbers if _eligible(rows[n], named, parties)),
            key=lambda row: not set(stated) & set(row.years),
        )
        if fitting:
            row = fitting[0]
            name = _year_name(row, stated) if row.kind == "year" else _named(row.name, named or parties)
            hits.append(InitiativeHit(start, end, name, row.kind, _named(row.topic, named or parties)))
    hits.extend(_anniversary_hits(text, folded, parties))
    hits.sort(key=lambda h: h.start)
    return hits


def _anniversary_hits(text: str, folded: str, pair: frozenset[str]) -> list[InitiativeHit]:
    """ "the 75th anniversary of the diplomatic relations": counted, named, keyed by the pair."""
    hits: list[InitiativeHit] = []
    rows = _rows()
    if "anniversary" not in folded:
        return hits
    for match in _ANNIVERSARY.finditer(folded):
        ordinal = _ordinal_text(_ordinal_number(match.group("ord")))
        at = match.end()
        known = _anniversaries().match(folded, at)
        row = rows[int(known.lastgroup[1:])] if known and known.lastgroup else None
        end = known.end() if known else at
        named = _explicit_pair(folded, at, end)[0] if known else frozenset()
        between = _BETWEEN.match(folded, end) if known else None
        if between:
            a, b = _code(between.group(1), last=True)[0], _code(between.group(2), last=False)[0]
            if a and b and a != b:
                named, end = frozenset((a, b)), between.end()
        if row is not None and _eligible(row, named, pair):
            what = _named(row.name, named or pair)
        else:
            stop = _WHAT_STOP.search(folded, at, min(len(folded), at + 90))
            end = stop.start() if stop else min(len(folded), at + 90)
            what = ascii_name(text[at:end]).strip()
        if what and not _PRONOUN.match(what):
            name = f"{ordinal} anniversary of {what}"
            hits.append(InitiativeHit(match.start(), end, name, "anniversary", name))
    return hits


def _sentence_bounds(masked: str) -> list[int]:
    """Starts of the sentences of the text: mentions are evidenced by their sentence."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(masked)]


def find_initiatives(text: str, masked: str, *, pair: tuple[str, ...] = ()) -> list[InitiativeMention]:
    """Initiatives, themed years, projects and anniversaries a report names, once per sentence each.

    ``masked`` is the text with credits blanked (same length); ``pair`` is the report's two
    countries, which pick the right themed year and key anniversaries ("75th anniversary of
    China-Vietnam diplomatic relations"). Evidence is the sentence; ``alias`` the words as written.
    """
    if len(masked) != len(text):
        raise ValueError("masked text must keep the offsets of the text")
    starts = _sentence_bounds(masked)
    seen: set[tuple[str, int]] = set()
    out: list[InitiativeMention] = []
    for hit in initiative_hits(masked, pair=pair):
        index = bisect.bisect_right(starts, hit.start) - 1
        first = starts[index]
        last = starts[index + 1] if index + 1 < len(starts) else len(text)
        if (hit.name, first) in seen:
            continue
        seen.add((hit.name, first))
        chunk = text[first:last]
        lead = len(chunk) - len(chunk.lstrip())
        first, last = first + lead, first + len(chunk.rstrip())
        alias = text[hit.start : hit.end].strip(" \"'“”‘’")
        evidence = Evidence(quote=text[first:last], start=first, end=last)
        out.append(InitiativeMention(name=hit.name, alias=alias, kind=hit.kind, evidence=evidence))
    return out

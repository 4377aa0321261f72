"""What a commitment is about and what it aims at: topic, mechanism, initiative, target and deadline.

A topic must stay the same across reports written years apart by different sides, so it comes
from names first (an initiative or project of data/initiatives.tsv, a mechanism of
data/mechanisms.tsv) and otherwise from a short vocabulary of themes ordered from the concrete
("railway", "border gate") to the broad ("investment"). Targets and deadlines are read as the
text writes them and dated against the report's year, because "this year" in a 2024 readout is
a different promise from "this year" in a 2025 one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from diplograph.extract import gazetteer
from diplograph.extract.domains import WordStartLexicon
from diplograph.extract.initiatives import alias_pattern, fold_keep, initiative_hits

__all__ = ["deadline_of", "target_of", "theme_of", "topic_of"]

# One theme a line, "key: regex" over lower-case text; the first line that matches anywhere wins.
_THEMES: tuple[tuple[str, str], ...] = tuple(
    (key.strip(), pattern.strip())
    for key, _, pattern in (
        line.partition(":")
        for line in """
railway: rail(?:way|road)?s?|standard-gauge|high-speed trains?|metro lines?
border gate: border (?:gates?|crossings?|checkpoints?|(?:trade )?markets?)|smart border|land ports?
trade promotion office: trade (?:promotion )?offices?
flights: flights?|air routes?|aviation|airlines?|air links?
port: seaports?|deep-sea ports?|ports?
expressway: expressways?|highways?|roads?|bridges?
economic corridor: economic corridors?
nuclear power: nuclear (?:power|energy|plants?)
electricity: electricity|power (?:grids?|trade|transmission|purchase)
renewable energy: renewable|clean energy|new energy|green energy|solar|wind power|offshore wind
oil and gas: oil|gas|lng|petroleum
critical minerals: (?:critical|strategic) minerals?|rare earths?
semiconductors: semiconductors?|chips?
artificial intelligence: artificial intelligence|ai
digital economy: digital (?:economy|transformation)|e-commerce
technology transfer: technolog(?:y|ies) transfer|transfer(?:ring)? (?:of )?technolog(?:y|ies)
science and technology: science and technology|technolog(?:y|ical)|innovation
preferential loans: (?:preferential|concessional|soft) loans?|oda|official development assistance
bilateral trade: (?:bilateral |two-way )?trade (?:volume|turnover|value)|bilateral trade|balanced trade
agricultural exports: agricultur\\w* (?:products|produce|exports|goods)|farm (?:products|produce)|fruits?
market access: market access|markets?|imports? of|exports? of|goods
supply chains: supply chains?|industrial chains?|production chains?
investment: invest(?:ment|ments|ors?)?
emerging industries: emerging (?:areas|fields|industries|sectors)|high-tech
land border: land border|border (?:management|demarcation)|boundary
maritime disputes: maritime (?:disputes?|issues?|differences)|(?:east|south china) sea|disputes? at sea
maritime cooperation: maritime|marine|fisher(?:y|ies)|coast guards?|at sea
defence cooperation: defen[cs]e|militar(?:y|ies)|armies|army|navy|navies|weapons?
law enforcement: law enforcement|public security|police|crimes?|fraud|scams?|drugs?|trafficking|terroris\\w+
law enforcement: judicial
health: health|medic(?:ine|al)|vaccines?|vaccination|hospitals?|pandemic
education and training: education|students?|scholarships?|universit(?:y|ies)|training|human resources?
tourism: touris(?:m|ts?)|visas?|visa-free
youth exchanges: youth|young (?:people|generations?)
culture and media: cultur(?:e|al)|arts?|films?|media|press|propaganda|publicity
people-to-people exchanges: people-to-people|humanistic|social foundation|popular support
local cooperation: local(?:ities)?|provinces?
climate and environment: climate|emissions?|environmental|pollution|(?:natural|protect\\w* the) environment
agriculture: agricultur(?:e|al)|farming
high-level exchanges: high-level (?:exchanges|visits|contacts|meetings)|all-level exchanges
high-level exchanges: strategic exchanges
party relations: inter-?party|party-to-party|party (?:building|channels?|relations)|theor(?:y|etical)
development strategies: development strategies
connectivity: connectivity
one-China policy: one-china|taiwan|reunification
multilateral coordination: multilateral\\w*|asean|united nations|apec|brics|g20|wto
""".strip().splitlines()
    )
)
# Tried only at word starts whose letters fit: one alternation over every theme costs ten times more.
_THEME = WordStartLexicon(
    [(pattern, number) for number, (_, pattern) in enumerate(_THEMES)], flags=0, trigger=True
)
# An initiative that only frames the item ("within the framework of Mekong-Lancang cooperation").
_FRAME = re.compile(
    r"(?:framework|auspices|sidelines)\s+of\s+(?:the\s+)?$|(?:under|through|via|within)\s+(?:the\s+)?$"
)
_STOPWORDS = frozenset("the of on for and between to a an in at with".split())

_MONEY = re.compile(
    r"(?i)(?:us\$|u\.s\.\s?\$|\$|usd|€|£|¥|rmb|cny)\s?\d[\d,.]*(?:\s*(?:billion|million|trillion|bn|mln))?|"
    r"\d[\d,.]*\s*(?:billion|million|trillion)\s+(?:u\.s\.\s+|us\s+)?(?:dollars|usd|yuan|euros?|yen|dong)"
)
_COUNT = re.compile(
    r"(?i)\b(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?![\d,.])|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|fifty|hundred|(?:hundreds|thousands|dozens) of)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>[a-z-]+s)\b"
)
_NOT_COUNTED = frozenset(
    """sides countries parties peoples nations governments leaders ministers ministries years months days
    weeks times decades centuries levels fields areas sectors pillars principles initiatives members provinces
    localities regions generations sessions corridors economies""".split()
)
# A share, or a multiple of something countable ("double two-way trade", not "double taxation").
_SHARE = re.compile(
    r"(?i)\b\d+(?:\.\d+)?\s?(?:%|per\s?cent)|\b(?:double|triple|doubling|tripling)\s+(?:the\s+|their\s+|its\s+)?"
    r"(?:bilateral\s+|two-way\s+|annual\s+)?(?:trade|investment|turnover|exports?|imports?|tourists?|flights?|"
    r"number)\b"
)
_NUMBERS = {word: n for n, word in enumerate("zero one two three four five six seven eight nine ten".split())}
_DATED = re.compile(r"(?i)year|\b20\d\d\b")
# (pattern, template): {y} and {z} are years the text states, {a} the anchor year, {a+n} n years later.
_DEADLINES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), template)
    for pattern, template in (
        (r"\bby (?:the )?end of (?P<y>(?:19|20)\d\d)\b", "{y}-12"),
        (r"\b(?:by|before|in|for|during) (?P<y>20\d\d)\b(?!\s?[-–/]\s?\d)", "{y}"),
        (r"\b(?P<y>20\d\d)\s?[-–/]\s?(?P<z>(?:20)?\d\d)\b", "{y}/{z}"),
        (r"\b(?:over|in|within|during|for) the (?:next|coming) (?P<n>\w+) years\b", "{a}/{a+n}"),
        (r"\b(?:by )?(?:the )?end of (?:this|the) year\b", "{a}-12"),
        (r"\bearly next year\b", "{a+1}-01/{a+1}-03"),
        (r"\b(?:the )?first half of next year\b", "{a+1}-01/{a+1}-06"),
        (r"\bnext year\b", "{a+1}"),
        (r"\bthis year\b", "{a}"),
    )
)


def theme_of(folded: str) -> str | None:
    """The most concrete theme a lower-case span names ("railway" before "investment"), if any."""
    best = min((number for _, number in _THEME.scan(folded)), default=None)
    return _THEMES[best][0] if best is not None else None


def topic_of(
    text: str, folded: str, *, pair: tuple[str, ...], mechanisms: tuple[str, ...]
) -> tuple[str | None, str | None, str | None]:
    """(topic, mechanism, initiative) of a span, ``folded`` being fold_keep(text).

    A named initiative leads, then a named mechanism, then a theme; an initiative that only frames
    the span yields the topic to the span's theme and stays as its initiative.
    """
    hits = initiative_hits(text, pair=pair, folded=folded)
    theme = theme_of(folded)
    mechanism = mechanism_in(folded, pair=pair, named=mechanisms)
    first = hits[0] if hits else None
    initiative = first.name if first else None
    if first is not None and theme and _FRAME.search(folded[: first.start]):
        return theme, mechanism, initiative
    if first is not None:
        return first.topic, mechanism, initiative
    if mechanism is not None:
        return _mechanism_topic(mechanism), mechanism, initiative
    return theme, None, initiative


def _mechanism_topic(name: str) -> str:
    """A committee named for a sector ("Railway Cooperation Committee") threads with that sector."""
    known = gazetteer.mechanism_for(name)
    if known is not None and known.kind == "committee":
        theme = theme_of(fold_keep(re.split(r"\b(?:for|on|of|between)\b", name)[0]))
        if theme:
            return theme
    return name


@lru_cache(maxsize=4096)
def _words(folded: str) -> frozenset[str]:
    """Significant words of a name or span: no little words, no country names, one spelling of defence."""
    words = {word.replace("defence", "defense") for word in re.findall(r"[a-z0-9+]+", folded)}
    return frozenset(word for word in words if word not in _STOPWORDS and not gazetteer.country_for(word))


@cache
def _mechanism_lexicon() -> WordStartLexicon[tuple[int, ...]]:
    """Every alias of every known mechanism, longest first, with the places in the gazetteer of all
    the mechanisms that share it (the report's pair picks one)."""
    owners: dict[str, list[int]] = {}
    for number, mechanism in enumerate(gazetteer.mechanisms()):
        for alias in {mechanism.name, *mechanism.aliases}:
            owners.setdefault(alias_pattern(alias), []).append(number)
    entries = sorted(
        ((pattern, tuple(numbers)) for pattern, numbers in owners.items()), key=lambda e: -len(e[0])
    )
    return WordStartLexicon(entries, flags=0, trigger=True)


@lru_cache(maxsize=256)
def _named_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + alias_pattern(name) + r"(?![a-z0-9])")


def _fits(mechanism: gazetteer.Mechanism, pair: tuple[str, ...]) -> bool:
    """Whether a mechanism can be the report's: its members and the pair contain one another."""
    wanted, members = set(pair), set(mechanism.countries)
    return not wanted or wanted <= members or members <= wanted


def mechanism_in(folded: str, *, pair: tuple[str, ...], named: tuple[str, ...] = ()) -> str | None:
    """The canonical mechanism a lower-case span names: an alias, else most of an alias's words.

    ``named`` are the report's own mechanism names, found even when the gazetteer lacks them.
    Reports paraphrase ("the Strategic Dialogue mechanism between the Ministries of Foreign
    Affairs - National Defense - Public Security" for the "3+3" dialogue), so an alias sharing at
    least four significant words and 60% of its own counts when the span has the mechanism's noun.
    """
    known = gazetteer.mechanisms()
    for _, numbers in _mechanism_lexicon().scan(folded):
        for number in numbers:
            if _fits(known[number], pair):
                return known[number].name
    for name in named:
        if _named_pattern(name).search(folded):
            found = gazetteer.mechanism_for(name)
            return found.name if found else name
    candidates = [m for m in known if m.kind and m.kind in folded and _fits(m, pair)]
    words = _words(folded) if candidates else frozenset()
    best: tuple[int, str] | None = None
    for mechanism in candidates:
        for alias in (mechanism.name, *mechanism.aliases):
            own = _words(fold_keep(alias))
            common = len(own & words)
            if common >= 4 and common >= 0.6 * len(own) and (best is None or common > best[0]):
                best = (common, mechanism.name)
    return best[1] if best else None


def target_of(quote: str) -> str | None:
    """An amount, count or share the item aims at, as the text writes it."""
    money = _MONEY.search(quote)
    if money:
        return money.group().strip()
    for count in _COUNT.finditer(quote):
        if count.group("noun").lower() not in _NOT_COUNTED:
            return count.group()
    share = _SHARE.search(quote)
    return share.group() if share else None


def deadline_of(quote: str, anchor: int | None) -> str | None:
    """The date an item is due, as a partial ISO date or range; relative ones need the anchor year."""
    if not _DATED.search(quote):
        return None
    for regex, template in _DEADLINES:
        match = regex.search(quote)
        if match is None or ("{a" in template and anchor is None):
            continue
        values = {"a": anchor or 0}
        for name, value in match.groupdict().items():
            number = int(value) if value.isdigit() else _NUMBERS.get(value.lower(), -1)
            values[name] = 2000 + number if name == "z" and 0 <= number < 100 else number
        if min(values.values()) < 0:
            continue
        return _fill(template, values)
    return None


def _fill(template: str, values: dict[str, int]) -> str:
    """ "{a}/{a+n}" with values {"a": 2025, "n": 3} -> "2025/2028"."""

    def one(token: re.Match[str]) -> str:
        extra = token.group(2) or "0"
        return str(values[token.group(1)] + (int(extra) if extra.isdigit() else values[extra]))

    return re.sub(r"\{(\w)(?:\+(\w))?\}", one, template)

"""Commitments: what the sides proposed, agreed or pledged, item by item, each under a topic to thread on.

Readouts pack many pledges into one sentence ("agreed to maintain ..., upgrade ...; establish a
Railway Cooperation Committee ...; well organize ..."), so a statement's content is cut into items
at the verbs that coordinate them. Each item gets a stage (from the act and the modal that carries
it), a topic that stays the same across reports (a named initiative or mechanism, else a theme
word such as "railway"), and any target or deadline it states. Sentences that report progress
("construction began", "was upgraded to ministerial level") add the later stages of a topic's life.
Everything is regular expressions over statements already found; no model, microseconds per item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from diplograph.extract import gazetteer
from diplograph.extract.domains import classify_domains
from diplograph.extract.initiatives import InitiativeHit, alias_pattern, fold_keep, initiative_hits
from diplograph.extract.normalize import ascii_name
from diplograph.model import Commitment, CommitmentStage, Evidence, Statement

__all__ = ["find_commitments"]

_VERBS = (
    "accelerate achieve address advance align attract boost bring build carry celebrate combat complete "
    "conclude connect consolidate construct continue control coordinate create cultivate deal deepen develop "
    "direct diversify double elevate encourage enhance enrich ensure establish expand expedite explore extend "
    "facilitate fight finalise finalize find focus foster further give guarantee handle help hold host "
    "implement import improve increase inject intensify introduce invite launch lift maintain make manage "
    "negotiate offer open organise organize practice practise prepare preserve prevent prioritise prioritize "
    "promote protect provide push raise reach realise realize reduce reinforce renew resolve restore resume "
    "safeguard seek send set settle share sign solidify speed spur stabilise stabilize start step "
    "strengthen study support sustain take tackle train transfer uphold upgrade welcome widen work"
).split()
_CONCRETE = frozenset(
    "build complete conclude construct double establish finalise finalize hold host launch open organise "
    "organize raise reach resume send set sign start upgrade".split()
)


def _forms(verb: str) -> str:
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
    double = verb + verb[-1] if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", verb) else verb
    return f"{verb}s?|{stem}ing|{double}ing"


_ADVERB = r"(?:(?:\w+ly|well|further|jointly|together|also|soon|more|always|continue to|then)\s+)*"
_VERB = re.compile(r"(?i)" + _ADVERB + r"(?:" + "|".join(_forms(v) for v in _VERBS) + r")\b")
_NOMINAL = re.compile(r"(?i)(?:the|its|their|his|her|a|an)\s+(?:[\w-]+\s+){0,2}?[\w-]+(?:ion|ment|ing|ance|ence)\s+(?:of|to|in|for)\b")
_LEAD = re.compile(
    r"(?i)^(?:[^,;]{0,60},\s*)?(?:that\s+)?(?P<subj>(?:[\w’'.-]+\s+){0,5}?)(?P<modal>should|need to|needs to|must|"
    r"will|would|shall|can|could|(?:is|are|was|were|remains?) (?:also\s+)?(?:willing|ready|prepared|determined|"
    r"committed|keen) to|stands? ready to|stood ready to|(?:hopes?|hoped|wish(?:es|ed)?|wants?|wanted|aims?|"
    r"plans?|intends?|strives?|seeks?) to|it is (?:necessary|important|essential|imperative) to)\s+"
    r"(?:(?:work|join hands)\s+(?:together\s+|closely\s+|hand in hand\s+)*(?:with\s+[^,;]{1,30}?\s+)?to\s+)?"
)
_PLEDGE = re.compile(r"(?i)^(?:will|would|shall|(?:is|are|was|were|remains?) (?:also\s+)?(?:determined|committed)|plans?|intends?|aims?|strives?)")
_WISH = re.compile(r"(?i)(?:hop(?:e|es|ed|ing)|wish(?:es|ed)?|expect(?:s|ed)?|believ(?:e|es|ed)|suggest(?:s|ed)?)\s*(?:that)?\s*$")
_REAFFIRM = re.compile(r"(?i)(?:reaffirm|reiterat|renew|recommit|re-?emphasi)\w*\s+(?:\w+\s+){0,3}$")
_SUBJECT = re.compile(r"(?i)^(?:[^,;]{0,60},\s*)?(?:(?:the|both|all|we|our)\s+)?(?:[\w’'.-]+\s+){0,4}?(?:to\s+)?(?=" + _VERB.pattern[4:] + ")")
_VISIT = re.compile(r"(?i)^\S+\s+(?:\w+\s+){0,3}?to\s+(?:pay\s+|make\s+)?(?:an?\s+)?(?:\w+\s+){0,2}?(?:visit|attend)\b")
_SPLIT = re.compile(r"\s*;\s*|,?\s*\b(?:and|as well as|while)\s+|,\s*")
_ENDORSED = re.compile(r"(?i)\b(?:proposals?|suggestions?|ideas?|recommendations?)\b")
_FRAME = re.compile(r"(?:framework|auspices|sidelines)\s+of\s+(?:the\s+)?$|(?:under|through|via|within|in)\s+(?:the\s+)?$")
_EXPECTED = re.compile(r"(?i)\b(?:expected|set|poised|on track|projected)\s+to\s+(?:reach|hit|exceed|surpass|top)\b")

_THEMES = (
    ("railway", r"rail(?:way|road)?s?|standard-gauge|high-speed trains?|metro lines?"),
    ("border gate", r"border (?:gates?|crossings?|checkpoints?|(?:trade )?markets?)|smart border|land ports?"),
    ("trade promotion office", r"trade (?:promotion )?offices?"),
    ("flights", r"flights?|air routes?|aviation|airlines?|air links?"),
    ("port", r"seaports?|deep-sea ports?|ports?"),
    ("expressway", r"expressways?|highways?|roads?|bridges?"),
    ("economic corridor", r"economic corridors?"),
    ("nuclear power", r"nuclear (?:power|energy|plants?)"),
    ("electricity", r"electricity|power (?:grids?|trade|transmission|purchase)"),
    ("renewable energy", r"renewable|clean energy|new energy|green energy|solar|wind power|offshore wind"),
    ("oil and gas", r"oil|gas|lng|petroleum"),
    ("critical minerals", r"(?:critical|strategic) minerals?|rare earths?"),
    ("semiconductors", r"semiconductors?|chips?"),
    ("artificial intelligence", r"artificial intelligence|ai"),
    ("digital economy", r"digital (?:economy|transformation)|e-commerce"),
    ("technology transfer", r"(?:transfer(?:ring)?(?: of)? )?technolog(?:y|ies) transfer|transfer(?:ring)? (?:of )?technolog(?:y|ies)"),
    ("science and technology", r"science and technology|technolog(?:y|ical)|innovation"),
    ("preferential loans", r"(?:preferential|concessional|soft) loans?|oda|official development assistance|credit lines?"),
    ("bilateral trade", r"(?:bilateral |two-way )?trade (?:volume|turnover|value)|bilateral trade|balanced trade"),
    ("agricultural exports", r"agricultur\w* (?:products|produce|exports|goods)|farm (?:products|produce)|fruits?|aquatic products"),
    ("market access", r"market access|markets?|imports? of|exports? of|\w+ goods"),
    ("supply chains", r"supply chains?|industrial chains?|production chains?"),
    ("investment", r"invest(?:ment|ments|ors?)?"),
    ("emerging industries", r"emerging (?:areas|fields|industries|sectors)|high-tech"),
    ("land border", r"land border|border (?:management|demarcation)|boundary"),
    ("maritime disputes", r"maritime (?:disputes?|issues?|differences)|(?:east|south china) sea|disputes? at sea"),
    ("maritime cooperation", r"maritime|marine|fisher(?:y|ies)|coast guards?|at sea"),
    ("defence cooperation", r"defen[cs]e|militar(?:y|ies)|armies|army|navy|navies|weapons?"),
    ("law enforcement", r"law enforcement|public security|police|crimes?|criminals?|fraud|scams?|drugs?|trafficking|terroris\w+|judicial"),
    ("health", r"health|medic(?:ine|al)|vaccines?|vaccination|hospitals?|pandemic"),
    ("education and training", r"education|students?|scholarships?|universit(?:y|ies)|training|human resources?"),
    ("tourism", r"touris(?:m|ts?)|visas?|visa-free"),
    ("youth exchanges", r"youth|young (?:people|generations?)"),
    ("culture and media", r"cultur(?:e|al)|arts?|films?|media|press|propaganda|publicity"),
    ("people-to-people exchanges", r"people-to-people|humanistic|social foundation|popular support"),
    ("local cooperation", r"local(?:ities)?|provinces?"),
    ("climate and environment", r"climate|emissions?|environment(?:al)?|pollution"),
    ("agriculture", r"agricultur(?:e|al)|farming"),
    ("high-level exchanges", r"high-level (?:exchanges|visits|contacts|meetings)|all-level exchanges|exchanges at all levels|strategic exchanges"),
    ("party relations", r"(?:inter-?)?party|the two parties|party-to-party|theor(?:y|etical)"),
    ("development strategies", r"development strategies"),
    ("one-China policy", r"one-china|taiwan|reunification"),
    ("multilateral coordination", r"multilateral\w*|asean|united nations|apec|brics|g20|wto"),
)
_THEME = re.compile("|".join(f"(?P<t{i}>\\b(?:{p})\\b)" for i, (_, p) in enumerate(_THEMES)))
_MONEY = re.compile(
    r"(?i)(?:us\$|u\.s\.\s?\$|\$|usd|€|£|¥|rmb|cny)\s?\d[\d,.]*(?:\s*(?:billion|million|trillion|bn|mln))?|"
    r"\d[\d,.]*\s*(?:billion|million|trillion)\s+(?:u\.s\.\s+|us\s+)?(?:dollars|usd|yuan|euros?|yen|dong)"
)
_NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty fifty hundred"
_COUNT = re.compile(
    r"(?i)\b(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?![\d,])|" + "|".join(_NUMBER_WORDS.split()) + r"|(?:hundreds|thousands|dozens) of)"
    r"\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z-]+s)\b"
)
_NOT_COUNTED = frozenset(
    "sides countries parties peoples nations governments leaders ministers ministries years months days weeks "
    "times decades centuries levels fields areas sectors pillars principles initiatives members provinces "
    "localities regions generations sessions".split()
)
_SHARE = re.compile(r"(?i)\b\d+(?:\.\d+)?\s?(?:%|per\s?cent)|\b(?:double|triple|doubling|tripling)\b")
_NUMBERS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten".split())}
_DEADLINES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), f)
    for p, f in (
        (r"\bby (?:the )?end of (?P<y>(?:19|20)\d\d)\b", "{y}-12"),
        (r"\b(?:by|before|in|for|during) (?P<y>20\d\d)\b(?![-–/]\d)", "{y}"),
        (r"\b(?P<y>20\d\d)\s?[-–/]\s?(?P<z>(?:20)?\d\d)\b", "{y}/{z}"),
        (r"\b(?:over|in|within|during|for) the (?:next|coming) (?P<n>\w+) years\b", "{a}/{a+n}"),
        (r"\b(?:by )?(?:the )?end of (?:this|the) year\b", "{a}-12"),
        (r"\bearly next year\b", "{a+1}-01/{a+1}-03"),
        (r"\b(?:first|the first) half of next year\b", "{a+1}-01/{a+1}-06"),
        (r"\bnext year\b", "{a+1}"),
        (r"\bthis year\b", "{a}"),
    )
)


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int
    stage: CommitmentStage
    parties: tuple[str, ...]
    evidence: Evidence
    speaker: str | None = None
    statement: int = -1
    prefix: tuple[int, int] = (0, 0)  # a part of the content before the items that speaks for all ("Over the next three years, ...")


@dataclass(frozen=True, slots=True)
class _Ctx:
    text: str
    folded: str
    anchor: int | None
    pair: tuple[str, ...]
    mechanisms: tuple[str, ...]


def find_commitments(
    text: str,
    statements: Sequence[Statement],
    *,
    anchor_year: int | None,
    pair: tuple[str, ...],
    mechanisms: Sequence[str] = (),
) -> list[Commitment]:
    """Every commitment of a report, item by item, in text order.

    ``statements`` are the report's (find_statements); ``anchor_year`` resolves "this year" and
    "over the next three years"; ``pair`` is the report's two countries; ``mechanisms`` are
    canonical names of mechanisms the report's engagements name, recognised in items besides the
    gazetteer's mechanisms of the pair.
    """
    ctx = _Ctx(text, fold_keep(text), anchor_year, tuple(sorted(set(pair))), tuple(mechanisms))
    items: list[_Item] = []
    for index, statement in enumerate(statements):
        items.extend(_statement_items(ctx, statement, index))
    items = _endorse(ctx, statements, items)
    out = [c for c in (_commitment(ctx, item) for item in items) if c is not None]
    taken = {(c.topic, c.evidence.start) for c in out}
    out.extend(c for c in _progress(ctx) if (c.topic, c.evidence.start) not in taken)
    out.sort(key=lambda c: (c.evidence.start, c.item))
    return out


def _parties(ctx: _Ctx, side: str | None, *, both: bool) -> tuple[str, ...]:
    """Both countries for what both sides share; the acting side first for one side's proposal."""
    if both or side is None or side not in ctx.pair:
        return ctx.pair or ((side,) if side else ())
    return (side, *(code for code in ctx.pair if code != side))


def _statement_items(ctx: _Ctx, statement: Statement, index: int) -> list[_Item]:
    """The items a statement commits to, or none when it reports, thanks or assesses."""
    act = statement.act
    if act in ("congratulated", "thanked", "opposed"):
        return []
    content = statement.content
    quote = content.quote
    verb_zone = ctx.text[max(statement.evidence.start, content.start - 40) : content.start]
    lead = _LEAD.match(quote)
    stage: CommitmentStage | None = None
    body = 0
    if lead and _VERB.match(quote, lead.end()):
        body = lead.end()
        pledge = _PLEDGE.match(lead.group("modal")) and not _WISH.search(verb_zone)
        stage = "agreed" if act == "agreed" or pledge else "proposed"
    elif act in ("agreed", "proposed", "urged", "invited", "supported", "affirmed"):
        subject = _SUBJECT.match(quote)
        nominal = _NOMINAL.match(quote) is not None and act != "agreed"
        if subject is None and not nominal:
            return []
        body = subject.end() if subject else 0
        if act == "affirmed":
            stage = "reaffirmed" if _REAFFIRM.search(verb_zone) else ("proposed" if nominal or _ing(quote) else None)
        elif act == "invited" and _VISIT.match(quote[body:]):
            return []
        else:
            stage = "agreed" if act in ("agreed", "supported") else "proposed"
    elif act == "affirmed" and _REAFFIRM.search(verb_zone) and _NOMINAL.match(quote):
        stage = "reaffirmed"
    if stage is None:
        return []
    both = statement.speaker_kind == "both" or stage == "agreed"
    parties = _parties(ctx, statement.side, both=both)
    start = content.start + body
    return [
        _Item(a, b, stage, parties, statement.evidence, statement.speaker, index, (content.start, start))
        for a, b in _split(ctx.text, start, content.end)
    ]


def _ing(quote: str) -> bool:
    return bool(re.match(r"(?i)(?:\w+ly\s+)?\w+ing\b", quote))


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Coordinated items: cut at ";" and wherever a comma or "and" is followed by a new verb.

    A piece of one word ("control and resolve disputes") stays with the next one.
    """
    pieces: list[tuple[int, int]] = []
    begin = start
    for match in _SPLIT.finditer(text, start, end):
        after = match.end()
        verb = _VERB.match(text, after) or (text.startswith("to ", after) and _VERB.match(text, after + 3))
        nominal = "," in match.group() and _NOMINAL.match(text, after)
        if (";" in match.group() or verb or nominal) and len(text[begin : match.start()].split()) >= 2:
            pieces.append((begin, match.start()))
            begin = after
    pieces.append((begin, end))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in pieces) if b - a > 2]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    lead = re.match(r"(?i)[\s,;:\"“”]*(?:(?:and|as well as|to|while)\s+)?", text[start:end])
    start += lead.end() if lead else 0
    while end > start and text[end - 1] in " \t\n,;:.\"“”":
        end -= 1
    return start, end


def _endorse(ctx: _Ctx, statements: Sequence[Statement], items: list[_Item]) -> list[_Item]:
    """ "Ding showed his support for Long's proposals": what Long proposed is now agreed by both."""
    out = list(items)
    for index, statement in enumerate(statements):
        quote = statement.content.quote
        if statement.act not in ("supported", "agreed") or not _ENDORSED.search(quote) or _VERB.match(quote):
            continue
        proposers = [i for i, item in enumerate(out) if item.statement < index and item.stage == "proposed"]
        named = [i for i in proposers if out[i].speaker and _names(quote, out[i].speaker or "")]
        if not named and re.search(r"(?i)\b(?:his|her|their)\b", quote):
            others = [i for i in proposers if out[i].speaker not in (None, statement.speaker)]
            last = out[others[-1]].statement if others else -1
            named = [i for i in others if out[i].statement == last]
        for i in named:
            out[i] = replace(out[i], stage="agreed", parties=ctx.pair or out[i].parties)
    return out


def _names(quote: str, speaker: str) -> bool:
    folded = ascii_name(quote)
    words = ascii_name(speaker).split()
    return speaker in quote or bool(words) and re.search(rf"\b{re.escape(words[-1])}\b", folded) is not None


def _commitment(ctx: _Ctx, item: _Item) -> Commitment | None:
    """The item as a Commitment, or None when it names nothing to follow (no topic, target or date)."""
    text = ctx.text
    quote = text[item.start : item.end]
    target = _target(quote)
    deadline = _deadline(quote, ctx.anchor) or _deadline(text[item.prefix[0] : item.prefix[1]], ctx.anchor)
    topic, mechanism, initiative = _topic(ctx, item.start, item.end)
    if topic is None and (target or deadline or _concrete(quote)):
        topic = _head_key(quote)
    if not topic:
        return None
    return Commitment(
        item=quote,
        stage=item.stage,
        parties=item.parties,
        target=target,
        deadline=deadline,
        topic=topic,
        mechanism=mechanism,
        initiative=initiative,
        domains=classify_domains(quote),
        evidence=item.evidence,
    )


def _topic(ctx: _Ctx, start: int, end: int) -> tuple[str | None, str | None, str | None]:
    """(topic, mechanism, initiative) of a span: a named initiative or mechanism leads, else a theme.

    An initiative that only frames the item ("law enforcement within the framework of
    Mekong-Lancang cooperation") yields the topic to the item's theme and stays as its initiative.
    """
    folded = ctx.folded[start:end]
    hits: list[InitiativeHit] = initiative_hits(ctx.text[start:end], pair=ctx.pair, folded=folded)
    theme = _theme(folded)
    first = hits[0] if hits else None
    initiative = first.name if first else None
    if first is not None and not (theme and _FRAME.search(folded[: first.start])):
        return first.topic, _mechanism(ctx, folded), initiative
    mechanism = _mechanism(ctx, folded)
    if mechanism is not None:
        return _mechanism_topic(mechanism), mechanism, initiative
    return theme, None, initiative


def _theme(folded: str) -> str | None:
    """The most specific theme word of a span (the list runs from projects to broad fields)."""
    best: int | None = None
    for match in _THEME.finditer(folded):
        number = int((match.lastgroup or "t0")[1:])
        best = number if best is None else min(best, number)
    return _THEMES[best][0] if best is not None else None


def _mechanism_topic(name: str) -> str:
    """A committee named for a sector ("Railway Cooperation Committee") threads with that sector."""
    known = gazetteer.mechanism_for(name)
    if known is not None and known.kind == "committee":
        theme = _theme(fold_keep(re.split(r"\b(?:for|on|of|between)\b", name)[0]))
        if theme:
            return theme
    return name


_STOPWORDS = frozenset("the of on for and between to a an in at with".split())


def _words(folded: str) -> set[str]:
    words = {w.replace("defence", "defense") for w in re.findall(r"[a-z0-9+]+", folded)}
    return {w for w in words if w not in _STOPWORDS and not gazetteer.country_for(w)}


@lru_cache(maxsize=64)
def _mechanism_index(
    pair: tuple[str, ...], named: tuple[str, ...]
) -> tuple[re.Pattern[str], tuple[gazetteer.Mechanism, ...]]:
    """One regex over every alias of the pair's mechanisms (and the report's own), longest first."""
    wanted = set(pair)
    found = [
        m for m in gazetteer.mechanisms() if not wanted or wanted <= set(m.countries) or set(m.countries) <= wanted
    ]
    for name in named:
        known = gazetteer.mechanism_for(name) or gazetteer.Mechanism(name, (), pair, "")
        if known not in found:
            found.append(known)
    groups = []
    for number, mechanism in enumerate(found):
        aliases = sorted({alias_pattern(a) for a in (mechanism.name, *mechanism.aliases)}, key=len, reverse=True)
        groups.append(f"(?P<m{number}>{'|'.join(aliases)})")
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(groups) + r")(?![a-z0-9])"), tuple(found)


def _mechanism(ctx: _Ctx, folded: str) -> str | None:
    """A mechanism the span names: an alias, else most of an alias's words around its kind noun.

    Reports paraphrase ("the Strategic Dialogue mechanism between the Ministries of Foreign
    Affairs - National Defense - Public Security" for the "3+3" dialogue), so an alias sharing at
    least four significant words and 60% of its own counts when the span has the mechanism's noun.
    """
    regex, found = _mechanism_index(ctx.pair, ctx.mechanisms)
    match = regex.search(folded)
    if match is not None and match.lastgroup:
        return found[int(match.lastgroup[1:])].name
    words = _words(folded)
    best: tuple[int, str] | None = None
    for mechanism in found:
        if not mechanism.kind or mechanism.kind not in words:
            continue
        for alias in (mechanism.name, *mechanism.aliases):
            own = _words(fold_keep(alias))
            common = len(own & words)
            if common >= 4 and common >= 0.6 * len(own) and (best is None or common > best[0]):
                best = (common, mechanism.name)
    return best[1] if best else None


def _target(quote: str) -> str | None:
    """An amount, count or share the item aims at, as the text writes it."""
    money = _MONEY.search(quote)
    if money:
        return money.group().strip()
    for count in _COUNT.finditer(quote):
        if count.group("noun").lower() not in _NOT_COUNTED:
            return count.group()
    share = _SHARE.search(quote)
    return share.group() if share else None


def _deadline(quote: str, anchor: int | None) -> str | None:
    """A date the item is due by, as a partial date or range; relative ones need the anchor year."""
    for regex, template in _DEADLINES:
        match = regex.search(quote)
        if match is None or ("{a" in template and anchor is None):
            continue
        values: dict[str, int] = {"a": anchor or 0}
        for name, value in match.groupdict().items():
            if value is None:
                continue
            number = int(value) if value.isdigit() else _NUMBERS.get(value.lower())
            if number is None:
                break
            values[name] = 2000 + number if name == "z" and number < 100 else number
        else:
            return re.sub(
                r"\{(\w)(?:\+(\w))?\}",
                lambda t: str(values[t.group(1)] + (int(t.group(2)) if t.group(2) and t.group(2).isdigit() else values.get(t.group(2) or "", 0))),
                template,
            )
    return None


_CONCRETE_RE = re.compile(r"(?i)" + _ADVERB + "(?:" + "|".join(_forms(v) for v in sorted(_CONCRETE)) + r")\b")
_HEAD_SKIP = frozenset(
    "a an the more new further regular its their our all every closer greater stronger practical substantive "
    "effective good best up out forward".split()
)
_HEAD_STOP = frozenset("between with to for in on of at by and through so as that which from into among".split())
_GENERIC = frozenset(
    "cooperation relations ties exchanges consensus trust friendship foundation partnership development efforts "
    "measures momentum results agreements documents plans use role work progress".split()
)


def _concrete(quote: str) -> bool:
    return _CONCRETE_RE.match(quote) is not None


def _head_key(quote: str) -> str | None:
    """A short key from the item's object ("establish a joint coordinating group ..." -> "joint coordinating group")."""
    verb = _VERB.match(quote)
    words: list[str] = []
    for word in re.findall(r"[\w’'-]+|[,;:()\"“”]", quote[verb.end() if verb else 0 :]):
        lower = ascii_name(word).lower()
        if not word[0].isalnum() or lower in _HEAD_STOP:
            break
        if (not words and lower in _HEAD_SKIP) or gazetteer.country_for(word) or re.fullmatch(r"\S+-\S+", lower) and all(
            gazetteer.country_for(part) for part in lower.split("-")
        ):
            continue
        words.append(lower)
    key = words[-3:]
    if key and key[-1].endswith("ies"):
        key[-1] = key[-1][:-3] + "y"
    elif key and key[-1].endswith("s") and not key[-1].endswith("ss"):
        key[-1] = key[-1][:-1]
    if not key or key[-1] in _GENERIC or f"{key[-1]}s" in _GENERIC:
        return None
    return " ".join(key)


_PROGRESS: tuple[tuple[re.Pattern[str], CommitmentStage], ...] = tuple(
    (re.compile(p), stage)
    for p, stage in (
        (
            r"\b(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?(?:completed|finished|inaugurated|"
            r"commissioned|put into (?:commercial )?(?:operation|service|use)|opened to traffic|established|set up|"
            r"founded|upgraded|elevated)\b",
            "done",
        ),
        (r"\b(?:came|comes|entered|enters|went)\s+into\s+(?:force|effect|operation|service)\b", "done"),
        (r"\b(?:began|begun|started|commenced)\s+(?:commercial\s+)?operations?\b", "done"),
        (
            r"\b(?:construction|work|building)\s+(?:of|on)\s+[^.;]{3,120}?\s+(?:began|started|commenced|kicked off|"
            r"(?:has|have) (?:begun|started|commenced))\b|\b(?:broke ground|groundbreaking ceremony|"
            r"ground-breaking ceremony|(?:began|started|commenced) construction)\b",
            "under_way",
        ),
        (r"\b(?:is|are)\s+(?:now\s+|currently\s+)?(?:under construction|being (?:built|constructed|implemented))\b", "under_way"),
        (r"\b(?:was|were|has been|have been)\s+(?:\w+ly\s+)?launched\b", "under_way"),
        (r"\b(?:held|convened)\s+(?:the|its|their)\s+(?:first|inaugural|1st)\s+(?:meeting|session|round)\b", "under_way"),
        (r"\b(?:first|inaugural)\s+(?:meeting|session|round)\s+of\s+[^.;]{3,120}?\s+(?:was|were)\s+held\b", "under_way"),
    )
)
_NOT_YET = re.compile(r"\b(?:will|would|shall|should|must|to|expected|plans?|planned|hopes?|if|once|soon)\b[^.;,]*$")
_SENTENCE_END = re.compile(r"\n|(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def _progress(ctx: _Ctx) -> list[Commitment]:
    """What a report says is under way or done ("construction began", "was upgraded to ministerial level").

    Only spans that name an initiative, mechanism or theme count: "relations were established in
    1950" is history, not a commitment's progress.
    """
    text, folded = ctx.text, ctx.folded
    out: list[Commitment] = []
    seen: set[tuple[str, int]] = set()
    for regex, stage in _PROGRESS:
        for match in regex.finditer(folded):
            first = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
            stop = _SENTENCE_END.search(text, match.end())
            last = stop.start() if stop else len(text)
            start = max(first, text.rfind(";", first, match.start()) + 1)
            semicolon = text.find(";", match.end(), last)
            end = semicolon if semicolon >= 0 else last
            if _NOT_YET.search(folded, max(start, match.start() - 40), match.start()):
                continue
            topic, mechanism, initiative = _topic(ctx, start, end)
            if topic is None or (topic, first) in seen:
                continue
            seen.add((topic, first))
            start, end = _trim(text, start, end)
            quote = text[start:end]
            out.append(
                Commitment(
                    item=quote,
                    stage=stage,
                    parties=ctx.pair,
                    target=_target(quote),
                    deadline=None,
                    topic=topic,
                    mechanism=mechanism,
                    initiative=initiative,
                    domains=classify_domains(quote),
                    evidence=Evidence(quote=text[first:last].rstrip(), start=first, end=first + len(text[first:last].rstrip())),
                )
            )
    return out

"""Closed word classes of diplomatic reporting: title words, organisation words, connectors.

These are grammar, not facts about people (those live in data/*.tsv): the words that introduce a
name ("Foreign Minister", "Gen."), that make a capitalised run an organisation rather than a
person ("Committee", "Museum"), and that may stand inside a title ("of the", "and").
All entries are lower case; lookups fold the token first.
"""

from __future__ import annotations

# Heads of titles: a capitalised run ending in one of these is a title, and the run after it a name.
TITLE_HEADS = frozenset(
    """
    president vice-president premier vice-premier minister ministers secretary secretary-general
    secretaries chairman chairwoman chairperson chair co-chair ambassador ambassadors consul
    consul-general councilor councillor counsellor counselor attache attaché envoy representative
    head director director-general chief spokesperson spokesman spokeswoman spokespeople king queen
    prince princess emperor sultan emir amir sheikh chancellor governor mayor speaker commander
    commissioner commissar general gen lieutenant lieut lt colonel col major maj admiral adm
    brigadier brig captain capt marshal mr mrs ms miss dr madam madame comrade sir dame lord
    member members leader officer official delegate undersecretary under-secretary deputy-director
    pm fm dpm nsa counterpart counterparts peer peers monarch premier-elect president-elect
    governor-general viceroy rector justice judge senator congressman congresswoman lawmaker
    deputy vice standing permanent
    """.split()
)
# Words that make a title head stronger but never stand alone as a title.
TITLE_MODIFIERS = frozenset(
    """
    deputy vice standing permanent executive first senior acting former assistant associate
    principal special interim incoming outgoing co state foreign prime defence defense public
    security party central provincial municipal national general sen senior
    """.split()
)
# Lower-case nouns that introduce a name in running text ("his father Hun Sen", "liquor baron X").
PERSON_DESCRIPTORS = frozenset(
    """
    father mother son daughter wife husband brother sister widow uncle aunt nephew niece baron
    tycoon magnate businessman businesswoman billionaire fugitive activist dissident journalist
    lawyer economist scholar professor analyst expert researcher founder entrepreneur singer actor
    actress artist writer author poet player coach athlete footballer chef pilot lady
    """.split()
)
# Nouns that end an organisation, place or artefact name: a run containing one is not a person.
ORG_WORDS = frozenset(
    """
    committee commission council ministry ministries department office bureau agency authority
    administration secretariat politburo party parties assembly parliament congress senate cabinet
    government embassy consulate mission delegation university academy institute school college
    station bridge museum hall palace house hotel guesthouse airport port gate gates square tower
    street road avenue park temple pagoda mausoleum monument cemetery centre center stadium arena
    summit conference forum dialogue meeting meetings session talks exchange exchanges expo fair
    exhibition festival games olympics olympic cup championship initiative initiatives corridor
    corridors belt programme program plan project strategy agenda declaration statement treaty
    accord agreement convention charter protocol memorandum group bank fund company corporation
    corp inc ltd co news times post daily herald tribune journal gazette press television radio
    tv network service services force forces army navy corps guard police court union alliance
    organization organisation association federation league network zone region province city
    county district commune ward village town prefecture state republic kingdom emirates islands
    island sea ocean river lake mountain mountains strait bay peninsula refinery complex plant
    factory hospital clinic library system systems region highway railway railways line lines
    station terminal club society foundation trust community communities year years day week
    month century era war crisis pandemic covid sars vaccine
    affairs work relations investment planning trade industry commerce finance justice health
    education culture tourism sports transport agriculture labour labor energy environment
    information communications science technology construction interior home economy
    """.split()
)
# Words that may stand inside a title between its capitalised parts.
TITLE_CONNECTORS = frozenset({"of", "the", "and", "for", "to", "in", "on", "at", "'s", "’s", "s", "&"})
# Lower-case words that may sit inside a title ("Secretary of the provincial Party Committee").
TITLE_LOWER_WORDS = frozenset(
    """
    provincial province municipal city county district regional region autonomous central
    standing permanent deputy vice member members head director chief secretary minister
    chairman chairwoman president general economic commercial political affairs external
    foreign international liaison department office committee commission delegation
    ministry spokesperson spokesman spokeswoman counselor counsellor attache attaché
    ambassador consul envoy adviser advisor officer official leader national assembly
    party council senior executive first second third lieutenant colonel major
    """.split()
)
# Capitalised words that never begin or belong to a personal name.
NON_NAME_WORDS = frozenset(
    """
    the a an in on at by for from to of and or but as with without within into onto upon over
    under after before during since until while when where which who whom whose what why how
    this that these those it its he she his her him they them their we our us i you your my
    both each every all some any many most more other another such no not also only even just
    however meanwhile moreover furthermore therefore thus then there here today yesterday
    tomorrow previously currently earlier later recently according regarding speaking noting
    welcoming discussing agreeing highlighting stressing emphasising emphasizing affirming
    positively first second third fourth fifth last next new old great grand good high higher
    photo photos source comment comments posted published updated reporting reported said says
    read watch share follow subscribe advertisement related video audio file pool via getty
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    mid early late north south east west northern southern eastern western central
    chinese vietnamese american russian indian japanese korean french german british
    communist socialist democratic republican people peoples people's strategic comprehensive
    partnership cooperation cooperative relations relationship friendship bilateral multilateral
    international global regional national joint mutual two three four five six seven eight nine ten
    let lets thank thanks dear excellency excellencies ladies gentlemen welcome congratulations
    """.split()
)
# Verbs that report speech: a date next to them is when it was said, not when the meeting was.
REPORTING_VERBS = frozenset(
    """
    said says say told tells announced announces reported reports stated states added adds
    noted notes tweeted tweets wrote writes posted posts confirmed confirms quoted
    """.split()
)
# Party and state abbreviations that fix a country.
INSTITUTION_COUNTRY = {
    "cpc": "CHN",
    "ccp": "CHN",
    "cpv": "VNM",
    "lprp": "LAO",
    "cpp": "KHM",
    "npc": "CHN",
    "cppcc": "CHN",
    "pla": "CHN",
    "state council": "CHN",
    "mofa": None,
}

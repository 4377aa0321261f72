"""The database schema: SQLAlchemy Core tables, the same on SQLite and PostgreSQL.

Two layers. Per-report facts (``reports`` and every table with a ``report_id``) are what the
extractor said about one report, with provenance: the report, the quote and its offsets in
``reports.text``, and the report's ``extractor_version``. Saving a report again replaces all of
them. Resolved entities (``persons``, ``mechanisms``, ``engagements`` and the tables named after
them) are what the relationship looks like across reports: one person under many spellings, one
meeting under many sources. They are derived from the facts and deleted when no fact refers to
them any more. Every id is a deterministic hash, so a re-run updates instead of
duplicating, and two runs over the same reports give the same database.

Dates are ISO strings at the precision the text gave ("2024", "2024-12", "2024-12-10"): comparing
strings orders them correctly and keeps the precision visible. Free text is ``Text`` everywhere, so
PostgreSQL never refuses a value SQLite would take. Full-text search lives outside this metadata,
in a table each backend builds its own way (see search.py). docs/schema.md describes every column.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

ID = 32  # hex characters of a truncated SHA-256: collision-safe for billions of rows

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _report_id(*, primary_key: bool = False) -> Column[str]:
    return Column(
        "report_id",
        String(ID),
        ForeignKey("reports.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
        index=not primary_key,
    )


def _person_id(*, primary_key: bool = False, index: bool = True) -> Column[str]:
    return Column(
        "person_id",
        String(ID),
        ForeignKey("persons.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
        index=index and not primary_key,
    )


reports = Table(
    "reports",
    metadata,
    Column("id", String(ID), primary_key=True, comment="hash of source_key"),
    Column("source_key", Text, nullable=False, unique=True, comment="path, file.jsonl:line, or feed link"),
    Column("doc", Text, nullable=False, comment="file name shown to users"),
    Column("origin", Text, nullable=False, comment="absolute path (#record) the report was read from"),
    Column("text_hash", String(64), nullable=False, comment="SHA-256 of the text"),
    Column("fingerprint", String(64), nullable=False, comment="SHA-256 of text, metadata, extractor version"),
    Column("title", Text),
    Column("source", Text, comment="publisher or agency"),
    Column("url", Text),
    Column("published", Text, comment="YYYY, YYYY-MM or YYYY-MM-DD, or a range a/b"),
    Column("published_basis", Text, nullable=False, comment="where the date was found"),
    Column("text", Text, nullable=False, comment="the reference for every offset"),
    Column("title_span", Text, comment="JSON [start, end] of the title inside text"),
    Column("dateline", Text, comment="JSON of the dateline the reader found"),
    Column("skip_spans", Text, nullable=False, comment="JSON [[start, end], ...] of text outside the story"),
    Column("metadata", Text, nullable=False, comment="JSON [[key, value], ...] from the source"),
    Column("notes", Text, nullable=False, comment="JSON list of the extractor's warnings"),
    Column("extractor_version", Text, nullable=False, comment="version of every fact of this report"),
    Column("minhash", LargeBinary, nullable=False, comment="MinHash signature, little-endian uint64s"),
    Column("minhash_scheme", Text, nullable=False, comment="how the signature was computed"),
    Column(
        "duplicate_of",
        String(ID),
        ForeignKey("reports.id", ondelete="SET NULL"),
        index=True,
        comment="the report this one copies; its facts are not counted again",
    ),
    Column("similarity", Float, comment="estimated Jaccard similarity to duplicate_of"),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

report_bands = Table(
    "report_bands",
    metadata,
    _report_id(primary_key=True),
    Column("band", Integer, primary_key=True),
    Column("bucket", String(ID), nullable=False, comment="hash of one MinHash band"),
    Index("ix_report_bands_bucket", "bucket", "band", "report_id"),
)

persons = Table(
    "persons",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", Text, nullable=False, comment="display name: a spelling the reports use"),
    Column("key", Text, nullable=False, index=True, comment="resolution key the id was hashed from"),
    Column("country", Text, index=True, comment="ISO 3166-1 alpha-3"),
    Column("official", Text, comment="gazetteer name when the person is a known official"),
)

report_people = Table(
    "report_people",
    metadata,
    _report_id(primary_key=True),
    Column("position", Integer, primary_key=True, comment="order in the extraction"),
    _person_id(),
    Column("name", Text, nullable=False, comment="the name as this report's extraction gives it"),
    Column("country", Text),
    Column("official", Text),
    Column("titles", Text, nullable=False, comment="JSON list, in the extraction's order"),
    Column("aliases", Text, nullable=False, comment="JSON list, in the extraction's order"),
    Column("listed", Boolean, nullable=False, comment="false for a participant the extraction did not list"),
)

person_aliases = Table(
    "person_aliases",
    metadata,
    _person_id(primary_key=True),
    Column("alias", Text, primary_key=True, comment="a spelling some report uses"),
    Column("folded", Text, nullable=False, index=True, comment="ASCII lower-case lookup form"),
)

person_blocks = Table(
    "person_blocks",
    metadata,
    Column("block", Text, primary_key=True, comment="lookup key from resolve.person_blocks"),
    _person_id(primary_key=True),
    Index("ix_person_blocks_person_id", "person_id"),
)

person_mentions = Table(
    "person_mentions",
    metadata,
    _report_id(primary_key=True),
    Column("person_position", Integer, primary_key=True, comment="report_people.position"),
    Column("position", Integer, primary_key=True),
    _person_id(),
    Column("name", Text, nullable=False, comment="as written"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

person_titles = Table(
    "person_titles",
    metadata,
    _report_id(primary_key=True),
    Column("person_position", Integer, primary_key=True, comment="report_people.position"),
    Column("position", Integer, primary_key=True),
    _person_id(),
    Column("title", Text, nullable=False),
    Column("date", Text, comment="when the report shows the title held: engagement date or publication"),
    Column("date_basis", Text, nullable=False, comment="engagement, published or unknown"),
    Column(
        "mention_id",
        String(ID),
        ForeignKey("mentions.id", ondelete="SET NULL"),
        comment="the engagement mention the title was held at",
    ),
    Column("evidence", Text, comment="quote showing the title, when found"),
    Column("start", Integer),
    Column("end", Integer),
)

mechanisms = Table(
    "mechanisms",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False, unique=True, comment="resolve.mechanism_key"),
    Column("countries", Text, comment="ISO3 codes of its participants, sorted, joined by '-'"),
)

mechanism_aliases = Table(
    "mechanism_aliases",
    metadata,
    Column("mechanism_id", String(ID), ForeignKey("mechanisms.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", Text, primary_key=True, comment="a name some report gives it"),
)

engagements = Table(
    "engagements",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("kind", Text, nullable=False, index=True),
    Column("status", Text, nullable=False, index=True),
    Column("date_start", Text, index=True, comment="YYYY, YYYY-MM or YYYY-MM-DD"),
    Column("date_end", Text, index=True, comment="end of a range, else NULL"),
    Column("location", Text),
    Column("location_country", Text, index=True),
    Column("mechanism_id", String(ID), ForeignKey("mechanisms.id", ondelete="SET NULL"), index=True),
    Column("ordinal", Integer),
    Column(
        "held_as",
        String(ID),
        ForeignKey("engagements.id", ondelete="SET NULL"),
        index=True,
        comment="planned -> the held engagement it became",
    ),
    Column("conflicts", Text, comment="JSON list: where sources disagree (dates, places)"),
    Column("sources", Integer, nullable=False, comment="independent reports (duplicates counted once)"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

engagement_participants = Table(
    "engagement_participants",
    metadata,
    Column("engagement_id", String(ID), ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True),
    _person_id(primary_key=True),
    Column("title", Text, comment="the title most sources give them at this engagement"),
    Index("ix_engagement_participants_person", "person_id", "engagement_id"),
)

engagement_blocks = Table(
    "engagement_blocks",
    metadata,
    Column("block", Text, primary_key=True, comment="lookup key from resolve.engagement_blocks"),
    Column("engagement_id", String(ID), ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True),
    Column("status", Text, nullable=False, comment="the engagement's status, so lookups can filter on it"),
    Column("low", String(10), comment="first ISO day the engagement's date can mean; null when undated"),
    Column("high", String(10), comment="last ISO day the engagement's date can mean"),
    Index("ix_engagement_blocks_engagement_id", "engagement_id"),
    # SQLite keeps the rows in key order, so a lookup by block reads them where they lie; PostgreSQL
    # gets a covering index (block, status, low, high, engagement_id) from migration 0004 instead.
    sqlite_with_rowid=False,
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(ID), primary_key=True, comment="hash of report id and position"),
    _report_id(),
    Column("position", Integer, nullable=False, comment="order in the extraction"),
    Column("engagement_id", String(ID), ForeignKey("engagements.id", ondelete="SET NULL"), index=True),
    Column("kind", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("date", Text, comment="as extracted: YYYY[-MM[-DD]] or a range a/b"),
    Column("date_basis", Text, nullable=False),
    Column("location", Text),
    Column("location_country", Text),
    Column("location_basis", Text, nullable=False),
    Column("mechanism", Text, comment="as extracted"),
    Column("mechanism_id", String(ID), ForeignKey("mechanisms.id", ondelete="SET NULL"), index=True),
    Column("ordinal", Integer),
    Column("evidence", Text, nullable=False, comment="quote == reports.text[start:end]"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("extractor_version", Text, nullable=False),
)

mention_participants = Table(
    "mention_participants",
    metadata,
    Column("mention_id", String(ID), ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    _person_id(),
    Column("name", Text, nullable=False, comment="as extracted"),
    Column("title", Text),
    Column("country", Text),
    Column("optional", Boolean, nullable=False),
)

figures = Table(
    "figures",
    metadata,
    _report_id(primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("indicator", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", Text, nullable=False),
    Column("period", Text),
    Column("change_pct", Float),
    Column("evidence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

flags = Table(
    "flags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _report_id(),
    Column("target", Text, nullable=False, comment="engagement, mention, person or figure"),
    Column("target_id", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(ID), primary_key=True, comment="hash of report id and position"),
    _report_id(),
    Column("position", Integer, nullable=False, comment="order in the extraction"),
    Column(
        "person_id",
        String(ID),
        ForeignKey("persons.id", ondelete="SET NULL"),
        index=True,
        comment="the resolved speaker when a person speaks",
    ),
    Column("speaker", Text, comment="the speaker's name as extracted, when a person speaks"),
    Column("speaker_kind", Text, nullable=False, comment="person, side or both"),
    Column("side", Text, index=True, comment="ISO3 of the side that speaks; NULL for both sides"),
    Column("act", Text, nullable=False, index=True, comment="said, proposed, agreed, affirmed, ..."),
    Column("content", Text, nullable=False, comment="what was said: reports.text[content_start:content_end]"),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column(
        "evidence", Text, nullable=False, comment="the whole quote: reports.text[evidence_start:evidence_end]"
    ),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("domains", Text, nullable=False, comment="the statement's domains in order, joined by '|'"),
)

statement_domains = Table(
    "statement_domains",
    metadata,
    Column("statement_id", String(ID), ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    Column("domain", Text, primary_key=True, comment="one of model.DOMAINS"),
    Index("ix_statement_domains_domain", "domain", "statement_id"),
)

commitments = Table(
    "commitments",
    metadata,
    _report_id(primary_key=True),
    Column("position", Integer, primary_key=True, comment="order in the extraction"),
    Column("item", Text, nullable=False, comment="the committed action in the text's words"),
    Column(
        "stage", Text, nullable=False, index=True, comment="proposed, agreed, under_way, done, reaffirmed"
    ),
    Column("parties", Text, nullable=False, comment="ISO3 codes in the extraction's order, joined by '|'"),
    Column("target", Text, comment="a target the text states (an amount, a number)"),
    Column("deadline", Text, comment="a deadline the text states"),
    Column("topic", Text, nullable=False, comment="the topic as extracted"),
    Column("topic_key", Text, index=True, comment="resolve.topic_key: one thread across reports"),
    Column("mechanism", Text, comment="the mechanism it concerns, as extracted"),
    Column("mechanism_key", Text, index=True, comment="resolve.mechanism_key of mechanism (mechanisms.key)"),
    Column("initiative", Text, comment="the initiative it concerns, as extracted"),
    Column("domains", Text, nullable=False, comment="domains in order, joined by '|'"),
    Column("evidence", Text, nullable=False, comment="quote == reports.text[start:end]"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

initiatives = Table(
    "initiatives",
    metadata,
    Column("id", String(ID), primary_key=True, comment="hash of name and kind"),
    Column("name", Text, nullable=False, index=True, comment="canonical name"),
    Column("kind", Text, nullable=False, comment="initiative, anniversary, year or project"),
)

initiative_mentions = Table(
    "initiative_mentions",
    metadata,
    _report_id(primary_key=True),
    Column("position", Integer, primary_key=True, comment="order in the extraction"),
    Column(
        "initiative_id",
        String(ID),
        ForeignKey("initiatives.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("alias", Text, nullable=False, comment="the wording this report uses"),
    Column("evidence", Text, nullable=False, comment="quote == reports.text[start:end]"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# Per-report tables, children before parents: the order a report's facts are deleted in.
REPORT_FACTS = (
    person_mentions,
    person_titles,
    report_people,
    figures,
    report_bands,
    commitments,
    initiative_mentions,
)

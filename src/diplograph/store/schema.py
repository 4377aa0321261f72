"""The database schema: SQLAlchemy Core tables, the same on SQLite and PostgreSQL.

Two layers. Per-report facts (``reports``, ``mentions``, ``person_mentions``, ``figures``,
``person_titles``) are what the extractor said about one report, with provenance (report, quote,
offsets, extractor version); deleting a report cascades to them. Resolved entities (``persons``,
``mechanisms``, ``engagements``) are what the relationship looks like across reports: one person
under many spellings, one meeting under many sources. Every id is a deterministic hash, so a re-run
updates instead of duplicating.

Dates are ISO strings at the precision the text gave ("2024", "2024-12", "2024-12-10"): comparing
strings orders them correctly and keeps the precision visible. The file is a plain SQLite database
that datasette or any SQL client can open; docs/schema.md describes every table.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
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

reports = Table(
    "reports",
    metadata,
    Column("id", String(ID), primary_key=True, comment="hash of source_key"),
    Column("source_key", Text, nullable=False, unique=True, comment="path, file.jsonl:line, or feed link"),
    Column("doc", Text, nullable=False, comment="file name shown to users"),
    Column("text_hash", String(64), nullable=False, comment="SHA-256 of the text: an edit changes it"),
    Column("title", Text),
    Column("source", Text, comment="publisher or agency"),
    Column("url", Text),
    Column("published", String(10), comment="YYYY, YYYY-MM or YYYY-MM-DD"),
    Column("published_basis", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("duplicate_of", String(ID), ForeignKey("reports.id", ondelete="SET NULL"), index=True),
    Column("extractor_version", String(32), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

report_bands = Table(
    "report_bands",
    metadata,
    Column("report_id", String(ID), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("band", Integer, nullable=False),
    Column("bucket", String(32), nullable=False, comment="hash of one MinHash band"),
    Index("ix_report_bands_band_bucket", "band", "bucket"),
    UniqueConstraint("report_id", "band"),
)

persons = Table(
    "persons",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", Text, nullable=False, comment="canonical ASCII name, own name order"),
    Column("key", Text, nullable=False, unique=True, comment="resolution key: folded name|country"),
    Column("country", String(3), index=True),
    Column("official", Text, comment="gazetteer name when the person is a known official"),
)

person_aliases = Table(
    "person_aliases",
    metadata,
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False, comment="a spelling seen in a report"),
    Column("folded", Text, nullable=False, index=True, comment="ASCII lower-case lookup form"),
    UniqueConstraint("person_id", "alias"),
)

person_mentions = Table(
    "person_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(ID), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", Text, nullable=False, comment="as written"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

person_titles = Table(
    "person_titles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("report_id", String(ID), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("date", String(10), comment="date the report gives the title at (its publication or engagement)"),
)

mechanisms = Table(
    "mechanisms",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False, unique=True, comment="countries + folded name words"),
    Column("countries", Text, comment="ISO3 codes joined by '-'"),
)

mechanism_aliases = Table(
    "mechanism_aliases",
    metadata,
    Column("mechanism_id", String(ID), ForeignKey("mechanisms.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    UniqueConstraint("mechanism_id", "alias"),
)

engagements = Table(
    "engagements",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("status", String(8), nullable=False, index=True),
    Column("date_start", String(10), index=True, comment="YYYY, YYYY-MM or YYYY-MM-DD"),
    Column("date_end", String(10)),
    Column("location", Text),
    Column("location_country", String(3)),
    Column("mechanism_id", String(ID), ForeignKey("mechanisms.id", ondelete="SET NULL"), index=True),
    Column("ordinal", Integer),
    Column(
        "held_as", String(ID), ForeignKey("engagements.id", ondelete="SET NULL"), comment="planned -> held"
    ),
    Column("conflicts", Text, comment="JSON: where sources disagree (dates, places)"),
    Column("sources", Integer, nullable=False, server_default="0", comment="independent reports"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

engagement_participants = Table(
    "engagement_participants",
    metadata,
    Column("engagement_id", String(ID), ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
    Column("title", Text),
    Index("ix_engagement_participants_person", "person_id", "engagement_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(ID), primary_key=True, comment="hash of report id and position"),
    Column("report_id", String(ID), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("engagement_id", String(ID), ForeignKey("engagements.id", ondelete="SET NULL"), index=True),
    Column("kind", String(16), nullable=False),
    Column("status", String(8), nullable=False),
    Column("date", String(21), comment="as extracted: YYYY-MM-DD or a range a/b"),
    Column("date_basis", String(32), nullable=False),
    Column("location", Text),
    Column("location_country", String(3)),
    Column("location_basis", String(16), nullable=False),
    Column("mechanism", Text),
    Column("ordinal", Integer),
    Column("evidence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("extractor_version", String(32), nullable=False),
)

mention_participants = Table(
    "mention_participants",
    metadata,
    Column("mention_id", String(ID), ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
    Column("title", Text),
    Column("country", String(3)),
)

figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(ID), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("indicator", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(8), nullable=False),
    Column("period", String(21)),
    Column("change_pct", Float),
    Column("evidence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

flags = Table(
    "flags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(ID), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("target", String(16), nullable=False, comment="engagement, mention, person or figure"),
    Column("target_id", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

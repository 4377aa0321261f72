"""The first schema: reports with their facts, resolved people, mechanisms and engagements, full-text search.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Search is built per backend (see diplograph.store.search): FTS5 on SQLite, tsvector on PostgreSQL.
_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE reports_fts USING fts5("
    "report_id UNINDEXED, title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
_POSTGRES_FTS = (
    "CREATE TABLE reports_fts ("
    "report_id VARCHAR(32) NOT NULL CONSTRAINT pk_reports_fts PRIMARY KEY "
    "CONSTRAINT fk_reports_fts_report_id_reports REFERENCES reports (id) ON DELETE CASCADE, "
    "document TSVECTOR NOT NULL)",
    "CREATE INDEX ix_reports_fts_document ON reports_fts USING gin (document)",
)


def upgrade() -> None:
    op.create_table(
        "mechanisms",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False, comment="resolve.mechanism_key"),
        sa.Column(
            "countries",
            sa.Text(),
            nullable=True,
            comment="ISO3 codes of its participants, sorted, joined by '-'",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mechanisms")),
        sa.UniqueConstraint("key", name=op.f("uq_mechanisms_key")),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False, comment="display name: a spelling the reports use"),
        sa.Column("key", sa.Text(), nullable=False, comment="resolution key the id was hashed from"),
        sa.Column("country", sa.Text(), nullable=True, comment="ISO 3166-1 alpha-3"),
        sa.Column(
            "official", sa.Text(), nullable=True, comment="gazetteer name when the person is a known official"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    op.create_index(op.f("ix_persons_country"), "persons", ["country"], unique=False)
    op.create_index(op.f("ix_persons_key"), "persons", ["key"], unique=False)
    op.create_table(
        "reports",
        sa.Column("id", sa.String(length=32), nullable=False, comment="hash of source_key"),
        sa.Column("source_key", sa.Text(), nullable=False, comment="path, file.jsonl:line, or feed link"),
        sa.Column("doc", sa.Text(), nullable=False, comment="file name shown to users"),
        sa.Column(
            "origin", sa.Text(), nullable=False, comment="absolute path (#record) the report was read from"
        ),
        sa.Column("text_hash", sa.String(length=64), nullable=False, comment="SHA-256 of the text"),
        sa.Column(
            "fingerprint",
            sa.String(length=64),
            nullable=False,
            comment="SHA-256 of text, metadata, extractor version",
        ),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True, comment="publisher or agency"),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column(
            "published", sa.Text(), nullable=True, comment="YYYY, YYYY-MM or YYYY-MM-DD, or a range a/b"
        ),
        sa.Column("published_basis", sa.Text(), nullable=False, comment="where the date was found"),
        sa.Column("text", sa.Text(), nullable=False, comment="the reference for every offset"),
        sa.Column(
            "title_span", sa.Text(), nullable=True, comment="JSON [start, end] of the title inside text"
        ),
        sa.Column("dateline", sa.Text(), nullable=True, comment="JSON of the dateline the reader found"),
        sa.Column(
            "skip_spans",
            sa.Text(),
            nullable=False,
            comment="JSON [[start, end], ...] of text outside the story",
        ),
        sa.Column("metadata", sa.Text(), nullable=False, comment="JSON [[key, value], ...] from the source"),
        sa.Column("notes", sa.Text(), nullable=False, comment="JSON list of the extractor's warnings"),
        sa.Column(
            "extractor_version", sa.Text(), nullable=False, comment="version of every fact of this report"
        ),
        sa.Column(
            "minhash", sa.LargeBinary(), nullable=False, comment="MinHash signature, little-endian uint64s"
        ),
        sa.Column("minhash_scheme", sa.Text(), nullable=False, comment="how the signature was computed"),
        sa.Column(
            "duplicate_of",
            sa.String(length=32),
            nullable=True,
            comment="the report this one copies; its facts are not counted again",
        ),
        sa.Column(
            "similarity", sa.Float(), nullable=True, comment="estimated Jaccard similarity to duplicate_of"
        ),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["reports.id"],
            name=op.f("fk_reports_duplicate_of_reports"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("source_key", name=op.f("uq_reports_source_key")),
    )
    op.create_index(op.f("ix_reports_duplicate_of"), "reports", ["duplicate_of"], unique=False)
    op.create_table(
        "engagements",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Text(), nullable=True, comment="YYYY, YYYY-MM or YYYY-MM-DD"),
        sa.Column("date_end", sa.Text(), nullable=True, comment="end of a range, else NULL"),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("location_country", sa.Text(), nullable=True),
        sa.Column("mechanism_id", sa.String(length=32), nullable=True),
        sa.Column("ordinal", sa.Integer(), nullable=True),
        sa.Column(
            "held_as", sa.String(length=32), nullable=True, comment="planned -> the held engagement it became"
        ),
        sa.Column(
            "conflicts", sa.Text(), nullable=True, comment="JSON list: where sources disagree (dates, places)"
        ),
        sa.Column(
            "sources", sa.Integer(), nullable=False, comment="independent reports (duplicates counted once)"
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["held_as"],
            ["engagements.id"],
            name=op.f("fk_engagements_held_as_engagements"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mechanism_id"],
            ["mechanisms.id"],
            name=op.f("fk_engagements_mechanism_id_mechanisms"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagements")),
    )
    op.create_index(op.f("ix_engagements_date_start"), "engagements", ["date_start"], unique=False)
    op.create_index(op.f("ix_engagements_held_as"), "engagements", ["held_as"], unique=False)
    op.create_index(op.f("ix_engagements_kind"), "engagements", ["kind"], unique=False)
    op.create_index(op.f("ix_engagements_mechanism_id"), "engagements", ["mechanism_id"], unique=False)
    op.create_index(op.f("ix_engagements_status"), "engagements", ["status"], unique=False)
    op.create_table(
        "figures",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("period", sa.Text(), nullable=True),
        sa.Column("change_pct", sa.Float(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_figures_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "position", name=op.f("pk_figures")),
    )
    op.create_table(
        "flags",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("target", sa.Text(), nullable=False, comment="engagement, mention, person or figure"),
        sa.Column("target_id", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_flags_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flags")),
    )
    op.create_index(op.f("ix_flags_report_id"), "flags", ["report_id"], unique=False)
    op.create_table(
        "mechanism_aliases",
        sa.Column("mechanism_id", sa.String(length=32), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False, comment="a name some report gives it"),
        sa.ForeignKeyConstraint(
            ["mechanism_id"],
            ["mechanisms.id"],
            name=op.f("fk_mechanism_aliases_mechanism_id_mechanisms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mechanism_id", "alias", name=op.f("pk_mechanism_aliases")),
    )
    op.create_table(
        "person_aliases",
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False, comment="a spelling some report uses"),
        sa.Column("folded", sa.Text(), nullable=False, comment="ASCII lower-case lookup form"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_person_aliases_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "alias", name=op.f("pk_person_aliases")),
    )
    op.create_index(op.f("ix_person_aliases_folded"), "person_aliases", ["folded"], unique=False)
    op.create_table(
        "person_blocks",
        sa.Column("block", sa.Text(), nullable=False, comment="lookup key from resolve.person_blocks"),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_person_blocks_person_id_persons"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("block", "person_id", name=op.f("pk_person_blocks")),
    )
    op.create_index("ix_person_blocks_person_id", "person_blocks", ["person_id"], unique=False)
    op.create_table(
        "person_mentions",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("person_position", sa.Integer(), nullable=False, comment="report_people.position"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False, comment="as written"),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_person_mentions_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_person_mentions_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "person_position", "position", name=op.f("pk_person_mentions")),
    )
    op.create_index(op.f("ix_person_mentions_person_id"), "person_mentions", ["person_id"], unique=False)
    op.create_table(
        "report_bands",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(length=32), nullable=False, comment="hash of one MinHash band"),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_bands_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "band", name=op.f("pk_report_bands")),
    )
    op.create_index("ix_report_bands_bucket", "report_bands", ["bucket", "band", "report_id"], unique=False)
    op.create_table(
        "report_people",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="order in the extraction"),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False, comment="the name as this report's extraction gives it"),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("official", sa.Text(), nullable=True),
        sa.Column("titles", sa.Text(), nullable=False, comment="JSON list, in the extraction's order"),
        sa.Column("aliases", sa.Text(), nullable=False, comment="JSON list, in the extraction's order"),
        sa.Column(
            "listed",
            sa.Boolean(),
            nullable=False,
            comment="false for a participant the extraction did not list",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_report_people_person_id_persons"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_people_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "position", name=op.f("pk_report_people")),
    )
    op.create_index(op.f("ix_report_people_person_id"), "report_people", ["person_id"], unique=False)
    op.create_table(
        "engagement_blocks",
        sa.Column("block", sa.Text(), nullable=False, comment="lookup key from resolve.engagement_blocks"),
        sa.Column("engagement_id", sa.String(length=32), nullable=False),
        sa.Column(
            "status",
            sa.Text(),
            nullable=False,
            comment="the engagement's status, so lookups can filter on it",
        ),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_engagement_blocks_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("block", "engagement_id", name=op.f("pk_engagement_blocks")),
    )
    op.create_index(
        "ix_engagement_blocks_block_status",
        "engagement_blocks",
        ["block", "status", "engagement_id"],
        unique=False,
    )
    op.create_index(
        "ix_engagement_blocks_engagement_id", "engagement_blocks", ["engagement_id"], unique=False
    )
    op.create_table(
        "engagement_participants",
        sa.Column("engagement_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column(
            "title", sa.Text(), nullable=True, comment="the title most sources give them at this engagement"
        ),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_engagement_participants_engagement_id_engagements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_engagement_participants_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("engagement_id", "person_id", name=op.f("pk_engagement_participants")),
    )
    op.create_index(
        "ix_engagement_participants_person",
        "engagement_participants",
        ["person_id", "engagement_id"],
        unique=False,
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(length=32), nullable=False, comment="hash of report id and position"),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="order in the extraction"),
        sa.Column("engagement_id", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("date", sa.Text(), nullable=True, comment="as extracted: YYYY[-MM[-DD]] or a range a/b"),
        sa.Column("date_basis", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("location_country", sa.Text(), nullable=True),
        sa.Column("location_basis", sa.Text(), nullable=False),
        sa.Column("mechanism", sa.Text(), nullable=True, comment="as extracted"),
        sa.Column("mechanism_id", sa.String(length=32), nullable=True),
        sa.Column("ordinal", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False, comment="quote == reports.text[start:end]"),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_mentions_engagement_id_engagements"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mechanism_id"],
            ["mechanisms.id"],
            name=op.f("fk_mentions_mechanism_id_mechanisms"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_mentions_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    op.create_index(op.f("ix_mentions_engagement_id"), "mentions", ["engagement_id"], unique=False)
    op.create_index(op.f("ix_mentions_mechanism_id"), "mentions", ["mechanism_id"], unique=False)
    op.create_index(op.f("ix_mentions_report_id"), "mentions", ["report_id"], unique=False)
    op.create_table(
        "mention_participants",
        sa.Column("mention_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False, comment="as extracted"),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("optional", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mention_id"],
            ["mentions.id"],
            name=op.f("fk_mention_participants_mention_id_mentions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_mention_participants_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mention_id", "position", name=op.f("pk_mention_participants")),
    )
    op.create_index(
        op.f("ix_mention_participants_person_id"), "mention_participants", ["person_id"], unique=False
    )
    op.create_table(
        "person_titles",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("person_position", sa.Integer(), nullable=False, comment="report_people.position"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column(
            "date",
            sa.Text(),
            nullable=True,
            comment="when the report shows the title held: engagement date or publication",
        ),
        sa.Column("date_basis", sa.Text(), nullable=False, comment="engagement, published or unknown"),
        sa.Column(
            "mention_id",
            sa.String(length=32),
            nullable=True,
            comment="the engagement mention the title was held at",
        ),
        sa.Column("evidence", sa.Text(), nullable=True, comment="quote showing the title, when found"),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mention_id"],
            ["mentions.id"],
            name=op.f("fk_person_titles_mention_id_mentions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_person_titles_person_id_persons"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_person_titles_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "person_position", "position", name=op.f("pk_person_titles")),
    )
    op.create_index(op.f("ix_person_titles_person_id"), "person_titles", ["person_id"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        for statement in _POSTGRES_FTS:
            op.execute(statement)
    else:
        op.execute(_SQLITE_FTS)


def downgrade() -> None:
    op.execute("DROP TABLE reports_fts")
    op.drop_index(op.f("ix_person_titles_person_id"), table_name="person_titles")
    op.drop_table("person_titles")
    op.drop_index(op.f("ix_mention_participants_person_id"), table_name="mention_participants")
    op.drop_table("mention_participants")
    op.drop_index(op.f("ix_mentions_report_id"), table_name="mentions")
    op.drop_index(op.f("ix_mentions_mechanism_id"), table_name="mentions")
    op.drop_index(op.f("ix_mentions_engagement_id"), table_name="mentions")
    op.drop_table("mentions")
    op.drop_index("ix_engagement_participants_person", table_name="engagement_participants")
    op.drop_table("engagement_participants")
    op.drop_index("ix_engagement_blocks_engagement_id", table_name="engagement_blocks")
    op.drop_index("ix_engagement_blocks_block_status", table_name="engagement_blocks")
    op.drop_table("engagement_blocks")
    op.drop_index(op.f("ix_report_people_person_id"), table_name="report_people")
    op.drop_table("report_people")
    op.drop_index("ix_report_bands_bucket", table_name="report_bands")
    op.drop_table("report_bands")
    op.drop_index(op.f("ix_person_mentions_person_id"), table_name="person_mentions")
    op.drop_table("person_mentions")
    op.drop_index("ix_person_blocks_person_id", table_name="person_blocks")
    op.drop_table("person_blocks")
    op.drop_index(op.f("ix_person_aliases_folded"), table_name="person_aliases")
    op.drop_table("person_aliases")
    op.drop_table("mechanism_aliases")
    op.drop_index(op.f("ix_flags_report_id"), table_name="flags")
    op.drop_table("flags")
    op.drop_table("figures")
    op.drop_index(op.f("ix_engagements_status"), table_name="engagements")
    op.drop_index(op.f("ix_engagements_mechanism_id"), table_name="engagements")
    op.drop_index(op.f("ix_engagements_kind"), table_name="engagements")
    op.drop_index(op.f("ix_engagements_held_as"), table_name="engagements")
    op.drop_index(op.f("ix_engagements_date_start"), table_name="engagements")
    op.drop_table("engagements")
    op.drop_index(op.f("ix_reports_duplicate_of"), table_name="reports")
    op.drop_table("reports")
    op.drop_index(op.f("ix_persons_key"), table_name="persons")
    op.drop_index(op.f("ix_persons_country"), table_name="persons")
    op.drop_table("persons")
    op.drop_table("mechanisms")

"""Issue 5: statements with their domains, commitments threaded by topic, initiatives and their mentions.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "initiatives",
        sa.Column("id", sa.String(length=32), nullable=False, comment="hash of name and kind"),
        sa.Column("name", sa.Text(), nullable=False, comment="canonical name"),
        sa.Column("kind", sa.Text(), nullable=False, comment="initiative, anniversary, year or project"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiatives")),
    )
    op.create_index(op.f("ix_initiatives_name"), "initiatives", ["name"], unique=False)
    op.create_table(
        "commitments",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="order in the extraction"),
        sa.Column("item", sa.Text(), nullable=False, comment="the committed action in the text's words"),
        sa.Column(
            "stage", sa.Text(), nullable=False, comment="proposed, agreed, under_way, done, reaffirmed"
        ),
        sa.Column(
            "parties",
            sa.Text(),
            nullable=False,
            comment="ISO3 codes in the extraction's order, joined by '|'",
        ),
        sa.Column(
            "target", sa.Text(), nullable=True, comment="a target the text states (an amount, a number)"
        ),
        sa.Column("deadline", sa.Text(), nullable=True, comment="a deadline the text states"),
        sa.Column("topic", sa.Text(), nullable=False, comment="the topic as extracted"),
        sa.Column(
            "topic_key", sa.Text(), nullable=True, comment="resolve.topic_key: one thread across reports"
        ),
        sa.Column("mechanism", sa.Text(), nullable=True, comment="the mechanism it concerns, as extracted"),
        sa.Column(
            "mechanism_key",
            sa.Text(),
            nullable=True,
            comment="resolve.mechanism_key of mechanism (mechanisms.key)",
        ),
        sa.Column("initiative", sa.Text(), nullable=True, comment="the initiative it concerns, as extracted"),
        sa.Column("domains", sa.Text(), nullable=False, comment="domains in order, joined by '|'"),
        sa.Column("evidence", sa.Text(), nullable=False, comment="quote == reports.text[start:end]"),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_commitments_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "position", name=op.f("pk_commitments")),
    )
    op.create_index(op.f("ix_commitments_mechanism_key"), "commitments", ["mechanism_key"], unique=False)
    op.create_index(op.f("ix_commitments_stage"), "commitments", ["stage"], unique=False)
    op.create_index(op.f("ix_commitments_topic_key"), "commitments", ["topic_key"], unique=False)
    op.create_table(
        "initiative_mentions",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="order in the extraction"),
        sa.Column("initiative_id", sa.String(length=32), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False, comment="the wording this report uses"),
        sa.Column("evidence", sa.Text(), nullable=False, comment="quote == reports.text[start:end]"),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_initiative_mentions_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_initiative_mentions_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "position", name=op.f("pk_initiative_mentions")),
    )
    op.create_index(
        op.f("ix_initiative_mentions_initiative_id"), "initiative_mentions", ["initiative_id"], unique=False
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.String(length=32), nullable=False, comment="hash of report id and position"),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="order in the extraction"),
        sa.Column(
            "person_id",
            sa.String(length=32),
            nullable=True,
            comment="the resolved speaker when a person speaks",
        ),
        sa.Column(
            "speaker",
            sa.Text(),
            nullable=True,
            comment="the speaker's name as extracted, when a person speaks",
        ),
        sa.Column("speaker_kind", sa.Text(), nullable=False, comment="person, side or both"),
        sa.Column(
            "side", sa.Text(), nullable=True, comment="ISO3 of the side that speaks; NULL for both sides"
        ),
        sa.Column("act", sa.Text(), nullable=False, comment="said, proposed, agreed, affirmed, ..."),
        sa.Column(
            "content",
            sa.Text(),
            nullable=False,
            comment="what was said: reports.text[content_start:content_end]",
        ),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column(
            "evidence",
            sa.Text(),
            nullable=False,
            comment="the whole quote: reports.text[evidence_start:evidence_end]",
        ),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column(
            "domains", sa.Text(), nullable=False, comment="the statement's domains in order, joined by '|'"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_statements_person_id_persons"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_statements_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    op.create_index(op.f("ix_statements_act"), "statements", ["act"], unique=False)
    op.create_index(op.f("ix_statements_person_id"), "statements", ["person_id"], unique=False)
    op.create_index(op.f("ix_statements_report_id"), "statements", ["report_id"], unique=False)
    op.create_index(op.f("ix_statements_side"), "statements", ["side"], unique=False)
    op.create_table(
        "statement_domains",
        sa.Column("statement_id", sa.String(length=32), nullable=False),
        sa.Column("domain", sa.Text(), nullable=False, comment="one of model.DOMAINS"),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_statement_domains_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", "domain", name=op.f("pk_statement_domains")),
    )
    op.create_index(
        "ix_statement_domains_domain", "statement_domains", ["domain", "statement_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_statement_domains_domain", table_name="statement_domains")
    op.drop_table("statement_domains")
    op.drop_index(op.f("ix_statements_act"), table_name="statements")
    op.drop_index(op.f("ix_statements_person_id"), table_name="statements")
    op.drop_index(op.f("ix_statements_report_id"), table_name="statements")
    op.drop_index(op.f("ix_statements_side"), table_name="statements")
    op.drop_table("statements")
    op.drop_index(op.f("ix_initiative_mentions_initiative_id"), table_name="initiative_mentions")
    op.drop_table("initiative_mentions")
    op.drop_index(op.f("ix_commitments_mechanism_key"), table_name="commitments")
    op.drop_index(op.f("ix_commitments_stage"), table_name="commitments")
    op.drop_index(op.f("ix_commitments_topic_key"), table_name="commitments")
    op.drop_table("commitments")
    op.drop_index(op.f("ix_initiatives_name"), table_name="initiatives")
    op.drop_table("initiatives")

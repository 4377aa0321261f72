"""Indexes the read side needs at scale: engagements by country of venue and by end date.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_engagements_location_country", "engagements", ["location_country"])
    op.create_index("ix_engagements_date_end", "engagements", ["date_end"])


def downgrade() -> None:
    op.drop_index("ix_engagements_date_end", table_name="engagements")
    op.drop_index("ix_engagements_location_country", table_name="engagements")

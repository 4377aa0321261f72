"""Resolution lookups filter by date in the database: each engagement key carries the engagement's days.

A busy minister files dozens of engagements under one person-and-month key; reading them all to
keep the two or three on agreeing days made every save slower as the store grew. The key rows now
hold the first and last day the engagement's date can mean, and a covering index answers
"these keys, this status, days that can agree" without reading the table.

Revision ID: 0004
Revises: 0003
Create Date: 2025-01-04
"""

from __future__ import annotations

import calendar

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_BATCH = 1000


def _first(part: str) -> str:
    pieces = part.split("-")
    return "-".join([*pieces, "01", "01"][:3])


def _last(part: str) -> str:
    pieces = part.split("-")
    if len(pieces) == 3:
        return part
    if len(pieces) == 2:
        year, month = int(pieces[0]), int(pieces[1])
        return f"{part}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{part}-12-31"


def upgrade() -> None:
    op.add_column(
        "engagement_blocks",
        sa.Column(
            "low",
            sa.String(length=10),
            nullable=True,
            comment="first ISO day the engagement's date can mean; null when undated",
        ),
    )
    op.add_column(
        "engagement_blocks",
        sa.Column(
            "high", sa.String(length=10), nullable=True, comment="last ISO day the engagement's date can mean"
        ),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, date_start, date_end FROM engagements WHERE date_start IS NOT NULL")
    ).all()
    update = sa.text("UPDATE engagement_blocks SET low = :low, high = :high WHERE engagement_id = :id")
    values = [
        {"id": row.id, "low": _first(row.date_start), "high": _last(row.date_end or row.date_start)}
        for row in rows
    ]
    for begin in range(0, len(values), _BATCH):
        conn.execute(update, values[begin : begin + _BATCH])
    op.drop_index("ix_engagement_blocks_block_status", table_name="engagement_blocks")
    op.create_index(
        "ix_engagement_blocks_lookup",
        "engagement_blocks",
        ["block", "status", "low", "high", "engagement_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_engagement_blocks_lookup", table_name="engagement_blocks")
    op.create_index(
        "ix_engagement_blocks_block_status",
        "engagement_blocks",
        ["block", "status", "engagement_id"],
        unique=False,
    )
    op.drop_column("engagement_blocks", "high")
    op.drop_column("engagement_blocks", "low")

"""Resolution lookups filter by date in the database: each engagement key carries the engagement's days.

A busy minister files dozens of engagements under one person-and-month key; reading them all to
keep the two or three on agreeing days made every save slower as the store grew. The key rows now
hold the first and last day the engagement's date can mean, so the database answers "these keys,
this status, days that can agree": on SQLite from the table itself, stored in key order; on
PostgreSQL from a covering index.

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


_LOW = "first ISO day the engagement's date can mean; null when undated"
_HIGH = "last ISO day the engagement's date can mean"


def _bounds(conn: sa.Connection) -> dict[str, tuple[str, str]]:
    rows = conn.execute(
        sa.text("SELECT id, date_start, date_end FROM engagements WHERE date_start IS NOT NULL")
    ).all()
    return {row.id: (_first(row.date_start), _last(row.date_end or row.date_start)) for row in rows}


def upgrade() -> None:
    conn = op.get_bind()
    bounds = _bounds(conn)
    if conn.dialect.name == "sqlite":
        _rebuild_clustered(conn, bounds)
        return
    # PostgreSQL: two columns and a covering index, so a lookup is answered from the index alone.
    op.add_column("engagement_blocks", sa.Column("low", sa.String(length=10), nullable=True, comment=_LOW))
    op.add_column("engagement_blocks", sa.Column("high", sa.String(length=10), nullable=True, comment=_HIGH))
    update = sa.text("UPDATE engagement_blocks SET low = :low, high = :high WHERE engagement_id = :id")
    values = [{"id": key, "low": low, "high": high} for key, (low, high) in bounds.items()]
    for begin in range(0, len(values), _BATCH):
        conn.execute(update, values[begin : begin + _BATCH])
    op.drop_index("ix_engagement_blocks_block_status", table_name="engagement_blocks")
    op.create_index(
        "ix_engagement_blocks_lookup",
        "engagement_blocks",
        ["block", "status", "low", "high", "engagement_id"],
        unique=False,
    )


def _rebuild_clustered(conn: sa.Connection, bounds: dict[str, tuple[str, str]]) -> None:
    """SQLite: the table itself, stored in key order (WITHOUT ROWID), is the lookup index.

    A save writes every new key once instead of three times (table, primary key, lookup index):
    about a hundred fewer pages per saved report.
    """
    op.create_table(
        "engagement_blocks_new",
        sa.Column("block", sa.Text(), nullable=False, comment="lookup key from resolve.engagement_blocks"),
        sa.Column("engagement_id", sa.String(length=32), nullable=False),
        sa.Column(
            "status",
            sa.Text(),
            nullable=False,
            comment="the engagement's status, so lookups can filter on it",
        ),
        sa.Column("low", sa.String(length=10), nullable=True, comment=_LOW),
        sa.Column("high", sa.String(length=10), nullable=True, comment=_HIGH),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name="fk_engagement_blocks_engagement_id_engagements",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("block", "engagement_id", name="pk_engagement_blocks"),
        sqlite_with_rowid=False,
    )
    rows = conn.execute(sa.text("SELECT block, engagement_id, status FROM engagement_blocks")).all()
    insert = sa.text(
        "INSERT INTO engagement_blocks_new (block, engagement_id, status, low, high) "
        "VALUES (:block, :engagement_id, :status, :low, :high)"
    )
    values = [
        {
            "block": row.block,
            "engagement_id": row.engagement_id,
            "status": row.status,
            "low": bounds.get(row.engagement_id, (None, None))[0],
            "high": bounds.get(row.engagement_id, (None, None))[1],
        }
        for row in rows
    ]
    for begin in range(0, len(values), _BATCH):
        conn.execute(insert, values[begin : begin + _BATCH])
    op.drop_table("engagement_blocks")
    op.rename_table("engagement_blocks_new", "engagement_blocks")
    op.create_index(
        "ix_engagement_blocks_engagement_id", "engagement_blocks", ["engagement_id"], unique=False
    )


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        raise NotImplementedError("downgrading the SQLite store below 0004 is not supported")
    op.drop_index("ix_engagement_blocks_lookup", table_name="engagement_blocks")
    op.create_index(
        "ix_engagement_blocks_block_status",
        "engagement_blocks",
        ["block", "status", "engagement_id"],
        unique=False,
    )
    op.drop_column("engagement_blocks", "high")
    op.drop_column("engagement_blocks", "low")

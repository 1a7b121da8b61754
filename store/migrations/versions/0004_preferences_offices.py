"""User preferences (last area, year, source, language) and field teams' offices (route start).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "user_preferences",
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("lang", sa.String(2), nullable=True),
        sa.Column("area", sa.String(12), nullable=True),
        sa.Column("source", sa.String(12), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_user_preferences")),
    )
    op.create_table(
        "team_offices",
        sa.Column("team", sa.String(100), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("team", name=op.f("pk_team_offices")),
        sa.CheckConstraint("lat BETWEEN -90 AND 90", name=op.f("ck_team_offices_lat_range")),
        sa.CheckConstraint("lon BETWEEN -180 AND 180", name=op.f("ck_team_offices_lon_range")),
    )


def downgrade() -> None:
    op.drop_table("team_offices")
    op.drop_table("user_preferences")

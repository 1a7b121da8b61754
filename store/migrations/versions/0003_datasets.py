"""Household datasets: the catalogue of imported and demo datasets (files under the data home).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies (see 0001): later model changes come with a new migration.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
UTC_TIMESTAMP = sa.DateTime(timezone=True)
KINDS = "'import', 'demo'"
STATUSES = "'active', 'retired', 'replaced'"


def upgrade() -> None:
    op.create_table(
        "datasets",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("provinces", JSON, nullable=False),
        sa.Column("tambons", JSON, nullable=False),
        sa.Column("years", JSON, nullable=False),
        sa.Column("tpmap_year", sa.Integer(), nullable=False),
        sa.Column("survey_year", sa.Integer(), nullable=False),
        sa.Column("source_name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("imported_by", sa.String(100), nullable=False),
        sa.Column("imported_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_kept", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("replaced_by", sa.String(32), nullable=True),
        sa.Column("retired_by", sa.String(100), nullable=True),
        sa.Column("retired_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("restored_by", sa.String(100), nullable=True),
        sa.Column("restored_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("storage", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_datasets")),
        sa.CheckConstraint(f"kind IN ({KINDS})", name=op.f("ck_datasets_kind_known")),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_datasets_status_known")),
    )
    op.create_index(op.f("ix_datasets_sha256"), "datasets", ["sha256"], unique=True)
    op.create_index(op.f("ix_datasets_status"), "datasets", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_datasets_status"), table_name="datasets")
    op.drop_index(op.f("ix_datasets_sha256"), table_name="datasets")
    op.drop_table("datasets")

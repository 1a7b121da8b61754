"""Visits logbook (append-only), audit log, pilot areas.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies: later changes to store.models must come with a new migration, not edit these.
# Constraint and index names are given in full with op.f(), so the metadata's naming convention
# (which Alembic applies to op.* calls) does not prefix them a second time.
STATUSES = "'target', 'in_progress', 'assisted', 'self_resolved', 'referred'"
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("visit_uid", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("house_code", sa.String(11), nullable=False),
        sa.Column("tambon_code", sa.String(6), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("team", sa.String(200), nullable=False),
        sa.Column("findings", JSON, nullable=False),
        sa.Column("help_given", sa.Text(), nullable=False),
        sa.Column("menu_item", sa.String(200), nullable=True),
        sa.Column("agency", sa.String(200), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("next_visit_date", sa.Date(), nullable=True),
        sa.Column("critical", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("visit_uid", "version", name=op.f("uq_visits_visit_uid_version")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_visits_version_positive")),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_visits_status_known")),
    )
    op.create_index(op.f("ix_visits_house_code"), "visits", ["house_code"])
    op.create_index(op.f("ix_visits_tambon_code"), "visits", ["tambon_code"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", UTC_TIMESTAMP, nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("role", sa.String(50), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("area_code", sa.String(10), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])

    op.create_table(
        "pilot_areas",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=False),
        sa.Column("tambon_codes", JSON, nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pilot_areas")),
    )


def downgrade() -> None:
    op.drop_table("pilot_areas")
    op.drop_index(op.f("ix_audit_log_at"), table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index(op.f("ix_visits_tambon_code"), table_name="visits")
    op.drop_index(op.f("ix_visits_house_code"), table_name="visits")
    op.drop_table("visits")

"""Audit detail column; pilot areas keep their history (rows are retired, never deleted).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("detail", sa.String(200), nullable=False, server_default=""))
    op.create_index(op.f("ix_audit_log_username"), "audit_log", ["username"])
    with op.batch_alter_table("pilot_areas") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("retired_at", UTC_TIMESTAMP, nullable=True))
        batch.add_column(sa.Column("retired_by", sa.String(100), nullable=True))
    op.create_index(op.f("ix_pilot_areas_retired_at"), "pilot_areas", ["retired_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_pilot_areas_retired_at"), table_name="pilot_areas")
    with op.batch_alter_table("pilot_areas") as batch:
        batch.drop_column("retired_by")
        batch.drop_column("retired_at")
        batch.drop_column("version")
    op.drop_index(op.f("ix_audit_log_username"), table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("detail")

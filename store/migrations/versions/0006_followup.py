"""Follow-up lists (issue 14): households to revisit to complete the data, and their completion.

Revision ID: 0006
Revises: 0004 (the lead re-chains it after 0005 at merge)
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)  # frozen copy (see 0001)


def upgrade() -> None:
    op.create_table(
        "followup_lists",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("area_code", sa.String(12), nullable=False),
        sa.Column("dataset_id", sa.String(32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_lists")),
    )
    op.create_index(op.f("ix_followup_lists_area_code"), "followup_lists", ["area_code"])
    op.create_table(
        "followup_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("house_code", sa.String(11), nullable=False),
        sa.Column("village_id", sa.String(10), nullable=False),
        sa.Column("tambon", sa.String(6), nullable=False),
        sa.Column("reasons", sa.String(300), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("completed_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("completed_dataset_id", sa.String(32), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'completed')", name=op.f("ck_followup_items_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["followup_lists.id"],
            name=op.f("fk_followup_items_list_id_followup_lists"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_items")),
        sa.UniqueConstraint(
            "list_id", "house_code", name=op.f("uq_followup_items_list_id_house_code")
        ),
    )
    op.create_index(op.f("ix_followup_items_tambon_status"), "followup_items", ["tambon", "status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_followup_items_tambon_status"), table_name="followup_items")
    op.drop_table("followup_items")
    op.drop_index(op.f("ix_followup_lists_area_code"), table_name="followup_lists")
    op.drop_table("followup_lists")

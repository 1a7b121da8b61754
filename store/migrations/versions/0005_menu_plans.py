"""The poverty-solving menu and plans: catalogue edits, household plan steps, area plans.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "menu_edits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("province", sa.String(2), nullable=True),
        sa.Column("programme_id", sa.String(60), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("changes", JSON, nullable=False),
        sa.Column("budget_year", sa.Integer(), nullable=True),
        sa.Column("edited_by", sa.String(100), nullable=False),
        sa.Column("edited_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_menu_edits")),
        sa.CheckConstraint(
            "action IN ('add', 'change', 'retire', 'restore')",
            name=op.f("ck_menu_edits_action_known"),
        ),
    )
    op.create_index(op.f("ix_menu_edits_province"), "menu_edits", ["province"])
    op.create_table(
        "plan_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("house_code", sa.String(11), nullable=False),
        sa.Column("tambon_code", sa.String(6), nullable=False),
        sa.Column("programme_id", sa.String(60), nullable=False),
        sa.Column("step", sa.String(12), nullable=False),
        sa.Column("step_date", sa.Date(), nullable=False),
        sa.Column("from_match", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.Column("recorded_by", sa.String(100), nullable=False),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_steps")),
        sa.CheckConstraint(
            "step IN ('referred', 'in_progress', 'received', 'declined', 'not_eligible')",
            name=op.f("ck_plan_steps_step_known"),
        ),
    )
    op.create_index(op.f("ix_plan_steps_house_code"), "plan_steps", ["house_code"])
    op.create_index(op.f("ix_plan_steps_tambon_code"), "plan_steps", ["tambon_code"])
    _area_plans()


def _area_plans() -> None:
    op.create_table(
        "area_plans",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("area_code", sa.String(12), nullable=False),
        sa.Column("budget_year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("ceiling", sa.Float(), nullable=True),
        sa.Column("saved_by", sa.String(100), nullable=False),
        sa.Column("saved_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area_plans")),
        sa.UniqueConstraint(
            "area_code",
            "budget_year",
            "version",
            name=op.f("uq_area_plans_area_code_budget_year_version"),
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_area_plans_version_positive")),
    )
    op.create_table(
        "area_plan_rows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.String(60), nullable=False),
        sa.Column("agency", sa.String(300), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("cost", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area_plan_rows")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["area_plans.id"], name=op.f("fk_area_plan_rows_plan_id_area_plans")
        ),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name=op.f("ck_area_plan_rows_quarter_range")),
    )
    op.create_index(op.f("ix_area_plan_rows_plan_id"), "area_plan_rows", ["plan_id"])


def downgrade() -> None:
    op.drop_table("area_plan_rows")
    op.drop_table("area_plans")
    op.drop_index(op.f("ix_plan_steps_tambon_code"), table_name="plan_steps")
    op.drop_index(op.f("ix_plan_steps_house_code"), table_name="plan_steps")
    op.drop_table("plan_steps")
    op.drop_index(op.f("ix_menu_edits_province"), table_name="menu_edits")
    op.drop_table("menu_edits")

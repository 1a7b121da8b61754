"""Tables of the menu and the plans (issue 13): catalogue edits, household plan steps, area
action plans. Rows are only ever inserted: a change is a new row, history stays readable."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from store.models import Base, JSONType, UTCDateTime, _in, utcnow

EDIT_ACTIONS = ("add", "change", "retire", "restore")
PLAN_STEPS = ("referred", "in_progress", "received", "declined", "not_eligible")


class MenuEdit(Base):
    """One versioned change of a province's menu (province NULL: the country default)."""

    __tablename__ = "menu_edits"
    __table_args__ = (
        sa.CheckConstraint(f"action IN ({_in(EDIT_ACTIONS)})", name="action_known"),
        sa.Index(None, "province"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    province: Mapped[str | None] = mapped_column(sa.String(2), nullable=True)
    programme_id: Mapped[str] = mapped_column(sa.String(60))
    action: Mapped[str] = mapped_column(sa.String(10))
    changes: Mapped[dict[str, object]] = mapped_column(JSONType)
    budget_year: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    edited_by: Mapped[str] = mapped_column(sa.String(100))
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PlanStep(Base):
    """One step of one household's referral to one programme."""

    __tablename__ = "plan_steps"
    __table_args__ = (
        sa.CheckConstraint(f"step IN ({_in(PLAN_STEPS)})", name="step_known"),
        sa.Index(None, "house_code"),
        sa.Index(None, "tambon_code"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    house_code: Mapped[str] = mapped_column(sa.String(11))
    tambon_code: Mapped[str] = mapped_column(sa.String(6))
    programme_id: Mapped[str] = mapped_column(sa.String(60))
    step: Mapped[str] = mapped_column(sa.String(12))
    step_date: Mapped[date] = mapped_column(sa.Date)
    from_match: Mapped[bool] = mapped_column(sa.Boolean)
    reason: Mapped[str | None] = mapped_column(sa.String(500), nullable=True)
    recorded_by: Mapped[str] = mapped_column(sa.String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AreaPlan(Base):
    """One saved version of an area's action plan for one budget year."""

    __tablename__ = "area_plans"
    __table_args__ = (
        sa.UniqueConstraint("area_code", "budget_year", "version"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    area_code: Mapped[str] = mapped_column(sa.String(12))
    budget_year: Mapped[int] = mapped_column(sa.Integer)
    version: Mapped[int] = mapped_column(sa.Integer)
    ceiling: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    saved_by: Mapped[str] = mapped_column(sa.String(100))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AreaPlanRow(Base):
    """A row of a saved plan: programme × target households × agency × quarter."""

    __tablename__ = "area_plan_rows"
    __table_args__ = (sa.CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("area_plans.id"), index=True)
    programme_id: Mapped[str] = mapped_column(sa.String(60))
    agency: Mapped[str] = mapped_column(sa.String(300))
    quarter: Mapped[int] = mapped_column(sa.Integer)
    households: Mapped[int] = mapped_column(sa.Integer)
    units: Mapped[int] = mapped_column(sa.Integer)
    months: Mapped[int] = mapped_column(sa.Integer)
    amount: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    cost: Mapped[float | None] = mapped_column(sa.Float, nullable=True)

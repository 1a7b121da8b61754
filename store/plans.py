"""Household plan steps (append-only, like visits) and area action plans (each save a new
version). Step order: referred -> in progress -> received / declined / not eligible; a
closed referral can be referred again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from analytics.domain import area_codes
from store.db import read_connection, write_transaction
from store.menu_models import PLAN_STEPS, AreaPlan, AreaPlanRow, PlanStep, utcnow

_STEPS = cast(sa.Table, PlanStep.__table__)
_PLANS = cast(sa.Table, AreaPlan.__table__)
_ROWS = cast(sa.Table, AreaPlanRow.__table__)
CLOSED = ("received", "declined", "not_eligible")
NEXT: dict[str | None, tuple[str, ...]] = {
    None: ("referred",),
    "referred": ("in_progress", *CLOSED),
    "in_progress": CLOSED,
    **{c: ("referred",) for c in CLOSED},
}
ROW_FIELDS = ("programme_id", "agency", "quarter", "households", "units", "months", "amount")


class PlanError(ValueError):
    """A step or plan that cannot be saved; ``problem`` is a label key, ``field`` the input."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field, self.problem = field, problem


@dataclass(frozen=True)
class StepInput:
    house_code: str
    tambon_code: str
    programme_id: str
    step: str
    step_date: date
    from_match: bool = True
    reason: str | None = None


def record_step(engine: Engine, step: StepInput, user: str, today: date | None = None) -> int:
    """Append one step after checking it follows the last one of that referral."""
    today = today or date.today()
    if step.step not in PLAN_STEPS:
        raise PlanError("step", "unknown_step")
    if step.step_date > today:
        raise PlanError("step_date", "date_in_future")
    if not step.from_match and not (step.reason or "").strip():
        raise PlanError("reason", "reason_required")
    if len(step.house_code) != 11 or len(step.tambon_code) != 6:
        raise PlanError("house_code", "house_not_in_tambon")
    with write_transaction(engine) as conn:
        last = conn.execute(
            sa.select(_STEPS.c.step, _STEPS.c.step_date)
            .where(_STEPS.c.house_code == step.house_code)
            .where(_STEPS.c.programme_id == step.programme_id)
            .order_by(_STEPS.c.id.desc())
            .limit(1)
        ).first()
        previous = last.step if last else None
        if step.step not in NEXT[previous]:
            raise PlanError("step", "step_out_of_order")
        if last and step.step_date < last.step_date:
            raise PlanError("step_date", "date_before_last_step")
        values = {**step.__dict__, "recorded_by": user, "recorded_at": utcnow()}
        key = conn.execute(sa.insert(_STEPS).values(values)).inserted_primary_key
        return int(key[0]) if key else 0


def steps(
    engine: Engine, house_codes: Sequence[str] = (), area_prefix: str | None = None
) -> pd.DataFrame:
    """Every step of the given households, or of every household of an area (code prefix)."""
    query = sa.select(_STEPS).order_by(_STEPS.c.house_code, _STEPS.c.programme_id, _STEPS.c.id)
    if house_codes:
        query = query.where(_STEPS.c.house_code.in_(list(house_codes)))
    elif area_prefix is not None:
        query = query.where(_STEPS.c.tambon_code.startswith(area_prefix[:6]))
    else:
        raise PlanError("area", "area_required")
    with read_connection(engine) as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in _STEPS.columns])


def latest_steps(engine: Engine, area_prefix: str) -> pd.DataFrame:
    """The current step of each household × programme of an area."""
    frame = steps(engine, area_prefix=area_prefix)
    return frame.drop_duplicates(["house_code", "programme_id"], keep="last").reset_index(drop=True)


def save_area_plan(
    engine: Engine,
    area_code: str,
    budget_year: int,
    ceiling: float | None,
    rows: pd.DataFrame,
    user: str,
) -> int:
    """Save a new version of an area's plan (rows: ROW_FIELDS and ``cost``); its version."""
    if not _is_area(area_code):
        raise PlanError("area", "bad_area")
    if ceiling is not None and ceiling < 0:
        raise PlanError("ceiling", "ceiling_negative")
    bad = rows[~rows["quarter"].isin([1, 2, 3, 4])] if len(rows) else rows
    if len(bad):
        raise PlanError("quarter", "quarter_range")
    with write_transaction(engine) as conn:
        current = conn.execute(
            sa.select(sa.func.max(_PLANS.c.version))
            .where(_PLANS.c.area_code == area_code)
            .where(_PLANS.c.budget_year == budget_year)
        ).scalar()
        version = int(current or 0) + 1
        values: dict[str, object] = dict(
            area_code=area_code, budget_year=budget_year, version=version, ceiling=ceiling
        )
        values.update(saved_by=user, saved_at=utcnow())
        key = conn.execute(sa.insert(_PLANS).values(values)).inserted_primary_key
        plan_id = int(key[0]) if key else 0
        records = [_row(plan_id, r) for r in rows.to_dict("records")]
        if records:
            conn.execute(sa.insert(_ROWS), records)
    return version


def _is_area(code: str) -> bool:
    """An area a plan is filed for: the country ("TH"), a province, amphoe, tambon (municipal
    too) or village code in ASCII (the column holds 12 characters; Thai digits are no code)."""
    try:
        area_codes.parse(code)
    except area_codes.AreaCodeError:
        return False
    return code.isascii() and code.strip() == code != ""


def _row(plan_id: int, record: dict) -> dict:
    out = {k: record[k] for k in ROW_FIELDS}
    for key in ("quarter", "households", "units", "months"):
        out[key] = int(out[key])
    for key, value in (("amount", record["amount"]), ("cost", record.get("cost"))):
        out[key] = None if value is None or pd.isna(value) else float(value)
    return {**out, "plan_id": plan_id}


def latest_area_plan(
    engine: Engine, area_code: str, budget_year: int
) -> tuple[dict | None, pd.DataFrame]:
    """The latest saved version (its header) and its rows; (None, empty) when none."""
    columns = [c.name for c in _ROWS.columns]
    with read_connection(engine) as conn:
        header = (
            conn.execute(
                sa.select(_PLANS)
                .where(_PLANS.c.area_code == area_code)
                .where(_PLANS.c.budget_year == budget_year)
                .order_by(_PLANS.c.version.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
        if header is None:
            return None, pd.DataFrame(columns=columns)
        rows = conn.execute(
            sa.select(_ROWS).where(_ROWS.c.plan_id == header["id"]).order_by(_ROWS.c.id)
        )
        return dict(header), pd.DataFrame(rows.mappings().all(), columns=columns)


def plan_years(engine: Engine, area_code: str) -> list[int]:
    """Budget years with a saved plan for the area, latest first."""
    with read_connection(engine) as conn:
        years = conn.execute(
            sa.select(_PLANS.c.budget_year)
            .where(_PLANS.c.area_code == area_code)
            .distinct()
            .order_by(_PLANS.c.budget_year.desc())
        ).scalars()
        return [int(y) for y in years]

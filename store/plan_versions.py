"""A cheap fingerprint of an area's plans and plan steps, for caches of plan against result:
it changes whenever a step is recorded or a plan saved (both tables are append-only)."""

from __future__ import annotations

from typing import cast

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db import read_connection
from store.menu_models import AreaPlan, PlanStep

_STEPS = cast(sa.Table, PlanStep.__table__)
_PLANS = cast(sa.Table, AreaPlan.__table__)


def plan_version(engine: Engine, area_code: str) -> str:
    """``"<steps>:<last step id>:<plans>:<last plan id>"`` of the area (two indexed counts).

    Steps are matched as :func:`store.plans.steps` matches them (tambon code prefix); plans
    by the area's own code."""
    steps = sa.select(sa.func.count(), sa.func.max(_STEPS.c.id)).where(
        _STEPS.c.tambon_code.startswith(area_code[:6])
    )
    plans = sa.select(sa.func.count(), sa.func.max(_PLANS.c.id)).where(
        _PLANS.c.area_code == area_code
    )
    with read_connection(engine) as conn:
        step_count, step_id = conn.execute(steps).one()
        plan_count, plan_id = conn.execute(plans).one()
    return f"{step_count}:{step_id or 0}:{plan_count}:{plan_id or 0}"

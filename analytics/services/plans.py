"""The plans page: matches of an area's households, area demand, household suggestions,
the plan builder under a ceiling and the stage targets. Scope and masking come first: only
households the viewer may read are matched."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from analytics.data.queries import HouseholdData
from analytics.domain import access, area_codes, rules
from analytics.domain.menu import costing, matching
from analytics.domain.menu.model import Programme
from analytics.services import menu as menu_service
from analytics.text import labels
from store import plans as plan_store


@dataclass(frozen=True)
class AreaMatches:
    area_code: str
    year: int
    households: pd.DataFrame  # the viewer's households of the area (masked as the role is)
    stage: np.ndarray
    programmes: tuple[Programme, ...]
    matches: matching.Matches


@dataclass(frozen=True)
class PlanView:
    rows: pd.DataFrame  # every chosen row, ranked, with cost, per-baht, fits, status
    plan_rows: pd.DataFrame  # the plan itself: rows that fit, and rows of unknown cost
    by_agency: pd.DataFrame
    by_dimension: pd.DataFrame
    by_menu_area: pd.DataFrame
    stages: pd.DataFrame
    ceiling: float
    fitting_cost: float
    unknown_rows: int


def receipt_for(engine: Engine | None, area_code: str) -> matching.Receipt:
    """Receipt recorded as plan steps (received; declined or not eligible = not receiving)."""
    if engine is None:
        return matching.Receipt()
    latest = plan_store.latest_steps(engine, area_code)
    if latest.empty:
        return matching.Receipt()
    closed = latest[latest["step"].isin(plan_store.CLOSED)]
    return matching.Receipt.from_frame(closed.assign(received=closed["step"] == "received"))


def area_matches(
    source: HouseholdData,
    engine: Engine | None,
    viewer: access.Viewer,
    area_code: str,
    year: int,
) -> AreaMatches:
    """Match the viewer's households of an area against the province's menu."""
    households = access.household_view(viewer, source.households(area_code, year))
    households = households.reset_index(drop=True)
    persons = source.members(households["house_code"], year) if len(households) else None
    if persons is None:
        persons = source.members([], year)
    province = area_codes.parse(area_code).province
    # every edit applies here (a budget year's amounts are the plan builder's business)
    programmes = tuple(p for p in menu_service.catalogue_for(engine, province) if not p.retired)
    found = matching.match(households, persons, programmes, receipt_for(engine, area_code))
    stage = rules.household_profile(households, persons)["stage"].to_numpy()
    return AreaMatches(area_code, year, households, stage, programmes, found)


def record_step(
    engine: Engine,
    area: AreaMatches,
    viewer: access.Viewer,
    step: plan_store.StepInput,
) -> int:
    """Record a referral step for a household of the viewer's matched area only (the
    tambon is taken from the data, not from the caller)."""
    if viewer.role not in ("field", "planner"):
        raise access.AccessDenied(
            labels.t("step_field_only", "th"), labels.t("step_field_only", "en")
        )
    rows = area.households[area.households["house_code"].astype(str) == step.house_code]
    if rows.empty or not viewer.covers(str(rows["tambon"].iloc[0])):
        raise access.AccessDenied(
            labels.t("plan_house_out_of_scope", "th"), labels.t("plan_house_out_of_scope", "en")
        )
    step = dataclasses.replace(step, tambon_code=str(rows["tambon"].iloc[0]))
    return plan_store.record_step(engine, step, viewer.username)


def amounts_for(engine: Engine | None, area_code: str, budget_year: int) -> dict[str, float | None]:
    """Each programme's amount in a budget year (edits dated later left out)."""
    province = area_codes.parse(area_code).province
    return {p.id: p.amount for p in menu_service.catalogue_for(engine, province, budget_year)}


def demand(area: AreaMatches, lang: str, months: int = 12) -> pd.DataFrame:
    """Area demand per programme (raw columns plus ``name``), most households first."""
    table = costing.demand(area.matches, area.programmes, months)
    names = {p.id: p.name(lang) for p in area.programmes}
    table.insert(1, "name", table["programme_id"].map(names))
    return table.sort_values(["suggested", "households"], ascending=False, ignore_index=True)


def household_suggestions(area: AreaMatches, house_code: str, lang: str) -> pd.DataFrame:
    """One household's suggested programmes: what they address, the rule, what is unknown."""
    m = area.matches
    rows = np.flatnonzero(m.house_codes == house_code)
    if not len(rows):
        return pd.DataFrame(columns=["programme_id", "name", "addresses", "rule", "unknown"])
    i = int(rows[0])
    out = []
    for j in np.flatnonzero(m.suggested[i] & ~m.received[i]):  # received: help given
        prog = area.programmes[j]
        failed = {c for c, f in zip(_codes(), m.failures[i], strict=True) if f}
        unknown = [fact_words(c.value, lang) for c in prog.rule.of_scope("fact")]
        if m.receipt_unknown[i, j]:
            unknown.append(labels.t("menu_receipt_unknown", lang))
        out.append(
            {
                "programme_id": prog.id,
                "name": prog.name(lang),
                "units": int(m.units[i, j]),
                "addresses": ", ".join(c for c in prog.indicators if c in failed) or "*",
                "rule": prog.rule.text(),
                "unknown": "; ".join(unknown),
                "agency": prog.agency,
            }
        )
    return pd.DataFrame(out, columns=["programme_id", "name", "units", "addresses", "rule",
                                      "unknown", "agency"])  # fmt: skip


def suggestion_names(area: AreaMatches, lang: str, limit: int = 3) -> pd.Series:
    """Per house code: its first suggested programmes by name (target list column)."""
    names = np.array([p.name(lang) for p in area.programmes], dtype=object)
    sug = area.matches.suggested
    text = ["; ".join(names[np.flatnonzero(row)][:limit]) for row in sug]
    return pd.Series(text, index=area.matches.house_codes)


def fact_words(key: str, lang: str) -> str:
    try:
        return labels.t(f"menu_fact_{key}", lang)
    except KeyError:
        return key.replace("_", " ")


PLAN_FILE_TYPES = ("xlsx", "pdf")


def plan_file_name(area_code: str, budget_year: int, ext: str) -> str:
    """The action plan's download name: ``chipao_plan_<area>_<year>.<ext>`` in ASCII letters,
    digits and ``_`` only, whatever the area code holds (Thai digits read as digits; a path,
    a control character or a code too long never reaches the browser's save dialog)."""
    if ext not in PLAN_FILE_TYPES:
        raise ValueError(ext)
    digits = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in area_code)
    area = re.sub(r"[^0-9A-Za-z]+", "_", digits).strip("_")[: area_codes.LEVEL_LENGTH["village"]]
    return f"chipao_plan_{area or 'area'}_{int(budget_year)}.{ext}"


def _codes() -> list[str]:
    from analytics.domain import catalogue

    return [i.code for i in catalogue.indicators()]


def build_plan(
    area: AreaMatches,
    chosen: Sequence[str],
    ceiling: float,
    quarters: Mapping[str, int] | None = None,
    amounts: Mapping[str, float | None] | None = None,
) -> PlanView:
    """Plan rows for the chosen programmes: targets = eligible households not yet receiving;
    a row starting in quarter q runs 12 - 3(q-1) months of the budget year. ``amounts``:
    the budget year's amounts (``amounts_for``); the menu's latest otherwise."""
    quarters = quarters or {}
    table = costing.demand(area.matches, area.programmes)
    table = table[table["programme_id"].isin(list(chosen))].copy()
    by_id = {p.id: p for p in area.programmes}
    table["quarter"] = [int(quarters.get(p, 1)) for p in table["programme_id"]]
    table["months"] = 12 - 3 * (table["quarter"] - 1)
    table["households"] = table["households"] - table["received"]
    table["units"] = table["units_open"]
    amount = {p: (amounts or {}).get(p, by_id[p].amount) for p in table["programme_id"]}
    table["amount"] = table["programme_id"].map(amount)
    table["cost"] = [
        costing.row_cost(u, amount[p], by_id[p].period, m)
        for p, u, m in zip(table["programme_id"], table["units"], table["months"], strict=True)
    ]
    ranked = costing.rank_under_ceiling(table.reset_index(drop=True), ceiling)
    fitting = ranked[ranked["fits"]]
    in_plan = ranked[ranked["status"] != "over_ceiling"].reset_index(drop=True)
    stages = costing.stage_targets(
        area.matches, area.programmes, area.stage, fitting["programme_id"].tolist()
    )
    return PlanView(
        rows=ranked,
        plan_rows=in_plan,
        by_agency=costing.totals(in_plan, "agency"),
        by_dimension=costing.totals(in_plan, "dimension"),
        by_menu_area=costing.totals(in_plan, "menu_area"),
        stages=stages,
        ceiling=ceiling,
        fitting_cost=float(fitting["cost"].sum()),
        unknown_rows=int(ranked["cost"].isna().sum()),
    )

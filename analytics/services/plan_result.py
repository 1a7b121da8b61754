"""Plan against result for the executive briefing: one paragraph and one chart's data.

Per programme of an area: households planned (the latest saved plan of the budget year),
referred (any plan step) and received (latest step "received"). Of the households that
received help, how many left target-poor status, and how many moved up a development stage,
in the next survey year. Aggregates only: no house code leaves this module.

``plan_facts(engine, source, area_code, year)`` counts (no language: ``ui.cache`` keeps it);
``plan_result(...)`` / ``view(facts, lang)`` give the page's ``.paragraph`` (markdown) and
``.chart`` (columns programme_id, name, planned, referred, received). The briefing PDF writes the
same paragraph from the same ``PlanFacts``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from analytics.data.queries import HouseholdData
from analytics.domain import area_codes, areas, measures, rules
from analytics.io import menu_catalogue
from analytics.reports.briefing.sections import PlanFacts, plan_paragraph
from analytics.text import labels
from store import plans as plan_store

STAGE_ORDER = {s: i for i, s in enumerate(rules.STAGES)}


@dataclass(frozen=True)
class PlanResult:
    """The counts (``facts``) with what the page shows of them in one language."""

    facts: PlanFacts
    chart: pd.DataFrame  # programme_id, name, planned, referred, received
    paragraph: str


def plan_facts(
    engine: Engine,
    source: HouseholdData,
    area_code: str,
    year: int,
    budget_year: int | None = None,
) -> PlanFacts:
    """The counts of plan against result of an area (store reads; the outcome needs the next
    survey year of ``source``)."""
    years = plan_store.plan_years(engine, area_code)
    budget_year = budget_year if budget_year is not None else (years[0] if years else None)
    _, plan_rows = (
        plan_store.latest_area_plan(engine, area_code, budget_year)
        if budget_year is not None
        else (None, pd.DataFrame(columns=["programme_id", "households"]))
    )
    steps = plan_store.steps(engine, area_prefix=area_code)
    latest = steps.drop_duplicates(["house_code", "programme_id"], keep="last")
    received = latest[latest["step"] == "received"]
    chart = _chart(plan_rows, steps, received)
    received_codes = set(received["house_code"].astype(str))
    next_year = year + 1 if year + 1 in source.years() else None
    left = moved = None
    if next_year is not None and area_codes.parse(area_code).level != "country":
        left, moved = _outcomes(source, area_code, year, next_year, received_codes)
    return PlanFacts(
        area_th=areas.area_name(area_code, "th"),
        area_en=areas.area_name(area_code, "en"),
        budget_year=budget_year,
        **{k: int(chart[k].sum()) for k in ("planned", "referred", "received")},
        left_target_poor=left,
        moved_stage=moved,
        next_year=next_year,
        chart=chart,
    )


def view(facts: PlanFacts, lang: str) -> PlanResult:
    """The page's paragraph and chart (names in ``lang``) from the counts."""
    chart = facts.chart.drop(columns=["name_th", "name_en"])
    chart.insert(1, "name", facts.chart[f"name_{lang}"])
    return PlanResult(facts, chart, plan_paragraph(facts, lang))


def plan_result(
    engine: Engine,
    source: HouseholdData,
    area_code: str,
    year: int,
    lang: str,
    budget_year: int | None = None,
) -> PlanResult:
    return view(plan_facts(engine, source, area_code, year, budget_year), lang)


def _chart(plan_rows: pd.DataFrame, steps: pd.DataFrame, received: pd.DataFrame) -> pd.DataFrame:
    """Per programme: households planned, referred (any step) and received (latest step)."""
    planned = plan_rows.groupby("programme_id")["households"].sum()
    referred = steps.groupby("programme_id")["house_code"].nunique()
    got = received.groupby("programme_id")["house_code"].nunique()
    table = pd.DataFrame({"planned": planned, "referred": referred, "received": got})
    table = table.fillna(0).astype(int).rename_axis("programme_id").reset_index()
    programmes = menu_catalogue.load()
    for i, lang in enumerate(labels.LANGUAGES):
        names = {p.id: p.name(lang) for p in programmes}
        table.insert(1 + i, f"name_{lang}", table["programme_id"].map(names))
        table[f"name_{lang}"] = table[f"name_{lang}"].fillna(table["programme_id"])
    return table.sort_values(["planned", "referred"], ascending=False, ignore_index=True)


def _outcomes(
    source: HouseholdData, area_code: str, year: int, next_year: int, codes: set[str]
) -> tuple[int, int]:
    """Of the households that received help: left target-poor; moved up a stage."""
    if not codes:
        return 0, 0
    frames = []
    for y in (year, next_year):
        hh = source.households(area_code, y)
        hh = hh[hh["house_code"].astype(str).isin(codes)].reset_index(drop=True)
        persons = source.members(hh["house_code"], y)
        profile = rules.household_profile(hh, persons)
        poor = measures.household_measures(hh).poor & (hh["verified_members"].to_numpy() > 0)
        frames.append(
            pd.DataFrame(
                {"target": poor, "stage": profile["stage"].map(STAGE_ORDER).to_numpy()},
                index=hh["house_code"].astype(str).to_numpy(),
            )
        )
    before, after = frames
    common = before.index.intersection(after.index)
    b, a = before.loc[common], after.loc[common]
    return int((b["target"] & ~a["target"]).sum()), int((a["stage"] > b["stage"]).sum())

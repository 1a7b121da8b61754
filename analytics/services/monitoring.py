"""Monitoring: the area's trend over the survey years, indicator change between two years,
movement of households between development stages, and case progress."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.domain import access, monitoring
from analytics.services.context import Context
from analytics.services.filters import Filters


@dataclass(frozen=True)
class YearOnYear:
    trend: pd.DataFrame  # year, target_poor, ...
    change: pd.DataFrame  # indicator, before, after
    stage_links: dict | None  # Sankey links; None: no household years for this viewer/area
    movement: dict[str, int] | None  # left / entered / stayed target households


def trend(ctx: Context, filters: Filters, years: list[int]) -> dict[int, pd.DataFrame]:
    """The area table of each survey year (one per year, the area's own row inside)."""
    return {
        y: ctx.area_table(
            filters.source, filters.level, filters.province, filters.parent, y, filters.dims
        )
        for y in years
    }


def sees_household_years(filters: Filters, viewer: access.Viewer) -> bool:
    return (
        filters.source == "households"
        and filters.level != "country"
        and viewer.sees_households
        and viewer.covers(filters.area_code)
    )


def year_on_year(
    ctx: Context, filters: Filters, viewer: access.Viewer, years: list[int], first: int, second: int
) -> YearOnYear:
    tables = trend(ctx, filters, years)
    area = filters.area_code
    before = tables[first].set_index("code").reindex([area]).iloc[0]
    after = tables[second].set_index("code").reindex([area]).iloc[0]
    with_gaps: dict[int, pd.DataFrame | None] = {**tables}
    links = movement = None
    if sees_household_years(filters, viewer):
        before_hh = ctx.area_households(area, first)
        after_hh = ctx.area_households(area, second)
        transitions = monitoring.stage_transitions(before_hh, after_hh)
        links = monitoring.sankey_links(transitions, filters.lang)
        movement = monitoring.target_movement(before_hh, after_hh)
    return YearOnYear(
        trend=monitoring.trend(with_gaps, area),
        change=monitoring.indicator_change(before, after),
        stage_links=links,
        movement=movement,
    )

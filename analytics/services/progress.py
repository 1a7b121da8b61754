"""Case progress of an area: its target households by latest visit status (+ not visited)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.data import sources
from analytics.domain import access, area_codes, catalogue, monitoring
from analytics.services.context import Context
from store import visits
from store.db import StoreError

COUNT_COLUMNS = ["house_code", "tambon", "target_members"]


@dataclass(frozen=True)
class Progress:
    counts: pd.DataFrame | None  # status, label_th, label_en, households; None: no database
    visited_outside: int  # visited households that are not on the list
    error: StoreError | None = None

    @property
    def total(self) -> int:
        return 0 if self.counts is None else int(self.counts["households"].sum())


def case_progress(
    ctx: Context, area_code: str, year: int, viewer: access.Viewer | None = None
) -> Progress:
    """Target households of the area (within ``viewer``'s scope when given) by latest visit
    status, and the visited households outside the list.

    Counts come from the area tables (target households per tambon) and only the visited
    households are looked up, so a country-wide briefing never reads every household."""
    try:
        latest = visits.latest_status_by_household(ctx.engine())
    except StoreError as error:
        return Progress(None, 0, error)
    totals = target_totals(ctx, area_code, year, viewer)
    visited = visited_households(ctx, latest, area_code, year, viewer)
    counts, outside = monitoring.progress_from_counts(totals, visited, latest)
    return Progress(counts, outside)


def target_totals(ctx: Context, area_code: str, year: int, viewer: access.Viewer | None) -> int:
    """Target households of the area, summed over the tambons the viewer may count."""
    source = ctx.source("households")
    province = area_codes.parse(area_code).province
    if not source.covers(province) or year not in source.years():
        return 0
    parent = None if area_code in ("", "TH") else area_code
    dims = tuple(catalogue.dimension_codes())
    try:
        table = ctx.area_table("households", "tambon", province, parent, year, dims)
    except sources.DataNotAvailable:
        return 0
    if viewer is not None and viewer.areas:
        table = table[viewer.in_scope(table["code"])]
    return int(table["target_households"].fillna(0).sum())


def visited_households(
    ctx: Context,
    latest: pd.DataFrame,
    area_code: str,
    year: int,
    viewer: access.Viewer | None,
) -> pd.DataFrame:
    """house_code, tambon, target_members of the area's visited households (scope applied)."""
    mine = (
        latest
        if area_code in ("", "TH")
        else latest[latest["tambon_code"].astype(str).str.startswith(area_code)]
    )
    if viewer is not None and viewer.areas:
        mine = mine[viewer.in_scope(mine["tambon_code"].astype(str))]
    frames = []
    source = ctx.source("households")
    for tambon in sorted(set(mine["tambon_code"].astype(str))):
        if not source.covers(area_codes.parse(tambon).province):
            continue
        table = ctx.area_households(tambon, year)
        frames.append(table.loc[table["house_code"].isin(mine["house_code"]), COUNT_COLUMNS])
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COUNT_COLUMNS)

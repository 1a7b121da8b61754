"""The target list (ชี้เป้า): who to visit in the selected area, why, and in which order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

import geodata
from analytics.domain import access, followup, rules, target_lists
from analytics.services.bilingual import in_lang
from analytics.services.context import Context
from analytics.services.filters import Filters
from analytics.text import labels

TILES = (
    ("tile_households_area", "all"),
    ("tile_households_target", "target"),
    ("tile_households_mpi", "mpi_poor"),
    ("tile_households_vulnerable", "vulnerable"),
    ("tile_households_critical", "critical"),
)


@dataclass(frozen=True)
class TargetsView:
    rows: pd.DataFrame  # the filtered list (household-level: audited by the page)
    tiles: tuple[tuple[str, int], ...]  # (label key, count)
    stages: str  # "Survive 12 · Sufficient 30 · Sustainable 4"
    shown: pd.DataFrame  # the list in the reader's words, with positions
    routable: bool  # an amphoe or tambon: few enough stops for a day's route


def stage_label(stage: str, lang: str) -> str:
    return in_lang(rules.STAGE_LABELS[stage], lang)


def targets_view(
    ctx: Context,
    filters: Filters,
    viewer: access.Viewer,
    chosen: target_lists.ListFilters,
    latest: pd.DataFrame,
    followup_reasons: Mapping[str, str] | None = None,
) -> TargetsView:
    """``followup_reasons`` (house code -> reason codes): list those households instead, each
    with what the field team should collect (the data follow-up list, issue 14)."""
    table = ctx.area_households(filters.area_code, filters.year)
    everyone = target_lists.target_list(
        viewer, table, filters.area_code, target_lists.ListFilters("all"), latest
    )
    if followup_reasons is None:
        rows = target_lists.target_list(viewer, table, filters.area_code, chosen, latest)
    else:
        rows = everyone[everyone["house_code"].isin(list(followup_reasons))]
    tally = target_lists.counts(everyone)
    tiles = tuple((key, int(tally[name])) for key, name in TILES)
    shown = target_lists.display_frame(rows, filters.lang)
    if followup_reasons is not None:
        shown["reasons"] = followup_words(rows, followup_reasons, filters.lang)
    located = with_coordinates(ctx, rows, filters.year)
    shown["lat"], shown["lon"] = located["lat"].to_numpy(), located["lon"].to_numpy()
    return TargetsView(
        rows=rows,
        tiles=(*tiles, ("tile_households_listed", len(rows))),
        stages=" · ".join(f"{stage_label(s, filters.lang)} {tally[s]:,}" for s in rules.STAGES),
        shown=shown,
        routable=bool(filters.tambon or filters.amphoe),
    )


def followup_words(rows: pd.DataFrame, reasons: Mapping[str, str], lang: str) -> list[str]:
    words = {r: labels.t(f"fu_reason_{r}", lang) for r in followup.REASONS}
    return [followup.reasons_in_words(reasons[c], words) for c in rows["house_code"].astype(str)]


def with_coordinates(ctx: Context, rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """Positions for the listed households: the dataset's own where it has them, otherwise
    deterministic stand-ins inside the household's tambon, clustered by village."""
    out = rows.copy()
    missing = out["lat"].isna() | out["lon"].isna()
    for tambon in out.loc[missing, "tambon"].unique():
        try:
            points = ctx.household_points(tambon, year)
        except geodata.BoundariesUnavailable:  # no layers: the list stands, without positions
            return out
        if points.empty:
            continue
        located = points.set_index("house_code")
        mine = missing & (out["tambon"] == tambon)
        out.loc[mine, "lat"] = located["lat"].reindex(out.loc[mine, "house_code"]).to_numpy()
        out.loc[mine, "lon"] = located["lon"].reindex(out.loc[mine, "house_code"]).to_numpy()
    return out

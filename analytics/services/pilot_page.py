"""The pilot page's view (:mod:`analytics.services.pilots` holds the pieces)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from sqlalchemy.engine import Engine

import geodata
from analytics.domain import catalogue, pilots
from analytics.services.context import Context
from analytics.services.filters import Filters
from analytics.services.pilots import (
    SUMMARY_COLUMNS,
    SUMMARY_FORMATS,
    PilotsView,
    pilot_list,
    pilot_names,
    shown_numbers,
    tambon_table,
    visit_progress,
)
from analytics.text import formatting


def pilots_view(ctx: Context, filters: Filters) -> PilotsView:
    areas_ = pilot_list(ctx.engine)
    dims = ctx.resolved_dims(filters.source, None, "province", filters.dims)  # one rule, once
    tambons = tambon_table(ctx, filters.source, filters.year, dims)
    table = pilots.pilot_table(tambons, areas_)
    previous = None
    if filters.year - 1 in ctx.source(filters.source).years():
        before = tambon_table(ctx, filters.source, filters.year - 1, dims)
        previous = pilots.pilot_table(before, areas_)
    names = pilot_names(areas_, filters.lang)
    ranked = pilots.ranking(table, previous)
    ranked["code"] = ranked["code"].map(names)
    return PilotsView(
        pilot_areas=tuple(areas_),
        all_demo=all(p.is_demo for p in areas_),
        table=table,
        names=names,
        summary=summary(ctx, filters, table, areas_, names, dims),
        tambons=tambons,
        dimension_shares={
            names.get(row["code"], row["code"]): tuple(
                row[f"target_{d}"] / row["persons"] * 100 for d in catalogue.dimension_codes()
            )
            for _, row in table.iterrows()
        },
        indicator_rates=pilots.indicator_rates(table),
        ranking=ranked,
        has_previous=previous is not None,
        has_boundaries=boundaries_available(),
    )


def boundaries_available() -> bool:
    try:
        geodata.layer_source("tambon", list(pilots.PILOT_PROVINCES))
    except geodata.BoundariesUnavailable:
        return False
    return True


def summary(
    ctx: Context,
    filters: Filters,
    table: pd.DataFrame,
    pilot_areas: list[pilots.PilotArea],
    names: dict[str, str],
    dims: tuple[str, ...],
) -> pd.DataFrame:
    """Pilots beside their province and the country, with visit progress, as text."""
    provinces = ctx.area_table(filters.source, "province", None, None, filters.year, dims)
    country = float("nan")
    if filters.source == "real":
        whole = ctx.area_table("real", "country", None, None, 2561, ALL_DIMS)
        country = float(whole["rate"].iloc[0])
    out = table.merge(visit_progress(ctx.engine, pilot_areas), on="code")
    out["code"] = out["code"].map(names)
    out["province_rate"] = out["province"].map(provinces.set_index("code")["rate"])
    out["national_rate"] = country
    columns = list(SUMMARY_COLUMNS)
    if out["national_rate"].isna().all():  # household data: no national value to compare
        columns.remove("national_rate")
    rounded = formatting.round_columns(out, DISPLAY_DIGITS)
    return shown_numbers(rounded[columns], SUMMARY_FORMATS)


ALL_DIMS = tuple(catalogue.dimension_codes())
DISPLAY_DIGITS = {"rate": 2, "province_rate": 2, "national_rate": 2, "share_assisted": 1}
DISPLAY_DIGITS |= {"af_h": 4, "af_a": 4, "af_m0": 4}


def save_pilots(
    engine: Callable[[], Engine], rows: pd.DataFrame, username: str
) -> tuple[int, list[pilots.PilotArea]]:
    """Replace the pilot list with the edited rows (name, province, tambons "a, b"); the new
    version. Raises ValueError naming what is wrong."""
    from store import pilots as pilot_store

    new = [
        pilots.PilotArea(
            str(r.name),
            str(r.province),
            tuple(c.strip() for c in str(r.tambons).split(",") if c.strip()),
            is_demo=False,
        )
        for r in rows.itertuples()
    ]
    return pilot_store.replace_pilots(engine(), new, username), new

"""The overview of one area: the funnel, five dimensions, 17 indicators, child areas."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.data import sources
from analytics.domain import areas, catalogue
from analytics.services.context import Context
from analytics.services.filters import Filters
from analytics.text import formatting, labels

FUNNEL = ("households", "persons", "mpi_poor", "mpi_poor_registered", "target_poor")


@dataclass(frozen=True)
class Series:
    """One bar series over the 17 indicators (or the five dimensions)."""

    name: str
    values: tuple[float, ...]
    colour: str


@dataclass(frozen=True)
class OverviewView:
    row: pd.Series | None  # the area's row; None: nothing to show (``empty_note`` says why)
    empty_note: str
    heading: str
    funnel: tuple[tuple[str, str], ...]  # (label key, formatted value)
    dimension_names: tuple[str, ...]
    radar_values: tuple[float, ...]
    indicator_series: tuple[Series, ...]
    child_level: str | None
    children: pd.DataFrame | None  # None with a child level: the source has no such table


def area_row(ctx: Context, filters: Filters, year: int | None = None) -> pd.Series | None:
    """The selected area's own row of the area table (None when it has no persons)."""
    table = ctx.area_table(
        filters.source,
        filters.level,
        filters.province,
        filters.parent,
        filters.year if year is None else year,
        filters.dims,
    )
    table = table[table["code"] == filters.area_code]
    if table.empty or not table["persons"].gt(0).any():
        return None
    return table.iloc[0]


def overview(ctx: Context, filters: Filters) -> OverviewView:
    lang = filters.lang
    source = ctx.source(filters.source)
    row = area_row(ctx, filters)
    name = areas.area_name(filters.area_code, lang)
    key = "no_data_area" if source.covers(filters.province) else "no_households_here"
    if row is None:
        return OverviewView(None, labels.t(key, lang, area=name), "", (), (), (), (), None, None)
    funnel = tuple((k, formatting.format_count(row[k])) for k in FUNNEL)
    funnel += (("rate", formatting.format_rate(row["rate"])),)
    dims = catalogue.dimension_codes()
    columns = list(catalogue.indicator_frame()["column"])
    series = (  # Paul Tol's colour-blind-safe pair
        Series(labels.t("all_failing", lang), tuple(row[f"fail_{c}"] for c in columns), "#4477AA"),
        Series(
            labels.t("target_failing", lang),
            tuple(row[f"target_fail_{c}"] for c in columns),
            "#EE6677",
        ),
    )
    child = sources.child_level(filters.level)
    children = None
    if child and source.has_level(filters.province, child):
        children = ctx.area_table(
            filters.source, child, filters.province, filters.parent, filters.year, filters.dims
        )
    return OverviewView(
        row=row,
        empty_note="",
        heading=f"{name} · {formatting.year_label(filters.year, lang)}",
        funnel=funnel,
        dimension_names=tuple(catalogue.dimension_name(d, lang) for d in dims),
        radar_values=tuple(float(row[f"target_{d}"]) for d in dims),
        indicator_series=series,
        child_level=child,
        children=children,
    )

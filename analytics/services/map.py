"""The map page: the choropleth of a measure for the filters, villages and household points of
a tambon, the selected area's numbers, municipal and village tables."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

import geodata
from analytics.domain import access, areas
from analytics.domain.map_measures import MapMeasure
from analytics.services import map_spec
from analytics.services.context import Context
from analytics.services.filters import Filters
from analytics.text import labels


@dataclass(frozen=True)
class MapPage:
    view: map_spec.MapView
    content: map_spec.MapContent
    table_total: float  # the measure summed over the area table (beside the map's total)
    points_note: str | None
    points_shown: int  # household locations drawn (a household-level read: audited)
    details: pd.Series | None  # the selected area's row
    municipal: pd.DataFrame  # municipal pseudo-tambons (code, numbers)
    villages: pd.DataFrame | None  # the tambon's villages; None: the source has no such table
    show_villages: bool


def boundaries_available(filters: Filters) -> bool:
    try:
        geodata.layer_source("tambon", [filters.province] if filters.province else None)
    except geodata.BoundariesUnavailable:
        return False
    return True


def level_options(filters: Filters) -> list[str]:
    return ["province"] if filters.province is None else ["tambon", "amphoe"]


def map_page(
    ctx: Context,
    filters: Filters,
    viewer: access.Viewer,
    measure: MapMeasure,
    level: str,
    method: str,
) -> MapPage:
    view = map_spec.view_for(filters, level, filters.source)
    table = ctx.area_table(
        filters.source,
        view.level,
        view.table_province,
        view.table_parent,
        filters.year,
        filters.dims,
    )
    selected = filters.tambon or filters.amphoe or filters.province
    gdf = ctx.layer(view.level, view.provinces, view.amphoe)
    geojson = ctx.layer_json(view.level, view.provinces, view.amphoe)
    content = map_spec.build_spec(
        view, table, measure, method, filters.lang, selected, filters.source, gdf, geojson
    )
    points_note, shown = None, 0
    villages = None
    has_villages = ctx.source(filters.source).has_level(filters.province, "village")
    if filters.tambon and has_villages:
        villages = ctx.area_table(
            filters.source,
            "village",
            filters.province,
            filters.tambon,
            filters.year,
            filters.dims,
        )
    if filters.tambon and filters.source == "households":
        content, shown = with_households(ctx, filters, viewer, measure, content, villages)
        points_note = labels.t("village_points_note", filters.lang)
        if not map_spec.show_household_points(viewer, filters.tambon):
            points_note += " " + labels.t("household_points_hidden", filters.lang)
    details = ctx.area_table(
        filters.source,
        filters.level,
        filters.province,
        filters.parent,
        filters.year,
        filters.dims,
    )
    municipal = content.joined.municipal.rename(columns={map_spec.CODE_COLUMN[view.level]: "code"})
    return MapPage(
        view=view,
        content=content,
        table_total=float(table[measure.key].sum()),
        points_note=points_note,
        points_shown=shown,
        details=details.iloc[0] if len(details) else None,
        municipal=municipal,
        villages=villages,
        show_villages=bool(filters.tambon),
    )


def with_households(
    ctx: Context,
    filters: Filters,
    viewer: access.Viewer,
    measure: MapMeasure,
    content: map_spec.MapContent,
    villages: pd.DataFrame | None,
) -> tuple[map_spec.MapContent, int]:
    """The tambon's village points (and household points, for those who may see them)."""
    assert filters.tambon is not None
    lang = filters.lang
    points = ctx.household_points(filters.tambon, filters.year)
    by_code = (villages if villages is not None else pd.DataFrame(columns=["code"])).set_index(
        "code"
    )
    centres = points.groupby("village_id")[["lon", "lat"]].mean()
    village_items = [
        {
            "code": code,
            "lon": float(r.lon),
            "lat": float(r.lat),
            "tooltip": map_spec.tooltip(
                areas.area_name(str(code), lang),
                measure,
                by_code.loc[[code]].iloc[0] if code in by_code.index else pd.Series(dtype=float),
                lang,
            ),
        }
        for code, r in centres.iterrows()
    ]
    house_points = (
        list(zip(points["lat"].round(5), points["lon"].round(5), strict=True))
        if map_spec.show_household_points(viewer, filters.tambon)
        else []
    )
    spec = content.spec
    spec = dataclasses.replace(
        spec,
        villages=village_items,
        households=house_points,
        labels=spec.labels + map_spec.village_labels(village_items, lang),
        fit=map_spec.with_points(  # only the points this viewer is shown widen the view
            spec.fit or spec.bounds, [p[1] for p in house_points], [p[0] for p in house_points]
        ),
    )
    return dataclasses.replace(content, spec=spec), len(house_points)

"""The map's content without Streamlit: which layer, the choropleth spec, labels, points.

The app edge caches the layers (``ui.cache``) and passes them in.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

import geodata
from analytics.domain import access, areas, catalogue, classify, pilots
from analytics.domain.map_measures import MapMeasure
from analytics.services.filters import Filters
from analytics.text import formatting, labels
from geodata.choropleth import ChoroplethSpec
from geodata.validate import CODE_COLUMN

NAME_COLUMN = {"province": "province_th", "amphoe": "amphoe_th", "tambon": "tambon_th"}


@dataclass(frozen=True)
class MapView:
    """Which layer the map shows for the current filters."""

    level: str  # province, amphoe or tambon polygons
    provinces: tuple[str, ...] | None  # None = whole country
    amphoe: str | None  # limit tambons to one amphoe
    table_province: str | None  # arguments for the area table
    table_parent: str | None


def view_for(filters: Filters, level: str, source_kind: str) -> MapView:
    """The layer for the filters: provinces of the country (the pilot provinces for household
    data), else one province's tambons or amphoes (one amphoe's tambons when one is chosen)."""
    if filters.province is None:
        provinces = None if source_kind == "real" else tuple(pilots.PILOT_PROVINCES)
        return MapView("province", provinces, None, None, None)
    amphoe = filters.amphoe if level == "tambon" else None
    parent = amphoe or filters.province
    return MapView(level, (filters.province,), amphoe, filters.province, parent)


def show_household_points(viewer: access.Viewer, tambon: str) -> bool:
    """Household locations: only for roles that see households, inside their areas."""
    return viewer.sees_households and viewer.covers(tambon)


def tooltip(name: str, measure: MapMeasure, row, lang: str) -> str:
    """Name and key numbers of an area; areas without a row say "no data"."""
    title = f"<b>{html.escape(name)}</b>"
    value = row.get("persons", np.nan) if len(row) else np.nan
    if not np.isfinite(value):
        return f"{title}<br>{labels.t('legend_no_data', lang)}"
    lines = [
        title,
        f"{html.escape(measure.label(lang))}: <b>{measure.format(row[measure.key])}</b>",
    ]
    if measure.key != "target_poor":
        lines.append(
            f"{labels.t('target_poor', lang)}: {formatting.format_count(row['target_poor'])}"
        )
    if measure.key != "rate":
        lines.append(f"{labels.t('rate', lang)}: {formatting.format_rate(row['rate'])}")
    return "<br>".join(lines)


@dataclass(frozen=True)
class MapContent:
    spec: ChoroplethSpec
    legend: list[tuple[str, str]]
    joined: geodata.JoinResult
    note: str | None = None  # why the legend is empty or has one class


def label_limit() -> int:
    """Most areas whose names are drawn on the map (settings ``[map] label_limit``)."""
    return int(catalogue.settings().get("map", {}).get("label_limit", 40))


def area_labels(gdf: gpd.GeoDataFrame, code_column: str, lang: str) -> list[dict]:
    """Names at a point inside each polygon, when there are few enough to read."""
    if not 0 < len(gdf) <= label_limit():
        return []
    points = gdf.geometry.representative_point()
    return [
        {"lon": p.x, "lat": p.y, "text": areas.area_name(str(code), lang), "kind": "area"}
        for code, p in zip(gdf[code_column], points, strict=True)
    ]


def clear_of_squares(names: list[dict], squares: list[dict], gdf: gpd.GeoDataFrame) -> list[dict]:
    """Names that would sit on a municipal square are drawn just above it instead."""
    minx, miny, maxx, maxy = gdf.total_bounds
    near = 0.02 * max(maxx - minx, maxy - miny)
    return [
        {**n, "above": True}
        if any(abs(n["lon"] - q["lon"]) < near and abs(n["lat"] - q["lat"]) < near for q in squares)
        else n
        for n in names
    ]


def village_labels(villages: list[dict], lang: str) -> list[dict]:
    """Village names under their points (a tambon's villages)."""
    if len(villages) > label_limit():
        return []
    return [
        {
            "lon": v["lon"],
            "lat": v["lat"],
            "text": areas.area_name(v["code"], lang),
            "kind": "village",
        }
        for v in villages
    ]


def fit_bounds(
    gdf: gpd.GeoDataFrame, code_column: str, selected: str | None
) -> tuple[float, float, float, float]:
    """What the map must show: the selected area when it is drawn, else the whole layer."""
    chosen = gdf[gdf[code_column].astype(str) == str(selected)] if selected else gdf.iloc[:0]
    minx, miny, maxx, maxy = (chosen if len(chosen) else gdf).total_bounds
    return float(minx), float(miny), float(maxx), float(maxy)


def with_points(
    bounds: tuple[float, float, float, float], lons, lats
) -> tuple[float, float, float, float]:
    """``bounds`` grown to hold every point (households placed outside their polygon too)."""
    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    ok = np.isfinite(lons) & np.isfinite(lats)
    if not ok.any():
        return bounds
    minx, miny, maxx, maxy = bounds
    return (
        min(minx, float(lons[ok].min())),
        min(miny, float(lats[ok].min())),
        max(maxx, float(lons[ok].max())),
        max(maxy, float(lats[ok].max())),
    )


def legend_note(breaks: np.ndarray, measure: MapMeasure, source_kind: str, lang: str) -> str | None:
    """Why a legend is empty (aggregates carry no household scores) or has a single class."""
    if not len(breaks):
        aggregates = source_kind == "real" and measure.key.startswith("af_")
        return labels.t("map_no_scores_aggregates" if aggregates else "map_no_values", lang)
    if len(breaks) == 1:
        return labels.t("map_one_class", lang, value=measure.format(breaks[0]))
    return None


def layer(level: str, provinces: tuple[str, ...] | None, amphoe: str | None) -> gpd.GeoDataFrame:
    """Simplified boundaries of ``level`` (limited to one amphoe's tambons when given)."""
    gdf = geodata.prepared_layer(level, provinces)
    if amphoe:
        gdf = gdf[gdf["amphoe_code"] == amphoe].reset_index(drop=True)
    return gdf


def household_points(rows: pd.DataFrame, tambon: str, tambons: gpd.GeoDataFrame) -> pd.DataFrame:
    """Positions of a tambon's households (house_code, village_id, lon, lat): the dataset's own
    where it has them, else deterministic stand-ins inside the tambon, clustered by village."""
    empty = pd.DataFrame(columns=["house_code", "village_id", "lon", "lat"])
    geom = tambons.set_index("tambon_code").geometry
    if rows.empty:
        return empty
    lon = rows["lon"].to_numpy(dtype=float, na_value=np.nan, copy=True)
    lat = rows["lat"].to_numpy(dtype=float, na_value=np.nan, copy=True)
    missing = np.isnan(lon) | np.isnan(lat)
    if missing.any() and tambon in geom.index:
        lon[missing], lat[missing] = geodata.points_in_polygons(
            {tambon: geom[tambon]},
            np.full(int(missing.sum()), tambon),
            seed=2561,
            villages=rows["village_id"].to_numpy()[missing],
        )
    frame = pd.DataFrame(
        {
            "house_code": rows["house_code"].to_numpy(),
            "village_id": rows["village_id"].to_numpy(),
            "lon": lon,
            "lat": lat,
        }
    )
    return frame.dropna(subset=["lon", "lat"]) if len(frame) else empty


def municipal_items(
    municipal: pd.DataFrame, code_column: str, measure: MapMeasure, breaks: np.ndarray, lang: str
) -> list[dict[str, Any]]:
    """Municipal pseudo-tambons as coloured squares at their anchors (offset: no stacking)."""
    if not len(municipal):
        return []
    classes = classify.assign_classes(municipal[measure.key], breaks)
    colours = classify.colours_for(classes, len(breaks))
    offset = municipal.groupby("amphoe_code").cumcount().to_numpy() * 0.02
    items = []
    for i, (_, row) in enumerate(municipal.iterrows()):
        if np.isnan(row["anchor_lon"]):
            continue
        code = str(row[code_column])
        items.append(
            {
                "code": code,
                "lon": float(row["anchor_lon"] + offset[i]),
                "lat": float(row["anchor_lat"]),
                "colour": colours[i],
                "tooltip": tooltip(areas.area_name(code, lang), measure, row, lang),
            }
        )
    return items


def build_spec(
    view: MapView,
    table: pd.DataFrame,
    measure: MapMeasure,
    method: str,
    lang: str,
    selected: str | None,
    source_kind: str,
    gdf: gpd.GeoDataFrame,
    geojson: str,
) -> MapContent:
    """Join the area table to the layer ``gdf`` (sent as ``geojson``), classify the measure,
    and describe what to draw."""
    code_column = CODE_COLUMN[view.level]
    table = table.rename(columns={"code": code_column})
    joined = geodata.join_area_table(
        gdf, table.drop(columns=["level"], errors="ignore"), level=view.level
    )
    polygons, municipal = joined.polygons, joined.municipal
    values = pd.concat([polygons[measure.key], municipal.get(measure.key, pd.Series(dtype=float))])
    breaks = classify.class_breaks(values, method)
    poly_classes = classify.assign_classes(polygons[measure.key], breaks)
    colours = classify.colours_for(poly_classes, len(breaks))
    codes = polygons[code_column].astype(str).tolist()
    colour_by_code = {
        c: col for c, col, k in zip(codes, colours, poly_classes, strict=True) if k >= 0
    }
    tips = {
        code: tooltip(areas.area_name(code, lang), measure, row, lang)
        for code, (_, row) in zip(codes, polygons.iterrows(), strict=True)
    }
    muni_items = municipal_items(municipal, code_column, measure, breaks, lang)
    legend = classify.legend_entries(breaks, values, measure.format, digits=measure.digits)
    legend.append((classify.NO_DATA_COLOUR, labels.t("legend_no_data", lang)))
    spec = ChoroplethSpec(
        geojson=geojson,
        code_property=code_column,
        colours=colour_by_code,
        tooltips=tips,
        bounds=fit_bounds(gdf, code_column, None),
        no_data_colour=classify.NO_DATA_COLOUR,
        selected=selected,
        municipal=muni_items,
        labels=clear_of_squares(area_labels(gdf, code_column, lang), muni_items, gdf),
        fit=fit_bounds(gdf, code_column, selected),
    )
    return MapContent(spec, legend, joined, legend_note(breaks, measure, source_kind, lang))

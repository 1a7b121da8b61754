"""Today's route drawn on a map: numbered stops in visiting order, the start, the route line
and the area's outline (folium, no Streamlit; the target-list page shows it)."""

from __future__ import annotations

import html

import folium
import geopandas as gpd
import pandas as pd

import geodata
from analytics.domain import catalogue
from geodata import basemap

STOP_STYLE = (
    "background:{fill};color:#fff;border:2px solid #fff;border-radius:50%;width:24px;"
    "height:24px;box-sizing:border-box;display:flex;align-items:center;"
    "justify-content:center;font:bold 11px/1 sans-serif;box-shadow:0 0 2px #000"
)


def map_stops() -> int:
    return int(catalogue.settings().get("field", {}).get("map_stops", 300))


def _stop_icon(number: int, critical: bool) -> folium.DivIcon:
    fill = "#c0392b" if critical else "#1f4e79"
    return folium.DivIcon(
        html=f'<div style="{STOP_STYLE.format(fill=fill)}">{number}</div>',
        icon_size=(24, 24),
        icon_anchor=(12, 12),
    )


def route_map(
    routed: pd.DataFrame,
    start: tuple[float, float] | None,
    outline: gpd.GeoDataFrame,
    stops: int,
) -> folium.Map:
    """Numbered stops (DivIcon: no CDN image), the route line in visiting order, the start,
    the area's outline, the whole route in view; a base map only when configured. At most
    ``stops`` stops are drawn (a phone stays usable); the table says how many are left out."""
    shown = routed.dropna(subset=["lat", "lon"]).head(stops)
    tiles = basemap.configured()
    m = geodata.offline_map(
        location=None,
        attribution=geodata.ATTRIBUTION,
        tiles=tiles.url,
        **({"attr": tiles.attribution, "max_zoom": tiles.max_zoom} if tiles.url else {}),
    )
    folium.GeoJson(
        geodata.to_web_geojson(outline, ["tambon_code"]),
        style_function=lambda _: {"fill": False, "color": "#1f4e79", "weight": 2},
    ).add_to(m)
    path = shown[["lat", "lon"]].round(6).to_numpy().tolist()
    if start is not None:
        path = [list(start), *path]
        folium.CircleMarker(
            start, radius=9, color="#000", fill=True, fill_color="#f1c40f", fill_opacity=1
        ).add_to(m)
    if len(path) > 1:
        folium.PolyLine(path, color="#e67e22", weight=3, opacity=0.8).add_to(m)
    for row in shown.itertuples():
        folium.Marker(
            (float(row.lat), float(row.lon)),  # type: ignore[arg-type]
            icon=_stop_icon(int(row.order), bool(row.critical)),  # type: ignore[arg-type]
            tooltip=html.escape(f"{int(row.order)}. {row.house_code}"),  # type: ignore[arg-type]
        ).add_to(m)
    points = path or outline_bounds(outline)
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    # room at the bottom for the attribution, which wraps over three lines on a phone
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
    m.fit_bounds(bounds, padding_top_left=(30, 30), padding_bottom_right=(30, 80))
    return m


def outline_bounds(outline) -> list[list[float]]:
    minx, miny, maxx, maxy = outline.total_bounds
    return [[miny, minx], [maxy, maxx]]

"""Map page plumbing at the app edge: the cached layers, the spec built from them, clicks.

What the map shows is decided in :mod:`analytics.services.map_spec` (names re-exported here).
"""

from __future__ import annotations

import folium
import pandas as pd

from analytics.domain.map_measures import MapMeasure
from analytics.services import map_spec
from analytics.services.map_spec import (  # noqa: F401 - the page's and tests' names
    CODE_COLUMN,
    MapContent,
    MapView,
    area_labels,
    clear_of_squares,
    fit_bounds,
    label_limit,
    legend_note,
    show_household_points,
    tooltip,
    view_for,
    village_labels,
    with_points,
)
from geodata import ATTRIBUTION, basemap  # noqa: F401 - the page's attribution line
from geodata.choropleth import ChoroplethSpec, build_map
from ui import cache

layer = cache.layer
layer_json = cache.layer_json
household_points = cache.household_points


def build_spec(
    view: MapView,
    table: pd.DataFrame,
    measure: MapMeasure,
    method: str,
    lang: str,
    selected: str | None,
    source_kind: str = "households",
) -> MapContent:
    """:func:`analytics.services.map_spec.build_spec` on the cached layer of ``view``."""
    gdf = cache.layer(view.level, view.provinces, view.amphoe)
    geojson = cache.layer_json(view.level, view.provinces, view.amphoe)
    return map_spec.build_spec(
        view, table, measure, method, lang, selected, source_kind, gdf, geojson
    )


def folium_map(spec: ChoroplethSpec) -> folium.Map:
    """The folium map of ``spec`` on the configured basemap (none offline)."""
    return build_map(spec, basemap.configured())


def clicked_code(value: dict | None) -> str | None:
    """The area code of the feature streamlit-folium reports as clicked."""
    feature = (value or {}).get("last_active_drawing") or {}
    props = feature.get("properties") or {}
    for key in ("tambon_code", "amphoe_code", "province_code", "code"):
        if props.get(key):
            return str(props[key])
    return None

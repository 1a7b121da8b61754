"""Map plumbing at the app edge: the cached layers, the folium map of a spec, clicks.

What the map shows is decided in :mod:`analytics.services.map_spec`.
"""

from __future__ import annotations

import folium

from geodata import ATTRIBUTION, basemap  # noqa: F401 - the page's attribution line
from geodata.choropleth import ChoroplethSpec, build_map
from ui import cache

layer = cache.layer
layer_json = cache.layer_json


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

"""Boundaries for Chipao: load ► validate ► prepare ► cache ► join (pure Python, no Streamlit).

Boundaries: Royal Thai Survey Department / OCHA (HDX COD-AB), CC BY-IGO 3.0 —
show :data:`ATTRIBUTION` with every map (``offline_map(attribution=ATTRIBUTION)``).

The folium helpers of ``geodata.assets`` are exported lazily (importing
``geodata`` does not import folium); ``geodata.download`` is the CLI.
"""

from typing import Any

from analytics.domain.pilots import PILOT_PROVINCES
from geodata.boundaries import (
    ATTRIBUTION,
    BoundariesUnavailable,
    geodata_dir,
    layer_source,
    load_boundary_file,
    load_layer,
    validation_report,
)
from geodata.join import JoinResult, is_municipal_code, join_area_table
from geodata.prepare import (
    DEFAULT_TOLERANCE,
    cache_dir,
    layer_geojson,
    prepare_file,
    prepared_layer,
    simplify_coverage,
)
from geodata.synthetic_points import points_in_polygons
from geodata.validate import (
    LEVELS,
    MissingCRSError,
    ValidationReport,
    normalize_code,
    repair_geometry,
    validate_layer,
)
from geodata.web_geojson import to_web_geojson

_ASSETS = ("OfflineAssetError", "OfflineMap", "localize_assets", "offline_html", "offline_map")


def __getattr__(name: str) -> Any:
    if name in _ASSETS:
        from geodata import assets

        return getattr(assets, name)
    raise AttributeError(f"module 'geodata' has no attribute {name!r}")


__all__ = [
    *_ASSETS,
    "ATTRIBUTION",
    "DEFAULT_TOLERANCE",
    "LEVELS",
    "PILOT_PROVINCES",
    "BoundariesUnavailable",
    "JoinResult",
    "MissingCRSError",
    "ValidationReport",
    "cache_dir",
    "geodata_dir",
    "is_municipal_code",
    "join_area_table",
    "layer_geojson",
    "layer_source",
    "load_boundary_file",
    "load_layer",
    "normalize_code",
    "points_in_polygons",
    "prepare_file",
    "prepared_layer",
    "repair_geometry",
    "simplify_coverage",
    "to_web_geojson",
    "validate_layer",
    "validation_report",
]

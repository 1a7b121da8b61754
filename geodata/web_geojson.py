"""Compact GeoJSON for the browser: rounded coordinates, only the properties a map needs."""

from __future__ import annotations

import json
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

COORD_DECIMALS = 5  # ~1.1 m at the equator


def _json_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def to_web_geojson(
    gdf: gpd.GeoDataFrame,
    properties: Sequence[str],
    *,
    decimals: int = COORD_DECIMALS,
) -> str:
    """Compact GeoJSON FeatureCollection: rounded coordinates, only ``properties``.

    Rounding moves shared vertices identically, so neighbours stay edge-matched.
    NaN becomes ``null``; the output is strict JSON.
    """
    missing = [p for p in properties if p not in gdf.columns]
    if missing:
        raise KeyError(f"properties not in layer: {missing}")
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        raise ValueError("to_web_geojson expects EPSG:4326 (validate the layer first)")
    geoms = shapely.transform(gdf.geometry.to_numpy(), lambda xy: np.round(xy, decimals))
    geoms = shapely.remove_repeated_points(geoms)
    geom_json = shapely.to_geojson(geoms)
    columns = [gdf[p].tolist() for p in properties]
    features = []
    for i, g in enumerate(geom_json):
        props = {p: _json_value(col[i]) for p, col in zip(properties, columns, strict=True)}
        text = json.dumps(props, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        features.append(f'{{"type":"Feature","properties":{text},"geometry":{g}}}')
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"

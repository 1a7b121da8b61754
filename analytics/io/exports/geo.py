"""GeoJSON and KML of a visit list: one point per household with coordinates."""

from __future__ import annotations

import html
import json

import numpy as np
import pandas as pd

from analytics.io.exports.table import FLOAT_COLUMNS, YES_NO, cell_value, headers, visit_table
from analytics.text import labels

KML_ICON = "http://maps.google.com/mapfiles/kml/pushpin/wht-pushpin.png"


def coordinates_mask(df: pd.DataFrame) -> np.ndarray:
    """True for rows with a usable lat/lon (finite and in range)."""
    if "lat" not in df.columns or "lon" not in df.columns:
        return np.zeros(len(df), dtype=bool)
    lat = pd.to_numeric(df["lat"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lon = pd.to_numeric(df["lon"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        return np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)


def skipped_without_coordinates(df: pd.DataFrame) -> int:
    """How many rows the GeoJSON and KML exports leave out for lack of coordinates."""
    return int((~coordinates_mask(df)).sum())


def _json_value(value: object) -> object:
    value = cell_value(value)
    return bool(value) if isinstance(value, np.bool_) else value


def to_geojson_bytes(df: pd.DataFrame) -> bytes:
    """RFC 7946 FeatureCollection of Points, coordinates [lon, lat] (WGS 84), UTF-8.

    Property keys are the English column names (``house_code``, ``reasons``, ...): stable keys
    that GIS tools and scripts can rely on; the values stay Thai. ``EXPORT_HEADERS_TH`` gives
    the Thai label of each key. Rows without coordinates are left out: see
    ``skipped_without_coordinates``.
    """
    table = visit_table(df)
    located = table[coordinates_mask(table)]
    props = [c for c in located.columns if c not in FLOAT_COLUMNS]
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(float(row["lon"]), 7), round(float(row["lat"]), 7)],
            },
            "properties": {c: _json_value(row[c]) for c in props},
        }
        for _, row in located.iterrows()
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def _placemark_name(row: pd.Series) -> str:
    parts = [f"{row['order']}." if pd.notna(row.get("order")) else None, row.get("house_code")]
    return " ".join(p for p in parts if p) or "-"


def _placemark_description(row: pd.Series, lang: str) -> str:
    """HTML lines (escaped), which Google Earth, Organic Maps and OsmAnd show as text."""
    names = headers(lang)
    lines = []
    for key in ("village_name", "tambon_name", "head_name", "members", "target_members"):
        if cell_value(row.get(key)) is not None:
            lines.append(f"{names[key]}: {row[key]}")
    if row.get("critical"):
        lines.append(f"{names['critical']}: {YES_NO[lang][0]}")
    if row.get("reasons"):
        lines.extend(part.strip() for part in str(row["reasons"]).split(";") if part.strip())
    if row.get("failed_indicators"):
        lines.append(f"{names['failed_indicators']}: {row['failed_indicators']}")
    return "<br/>".join(html.escape(line) for line in lines)


def to_kml_bytes(df: pd.DataFrame, name: str | None = None, lang: str = "th") -> bytes:
    """KML 2.2 placemarks "order. house_code" in visiting order; critical households in red.

    ``name`` defaults to the Thai list title. Rows without coordinates are left out (see
    ``skipped_without_coordinates``).
    """
    import simplekml

    title = name if name is not None else labels.t("export_list_title", "th")
    kml = simplekml.Kml(name=title)
    styles = {}
    for critical, colour in ((True, simplekml.Color.red), (False, simplekml.Color.blue)):
        style = simplekml.Style()
        style.iconstyle.icon.href = KML_ICON
        style.iconstyle.color = colour
        styles[critical] = style
    table = visit_table(df)
    for _, row in table[coordinates_mask(table)].iterrows():
        point = kml.newpoint(
            name=_placemark_name(row), coords=[(float(row["lon"]), float(row["lat"]))]
        )
        point.description = _placemark_description(row, lang)
        point.style = styles[bool(row.get("critical"))]
    return kml.kml().encode("utf-8")

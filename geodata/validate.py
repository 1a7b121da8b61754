"""Checks run on every boundary layer when it is loaded.

CRS to EPSG:4326, geometry repair (polygonal parts only), DOPA code checks
against the ``geothai`` package. The result is the cleaned frame plus a
:class:`ValidationReport` that a page or the CLI can show as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import geothai
import numpy as np
import pandas as pd
import shapely

from analytics.domain import area_codes
from analytics.text import labels

LEVELS = ("tambon", "amphoe", "province")
CODE_COLUMN = {
    "tambon": "tambon_code",
    "amphoe": "amphoe_code",
    "province": "province_code",
}
CODE_LENGTH = {level: area_codes.LEVEL_LENGTH[level] for level in LEVELS}  # one parser
# Parent code columns derived from a code's prefix (DOPA codes nest).
PARENT_COLUMNS = {
    "tambon": ("amphoe_code", "province_code"),
    "amphoe": ("province_code",),
    "province": (),
}
# Generous bounding box of Thailand (lon_min, lat_min, lon_max, lat_max).
THAILAND_BBOX = (97.0, 5.0, 106.5, 21.0)
WGS84 = "EPSG:4326"

_HDX_PREFIX = re.compile(r"^TH(?=\d)", re.IGNORECASE)


class MissingCRSError(ValueError):
    """The file does not say which coordinate reference system it uses."""


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    return level


def normalize_code(value: object) -> str:
    """DOPA code as a string: ``'TH600102'`` -> ``'600102'``, ``600102`` -> ``'600102'``.

    No zero-padding: DOPA province codes run from 10 to 96, so a valid code
    never starts with 0 and a short code is reported as malformed, not guessed.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    text = str(value).strip()
    return _HDX_PREFIX.sub("", text)


def normalize_codes(values: Iterable[object], level: str) -> pd.Series:
    """:func:`normalize_code` over a column (``level`` is checked, kept for callers)."""
    check_level(level)
    return pd.Series([normalize_code(v) for v in values], dtype=object)


def is_well_formed(code: str, level: str) -> bool:
    return len(code) == CODE_LENGTH[level] and code.isdigit()


def add_parent_codes(gdf: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """Fill amphoe/province code columns from the code prefix where they are missing."""
    code = gdf[CODE_COLUMN[level]].astype(str)
    for parent in PARENT_COLUMNS[level]:
        width = CODE_LENGTH[parent.removesuffix("_code")]
        derived = code.str[:width]
        if parent not in gdf.columns:
            gdf[parent] = derived
        else:
            current = gdf[parent].astype(object)
            gdf[parent] = current.where(current.notna() & (current != ""), derived)
    return gdf


# -- geothai ----------------------------------------------------------------


def geothai_codes(level: str, province_codes: Iterable[str]) -> set[str]:
    """All geothai codes of ``level`` inside the given provinces."""
    check_level(level)
    out: set[str] = set()
    for p in province_codes:
        if geothai.province(p) is None:
            continue
        if level == "province":
            out.add(p)
            continue
        for d in geothai.districts(p):
            if level == "amphoe":
                out.add(d.code)
            else:
                out.update(s.code for s in geothai.subdistricts(d.code))
    return out


def _known(code: str, level: str) -> bool:
    lookup = {
        "tambon": geothai.subdistrict,
        "amphoe": geothai.district,
        "province": geothai.province,
    }[level]
    return lookup(code) is not None


# -- geometry ---------------------------------------------------------------


def polygonal_part(geom: shapely.Geometry | None) -> shapely.Geometry | None:
    """Polygon/MultiPolygon made of the polygonal parts of ``geom`` (None if it has none)."""
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, (shapely.Polygon, shapely.MultiPolygon)):
        return geom
    parts = [
        p for p in shapely.get_parts(geom) if isinstance(p, (shapely.Polygon, shapely.MultiPolygon))
    ]
    polys = [q for p in parts for q in shapely.get_parts(p) if not q.is_empty]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def repair_geometry(geom: shapely.Geometry | None) -> shapely.Geometry | None:
    """``make_valid`` then keep polygonal parts (slivers collapse to lines and are dropped)."""
    if geom is None or geom.is_empty:
        return None
    if geom.is_valid:
        return polygonal_part(geom)
    return polygonal_part(shapely.make_valid(geom))


def to_wgs84(gdf: gpd.GeoDataFrame, source: str = "layer") -> gpd.GeoDataFrame:
    if gdf.crs is None:
        words = labels.text("layer_no_crs", source=source)
        raise MissingCRSError(f"{words.en} / {words.th}")
    if gdf.crs.equals(WGS84):
        return gdf
    return gdf.to_crs(WGS84)


# -- report -----------------------------------------------------------------


@dataclass(frozen=True)
class ValidationReport:
    """What was checked and changed when a layer was loaded."""

    level: str
    source: str
    n_features: int
    provinces: tuple[str, ...]
    reprojected_from: str | None = None
    not_in_geothai: tuple[str, ...] = ()
    missing_from_file: tuple[str, ...] = ()
    malformed_codes: tuple[str, ...] = ()
    merged_duplicates: tuple[str, ...] = ()
    repaired: tuple[str, ...] = ()
    dropped_empty: tuple[str, ...] = ()
    outside_thailand: tuple[str, ...] = ()

    @property
    def codes_match(self) -> bool:
        return not (self.not_in_geothai or self.missing_from_file or self.malformed_codes)

    @property
    def ok(self) -> bool:
        return self.codes_match and not (self.dropped_empty or self.outside_thailand)

    def summary(self) -> str:
        lines = [
            f"{self.source}: {self.n_features} {self.level} features, "
            f"provinces {', '.join(self.provinces) or '-'}"
        ]
        if self.reprojected_from:
            lines.append(f"reprojected from {self.reprojected_from} to {WGS84}")
        for label, items in (
            ("codes not in geothai", self.not_in_geothai),
            ("geothai codes missing from file", self.missing_from_file),
            ("malformed codes", self.malformed_codes),
            ("duplicate codes merged", self.merged_duplicates),
            ("geometries repaired", self.repaired),
            ("empty geometries dropped", self.dropped_empty),
            ("features outside Thailand (wrong CRS?)", self.outside_thailand),
        ):
            if items:
                shown = ", ".join(items[:20]) + (" …" if len(items) > 20 else "")
                lines.append(f"{label} ({len(items)}): {shown}")
        return "\n".join(lines)


def validate_layer(
    gdf: gpd.GeoDataFrame, level: str, *, source: str = "layer"
) -> tuple[gpd.GeoDataFrame, ValidationReport]:
    """Reproject, repair and check a layer that already has its DOPA code column.

    The code column (``tambon_code`` …) must hold normalised codes
    (see :func:`normalize_codes`). Returns a new frame; the input is not changed.
    """
    check_level(level)
    col = CODE_COLUMN[level]
    if col not in gdf.columns:
        raise KeyError(f"{source}: no {col!r} column (columns: {list(gdf.columns)})")
    crs_before = gdf.crs
    out = to_wgs84(gdf, source).copy()
    reprojected = None if crs_before.equals(WGS84) else crs_before.to_string()
    out[col] = out[col].astype(str)

    repaired_mask = ~out.geometry.is_valid.to_numpy() & out.geometry.notna().to_numpy()
    geoms = np.array([repair_geometry(g) for g in out.geometry.values], dtype=object)
    empty = np.array([g is None for g in geoms])
    dropped = tuple(sorted(out.loc[empty, col]))
    repaired = tuple(sorted(out.loc[repaired_mask & ~empty, col]))
    out[out.geometry.name] = gpd.GeoSeries(geoms, index=out.index, crs=WGS84)
    out = out.loc[~empty]

    duplicated = out[col].duplicated(keep=False)
    merged = tuple(sorted(set(out.loc[duplicated, col])))
    if merged:
        out = _merge_duplicates(out, col)

    codes = out[col].tolist()
    malformed = tuple(sorted(c for c in codes if not is_well_formed(c, level)))
    good = [c for c in codes if is_well_formed(c, level)]
    provinces = tuple(sorted({c[:2] for c in good if geothai.province(c[:2])}))
    not_in_geothai = tuple(sorted(c for c in good if not _known(c, level)))
    missing = tuple(sorted(geothai_codes(level, provinces) - set(good)))

    lon_min, lat_min, lon_max, lat_max = THAILAND_BBOX
    pts = out.geometry.representative_point()
    inside = pts.x.between(lon_min, lon_max) & pts.y.between(lat_min, lat_max)
    outside = tuple(sorted(out.loc[~inside.to_numpy(), col]))

    report = ValidationReport(
        level=level,
        source=source,
        n_features=len(out),
        provinces=provinces,
        reprojected_from=reprojected,
        not_in_geothai=not_in_geothai,
        missing_from_file=missing,
        malformed_codes=malformed,
        merged_duplicates=merged,
        repaired=repaired,
        dropped_empty=dropped,
        outside_thailand=outside,
    )
    return out.reset_index(drop=True), report


def _merge_duplicates(gdf: gpd.GeoDataFrame, col: str) -> gpd.GeoDataFrame:
    """One feature per code: union the geometries, keep the first row's attributes."""
    first = gdf.drop_duplicates(col).set_index(col)
    unions = gdf.groupby(col, sort=False)[gdf.geometry.name].agg(
        lambda s: polygonal_part(shapely.union_all(s.values))
    )
    first[gdf.geometry.name] = gpd.GeoSeries(unions.reindex(first.index), crs=gdf.crs)
    return first.reset_index()[list(gdf.columns)]

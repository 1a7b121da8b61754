"""Web layers: simplified once with shared borders kept, cached on disk.

A layer file is validated and simplified with ``shapely.coverage_simplify``
(GEOS coverage simplification: each border shared by two polygons is
simplified once, so neighbours stay edge-matched — no gaps, no overlaps).
The result is cached as GeoParquet under ``CHIPAO_CACHE_DIR`` (default
``<repo>/.cache/chipao``), keyed by the SHA-256 of the source file, the
tolerance and the column mapping: a changed file gets a new cache entry.
Amphoe and province web layers are dissolved from the simplified tambons, so
the three levels nest exactly. Old entries are not deleted (a few MB each).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from analytics import settings
from analytics.domain import area_codes
from geodata.boundaries import (
    BoundariesUnavailable,
    layer_source,
    read_layer_file,
)
from geodata.validate import CODE_COLUMN, ValidationReport, check_level, validate_layer
from geodata.web_geojson import COORD_DECIMALS, to_web_geojson  # noqa: F401  (re-exported)

log = logging.getLogger(__name__)

# 4e-4 degrees (~44 m): Nakhon Sawan's 130 tambons, the largest pilot province,
# come to ~0.6 MB of GeoJSON at 5 decimals; borders move ~23 m (median),
# <100 m at most — about the accuracy of the generalised national source.
DEFAULT_TOLERANCE = 4e-4
CACHE_FORMAT = 1  # bump when the prepared layout changes

DEFAULT_PROPERTIES = {
    "tambon": ("tambon_code", "tambon_th", "tambon_en", "amphoe_code"),
    "amphoe": ("amphoe_code", "amphoe_th", "amphoe_en", "province_code"),
    "province": ("province_code", "province_th", "province_en"),
}


def cache_dir() -> Path:
    return settings.current().cache_dir


@lru_cache(maxsize=64)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes (memoised per path, size and mtime)."""
    st = Path(path).stat()
    return _sha256(str(Path(path).resolve()), st.st_size, st.st_mtime_ns)


def simplify_coverage(gdf: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify polygons that tile an area, keeping shared borders identical.

    Input that is not a clean coverage (overlaps, borders that do not share
    vertices) is first cleaned with ``shapely.coverage_clean``: each overlap
    goes to the neighbour with the longest common border; gaps are left as they are.
    """
    geoms = gdf.geometry.to_numpy()
    if not shapely.coverage_is_valid(geoms):
        log.warning("%d polygons are not a clean coverage; cleaning first", len(geoms))
        geoms = shapely.coverage_clean(geoms)
    out = gdf.copy()
    out[gdf.geometry.name] = gpd.GeoSeries(
        shapely.coverage_simplify(geoms, tolerance), index=gdf.index, crs=gdf.crs
    )
    return out


def _cache_key(
    sha: str, level: str, tolerance: float, mapping: Mapping[str, str] | None, layer: str | None
) -> str:
    spec = json.dumps(
        [CACHE_FORMAT, sha, level, repr(float(tolerance)), dict(mapping or {}), layer],
        sort_keys=True,
    )
    return hashlib.sha256(spec.encode()).hexdigest()[:24]


def prepare_file(
    path: str | Path,
    level: str,
    *,
    mapping: Mapping[str, str] | None = None,
    layer: str | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    cache: str | Path | None = None,
) -> gpd.GeoDataFrame:
    """Validated + simplified layer of a whole file, from the disk cache if present.

    ``.attrs['validation']`` holds the :class:`ValidationReport`,
    ``.attrs['cache']`` ``{"path", "hit", "seconds"}``.
    """
    check_level(level)
    path = Path(path)

    def build() -> tuple[gpd.GeoDataFrame, ValidationReport]:
        raw = read_layer_file(path, level, mapping, layer=layer)
        clean, report = validate_layer(raw, level, source=path.name)
        return simplify_coverage(clean, tolerance), report

    key = _cache_key(file_sha256(path), level, tolerance, mapping, layer)
    return _cached(cache, f"{level}-{path.stem}-{key}", build)


def prepare_nested(
    tambon_path: str | Path,
    level: str,
    *,
    mapping: Mapping[str, str] | None = None,
    layer: str | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    cache: str | Path | None = None,
) -> gpd.GeoDataFrame:
    """Amphoe or province layer dissolved from the *simplified* tambons.

    Coarser layers drawn over the tambons then follow the tambon borders
    exactly (simplifying each file separately would not).
    """
    check_level(level)
    if level == "tambon":
        return prepare_file(
            tambon_path, level, mapping=mapping, layer=layer, tolerance=tolerance, cache=cache
        )
    tambon_path = Path(tambon_path)

    def build() -> tuple[gpd.GeoDataFrame, ValidationReport]:
        tambons = prepare_file(
            tambon_path,
            "tambon",
            mapping=mapping,
            layer=layer,
            tolerance=tolerance,
            cache=cache,
        )
        dissolved = dissolve_tambons(tambons, level)
        return validate_layer(dissolved, level, source=f"{tambon_path.name} (dissolved)")

    key = _cache_key(file_sha256(tambon_path), f"{level}<tambon", tolerance, mapping, layer)
    return _cached(cache, f"{level}-{tambon_path.stem}-{key}", build)


def dissolve_tambons(tambons: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """Dissolve a clean tambon coverage to amphoes or provinces (coverage union: fast, exact)."""
    code = CODE_COLUMN[check_level(level)]
    keep = [c for c in DEFAULT_PROPERTIES[level] if c in tambons.columns and c != code]
    aggregated = {c: "first" for c in keep}
    aggregated["tambon_code"] = "count"
    if "area_km2" in tambons.columns:
        aggregated["area_km2"] = "sum"
    out = tambons.dissolve(by=code, method="coverage", aggfunc=aggregated).reset_index()
    out = out.rename(columns={"tambon_code": "n_tambons"})
    if level == "province" and "amphoe_code" in tambons.columns:
        n_amphoes = tambons.groupby("province_code")["amphoe_code"].nunique()
        out["n_amphoes"] = out[code].map(n_amphoes).to_numpy()
    if "area_km2" in out.columns:
        out["area_km2"] = out["area_km2"].round(3)
    return out


def _cached(
    cache: str | Path | None,
    name: str,
    build: Callable[[], tuple[gpd.GeoDataFrame, ValidationReport]],
) -> gpd.GeoDataFrame:
    start = time.perf_counter()
    target = (Path(cache) if cache is not None else cache_dir()) / f"{name}.parquet"
    sidecar = target.with_suffix(".report.json")
    if target.is_file() and sidecar.is_file():
        gdf = gpd.read_parquet(target)
        report = _report_from_json(sidecar.read_text(encoding="utf-8"))
        hit = True
    else:
        gdf, report = build()
        _write_atomic(target, sidecar, gdf, report)
        hit = False
    gdf.attrs["validation"] = report
    gdf.attrs["cache"] = {
        "path": str(target),
        "hit": hit,
        "seconds": round(time.perf_counter() - start, 4),
    }
    return gdf


def _write_atomic(
    target: Path, sidecar: Path, gdf: gpd.GeoDataFrame, report: ValidationReport
) -> None:
    """Write via temporary names then rename, so a concurrent reader never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp_side = sidecar.with_name(f".{sidecar.name}.{os.getpid()}.tmp")
    plain = gdf.copy()
    plain.attrs.clear()  # pandas would try to store attrs as JSON metadata
    plain.to_parquet(tmp, index=False)
    tmp_side.write_text(json.dumps(asdict(report), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp_side, sidecar)
    os.replace(tmp, target)


def _report_from_json(text: str) -> ValidationReport:
    data = json.loads(text)
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return ValidationReport(**fields)


def prepared_layer(
    level: str,
    province_codes: Iterable[str] | None = None,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
) -> gpd.GeoDataFrame:
    """Simplified shipped layer for these provinces (``None``: whole country).

    Amphoes and provinces are dissolved from the simplified tambons, so the
    three levels nest exactly; without a tambon file the level's own file is used.
    """
    check_level(level)
    codes = None if province_codes is None else [str(p) for p in province_codes]
    try:
        source = layer_source("tambon", codes)
    except BoundariesUnavailable:
        gdf = prepare_file(layer_source(level, codes), level, tolerance=tolerance)
    else:
        gdf = prepare_nested(source, level, tolerance=tolerance)
    if codes is not None:
        attrs = dict(gdf.attrs)
        gdf = gdf[gdf["province_code"].isin(codes)].reset_index(drop=True)
        gdf.attrs.update(attrs)
    return gdf


def filter_layer(
    gdf: gpd.GeoDataFrame,
    province_codes: Iterable[str] | None = None,
    amphoe_codes: Iterable[str] | None = None,
) -> gpd.GeoDataFrame:
    mask = pd.Series(True, index=gdf.index)
    if province_codes is not None:
        mask &= gdf["province_code"].isin([str(c) for c in province_codes])
    if amphoe_codes is not None:
        if "amphoe_code" not in gdf.columns:
            raise ValueError("this layer has no amphoe_code column (province layer?)")
        mask &= gdf["amphoe_code"].isin([str(c) for c in amphoe_codes])
    return gdf[mask]


def layer_geojson(
    level: str,
    province_codes: Iterable[str] | None = None,
    amphoe_codes: Iterable[str] | None = None,
    *,
    properties: Sequence[str] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> str:
    """The compact GeoJSON string of a prepared layer, for the browser.

    ``amphoe_codes`` also selects the provinces they belong to.
    """
    check_level(level)
    provinces = None if province_codes is None else [str(c) for c in province_codes]
    amphoes = None if amphoe_codes is None else [str(c) for c in amphoe_codes]
    if provinces is None and amphoes is not None:
        provinces = sorted({str(area_codes.parse(a).province) for a in amphoes})
    gdf = filter_layer(prepared_layer(level, provinces, tolerance=tolerance), None, amphoes)
    props = list(properties) if properties is not None else list(DEFAULT_PROPERTIES[level])
    if CODE_COLUMN[level] not in props:
        props.insert(0, CODE_COLUMN[level])
    return to_web_geojson(gdf, props)

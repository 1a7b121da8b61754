"""The admin layers of OCHA/HDX COD-AB Thailand: find them in the zip, extract, convert.

HDX names look like ``tha_admbnda_adm3_rtsd_20220121.shp``; codes are HDX pcodes without ``TH``
(= DOPA codes). :mod:`geodata.download` fetches the zip and calls these.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import geothai

from geodata.boundaries import national_file_name
from geodata.validate import CODE_COLUMN, add_parent_codes, normalize_codes, validate_layer

ADMIN_LEVEL = {"province": 1, "amphoe": 2, "tambon": 3}
_SIDECARS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


class DownloadError(RuntimeError):
    """A clear, user-facing failure of the download command."""


# -- finding and extracting the admin layers --------------------------------------


def find_admin_members(names: Iterable[str]) -> dict[str, str]:
    """Zip member (``.shp`` / ``.geojson`` / ``.gpkg``) holding each level's polygons.

    HDX names look like ``tha_admbnda_adm3_rtsd_20220121.shp``; line
    (``admbndl``) and point (``admbndp``) layers are ignored.
    """
    candidates: dict[str, list[str]] = {level: [] for level in ADMIN_LEVEL}
    for name in names:
        base = Path(name).name.lower()
        if not base.endswith((".shp", ".geojson", ".json", ".gpkg")):
            continue
        if "admbndl" in base or "admbndp" in base or "admall" in base:
            continue
        for level, n in ADMIN_LEVEL.items():
            if re.search(rf"(^|[^a-z0-9])(admbnda_)?adm{n}(?!\d)", base):
                candidates[level].append(name)
    found = {}
    for level, names_for_level in candidates.items():
        if names_for_level:
            found[level] = min(names_for_level, key=len)
    missing = [lv for lv in ADMIN_LEVEL if lv not in found]
    if missing:
        raise DownloadError(
            "The zip holds no polygon layer for "
            + ", ".join(f"ADM{ADMIN_LEVEL[lv]} ({lv})" for lv in missing)
            + "; expected names like tha_admbnda_adm3_rtsd_20220121.shp."
        )
    return found


def extract_admin_layers(zip_path: str | Path, workdir: str | Path) -> dict[str, Path]:
    """Extract the three polygon layers (with Shapefile sidecars) into ``workdir``."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        zf = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile:
        raise DownloadError(f"{Path(zip_path).name} is not a valid zip file") from None
    with zf:
        members = zf.namelist()
        out = {}
        for level, member in find_admin_members(members).items():
            stem = member[: -len(Path(member).suffix)]
            wanted = [stem + ext for ext in _SIDECARS] if member.lower().endswith(".shp") else []
            for name in members:
                if name == member or name in wanted or name.lower() in map(str.lower, wanted):
                    # Flatten paths: never write outside workdir (zip-slip).
                    target = workdir / Path(name).name
                    with zf.open(name) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
            out[level] = workdir / Path(member).name
    return out


# -- conversion ---------------------------------------------------------------------


def _column(gdf: gpd.GeoDataFrame, name: str) -> str | None:
    lookup = {c.lower(): c for c in gdf.columns}
    return lookup.get(name.lower())


def convert_admin_layer(path: str | Path, level: str) -> gpd.GeoDataFrame:
    """One HDX admin layer -> Chipao columns (DOPA codes, Thai/English names)."""
    gdf = gpd.read_file(path)
    if gdf.geometry.name != "geometry":
        gdf = gdf.rename_geometry("geometry")
    out = gpd.GeoDataFrame(geometry=gdf.geometry, crs=gdf.crs)
    for lv, n in ADMIN_LEVEL.items():
        if n > ADMIN_LEVEL[level]:
            continue
        pcode = _column(gdf, f"ADM{n}_PCODE")
        if pcode is None:
            if lv == level:
                raise DownloadError(f"{Path(path).name}: no ADM{n}_PCODE column")
            continue
        out[CODE_COLUMN[lv]] = normalize_codes(gdf[pcode], lv).to_numpy()
        for lang in ("th", "en"):
            col = _column(gdf, f"ADM{n}_{lang.upper()}")
            if col is not None:
                out[f"{lv}_{lang}"] = gdf[col].to_numpy()
    out = add_parent_codes(out, level)
    _fill_names_from_geothai(out, level)
    order = [c for c in _OUTPUT_COLUMNS[level] if c in out.columns]
    return out[order + ["geometry"]]


_OUTPUT_COLUMNS = {
    "tambon": (
        "tambon_code", "tambon_th", "tambon_en",
        "amphoe_code", "amphoe_th", "amphoe_en",
        "province_code", "province_th", "province_en",
    ),
    "amphoe": (
        "amphoe_code", "amphoe_th", "amphoe_en",
        "province_code", "province_th", "province_en",
    ),
    "province": ("province_code", "province_th", "province_en"),
}  # fmt: skip


def _fill_names_from_geothai(gdf: gpd.GeoDataFrame, level: str) -> None:
    """Add missing name columns from geothai (the HDX file normally has them)."""
    lookups = {
        "tambon": geothai.subdistrict,
        "amphoe": geothai.district,
        "province": geothai.province,
    }
    for lv, lookup in lookups.items():
        code_col = CODE_COLUMN[lv]
        if code_col not in gdf.columns:
            continue
        for lang in ("th", "en"):
            col = f"{lv}_{lang}"
            if col not in gdf.columns:
                found = [lookup(c) for c in gdf[code_col]]
                gdf[col] = [getattr(f, f"name_{lang}") if f else None for f in found]


def convert_layers(sources: dict[str, Path], dest: str | Path) -> dict[str, dict]:
    """Convert, validate and write the three layers; returns per-level summaries."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    summaries = {}
    for level in ("tambon", "amphoe", "province"):
        gdf = convert_admin_layer(sources[level], level)
        clean, report = validate_layer(gdf, level, source=Path(sources[level]).name)
        clean["area_km2"] = (clean.geometry.to_crs("EPSG:6933").area / 1e6).round(3)
        target = dest / national_file_name(level)
        tmp = target.with_name(f".{target.name}.tmp")
        clean.to_file(
            tmp,
            driver="GeoJSON",
            engine="pyogrio",
            layer=target.stem,
            COORDINATE_PRECISION=6,
            RFC7946="YES",
        )
        tmp.replace(target)
        summaries[level] = {
            "file": target.name,
            "features": len(clean),
            "report": report.summary(),
        }
    return summaries

"""Where boundary files live and how they are read.

Shipped layers (DOPA codes already in ``tambon_code`` / ``amphoe_code`` /
``province_code``) come from ``CHIPAO_GEODATA_DIR`` or, by default,
``<repo>/../shared/geodata``. Any other file (GeoJSON, GeoPackage, zipped
Shapefile) is read with :func:`load_boundary_file` and a column mapping.

Boundaries: Royal Thai Survey Department / OCHA (HDX COD-AB), CC BY-IGO 3.0.
Show :data:`ATTRIBUTION` wherever a map is drawn.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pyogrio

from analytics import settings
from analytics.text import labels
from geodata.validate import (
    CODE_COLUMN,
    CODE_LENGTH,
    ValidationReport,
    add_parent_codes,
    check_level,
    normalize_codes,
    validate_layer,
)

ENV_GEODATA_DIR = "CHIPAO_GEODATA_DIR"
REPO_ROOT = settings.REPO_ROOT
ATTRIBUTION = "Boundaries: Royal Thai Survey Department / OCHA (HDX COD-AB), CC BY-IGO 3.0"

_PLURAL = {"tambon": "tambons", "amphoe": "amphoes", "province": "provinces"}
# Layer-specific name columns in the shipped files and in user files after mapping.
NAME_COLUMNS = {level: (f"{level}_th", f"{level}_en") for level in ("tambon", "amphoe", "province")}


def national_file_name(level: str) -> str:
    return f"{_PLURAL[check_level(level)]}_th.geojson"


def pilot_file_name(level: str) -> str:
    return f"{_PLURAL[check_level(level)]}_pilot3.geojson"


class BoundariesUnavailable(FileNotFoundError):
    """No boundary files where Chipao looks for them. ``str(err)`` is Thai + English."""

    def __init__(self, searched: Path, detail: str = "") -> None:
        self.searched = searched
        files = ", ".join(national_file_name(lv) for lv in CODE_COLUMN)
        words = labels.text(
            "boundaries_not_found",
            searched=searched,
            detail=detail,
            env=ENV_GEODATA_DIR,
            files=files,
        )
        self.message_th, self.message_en = words
        super().__init__(f"{self.message_th}\n\n{self.message_en}")


def geodata_dir() -> Path:
    """The folder holding the shipped layers; raises :class:`BoundariesUnavailable`."""
    configured = settings.is_set(ENV_GEODATA_DIR)
    folder = settings.current().geodata_dir
    if not folder.is_dir():
        how = f" ({ENV_GEODATA_DIR} is set)" if configured else ""
        raise BoundariesUnavailable(folder, how)
    names = [f(lv) for lv in CODE_COLUMN for f in (national_file_name, pilot_file_name)]
    if not any((folder / n).is_file() for n in names):
        raise BoundariesUnavailable(folder)
    return folder


@lru_cache(maxsize=32)
def _provinces_in(path: str, mtime_ns: int) -> frozenset[str]:
    df = pyogrio.read_dataframe(path, columns=["province_code"], read_geometry=False)
    return frozenset(df["province_code"].astype(str))


def provinces_in_file(path: Path) -> frozenset[str]:
    """Province codes present in a shipped layer file (cached per file version)."""
    return _provinces_in(str(path), path.stat().st_mtime_ns)


def layer_source(level: str, province_codes: Iterable[str] | None = None) -> Path:
    """The file to read for ``level`` and these provinces.

    The pilot file (full detail) is used when it holds *every* requested
    province; otherwise the national file is used for all of them, so that
    neighbouring provinces never mix two generalisations (which would leave
    slivers along their common border). ``None`` means the whole country.
    """
    folder = geodata_dir()
    pilot = folder / pilot_file_name(level)
    national = folder / national_file_name(level)
    wanted = None if province_codes is None else {str(p) for p in province_codes}
    if wanted and pilot.is_file() and wanted <= provinces_in_file(pilot):
        return pilot
    if national.is_file():
        return national
    if wanted is None and pilot.is_file():
        return pilot
    raise BoundariesUnavailable(
        folder, f" ({national.name} missing; provinces {sorted(wanted or [])})"
    )


def read_layer_file(
    path: str | Path,
    level: str,
    mapping: Mapping[str, str] | None = None,
    *,
    layer: str | None = None,
) -> gpd.GeoDataFrame:
    """Read a file and rename its columns to Chipao's; no validation.

    ``mapping`` keys: ``code_column`` (required unless the file already has
    e.g. ``tambon_code``), optional ``name_th_column``, ``name_en_column``.
    HDX pcodes such as ``TH600102`` lose their ``TH`` prefix.
    A ``.zip`` holding one Shapefile is read directly.
    """
    check_level(level)
    mapping = dict(mapping or {})
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"boundary file not found: {path}")
    if path.suffix.lower() == ".zip":
        gdf = _read_zip(path, layer)
    else:
        gdf = gpd.read_file(path, layer=layer) if layer else gpd.read_file(path)
    if gdf.geometry.name != "geometry":
        gdf = gdf.rename_geometry("geometry")
    code_col = CODE_COLUMN[level]
    renames = {}
    source_code = mapping.pop("code_column", code_col)
    if source_code not in gdf.columns:
        raise KeyError(
            f"{path.name}: code column {source_code!r} not found; columns are "
            f"{[c for c in gdf.columns if c != 'geometry']}. Pass "
            '{"code_column": "<column with DOPA or HDX codes>"}.'
        )
    renames[source_code] = code_col
    th, en = NAME_COLUMNS[level]
    for key, target in (("name_th_column", th), ("name_en_column", en)):
        if key in mapping:
            renames[mapping.pop(key)] = target
    if mapping:
        raise ValueError(f"unknown mapping keys: {sorted(mapping)}")
    # A file may already have columns named like the targets: the mapping wins.
    clashes = [t for s, t in renames.items() if t in gdf.columns and s != t]
    gdf = gdf.drop(columns=clashes).rename(columns=renames)
    gdf[code_col] = normalize_codes(gdf[code_col], level).to_numpy()
    for parent in ("amphoe_code", "province_code"):
        if parent in gdf.columns and parent != code_col:
            lv = parent.removesuffix("_code")
            gdf[parent] = normalize_codes(gdf[parent], lv).to_numpy()
    return add_parent_codes(gdf, level)


_SPATIAL_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json")


def _read_zip(path: Path, layer: str | None) -> gpd.GeoDataFrame:
    """Read one layer from a zip, wherever it sits inside; ``layer`` picks a member by name."""
    with zipfile.ZipFile(path) as zf:
        members = [n for n in zf.namelist() if n.lower().endswith(_SPATIAL_SUFFIXES)]
    if layer is not None:
        chosen = [m for m in members if Path(m).stem == layer or m == layer]
    else:
        chosen = members
    if len(chosen) != 1:
        raise ValueError(
            f"{path.name}: expected one spatial file in the zip, found {members or 'none'}; "
            "pass layer=<file name without extension>"
        )
    return gpd.read_file(f"/vsizip/{path.resolve()}/{chosen[0]}")


def load_boundary_file(
    path: str | Path,
    level: str,
    mapping: Mapping[str, str] | None = None,
    *,
    layer: str | None = None,
    province_codes: Iterable[str] | None = None,
) -> gpd.GeoDataFrame:
    """Read, filter and validate a boundary file (report in ``.attrs['validation']``).

    Example: ``load_boundary_file("tha_adm3.zip", "tambon", {"code_column": "ADM3_PCODE"})``.
    """
    gdf = read_layer_file(path, level, mapping, layer=layer)
    if province_codes is not None:
        wanted = {str(p).zfill(CODE_LENGTH["province"]) for p in province_codes}
        gdf = gdf[gdf["province_code"].isin(wanted)]
    out, report = validate_layer(gdf, level, source=Path(path).name)
    out.attrs["validation"] = report
    return out


def load_layer(level: str, province_codes: Iterable[str] | None = None) -> gpd.GeoDataFrame:
    """Full-detail shipped layer for these provinces (``None``: whole country).

    Raises :class:`BoundariesUnavailable` when no files are installed.
    For the map use :func:`geodata.prepare.prepared_layer` (simplified, cached).
    """
    codes = None if province_codes is None else [str(p) for p in province_codes]
    path = layer_source(level, codes)
    return load_boundary_file(path, level, province_codes=codes)


def validation_report(gdf: gpd.GeoDataFrame) -> ValidationReport | None:
    """The report attached by :func:`load_boundary_file` / :func:`load_layer`."""
    return gdf.attrs.get("validation")

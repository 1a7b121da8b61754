"""CRS, geometry repair and code checks on load."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Polygon

from geodata.boundaries import load_boundary_file, load_layer
from geodata.validate import (
    MissingCRSError,
    normalize_code,
    normalize_codes,
    repair_geometry,
    validate_layer,
)
from tests.geodata.shared_files import SHARED, needs_shared

BOWTIE = Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])


@pytest.fixture
def shared_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHIPAO_GEODATA_DIR", str(SHARED))
    monkeypatch.setenv("CHIPAO_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def saraburi() -> gpd.GeoDataFrame:
    gdf = gpd.read_file(SHARED / "tambons_pilot3.geojson")
    return gdf[gdf["province_code"] == "19"].reset_index(drop=True)


def test_normalize_code_strips_hdx_prefix_and_keeps_strings() -> None:
    assert normalize_code("TH600102") == "600102"
    assert normalize_code(" th19 ") == "19"
    assert normalize_code(600102) == "600102"
    assert normalize_code(600102.0) == "600102"
    assert normalize_code(None) == ""
    assert normalize_codes([1001, "TH1002", "19010"], "amphoe").tolist() == [
        "1001",
        "1002",
        "19010",
    ]


def test_bowtie_polygon_is_repaired_into_two_triangles() -> None:
    assert not BOWTIE.is_valid
    fixed = repair_geometry(BOWTIE)
    assert fixed.is_valid
    assert isinstance(fixed, MultiPolygon)
    assert len(fixed.geoms) == 2
    assert fixed.area == pytest.approx(2.0)
    assert sorted(round(g.area, 9) for g in fixed.geoms) == [1.0, 1.0]


def test_repair_keeps_only_polygonal_parts() -> None:
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    mixed = GeometryCollection([square, LineString([(1, 1), (3, 3)])])
    assert repair_geometry(mixed).equals(square)
    # a ring with no area collapses to a line under make_valid: nothing polygonal is left
    assert repair_geometry(Polygon([(0, 0), (1, 1), (2, 2), (0, 0)])) is None


def test_validate_layer_reports_repaired_and_dropped() -> None:
    # bow-tie placed in Saraburi so it is not flagged as outside Thailand
    bowtie = shapely.affinity.translate(
        shapely.affinity.scale(BOWTIE, 0.01, 0.01, origin=(0, 0)), 100.9, 14.5
    )
    flat = Polygon([(100.9, 14.6), (100.9, 14.7), (100.9, 14.8), (100.9, 14.6)])
    gdf = gpd.GeoDataFrame(
        {"tambon_code": ["190101", "190105"]}, geometry=[bowtie, flat], crs="EPSG:4326"
    )
    out, report = validate_layer(gdf, "tambon")
    assert report.repaired == ("190101",)
    assert report.dropped_empty == ("190105",)
    assert out["tambon_code"].tolist() == ["190101"]
    assert out.geometry.iloc[0].is_valid
    assert out.geometry.iloc[0].area == pytest.approx(2.0e-4)
    assert report.outside_thailand == ()
    assert not report.ok  # a feature was dropped


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs_is_a_clear_error(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame({"tambon_code": ["190101"]}, geometry=[BOWTIE], crs=None)
    with pytest.raises(MissingCRSError, match="no coordinate reference system"):
        validate_layer(gdf, "tambon")
    # the same from a Shapefile written without .prj
    shp = tmp_path / "nocrs.shp"
    gdf.rename(columns={"tambon_code": "code"}).to_file(shp)
    assert not shp.with_suffix(".prj").exists()
    with pytest.raises(MissingCRSError, match=r"\.prj"):
        load_boundary_file(shp, "tambon", {"code_column": "code"})


def test_duplicate_codes_are_merged() -> None:
    a = Polygon([(100.0, 14.0), (100.1, 14.0), (100.1, 14.1), (100.0, 14.1)])
    b = shapely.affinity.translate(a, 0.1, 0)
    gdf = gpd.GeoDataFrame({"tambon_code": ["190101", "190101"]}, geometry=[a, b], crs="EPSG:4326")
    out, report = validate_layer(gdf, "tambon")
    assert report.merged_duplicates == ("190101",)
    assert len(out) == 1
    assert out.geometry.iloc[0].area == pytest.approx(0.02)


@needs_shared
def test_wrong_and_malformed_codes_are_reported(tmp_path: Path, saraburi: gpd.GeoDataFrame) -> None:
    gdf = saraburi.copy()
    gdf.loc[0, "tambon_code"] = "199999"  # was 190101
    gdf.loc[1, "tambon_code"] = "19010"  # was 190105, one digit short
    path = tmp_path / "wrong.geojson"
    gdf.to_file(path)
    out = load_boundary_file(path, "tambon")
    report = out.attrs["validation"]
    assert report.provinces == ("19",)
    assert report.n_features == 111
    assert report.not_in_geothai == ("199999",)
    assert report.malformed_codes == ("19010",)
    assert report.missing_from_file == ("190101", "190105")
    assert not report.codes_match
    assert "codes not in geothai (1): 199999" in report.summary()


@needs_shared
def test_file_in_utm_is_reprojected(tmp_path: Path, saraburi: gpd.GeoDataFrame) -> None:
    path = tmp_path / "saraburi_utm.gpkg"
    saraburi.to_crs("EPSG:32647").to_file(path)
    out = load_boundary_file(path, "tambon")
    report = out.attrs["validation"]
    assert "32647" in report.reprojected_from
    assert out.crs.to_epsg() == 4326
    assert report.codes_match and report.missing_from_file == ()
    assert report.outside_thailand == ()
    # coordinates come back where they were (round trip error far below a millimetre)
    assert tuple(out.total_bounds) == pytest.approx(tuple(saraburi.total_bounds), abs=1e-7)
    merged = out.merge(
        saraburi[["tambon_code", "geometry"]], on="tambon_code", suffixes=("", "_orig")
    )
    diff = shapely.hausdorff_distance(merged.geometry.values, merged["geometry_orig"].values)
    assert diff.max() < 1e-7


@needs_shared
def test_utm_coordinates_labelled_as_degrees_are_flagged(saraburi: gpd.GeoDataFrame) -> None:
    wrong = saraburi.to_crs("EPSG:32647").set_crs("EPSG:4326", allow_override=True)
    _, report = validate_layer(wrong, "tambon")
    assert len(report.outside_thailand) == 111
    assert not report.ok


@needs_shared
def test_national_layer_matches_provenance(shared_env: None) -> None:
    report = load_layer("tambon").attrs["validation"]
    assert report.n_features == 7425
    assert len(report.provinces) == 77
    assert report.not_in_geothai == ("104701", "105001")
    assert report.missing_from_file == (
        "100910", "101406", "102602", "103402", "103403", "104402", "104403",
        "104702", "104703", "105002", "105003", "105004", "105005",
    )  # fmt: skip
    assert report.repaired == () and report.dropped_empty == ()

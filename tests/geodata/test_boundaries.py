"""Finding and reading boundary layers (shipped and user-supplied)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import geothai
import pytest

from geodata.boundaries import (
    BoundariesUnavailable,
    layer_source,
    load_boundary_file,
    load_layer,
    read_layer_file,
)
from tests.geodata.shared_files import SARABURI_SHP_ZIP, SHARED, needs_shared

HDX_MAPPING = {
    "code_column": "ADM3_PCODE",
    "name_th_column": "ADM3_TH",
    "name_en_column": "ADM3_EN",
}


@pytest.fixture
def shared_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHIPAO_GEODATA_DIR", str(SHARED))
    monkeypatch.setenv("CHIPAO_CACHE_DIR", str(tmp_path / "cache"))


def geothai_tambons(province: str) -> set[str]:
    return {s.code for d in geothai.districts(province) for s in geothai.subdistricts(d.code)}


# -- no boundaries installed ---------------------------------------------------


def test_empty_dir_raises_with_install_instructions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CHIPAO_GEODATA_DIR", str(tmp_path))
    with pytest.raises(BoundariesUnavailable) as info:
        load_layer("tambon", ["60"])
    err = info.value
    text = str(err)
    assert err.searched == tmp_path
    assert str(tmp_path) in text
    assert "CHIPAO_GEODATA_DIR" in text
    assert "python -m geodata.download --dest" in text
    assert "tambons_th.geojson" in text
    assert "ไม่พบไฟล์ขอบเขตการปกครอง" in err.message_th
    assert "No administrative boundary files" in err.message_en
    assert isinstance(err, FileNotFoundError)


def test_missing_default_dir_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CHIPAO_GEODATA_DIR", raising=False)
    monkeypatch.setenv("CHIPAO_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(BoundariesUnavailable, match="nowhere"):
        layer_source("province")


def test_geodata_dir_defaults_to_the_data_dir_as_the_readme_says(monkeypatch, tmp_path) -> None:
    # main looked in ../shared/geodata whatever CHIPAO_DATA_DIR said (README: $CHIPAO_DATA_DIR/geodata)
    monkeypatch.delenv("CHIPAO_GEODATA_DIR", raising=False)
    monkeypatch.setenv("CHIPAO_DATA_DIR", str(tmp_path))
    (tmp_path / "geodata").mkdir()
    with pytest.raises(BoundariesUnavailable) as caught:
        layer_source("province")
    assert caught.value.searched == tmp_path / "geodata"


@needs_shared
def test_pilot_only_install_cannot_serve_other_provinces(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "tambons_pilot3.geojson").symlink_to(SHARED / "tambons_pilot3.geojson")
    monkeypatch.setenv("CHIPAO_GEODATA_DIR", str(tmp_path))
    assert layer_source("tambon").name == "tambons_pilot3.geojson"
    assert layer_source("tambon", ["41"]).name == "tambons_pilot3.geojson"
    with pytest.raises(BoundariesUnavailable, match="tambons_th.geojson missing"):
        layer_source("tambon", ["10"])


# -- shipped layers ------------------------------------------------------------


@needs_shared
def test_source_prefers_pilot_detail_only_when_it_covers_the_request(shared_env: None) -> None:
    assert layer_source("tambon", ["60"]).name == "tambons_pilot3.geojson"
    assert layer_source("amphoe", ["60", "19", "41"]).name == "amphoes_pilot3.geojson"
    # mixing a pilot and a non-pilot province: one consistent source for both
    assert layer_source("tambon", ["60", "18"]).name == "tambons_th.geojson"
    assert layer_source("province").name == "provinces_th.geojson"


@needs_shared
@pytest.mark.parametrize(
    ("level", "provinces", "expected"),
    [
        ("tambon", ["19"], 111),
        ("tambon", ["60", "19", "41"], 397),
        ("amphoe", ["60", "19", "41"], 48),
        ("province", ["60", "19", "41"], 3),
        ("amphoe", ["10"], 50),
    ],
)
def test_load_layer_counts(
    shared_env: None, level: str, provinces: list[str], expected: int
) -> None:
    gdf = load_layer(level, provinces)
    assert len(gdf) == expected
    assert gdf.crs.to_epsg() == 4326
    assert set(gdf["province_code"]) == set(provinces)
    report = gdf.attrs["validation"]
    assert report.codes_match and report.ok
    assert report.provinces == tuple(sorted(provinces))


@needs_shared
def test_load_layer_columns_and_codes(shared_env: None) -> None:
    gdf = load_layer("tambon", ["19"])
    assert set(gdf["tambon_code"]) == geothai_tambons("19")
    row = gdf.set_index("tambon_code").loc["190101"]
    assert (row["tambon_th"], row["amphoe_code"], row["province_code"]) == (
        "ปากเพรียว",
        "1901",
        "19",
    )
    assert gdf.geometry.is_valid.all()


# -- user-supplied files -------------------------------------------------------------


@needs_shared
def test_zipped_hdx_shapefile_with_mapping() -> None:
    gdf = load_boundary_file(SARABURI_SHP_ZIP, "tambon", HDX_MAPPING)
    assert len(gdf) == 111
    assert set(gdf["tambon_code"]) == geothai_tambons("19")  # "TH190101" -> "190101"
    assert set(gdf["amphoe_code"]) == {d.code for d in geothai.districts("19")}
    first = gdf.set_index("tambon_code").loc["190101"]
    assert (first["tambon_th"], first["tambon_en"]) == ("ปากเพรียว", "Pak Phriao")
    report = gdf.attrs["validation"]
    assert report.codes_match and report.reprojected_from is None


@needs_shared
def test_geopackage_with_numeric_codes(tmp_path: Path) -> None:
    src = read_layer_file(SARABURI_SHP_ZIP, "tambon", HDX_MAPPING)
    src = src.assign(dopa=src["tambon_code"].astype(int))[["dopa", "geometry"]].head(20)
    path = tmp_path / "custom.gpkg"
    src.to_file(path, layer="tambons")
    gdf = load_boundary_file(path, "tambon", {"code_column": "dopa"}, layer="tambons")
    assert gdf["tambon_code"].tolist()[:2] == ["190101", "190105"]
    report = gdf.attrs["validation"]
    assert report.not_in_geothai == ()
    assert len(report.missing_from_file) == 111 - 20


@needs_shared
def test_zip_with_a_folder_inside(tmp_path: Path) -> None:
    target = tmp_path / "nested.zip"
    with zipfile.ZipFile(SARABURI_SHP_ZIP) as src, zipfile.ZipFile(target, "w") as dst:
        for name in src.namelist():
            dst.writestr(f"data/{name}", src.read(name))
    gdf = load_boundary_file(target, "tambon", HDX_MAPPING, province_codes=["19"])
    assert len(gdf) == 111


@needs_shared
def test_bad_mapping_messages() -> None:
    with pytest.raises(KeyError, match="ADM3_PCODE"):
        load_boundary_file(SARABURI_SHP_ZIP, "tambon", {"code_column": "PCODE"})
    with pytest.raises(ValueError, match="unknown mapping keys"):
        load_boundary_file(SARABURI_SHP_ZIP, "tambon", {**HDX_MAPPING, "colour": "x"})
    with pytest.raises(ValueError, match="level must be one of"):
        load_boundary_file(SARABURI_SHP_ZIP, "village", HDX_MAPPING)


def test_missing_user_file() -> None:
    with pytest.raises(FileNotFoundError, match="boundary file not found"):
        load_boundary_file("/nonexistent/tambons.geojson", "tambon")


def test_amphoe_file_gets_province_code_from_prefix(tmp_path: Path) -> None:
    from shapely.geometry import box

    gdf = gpd.GeoDataFrame(
        {"ADM2_PCODE": ["TH1901"]}, geometry=[box(100.8, 14.4, 101.0, 14.6)], crs=4326
    )
    path = tmp_path / "a.geojson"
    gdf.to_file(path)
    out = load_boundary_file(path, "amphoe", {"code_column": "ADM2_PCODE"})
    assert out[["amphoe_code", "province_code"]].values.tolist() == [["1901", "19"]]
    assert len(out.attrs["validation"].missing_from_file) == 12  # Saraburi has 13 amphoes

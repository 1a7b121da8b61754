"""The COD-AB download command, on a small HDX-shaped zip made here (no network)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest

from geodata import download
from geodata.boundaries import load_layer
from geodata.download import (
    COD_AB_URL,
    ChecksumMismatch,
    DownloadError,
    extract_admin_layers,
    find_admin_members,
    main,
    verify_sha256,
)
from tests.geodata.shared_files import SARABURI_SHP_ZIP, SHARED, needs_sources

HDX_NAMES = [
    "tha_admbnda_adm0_rtsd_20220121.shp",
    "tha_admbnda_adm1_rtsd_20220121.shp",
    "tha_admbnda_adm1_rtsd_20220121.dbf",
    "tha_admbnda_adm2_rtsd_20220121.shp",
    "tha_admbnda_adm3_rtsd_20220121.shp",
    "tha_admbndl_admALL_rtsd_itos_20220121.shp",
    "tha_admbndp_admALL_rtsd_itos_20220121.shp",
    "tha_adm_rtsd_itos_20210121.emf",
]
REFUSED = "http://127.0.0.1:9/cod-ab-tha.zip"  # discard port: connection refused at once


@pytest.fixture(scope="module")
def hdx_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two Saraburi amphoes as HDX ADM1/ADM2/ADM3 Shapefiles, plus a line layer to ignore."""
    if not SARABURI_SHP_ZIP.is_file():
        pytest.skip(f"shared source files not found in {SHARED}")
    folder = tmp_path_factory.mktemp("hdx")
    adm3 = gpd.read_file(SARABURI_SHP_ZIP)
    adm3 = adm3[adm3["ADM2_PCODE"].isin(["TH1901", "TH1902"])]
    adm2 = adm3.dissolve(
        "ADM2_PCODE",
        aggfunc={
            "ADM2_EN": "first",
            "ADM2_TH": "first",
            "ADM1_PCODE": "first",
            "ADM1_EN": "first",
            "ADM1_TH": "first",
        },
    ).reset_index()
    adm1 = adm3.dissolve(
        "ADM1_PCODE", aggfunc={"ADM1_EN": "first", "ADM1_TH": "first"}
    ).reset_index()
    layers = {
        "tha_admbnda_adm3_rtsd_20220121": adm3[
            ["ADM3_PCODE", "ADM3_EN", "ADM3_TH", "ADM2_PCODE", "ADM1_PCODE", "geometry"]
        ],
        "tha_admbnda_adm2_rtsd_20220121": adm2,
        "tha_admbnda_adm1_rtsd_20220121": adm1,
        "tha_admbndl_admALL_rtsd_itos_20220121": gpd.GeoDataFrame(
            geometry=adm1.boundary, crs=adm1.crs
        ),
    }
    for name, gdf in layers.items():
        gdf.to_file(folder / f"{name}.shp", encoding="utf-8")
    target = folder / "tha_adm_test_shp.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(folder.iterdir()):
            if file != target:
                zf.write(file, file.name)
    return target


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_finds_the_polygon_layers_in_hdx_names() -> None:
    assert find_admin_members(HDX_NAMES) == {
        "province": "tha_admbnda_adm1_rtsd_20220121.shp",
        "amphoe": "tha_admbnda_adm2_rtsd_20220121.shp",
        "tambon": "tha_admbnda_adm3_rtsd_20220121.shp",
    }
    with pytest.raises(DownloadError, match=r"ADM3 \(tambon\)"):
        find_admin_members(HDX_NAMES[:4])


def test_verify_sha256(tmp_path: Path) -> None:
    f = tmp_path / "x.bin"
    f.write_bytes(b"chipao")
    digest = hashlib.sha256(b"chipao").hexdigest()
    assert verify_sha256(f, digest.upper()) == digest
    with pytest.raises(ChecksumMismatch, match=f"expected {'0' * 64}, got {digest}"):
        verify_sha256(f, "0" * 64)


@needs_sources
def test_extract_only_polygon_layers(hdx_zip: Path, tmp_path: Path) -> None:
    layers = extract_admin_layers(hdx_zip, tmp_path / "x")
    assert {lv: p.name for lv, p in layers.items()} == {
        "province": "tha_admbnda_adm1_rtsd_20220121.shp",
        "amphoe": "tha_admbnda_adm2_rtsd_20220121.shp",
        "tambon": "tha_admbnda_adm3_rtsd_20220121.shp",
    }
    names = sorted(p.name for p in (tmp_path / "x").iterdir())
    assert not any("admbndl" in n for n in names)
    assert "tha_admbnda_adm3_rtsd_20220121.prj" in names


@needs_sources
def test_download_verify_convert(
    hdx_zip: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dest = tmp_path / "boundaries"
    code = main(["--dest", str(dest), "--url", hdx_zip.as_uri(), "--sha256", sha(hdx_zip)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "SHA-256 verified" in err
    assert f"CHIPAO_GEODATA_DIR={dest.resolve()}" in err
    assert sorted(p.name for p in dest.iterdir()) == [
        "amphoes_th.geojson", "download_report.json", "provinces_th.geojson", "tambons_th.geojson",
    ]  # fmt: skip

    monkeypatch.setenv("CHIPAO_GEODATA_DIR", str(dest))
    tambons = load_layer("tambon", ["19"])
    assert len(tambons) == 11 + 14  # amphoe 1901 has 11 tambons, 1902 has 14
    assert tambons["tambon_code"].str.fullmatch(r"190[12]\d\d").all()
    first = tambons.set_index("tambon_code").loc["190101"]
    assert (first["tambon_th"], first["amphoe_code"], first["province_code"]) == (
        "ปากเพรียว",
        "1901",
        "19",
    )
    report = tambons.attrs["validation"]
    assert report.not_in_geothai == ()
    assert len(report.missing_from_file) == 111 - 25  # the other 11 amphoes were left out
    amphoes = load_layer("amphoe", ["19"])
    assert amphoes[["amphoe_code", "amphoe_en"]].values.tolist() == [
        ["1901", "Mueang Saraburi"],
        ["1902", "Kaeng Khoi"],
    ]
    provinces = load_layer("province")
    assert provinces[["province_code", "province_th"]].values.tolist() == [["19", "สระบุรี"]]
    assert provinces["area_km2"].iloc[0] == pytest.approx(amphoes["area_km2"].sum(), rel=1e-3)

    saved = json.loads((dest / "download_report.json").read_text(encoding="utf-8"))
    assert saved["sha256"] == sha(hdx_zip) and saved["verified"] is True
    assert "CC BY-IGO" in saved["attribution"]
    assert saved["layers"]["tambon"]["features"] == 25


@needs_sources
def test_checksum_mismatch_installs_nothing(
    hdx_zip: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "boundaries"
    code = main(["--dest", str(dest), "--from-zip", str(hdx_zip), "--sha256", "ab" * 32])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        f"error: SHA-256 mismatch for {hdx_zip.name}: expected {'ab' * 32}, got {sha(hdx_zip)}"
        in err
    )
    assert "Traceback" not in err
    assert not (dest / "tambons_th.geojson").exists()


@needs_sources
def test_unpinned_checksum_is_reported(
    hdx_zip: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--dest", str(tmp_path / "b"), "--from-zip", str(hdx_zip)]) == 0
    err = capsys.readouterr().err
    assert "WARNING: no SHA-256 pinned" in err
    assert sha(hdx_zip) in err
    saved = json.loads((tmp_path / "b" / "download_report.json").read_text(encoding="utf-8"))
    assert saved["verified"] is False


def test_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "page.html"
    bogus.write_text("<html>login required</html>")
    assert (
        main(["--dest", str(tmp_path / "d"), "--from-zip", str(bogus), "--sha256", sha(bogus)]) == 1
    )
    assert "page.html is not a valid zip file" in capsys.readouterr().err


def test_no_network_is_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--dest", str(tmp_path / "d"), "--url", REFUSED, "--timeout", "5"]) == 1
    err = capsys.readouterr().err
    assert err.count("error:") == 1
    assert f"error: Could not download {REFUSED}" in err
    assert "--from-zip FILE" in err and download.COD_AB_DATASET in err
    assert "Traceback" not in err
    assert not (tmp_path / "d").exists()


def test_cli_entry_point(tmp_path: Path) -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "geodata.download", "--help"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[2],
    ).stdout  # fmt: skip
    assert "--dest" in help_text and "--sha256" in help_text and "CC BY-IGO" in help_text
    assert COD_AB_URL.startswith("https://data.humdata.org/dataset/")

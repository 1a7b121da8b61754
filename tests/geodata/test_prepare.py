"""Simplified web layers, the disk cache, the GeoJSON payload, and the table join."""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from pathlib import Path

import geopandas as gpd
import geothai
import numpy as np
import pandas as pd
import pytest
import shapely

import geodata.prepare as prepare
from analytics import settings
from geodata.join import is_municipal_code, join_area_table
from geodata.prepare import (
    DEFAULT_TOLERANCE,
    layer_geojson,
    prepare_file,
    prepared_layer,
    to_web_geojson,
)
from tests.geodata.shared_files import SHARED, needs_shared

METRIC = "EPSG:32647"  # UTM 47N covers central Thailand
M2 = 1.0  # the largest gap or overlap tolerated between neighbours, in m²


@pytest.fixture
def shared_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CHIPAO_GEODATA_DIR", str(SHARED))
    monkeypatch.setenv("CHIPAO_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def saraburi_original() -> gpd.GeoDataFrame:
    gdf = gpd.read_file(SHARED / "tambons_pilot3.geojson")
    return gdf[gdf["province_code"] == "19"].sort_values("tambon_code").reset_index(drop=True)


@pytest.fixture
def saraburi_simplified(shared_env: Path) -> gpd.GeoDataFrame:
    return prepared_layer("tambon", ["19"]).sort_values("tambon_code").reset_index(drop=True)


def total_overlap_m2(geoms: np.ndarray) -> float:
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = left < right
    return float(shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]])).sum())


def holes_m2(geom: shapely.Geometry) -> list[float]:
    return sorted(
        shapely.area(shapely.Polygon(ring))
        for poly in shapely.get_parts(geom)
        for ring in poly.interiors
    )


# -- simplification ------------------------------------------------------------------


@needs_shared
def test_every_saraburi_tambon_survives(
    saraburi_original: gpd.GeoDataFrame, saraburi_simplified: gpd.GeoDataFrame
) -> None:
    expected = {s.code for d in geothai.districts("19") for s in geothai.subdistricts(d.code)}
    assert len(expected) == 111
    assert set(saraburi_simplified["tambon_code"]) == expected
    assert len(saraburi_simplified) == 111
    assert not saraburi_simplified.geometry.is_empty.any()
    assert saraburi_simplified.geometry.is_valid.all()
    before = shapely.get_num_coordinates(saraburi_original.geometry.values).sum()
    after = shapely.get_num_coordinates(saraburi_simplified.geometry.values).sum()
    assert after < 0.6 * before  # it did simplify: 24,779 -> ~11,000 vertices
    # each tambon keeps its area within 5 % (tiny ones within 0.05 km²)
    a0 = saraburi_original.to_crs(METRIC).area.to_numpy()
    a1 = saraburi_simplified.to_crs(METRIC).area.to_numpy()
    assert np.all(np.abs(a1 - a0) <= np.maximum(0.05 * a0, 5e4))


@needs_shared
def test_no_gap_or_overlap_between_neighbours(
    saraburi_original: gpd.GeoDataFrame, saraburi_simplified: gpd.GeoDataFrame
) -> None:
    orig = saraburi_original.to_crs(METRIC).geometry.to_numpy()
    simp = saraburi_simplified.to_crs(METRIC).geometry.to_numpy()
    assert total_overlap_m2(orig) < M2  # the source is a clean partition
    assert total_overlap_m2(simp) < M2
    # sum of the parts equals the union: nothing counted twice
    union = shapely.union_all(simp)
    assert abs(shapely.area(simp).sum() - union.area) < M2
    # no new holes: every hole in the simplified union larger than 1 m² was already there
    new_holes = [h for h in holes_m2(union) if h > M2]
    assert len(new_holes) == len([h for h in holes_m2(shapely.union_all(orig)) if h > M2])
    # neighbours still touch along a line, not just at a point
    tree = shapely.STRtree(simp)
    left, right = tree.query(simp, predicate="intersects")
    pairs = left < right
    shared = shapely.length(shapely.intersection(simp[left[pairs]], simp[right[pairs]]))
    assert (shared > 0).sum() >= 250  # 111 tambons have ~300 neighbour pairs


@needs_shared
def test_nested_levels_follow_tambon_borders(shared_env: Path) -> None:
    tambons = prepared_layer("tambon", ["19"]).to_crs(METRIC)
    amphoes = prepared_layer("amphoe", ["19"]).to_crs(METRIC)
    assert sorted(amphoes["amphoe_code"]) == sorted(d.code for d in geothai.districts("19"))
    assert amphoes.set_index("amphoe_code").loc["1901", "n_tambons"] == 11
    for code, group in tambons.groupby("amphoe_code"):
        amphoe = amphoes.set_index("amphoe_code").geometry[code]
        assert shapely.symmetric_difference(amphoe, group.union_all()).area < M2
    province = prepared_layer("province", ["19"])
    assert province[["province_code", "n_amphoes", "n_tambons"]].values.tolist() == [
        ["19", 13, 111]
    ]


@needs_shared
def test_payload_sizes(shared_env: Path) -> None:
    sizes = {p: len(layer_geojson("tambon", [p]).encode()) for p in ("60", "19", "41")}
    assert all(size < 700_000 for size in sizes.values()), sizes
    assert sizes["60"] > 400_000  # the simplification is not throwing everything away
    text = layer_geojson("tambon", ["60", "19", "41"])
    data = json.loads(text)
    assert len(data["features"]) == 397
    assert len(text.encode()) < 1_500_000


def test_overlapping_input_is_cleaned_before_simplifying() -> None:
    a = shapely.box(100.0, 14.0, 100.1, 14.1)
    b = shapely.box(100.09, 14.0, 100.2, 14.1)  # overlaps a by a 0.01° strip
    gdf = gpd.GeoDataFrame({"tambon_code": ["190101", "190105"]}, geometry=[a, b], crs="EPSG:4326")
    out = prepare.simplify_coverage(gdf, DEFAULT_TOLERANCE)
    geoms = out.to_crs(METRIC).geometry.to_numpy()
    assert total_overlap_m2(gdf.to_crs(METRIC).geometry.to_numpy()) > 1e7
    assert total_overlap_m2(geoms) < M2
    assert shapely.coverage_is_valid(out.geometry.to_numpy())
    # nothing lost: the two still cover the same ground
    assert abs(shapely.union_all(geoms).area - shapely.area(geoms).sum()) < M2
    assert shapely.union_all(out.geometry.values).area == pytest.approx(0.02, rel=1e-9)


# -- cache ----------------------------------------------------------------------------


@needs_shared
def test_cache_hit_then_invalidated_when_file_changes(
    tmp_path: Path, saraburi_original: gpd.GeoDataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "saraburi.geojson"
    cache = tmp_path / "cache"
    saraburi_original.to_file(src)

    cold = prepare_file(src, "tambon", cache=cache)
    assert cold.attrs["cache"]["hit"] is False
    assert len(cold) == 111

    calls = []
    real = shapely.coverage_simplify
    monkeypatch.setattr(
        shapely, "coverage_simplify", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    warm = prepare_file(src, "tambon", cache=cache)
    assert warm.attrs["cache"]["hit"] is True
    assert warm.attrs["cache"]["path"] == cold.attrs["cache"]["path"]
    assert calls == []
    assert warm.attrs["validation"] == cold.attrs["validation"]
    pd.testing.assert_series_equal(warm["tambon_code"], cold["tambon_code"])
    assert shapely.equals_exact(warm.geometry.values, cold.geometry.values).all()

    # same bytes, new mtime: still a hit (the key is the content)
    os.utime(src, (time.time() + 10, time.time() + 10))
    assert prepare_file(src, "tambon", cache=cache).attrs["cache"]["hit"] is True

    # new content: a new cache entry with the new data
    saraburi_original.iloc[1:].to_file(src)
    changed = prepare_file(src, "tambon", cache=cache)
    assert changed.attrs["cache"]["hit"] is False
    assert changed.attrs["cache"]["path"] != cold.attrs["cache"]["path"]
    assert len(changed) == 110
    assert changed.attrs["validation"].missing_from_file == ("190101",)
    assert calls == [1]

    # another tolerance is another entry too
    other = prepare_file(src, "tambon", cache=cache, tolerance=DEFAULT_TOLERANCE * 2)
    assert other.attrs["cache"]["hit"] is False
    assert len(list(cache.glob("*.parquet"))) == 3


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CHIPAO_CACHE_DIR", raising=False)
    assert prepare.cache_dir() == settings.REPO_ROOT / ".cache" / "chipao"
    monkeypatch.setenv("CHIPAO_CACHE_DIR", str(tmp_path))
    assert prepare.cache_dir() == tmp_path


# -- GeoJSON payload ------------------------------------------------------------------


def test_to_web_geojson_rounds_and_keeps_only_requested_properties() -> None:
    gdf = gpd.GeoDataFrame(
        {"tambon_code": ["190101", "190105"], "rate": [1.5, np.nan], "secret": ["a", "b"]},
        geometry=[
            shapely.box(100.1234567, 14.1234567, 100.2, 14.2),
            shapely.box(100.2, 14.1234567, 100.3, 14.2),
        ],
        crs="EPSG:4326",
    )
    text = to_web_geojson(gdf, ["tambon_code", "rate"])
    data = json.loads(text)
    assert [f["properties"] for f in data["features"]] == [
        {"tambon_code": "190101", "rate": 1.5},
        {"tambon_code": "190105", "rate": None},
    ]
    assert "secret" not in text and "NaN" not in text
    assert not re.search(r"\d\.\d{6,}", text)  # at most 5 decimals
    ring = data["features"][0]["geometry"]["coordinates"][0]
    assert [100.12346, 14.12346] in ring
    with pytest.raises(KeyError, match="missing"):
        to_web_geojson(gdf, ["missing"])
    with pytest.raises(ValueError, match="EPSG:4326"):
        to_web_geojson(gdf.to_crs(METRIC), ["tambon_code"])


@needs_shared
def test_layer_geojson_filters_by_amphoe(shared_env: Path) -> None:
    data = json.loads(layer_geojson("tambon", amphoe_codes=["1901"]))
    codes = sorted(f["properties"]["tambon_code"] for f in data["features"])
    assert codes == [s.code for s in geothai.subdistricts("1901")]  # 11 tambons
    assert set(data["features"][0]["properties"]) == {
        "tambon_code",
        "tambon_th",
        "tambon_en",
        "amphoe_code",
    }
    one = json.loads(layer_geojson("province", ["19"], properties=["province_en"]))
    assert one["features"][0]["properties"] == {"province_code": "19", "province_en": "Saraburi"}


# -- join -----------------------------------------------------------------------------


@pytest.fixture
def nakhon_sawan(shared_env: Path) -> gpd.GeoDataFrame:
    return prepared_layer("tambon", ["60"])


def test_municipal_codes() -> None:
    codes = ("600151", "600159", "400165", "400199", "300161", "600101", "990151", "6001", "60015x")
    assert [is_municipal_code(c) for c in codes] == [
        True, True, True, True, True, False, False, False, False,
    ]  # fmt: skip


@needs_shared
def test_join_keeps_municipal_rows_and_totals_match(nakhon_sawan: gpd.GeoDataFrame) -> None:
    table = pd.DataFrame(
        {
            "tambon_code": ["600102", "600103", "600151", "600152", "180101", "609999"],
            "persons": [1000, 2000, 5000, 700, 300, 11],
            "target_poor": [10, 20, 50, 7, 3, 1],
            "name": ["a", "b", "city", "town", "chainat", "typo"],
        }
    )
    result = join_area_table(nakhon_sawan, table)
    assert result.measures == ("persons", "target_poor")
    # every polygon is kept, the two table tambons carry their numbers
    assert len(result.polygons) == 130
    by_code = result.polygons.set_index("tambon_code")
    assert by_code.loc["600102", "persons"] == 1000
    assert np.isnan(by_code.loc["600101", "persons"])  # Paknam Pho: wholly municipal, no row
    # municipal rows are beside the map, with an anchor in the amphoe's first tambon
    assert result.municipal["tambon_code"].tolist() == ["600151", "600152"]
    assert result.municipal["anchor_tambon_code"].tolist() == ["600101", "600101"]
    anchor = shapely.points(result.municipal[["anchor_lon", "anchor_lat"]].to_numpy())
    assert shapely.contains(by_code.geometry["600101"], anchor).all()
    assert result.unmatched.set_index("tambon_code")["reason"].to_dict() == {
        "180101": "province not in layer",
        "609999": "no polygon with this code",
    }
    totals = result.totals()
    assert totals.loc["persons"].tolist() == [9011, 3000, 5700, 311, 0]
    assert totals.loc["target_poor"].tolist() == [91, 30, 57, 4, 0]
    result.check_totals()
    assert result.shown_totals["persons"] == 8700


@needs_shared
def test_join_rejects_duplicate_codes(nakhon_sawan: gpd.GeoDataFrame) -> None:
    table = pd.DataFrame({"tambon_code": ["600102", "TH600102"], "persons": [1, 2]})
    with pytest.raises(ValueError, match="duplicate codes"):
        join_area_table(nakhon_sawan, table)


@needs_shared
def test_join_amphoe_level(shared_env: Path) -> None:
    amphoes = prepared_layer("amphoe", ["19"])
    table = pd.DataFrame({"code": [int(d.code) for d in geothai.districts("19")], "n": range(13)})
    result = join_area_table(amphoes, table, code_column="code", level="amphoe")
    assert result.polygons["n"].sum() == sum(range(13))
    assert result.municipal.empty and result.unmatched.empty
    result.check_totals()


@needs_shared
def test_check_totals_detects_a_mismatch(nakhon_sawan: gpd.GeoDataFrame) -> None:
    table = pd.DataFrame({"tambon_code": ["600102", "600151"], "persons": [10, 5]})
    result = join_area_table(nakhon_sawan, table)
    broken = type(result)(**{**result.__dict__, "municipal": result.municipal.iloc[0:0]})
    with pytest.raises(AssertionError, match="do not reconcile"):
        broken.check_totals()
    assert list(itertools.chain(broken.totals().loc["persons"])) == [15, 10, 0, 0, 5]

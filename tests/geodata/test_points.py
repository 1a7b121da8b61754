"""Synthetic household locations inside tambon polygons."""

from __future__ import annotations

import time

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geodata.synthetic_points import METRES_PER_DEGREE, points_in_polygons
from tests.geodata.shared_files import SHARED, needs_shared

SQUARE = shapely.box(100.0, 14.0, 100.1, 14.1)
# an L-shaped tambon: a quarter of its bounding box is outside it
L_SHAPE = shapely.Polygon(
    [(100.2, 14.0), (100.4, 14.0), (100.4, 14.1), (100.3, 14.1), (100.3, 14.2), (100.2, 14.2)]
)

# a thin diagonal strip: ~2 % of its bounding box
STRIP = shapely.LineString([(100.5, 14.0), (100.7, 14.2)]).buffer(0.002)
GEOMS = {"100101": SQUARE, "100102": L_SHAPE, "100103": STRIP}


@pytest.fixture(scope="module")
def saraburi() -> dict[str, shapely.Geometry]:
    if not (SHARED / "tambons_pilot3.geojson").is_file():
        pytest.skip(f"shared boundary files not found in {SHARED}")
    gdf = gpd.read_file(SHARED / "tambons_pilot3.geojson")
    gdf = gdf[gdf["province_code"] == "19"]
    return dict(zip(gdf["tambon_code"], gdf.geometry, strict=True))


def inside(geoms: dict, codes: np.ndarray, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    return np.array(
        [shapely.contains_xy(geoms[c], x, y) for c, x, y in zip(codes, lon, lat, strict=True)]
    )


def test_points_are_inside_their_polygon_and_in_input_order() -> None:
    codes = np.array(["100103", "100101", "100102"] * 500)
    lon, lat = points_in_polygons(GEOMS, codes, seed=7)
    assert lon.shape == lat.shape == (1500,)
    assert inside(GEOMS, codes, lon, lat).all()
    # the L's empty quarter (x > 100.3 and y > 14.1) gets nothing
    is_l = codes == "100102"
    assert not ((lon[is_l] > 100.3) & (lat[is_l] > 14.1)).any()
    # roughly uniform: a third of the L's points in its upper-left square (area 1/3)
    upper = (lat[is_l] > 14.1).mean()
    assert 0.27 < upper < 0.40


def test_deterministic_and_independent_of_other_codes() -> None:
    codes = np.array(["100101"] * 50 + ["100102"] * 30)
    a = points_in_polygons(GEOMS, codes, seed=1)
    b = points_in_polygons(GEOMS, codes, seed=1)
    c = points_in_polygons(GEOMS, codes, seed=2)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.allclose(a[0], c[0])
    # dropping tambon 100102 from the input does not move 100101's points
    only = points_in_polygons(GEOMS, codes[:50], seed=1)
    np.testing.assert_array_equal(only[0], a[0][:50])


def test_village_clusters_stay_inside_and_are_tight() -> None:
    codes = np.array(["100103"] * 600 + ["100101"] * 600)
    villages = np.array([f"{c}{i % 6 + 1:02d}" for i, c in enumerate(codes)])
    lon, lat = points_in_polygons(GEOMS, codes, seed=3, villages=villages, jitter_m=200)
    assert inside(GEOMS, codes, lon, lat).all()
    spreads = []
    for v in np.unique(villages[600:]):  # the square tambon: jitter is rarely clipped
        sel = villages == v
        dx = (lon[sel] - lon[sel].mean()) * METRES_PER_DEGREE * np.cos(np.radians(14.05))
        dy = (lat[sel] - lat[sel].mean()) * METRES_PER_DEGREE
        spreads.append(np.sqrt(np.mean(dx**2 + dy**2)))
    # radial RMS of a 2-D normal with sigma 200 m is ~283 m
    assert 200 < np.median(spreads) < 350
    # twelve villages (six per tambon), twelve distinct centres
    centres = {
        (round(lon[villages == v].mean(), 3), round(lat[villages == v].mean(), 3))
        for v in np.unique(villages)
    }
    assert len(centres) == 12
    # same village -> same centre, whatever else is in the input
    again = points_in_polygons(GEOMS, codes[600:], seed=3, villages=villages[600:], jitter_m=200)
    np.testing.assert_array_equal(again[0], lon[600:])


def test_errors() -> None:
    with pytest.raises(KeyError, match="999999"):
        points_in_polygons(GEOMS, ["100101", "999999"], seed=0)
    with pytest.raises(ValueError, match="same length"):
        points_in_polygons(GEOMS, ["100101"], seed=0, villages=["a", "b"])
    with pytest.raises(ValueError, match="empty polygon"):
        points_in_polygons({"1": shapely.Polygon()}, ["1"], seed=0)
    lon, lat = points_in_polygons(GEOMS, [], seed=0)
    assert lon.size == lat.size == 0


@needs_shared
def test_real_tambons_many_points_fast(saraburi: dict[str, shapely.Geometry]) -> None:
    rng = np.random.default_rng(0)
    codes = rng.choice(sorted(saraburi), size=200_000)
    start = time.perf_counter()
    lon, lat = points_in_polygons(saraburi, codes, seed=11)
    elapsed = time.perf_counter() - start
    assert elapsed < 5.0
    sample = rng.choice(codes.size, 5_000, replace=False)
    assert inside(saraburi, codes[sample], lon[sample], lat[sample]).all()
    assert 100.5 < lon.min() and lon.max() < 101.5 and 14.2 < lat.min() and lat.max() < 15.2

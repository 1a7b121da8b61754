import math

import numpy as np
import pandas as pd
import pytest

from analytics.domain.route import (
    EARTH_RADIUS_KM,
    haversine_km,
    nearest_neighbour_order,
    route_length_km,
    with_visit_order,
)

KM_PER_DEGREE = 2 * math.pi * EARTH_RADIUS_KM / 360  # along the equator or a meridian

# Four points on the equator, at these longitudes (row order is deliberately shuffled).
LINE_LON = [3.0, -1.5, 1.0, 4.5]
LINE_LAT = [0.0, 0.0, 0.0, 0.0]


def test_one_degree_along_equator_and_meridian():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(KM_PER_DEGREE)
    assert haversine_km(10, 100, 11, 100) == pytest.approx(KM_PER_DEGREE)
    assert KM_PER_DEGREE == pytest.approx(111.195, abs=1e-3)


def test_points_on_a_line_from_a_start_point():
    # From lon 0: 1 (1°), then 3 (2°, nearer than -1.5 at 2.5°), then 4.5 (1.5°), then -1.5 (6°).
    order = nearest_neighbour_order(LINE_LAT, LINE_LON, start=(0.0, 0.0))
    assert order.tolist() == [2, 0, 3, 1]
    length = route_length_km(LINE_LAT, LINE_LON, order, start=(0.0, 0.0))
    assert length == pytest.approx((1 + 2 + 1.5 + 6) * KM_PER_DEGREE, rel=1e-9)


def test_without_start_the_route_begins_at_the_first_point():
    # From lon 3: 4.5 (1.5°), then 1 (3.5°), then -1.5 (2.5°).
    order = nearest_neighbour_order(LINE_LAT, LINE_LON)
    assert order.tolist() == [0, 3, 2, 1]
    length = route_length_km(LINE_LAT, LINE_LON, order)
    assert length == pytest.approx((1.5 + 3.5 + 2.5) * KM_PER_DEGREE, rel=1e-9)


def test_rows_without_coordinates_go_last_in_original_order():
    lat = [np.nan, 0.0, 0.0, 0.0, np.nan, 0.0, 0.0]
    lon = [0.0, 3.0, -1.5, 1.0, np.nan, 4.5, np.nan]
    order = nearest_neighbour_order(lat, lon, start=(0.0, 0.0))
    assert order.tolist() == [3, 1, 5, 2, 0, 4, 6]
    # the NaN rows add nothing to the length
    length = route_length_km(lat, lon, order, start=(0.0, 0.0))
    assert length == pytest.approx(10.5 * KM_PER_DEGREE, rel=1e-9)


def test_no_coordinates_at_all_keeps_the_list_order():
    assert nearest_neighbour_order([np.nan] * 3, [np.nan] * 3).tolist() == [0, 1, 2]
    assert route_length_km([np.nan] * 3, [np.nan] * 3, [0, 1, 2]) == 0.0


def test_empty_input():
    assert nearest_neighbour_order([], []).tolist() == []
    assert route_length_km([], [], []) == 0.0


def test_ties_go_to_the_earlier_row():
    order = nearest_neighbour_order([0.0, 0.0], [1.0, -1.0], start=(0.0, 0.0))
    assert order.tolist() == [0, 1]


def test_each_step_goes_to_the_nearest_remaining_point():
    rng = np.random.default_rng(7)
    lat = 15 + rng.random(40)
    lon = 100 + rng.random(40)
    start = (15.5, 100.5)
    order = nearest_neighbour_order(lat, lon, start=start)
    assert sorted(order.tolist()) == list(range(40))
    here, left = start, set(range(40))
    for idx in order:
        nearest = min(left, key=lambda j: (haversine_km(here[0], here[1], lat[j], lon[j]), j))
        assert idx == nearest
        left.remove(idx)
        here = (lat[idx], lon[idx])


def test_greedy_route_is_no_longer_than_the_list_order_here():
    lat, lon = LINE_LAT, LINE_LON
    greedy = route_length_km(lat, lon, nearest_neighbour_order(lat, lon, (0, 0)), (0, 0))
    as_listed = route_length_km(lat, lon, [0, 1, 2, 3], (0, 0))
    assert greedy < as_listed


def test_mismatched_lengths_are_an_error():
    with pytest.raises(ValueError, match="differ in length"):
        nearest_neighbour_order([0.0, 1.0], [0.0])


def test_with_visit_order_sorts_rows_and_numbers_them():
    df = pd.DataFrame(
        {
            "house_code": ["a", "b", "c", "d", "e"],
            "lat": LINE_LAT + [np.nan],
            "lon": LINE_LON + [0],
        },
        index=[10, 11, 12, 13, 14],
    )
    routed = with_visit_order(df, start=(0.0, 0.0))
    assert routed["house_code"].tolist() == ["c", "a", "d", "b", "e"]
    assert routed["order"].tolist() == [1, 2, 3, 4, 5]
    assert "order" not in df.columns  # the input is left alone


@pytest.mark.parametrize("start", [(15.0,), (15.0, np.nan), (1.0, 2.0, 3.0)])
def test_a_malformed_start_is_a_clear_error(start):
    with pytest.raises(ValueError, match=r"\(lat, lon\) pair"):
        nearest_neighbour_order(LINE_LAT, LINE_LON, start=start)

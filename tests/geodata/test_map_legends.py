"""Legends that explain (issue 11): no "0.0000 – 0.0000", a reason for a grey map, one class."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from analytics.domain import classify
from analytics.domain.map_measures import measure_by_key
from analytics.services import map_spec
from analytics.text import labels

M0 = measure_by_key("af_m0")


def legend(values, measure=M0, method="quantiles"):
    breaks = classify.class_breaks(values, method)
    return breaks, classify.legend_entries(breaks, values, measure.format, digits=measure.digits)


def test_m0_legend_never_reads_zero_to_zero():
    values = [0.0, 0.0, 0.00002, 0.00004, 0.00007, 0.0001, 0.0003, 0.0012]
    _, entries = legend(values)
    texts = [text for _, text in entries]
    assert not any(a == b for a, b in (t.split(" – ") for t in texts if " – " in t))
    assert "0.0000 – 0.0000" not in texts
    assert len(set(texts)) == len(texts)


def test_legend_keeps_its_digits_when_they_already_read_apart():
    _, entries = legend([0.01, 0.02, 0.05, 0.1, 0.2, 0.3])
    assert all(len(part.split(".")[1]) == 4 for _, t in entries for part in t.split(" – "))


def test_pilot_legends_with_a_plain_formatter_still_work():
    breaks = classify.class_breaks([1.0, 2.0, 3.0])
    assert [t for _, t in classify.legend_entries(breaks, [1.0, 2.0, 3.0], str)] == [
        "1.0",
        "1.0 – 2.0",
        "2.0 – 3.0",
    ]


def test_m0_on_aggregates_says_why_the_map_is_grey():
    breaks, entries = legend([np.nan, np.nan, np.nan])
    assert entries == []
    for lang in ("th", "en"):
        note = map_spec.legend_note(breaks, M0, "real", lang)
        assert note == labels.t("map_no_scores_aggregates", lang)
    assert "household" in map_spec.legend_note(breaks, M0, "real", "en").lower()
    count = measure_by_key("target_poor")
    assert map_spec.legend_note(breaks, count, "households", "en") == labels.t(
        "map_no_values", "en"
    )


def test_equal_values_give_one_honest_class_and_a_caption():
    breaks, entries = legend([0.25, 0.25, 0.25, np.nan])
    assert len(entries) == 1 and entries[0][1] == "0.2500"
    note = map_spec.legend_note(breaks, M0, "households", "en")
    assert note == labels.t("map_one_class", "en", value="0.2500")
    assert map_spec.legend_note(*legend([1.0, 2.0])[:1], M0, "households", "en") is None


def squares(n: int) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"tambon_code": [f"1901{i:02d}" for i in range(1, n + 1)]},
        geometry=[box(100 + i * 0.1, 14, 100.1 + i * 0.1, 14.1) for i in range(n)],
        crs="EPSG:4326",
    )


def test_an_amphoes_tambons_are_named_on_the_map():
    names = map_spec.area_labels(squares(5), "tambon_code", "th")
    assert [n["text"] for n in names][:1] == ["ปากเพรียว"]
    assert all(n["kind"] == "area" for n in names) and len(names) == 5
    assert 100.0 < names[0]["lon"] < 100.1 and 14.0 < names[0]["lat"] < 14.1


def test_too_many_areas_to_read_are_not_named():
    assert map_spec.area_labels(squares(map_spec.label_limit() + 1), "tambon_code", "th") == []


def test_map_fits_the_selected_tambon_and_all_its_household_points():
    layer = squares(3)
    assert map_spec.fit_bounds(layer, "tambon_code", "190102") == pytest.approx(
        (100.1, 14.0, 100.2, 14.1)
    )
    assert map_spec.fit_bounds(layer, "tambon_code", "19") == pytest.approx(
        (100.0, 14.0, 100.3, 14.1)
    )
    lons = pd.Series([100.15, 100.25, np.nan])
    lats = pd.Series([14.05, 14.12, 14.0])
    fit = map_spec.with_points((100.1, 14.0, 100.2, 14.1), lons, lats)
    assert fit == (100.1, 14.0, 100.25, 14.12)


def test_a_name_never_sits_on_a_municipal_square():
    layer = squares(3)
    names = map_spec.area_labels(layer, "tambon_code", "th")
    square = [{"lon": names[1]["lon"] + 0.001, "lat": names[1]["lat"], "code": "190151"}]
    moved = map_spec.clear_of_squares(names, square, layer)
    assert [n.get("above", False) for n in moved] == [False, True, False]

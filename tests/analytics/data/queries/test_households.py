"""Per-area reads: exactly the area's households, and the persons of given households."""

from __future__ import annotations

import pytest

from analytics.data.queries import HouseholdData
from tests.analytics.data.queries.conftest import PARAMS


@pytest.mark.parametrize(
    "code, houses",
    [
        ("19", ["19010000001", "19010000002", "19010000003", "19020000004", "19020000005"]),
        ("1901", ["19010000001", "19010000002", "19010000003"]),
        ("190101", ["19010000001", "19010000002"]),
        ("190151", ["19010000003"]),
        ("190151A901", ["19010000003"]),
        ("190151A9", ["19010000003"]),  # an 8-character village code
        ("1902010101", ["19020000004", "19020000005"]),
        ("34", ["34010000001"]),
    ],
)
def test_households_of_an_area_are_exactly_its_own(source, code, houses):
    frame = source.households(code, 2561)
    assert frame["house_code"].tolist() == houses


def test_household_rows_carry_the_schema_and_derived_income(source):
    frame = source.households("190101", 2561).set_index("house_code")
    assert bool(frame.loc["19010000002", "i4_3"]) and not bool(frame.loc["19010000001", "i4_3"])
    assert bool(frame.loc["19010000001", "i3_2"])
    assert frame.loc["19010000001", "dataset_id"] == "main"


@pytest.mark.parametrize("code", ["35", "3501010101", "10", "190301", "1903"])
def test_areas_without_households_give_an_empty_frame(source, code):
    frame = source.households(code, 2561)
    assert frame.empty and "house_code" in frame.columns


def test_members_of_households(source):
    persons = source.members(["19010000001", "19010000003"], 2561)
    assert persons["house_code"].tolist() == ["19010000001"] * 5 + ["19010000003"] * 3
    assert persons["member"].tolist() == [0, 1, 2, 3, 4, 0, 1, 2]
    assert int(persons["verified"].sum()) == 2 + 3


def test_members_of_an_inactive_province_are_not_returned(source):
    assert source.members(["35010000001"], 2561).empty
    assert len(source.members(["34010000001"], 2561)) == 2
    assert source.members([], 2561).empty


def test_codes_that_are_not_codes_are_refused_not_run(source):
    with pytest.raises(ValueError):
        source.members(["1' OR '1'='1"], 2561)
    with pytest.raises(ValueError):
        source.households("19'; DROP TABLE x; --", 2561)


def test_version_changes_with_the_active_files(dataset_files, engine):
    active = list(dataset_files)
    data = HouseholdData(lambda: active, engine, PARAMS)
    before = data.version()
    assert data.version() == before
    active.pop()
    assert data.version() != before
    assert not data.covers("34")
    assert data.households("34", 2561).empty


def test_years_and_provinces(source):
    assert source.years() == [2561]
    assert source.provinces() == ["19", "34"]
    assert source.has_level("19", "village") and source.supports_subsets("19", "tambon")


def test_threads_share_one_source_without_crashing(dataset_files, tmp_path):
    """Streamlit runs each session's script in its own thread against one cached source."""
    from concurrent.futures import ThreadPoolExecutor

    from analytics.data.queries.engine import DuckDBEngine

    data = HouseholdData(lambda: dataset_files, DuckDBEngine(cube_dir=tmp_path), PARAMS)

    def work(i: int) -> int:
        table = data.area_table(("tambon", "amphoe", "village")[i % 3], "19", None, 2561, None)
        return len(table) + len(data.households(("190101", "1902", "34")[i % 3], 2561))

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(work, range(24)))
    assert results[:3] == [3 + 2, 2 + 2, 3 + 1]
    assert results == results[:3] * 8

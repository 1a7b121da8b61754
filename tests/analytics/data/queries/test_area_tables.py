"""Area tables from the query layer against hand-worked answers (tests/.../households.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.data.queries import HouseholdData, area_tables
from analytics.data.sources import DataNotAvailable
from analytics.domain import measures
from tests.analytics.data.queries.conftest import PARAMS

ALL = ("health", "living", "education", "income", "access")


def row(table: pd.DataFrame, code: str) -> pd.Series:
    return table.set_index("code").loc[code]


def test_columns_are_the_contract_columns(source):
    table = source.area_table("tambon", "19", None, 2561, None)
    for column in [*measures.area_count_columns(), "applies_i3_2", "af_vulnerable", "af_severe"]:
        assert column in table.columns, column
    for column in ("rate", "mpi_rate", "af_h", "af_a", "af_m0"):
        assert column in table.columns
    assert list(table["code"]) == ["190101", "190151", "190201"]


def test_tambon_counts_by_hand(source):
    t = row(source.area_table("tambon", "19", None, 2561, ALL), "190101")
    assert (t.households, t.persons, t.registered, t.verified, t.elderly) == (2, 7, 4, 2, 3)
    assert (t.mpi_poor_households, t.mpi_poor, t.mpi_poor_registered) == (2, 7, 4)
    assert (t.target_poor, t.target_households) == (2, 1)
    assert (t.mpi_health, t.mpi_living, t.mpi_education, t.mpi_income, t.mpi_access) == (
        0, 2, 5, 2, 2,
    )  # fmt: skip
    assert (t.target_education, t.target_living) == (2, 0)


def test_five_member_household_with_a_child_out_of_school_counts_five(source):
    t = row(source.area_table("village", "19", "190101", 2561, ALL), "1901010101")
    assert t.fail_i3_2 == 5 and t.applies_i3_2 == 5
    assert t.target_fail_i3_2 == 2  # the verified members of the poor household
    assert t.applies_i2_1 == 7  # household items apply to every member
    assert (t.fail_i2_1, t.fail_i4_3, t.fail_i5_1, t.applies_i5_1) == (2, 2, 2, 2)


def test_household_without_child_is_not_in_the_base_of_3_2(source):
    t = row(source.area_table("amphoe", "19", None, 2561, ALL), "1902")
    assert t.applies_i3_2 == 4  # H4 has a child in school; H5 has none
    assert t.fail_i3_2 == 0


def test_alkire_foster_bands_at_k_one_third(source):
    table = source.area_table("tambon", "19", None, 2561, ALL)
    t1, t2 = row(table, "190101"), row(table, "190151")
    assert (t1.af_poor, t1.af_vulnerable, t1.af_severe) == (0, 2, 0)
    assert t2.af_poor == 3  # score exactly 1/3 is poor
    assert t2.af_score_sum == pytest.approx(1.0)
    assert (t2.af_h, t2.af_a, t2.af_m0) == pytest.approx((1.0, 1 / 3, 1 / 3))
    a = row(source.area_table("amphoe", "19", None, 2561, ALL), "1902")
    assert (a.af_poor, a.af_severe, a.persons) == (1, 1, 5)
    assert a.af_m0 == pytest.approx(31 / 60 / 5)


def test_dimension_subset_changes_who_is_poor(source):
    edu = row(source.area_table("tambon", "19", None, 2561, ("education",)), "190101")
    assert (edu.mpi_poor, edu.mpi_poor_households, edu.target_poor) == (5, 1, 2)
    assert (edu.mpi_living, edu.target_fail_i2_1) == (0, 0)
    income = row(source.area_table("tambon", "19", None, 2561, ("income",)), "190101")
    assert (income.mpi_poor, income.mpi_living, income.mpi_education) == (2, 2, 0)
    assert income.af_poor == edu.af_poor  # AF does not depend on the subset


def test_levels_add_up(source):
    village = source.area_table("village", "19", None, 2561, ALL)
    assert list(village["code"]) == ["1901010101", "190151A901", "1902010101"]
    province = row(source.area_table("province", "19", None, 2561, ALL), "19")
    country = source.area_table("country", None, None, 2561, ALL)
    columns = area_tables.count_columns()
    assert province[columns].tolist() == village[columns].sum().tolist()
    assert row(country, "TH").persons == 15 + 2  # province 34 counts; 35 is not active
    assert (province.households, province.mpi_poor, province.target_poor) == (5, 11, 6)


def test_municipal_pseudo_tambon_with_letter_villages(source):
    table = source.area_table("village", "19", "190151", 2561, ALL)
    assert table["code"].tolist() == ["190151A901"]
    assert row(table, "190151A901").target_households == 1


def test_income_threshold_is_a_parameter(dataset_files, engine):
    from dataclasses import replace

    rich = HouseholdData(lambda: dataset_files, engine, replace(PARAMS, threshold=10**7))
    t = row(rich.area_table("province", "19", None, 2561, ALL), "19")
    assert t.fail_i4_3 == 15 and t.mpi_poor == 15


def test_cube_and_direct_queries_agree(source, dataset_files, engine):
    direct = HouseholdData(lambda: dataset_files, engine, PARAMS, use_cube=False)
    for level in ("village", "tambon", "amphoe", "province", "country"):
        for dims in (ALL, ("health",), ("living", "access")):
            a = source.area_table(level, None, None, 2561, dims)
            b = direct.area_table(level, None, None, 2561, dims)
            pd.testing.assert_frame_equal(a, b)


def test_province_without_a_dataset_is_not_covered(source):
    assert source.covers("19") and source.covers("34")
    assert not source.covers("35")  # in the file, but the dataset is not active for it
    assert not source.covers("10")
    with pytest.raises(DataNotAvailable):
        source.area_table("tambon", "10", None, 2561, ALL)
    with pytest.raises(DataNotAvailable):
        source.area_table("tambon", "19", None, 2562, ALL)


def test_empty_area_gives_an_empty_table(source):
    table = source.area_table("village", "19", "190301", 2561, ALL)
    assert table.empty and "target_poor" in table.columns


def test_no_active_dataset_at_all(engine):
    empty = HouseholdData(lambda: [], engine, PARAMS)
    assert empty.years() == [] and not empty.covers(None) and not empty.covers("19")
    assert empty.households("19", 2561).empty
    with pytest.raises(DataNotAvailable):
        empty.area_table("province", None, None, 2561, ALL)


def test_cube_lives_beside_the_dataset_and_is_keyed_on_the_settings(dataset_files):
    from dataclasses import replace

    from analytics.data.queries.engine import DuckDBEngine

    engine = DuckDBEngine()
    HouseholdData(lambda: dataset_files, engine, PARAMS).area_table(
        "province", None, None, 2561, None
    )
    folder = dataset_files[0].households.parent
    first = sorted(folder.glob("households_2561.cube-*.parquet"))
    assert len(first) == 1
    other = replace(PARAMS, cutoff=0.5)
    strict = HouseholdData(lambda: dataset_files, engine, other)
    assert row(strict.area_table("tambon", "19", None, 2561, ALL), "190151").af_poor == 0
    assert len(sorted(folder.glob("households_2561.cube-*.parquet"))) == 2

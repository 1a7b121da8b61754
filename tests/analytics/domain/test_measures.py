"""Hand-worked examples for the measures (see the docstring of ``tiny`` for the worked sums)."""

import numpy as np
import pandas as pd
import pytest

from analytics.domain import catalogue, measures
from tests.analytics import factories

INCOME_W = 0.2 / 3  # income has 3 indicators: each weighs 1/5 * 1/3
OTHER_W = 0.2 / 4  # health, living, education: 4 indicators each


@pytest.fixture
def tiny():
    """Household A (2 members, 50,000 baht: 25,000 each, below 38,000 -> fails 4.3):
    p1 aged 70, verified; p2 aged 8 is out of school, so A fails 3.2.
    Household B (1 member, 100,000 baht): fails drinking water 2.2; p3 aged 40 has no
    occupation, so B fails 4.1; p3 registered but not verified.
    TPMAP's household rule: every member carries the household's failures.
    Dimensions: A {income, education} (2 persons); B {living, income} (1 person).
    """
    return factories.dataset(
        [
            {"household_row": 0, "age": 70, "registered": True, "verified": True},
            {"household_row": 0, "age": 8, "i3_2": True},
            {"household_row": 1, "age": 40, "i4_1": True, "registered": True},
        ],
        [
            {"village_id": "6001020101", "members": 2, "income": 50_000},
            {"village_id": "6001020101", "members": 1, "income": 100_000, "i2_2": True},
        ],
    )


def test_household_indicator_counts_every_member(tiny):
    households, _ = tiny
    table = measures.village_table(households).iloc[0]
    assert table["fail_i4_3"] == 2  # both members of household A
    assert table["fail_i2_2"] == 1
    assert table["fail_i3_2"] == 2  # rule: both members of A, not only the child
    assert table["applies_i3_2"] == 2 and table["applies_i4_1"] == 1
    assert table["households"] == 2 and table["persons"] == 3


def test_union_rule_and_overlap_across_dimensions(tiny):
    households, _ = tiny
    row = measures.village_table(households).iloc[0]
    assert row["mpi_poor"] == 3
    assert row["mpi_poor_households"] == 2
    assert row["mpi_poor_registered"] == 2
    assert row["target_poor"] == 1  # only p1 is verified
    # rule: p1 carries A's education failure
    assert row["target_income"] == 1 and row["target_education"] == 1
    # per-dimension counts overlap: 3 income + 2 education + 1 living = 6 > 3 poor persons
    dims = sum(row[f"mpi_{d}"] for d in catalogue.dimension_codes())
    assert dims == 6
    assert row["rate"] == pytest.approx(100 / 3)


def test_dimension_subset_counts_union_over_chosen_only(tiny):
    households, _ = tiny
    health_or_education = measures.village_table(households, dims=("health", "education"))
    assert health_or_education.iloc[0]["mpi_poor"] == 2  # household A
    assert health_or_education.iloc[0]["target_poor"] == 1
    living = measures.village_table(households, dims=("living",)).iloc[0]
    assert living["mpi_poor"] == 1 and living["mpi_poor_households"] == 1


def test_income_threshold_is_a_setting(tiny):
    households, _ = tiny
    low = measures.village_table(households, threshold=20_000).iloc[0]
    assert low["fail_i4_3"] == 0  # 25,000 per member passes a 20,000 threshold
    assert low["mpi_poor"] == 3  # A still fails 3.2


def test_alkire_foster_h_a_m0(tiny):
    households, _ = tiny
    hm = measures.household_measures(households, cutoff=0.1)
    assert hm.intensity == pytest.approx([INCOME_W + OTHER_W, OTHER_W + INCOME_W])
    row = measures.village_table(households, cutoff=0.1).iloc[0]
    # k = 0.1: all three carry 0.11667: H = 1, A = 0.11667, M0 = H x A
    assert row["af_h"] == pytest.approx(1.0)
    assert row["af_a"] == pytest.approx(INCOME_W + OTHER_W)
    assert row["af_m0"] == pytest.approx(INCOME_W + OTHER_W)
    none = measures.village_table(households).iloc[0]  # k = 1/3
    assert none["af_h"] == 0 and none["af_m0"] == 0 and np.isnan(none["af_a"])


def test_weights_sum_to_one_and_split_dimensions_equally():
    weights = catalogue.af_weights()
    assert weights.sum() == pytest.approx(1.0)
    matrix = catalogue.dimension_matrix()
    assert np.allclose(weights @ matrix, 0.2)


def test_rollup_sums_children_and_recomputes_rates(tiny):
    households, _ = tiny
    households.loc[1, "village_id"] = "6001030101"  # move B to another tambon of the same amphoe
    villages = measures.village_table(households)
    assert list(villages["code"]) == ["6001020101", "6001030101"]
    amphoe = measures.rollup(villages, "amphoe").iloc[0]
    assert amphoe["code"] == "6001" and amphoe["persons"] == 3 and amphoe["target_poor"] == 1
    assert amphoe["rate"] == pytest.approx(100 / 3)


def test_old_person_level_frames_are_converted_by_the_rule(tiny):
    households, _ = tiny
    old_persons = factories.persons([{"household_row": 0, "age": 8, "i3_2": True}])
    old_households = factories.households([{"members": 1}])
    row = measures.area_measures(old_persons, old_households, "province").iloc[0]
    assert row["fail_i3_2"] == 1 and row["applies_i3_2"] == 1
    same = measures.area_measures(None, households, "village")
    pd.testing.assert_frame_equal(same, measures.village_table(households))

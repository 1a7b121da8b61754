"""Hand-worked examples for the measures (see the docstring of ``tiny`` for the worked sums)."""

import numpy as np
import pytest

from analytics import catalogue, measures
from tests.analytics import factories

INCOME_W = 0.2 / 3  # income has 3 indicators: each weighs 1/5 * 1/3
OTHER_W = 0.2 / 4  # health, living, education: 4 indicators each


@pytest.fixture
def tiny():
    """Household A (2 members, 50,000 baht: 25,000 each, below 38,000 -> 4.3 fails for both):
    p1 aged 70, verified; p2 aged 8 also fails 3.2 (school).
    Household B (1 member, 100,000 baht): fails drinking water 2.2; p3 aged 40 also fails 4.1,
    registered but not verified.
    Dimensions: p1 {income}; p2 {income, education}; p3 {living, income}.
    """
    households = factories.households(
        [
            {"village_id": "6001020101", "members": 2, "income": 50_000},
            {"village_id": "6001020101", "members": 1, "income": 100_000, "i2_2": True},
        ]
    )
    persons = factories.persons(
        [
            {"household_row": 0, "age": 70, "registered": True, "verified": True},
            {"household_row": 0, "age": 8, "i3_2": True},
            {"household_row": 1, "age": 40, "i4_1": True, "registered": True},
        ]
    )
    return persons, households


def test_household_indicator_counts_every_member(tiny):
    persons, households = tiny
    table = measures.area_measures(persons, households).iloc[0]
    assert table["fail_i4_3"] == 2  # both members of household A
    assert table["fail_i2_2"] == 1
    assert table["fail_i3_2"] == 1
    assert table["households"] == 2 and table["persons"] == 3


def test_union_rule_and_overlap_across_dimensions(tiny):
    persons, households = tiny
    row = measures.area_measures(persons, households).iloc[0]
    assert row["mpi_poor"] == 3
    assert row["mpi_poor_households"] == 2
    assert row["mpi_poor_registered"] == 2
    assert row["target_poor"] == 1  # only p1 is verified
    assert row["target_income"] == 1 and row["target_education"] == 0
    # per-dimension counts overlap: 3 income + 1 education + 1 living = 5 > 3 poor persons
    dims = sum(row[f"mpi_{d}"] for d in catalogue.dimension_codes())
    assert dims == 5
    assert row["rate"] == pytest.approx(100 / 3)


def test_dimension_subset_counts_union_over_chosen_only(tiny):
    persons, households = tiny
    health_or_education = measures.area_measures(persons, households, dims=("health", "education"))
    assert health_or_education.iloc[0]["mpi_poor"] == 1  # p2 only
    assert health_or_education.iloc[0]["target_poor"] == 0
    living = measures.area_measures(persons, households, dims=("living",)).iloc[0]
    assert living["mpi_poor"] == 1 and living["mpi_poor_households"] == 1


def test_income_threshold_is_a_setting(tiny):
    persons, households = tiny
    low = measures.area_measures(persons, households, threshold=20_000).iloc[0]
    assert low["fail_i4_3"] == 0  # 25,000 per member passes a 20,000 threshold
    assert low["mpi_poor"] == 2  # p1 is no longer poor; p2 still fails 3.2


def test_alkire_foster_h_a_m0(tiny):
    persons, households = tiny
    pm = measures.person_measures(persons, households, cutoff=0.1)
    assert pm.intensity == pytest.approx([INCOME_W, INCOME_W + OTHER_W, OTHER_W + INCOME_W])
    row = measures.area_measures(persons, households, cutoff=0.1).iloc[0]
    # k = 0.1: p2 and p3 are AF-poor: H = 2/3, A = (0.11667 + 0.11667)/2, M0 = H x A
    assert row["af_h"] == pytest.approx(2 / 3)
    assert row["af_a"] == pytest.approx(INCOME_W + OTHER_W)
    assert row["af_m0"] == pytest.approx(2 / 3 * (INCOME_W + OTHER_W))
    everyone = measures.area_measures(persons, households, cutoff=0.05).iloc[0]
    assert everyone["af_h"] == pytest.approx(1.0)
    assert everyone["af_a"] == pytest.approx(0.1)
    assert everyone["af_m0"] == pytest.approx(0.1)


def test_weights_sum_to_one_and_split_dimensions_equally():
    weights = catalogue.af_weights()
    assert weights.sum() == pytest.approx(1.0)
    matrix = catalogue.dimension_matrix()
    assert np.allclose(weights @ matrix, 0.2)


def test_rollup_sums_children_and_recomputes_rates(tiny):
    persons, households = tiny
    households.loc[1, "village_id"] = "6001030101"  # move B to another tambon of the same amphoe
    villages = measures.area_measures(persons, households, "village")
    assert list(villages["code"]) == ["6001020101", "6001030101"]
    amphoe = measures.rollup(villages, "amphoe").iloc[0]
    assert amphoe["code"] == "6001" and amphoe["persons"] == 3 and amphoe["target_poor"] == 1
    assert amphoe["rate"] == pytest.approx(100 / 3)


def test_household_measures_list_failed_indicators(tiny):
    persons, households = tiny
    pm = measures.person_measures(persons, households)
    per_household = measures.household_measures(persons, households, pm)
    assert per_household["mpi_poor_members"].tolist() == [2, 1]
    assert per_household["target_members"].tolist() == [1, 0]
    assert per_household["indicators_failed"].tolist() == [2, 2]

"""TPMAP's household rule (domain.md §1a), worked by hand: an indicator applies to a household
or not, the household fails it or not, and every member counts."""

import pandas as pd
import pytest

from analytics.domain import household_rule, household_schema, measures, rules
from tests.analytics import factories


def area(households, **kwargs) -> pd.Series:
    return measures.village_table(households, **kwargs).iloc[0]


def test_one_child_out_of_school_makes_the_whole_household_fail_3_2():
    """Five members: parents 40 and 38, children 12 (out of school) and 9, grandmother 70.
    A second household (two adults of 30, 35) has no child aged 6-14: not in 3.2's base."""
    households, persons = factories.dataset(
        [
            {"household_row": 0, "age": 40},
            {"household_row": 0, "age": 38},
            {"household_row": 0, "age": 12, "i3_2": True},
            {"household_row": 0, "age": 9},
            {"household_row": 0, "age": 70},
            {"household_row": 1, "age": 30},
            {"household_row": 1, "age": 35},
        ],
        [{"members": 5, "income": 500_000}, {"members": 2, "income": 200_000}],
    )
    assert households["i3_2"].tolist() == [True, False]
    assert households["applies_i3_2"].tolist() == [True, False]
    row = area(households)
    assert row["fail_i3_2"] == 5  # every member of the failing household
    assert row["applies_i3_2"] == 5  # the second household is not in the base
    assert row["applies_i4_2"] == 5 and row["applies_i4_1"] == 7
    assert row["applies_i2_2"] == 7  # household items apply to everyone
    assert row["mpi_poor"] == 5 and row["mpi_poor_households"] == 1 and row["mpi_education"] == 5


def poor_household_of_four():
    """One household of 4 failing drinking water (2.2); 2 registered for the welfare card,
    of whom 1 verified. A second household (3 members, 1 verified) passes everything."""
    return factories.dataset(
        [
            {"household_row": 0, "age": 45, "registered": True, "verified": True},
            {"household_row": 0, "age": 44, "registered": True},
            {"household_row": 0, "age": 15},
            {"household_row": 0, "age": 13},
            {"household_row": 1, "age": 50, "registered": True, "verified": True},
            {"household_row": 1, "age": 20},
            {"household_row": 1, "age": 18},
        ],
        [{"members": 4, "income": 400_000, "i2_2": True}, {"members": 3, "income": 300_000}],
    )


def test_target_poor_are_the_verified_members_of_poor_households():
    households, persons = poor_household_of_four()
    row = area(households)
    assert row["mpi_poor"] == 4 and row["mpi_poor_households"] == 1
    assert row["mpi_poor_registered"] == 2
    assert row["target_poor"] == 1 and row["target_households"] == 1
    assert row["verified"] == 2  # the non-poor household's verified member is not target poor
    assert row["target_living"] == 1 and row["target_fail_i2_2"] == 1
    profile = rules.household_profile(households, persons)
    assert profile["mpi_poor_members"].tolist() == [4, 0]
    assert profile["target_members"].tolist() == [1, 0]


def test_a_dimension_subset_without_the_failed_dimension_makes_them_not_poor():
    households, _ = poor_household_of_four()
    row = area(households, dims=("health", "education", "income", "access"))
    assert row["mpi_poor"] == 0 and row["target_poor"] == 0 and row["mpi_poor_households"] == 0
    assert row["fail_i2_2"] == 4  # the indicator count does not depend on the subset


def alkire_foster_population():
    """Weights: health, living, education 1/20 per indicator; income 1/15; access 1/10.

    H1, 4 members (65 disabled, 40, 10, 5), 100,000 baht (< 4 x 38,000): fails 2.1, 2.2 (0.10),
      4.1 by the 40-year-old, 4.2 and 5.1 by the 65-year-old, 5.2 (disabled), 4.3:
      income 3/15 = 0.20, access 2/10 = 0.20 -> score 0.50: AF-poor and severe (>= 1/2).
    H2, 2 members (70 disabled, 50), 50,000 baht (< 76,000): fails 4.3, 4.1, 5.1, 5.2:
      2/15 + 0.20 = 1/3 -> AF-poor (exactly k), not severe.
    H3, 3 members (30, 30, 2), 200,000 baht: fails 1.2, 1.3, 2.1, 2.2, 2.3: 5/20 = 0.25 ->
      vulnerable (1/5 <= 0.25 < 1/3), not poor.
    H4, 1 member, 50,000 baht: fails 1.3 and 2.4: 0.10 -> neither.
    H5, 2 members, 100,000 baht: passes everything.
    Persons 12; AF-poor 4 + 2 = 6 -> H = 6/12 = 0.5.
    Score sum over the AF-poor: 4 x 0.5 + 2 x 1/3 = 8/3 -> A = (8/3) / 6 = 4/9.
    M0 = H x A = 0.5 x 4/9 = 2/9 (= (8/3) / 12). Vulnerable 3 (3/12), severe 4 (4/12).
    """
    return factories.dataset(
        [
            {"household_row": 0, "age": 65, "disabled": True, "i4_2": True, "i5_1": True}
            | {"i5_2": True},
            {"household_row": 0, "age": 40, "i4_1": True},
            {"household_row": 0, "age": 10},
            {"household_row": 0, "age": 5},
            {"household_row": 1, "age": 70, "disabled": True, "i5_1": True, "i5_2": True},
            {"household_row": 1, "age": 50, "i4_1": True},
            {"household_row": 2, "age": 30},
            {"household_row": 2, "age": 30},
            {"household_row": 2, "age": 2},
            {"household_row": 3, "age": 35},
            {"household_row": 4, "age": 30},
            {"household_row": 4, "age": 30},
        ],
        [
            {"members": 4, "income": 100_000, "i2_1": True, "i2_2": True},
            {"members": 2, "income": 50_000},
            {"members": 3, "income": 200_000}
            | {"i1_2": True, "i1_3": True, "i2_1": True, "i2_2": True, "i2_3": True},
            {"members": 1, "income": 50_000, "i1_3": True, "i2_4": True},
            {"members": 2, "income": 100_000},
        ],
    )


def test_alkire_foster_h_a_m0_and_bands_at_one_third():
    households, _ = alkire_foster_population()
    hm = measures.household_measures(households)
    assert hm.intensity == pytest.approx([0.5, 1 / 3, 0.25, 0.1, 0.0])
    row = area(households)
    assert row["persons"] == 12
    assert row["af_poor"] == 6 and row["af_h"] == pytest.approx(0.5)
    assert row["af_score_sum"] == pytest.approx(8 / 3)
    assert row["af_a"] == pytest.approx(4 / 9)
    assert row["af_m0"] == pytest.approx(2 / 9)
    assert row["af_vulnerable"] == 3 and row["af_vulnerable_h"] == pytest.approx(0.25)
    assert row["af_severe"] == 4 and row["af_severe_h"] == pytest.approx(1 / 3)


def test_the_shipped_cutoff_is_ophi_one_third_not_the_vulnerability_band():
    bands = measures.af_bands()
    assert bands.cutoff == pytest.approx(1 / 3)
    assert (bands.vulnerable_from, bands.severe_from) == (0.2, 0.5)
    households, _ = alkire_foster_population()
    at_old_cutoff = area(households, cutoff=0.2)
    assert at_old_cutoff["af_poor"] == 9  # H3 would be poor at k = 0.2


def test_conversion_is_idempotent_and_conforms():
    households, persons = alkire_foster_population()
    assert household_schema.check(households, persons) == []
    again_h, again_p = household_rule.to_household_schema(persons, households)
    assert again_h is households and again_p is persons
    assert households["verified_members"].tolist() == [0, 0, 0, 0, 0]
    assert households["disabled_members"].tolist() == [1, 1, 0, 0, 0]
    assert "i3_2" not in persons


def test_an_answer_outside_the_age_group_still_puts_the_household_in_the_base():
    """An imported row may say a 16-year-old fails 3.2 (the survey asked the household)."""
    households, _ = factories.dataset(
        [{"household_row": 0, "age": 16, "i3_2": True}], [{"members": 1}]
    )
    assert households["applies_i3_2"].tolist() == [True]
    assert area(households)["fail_i3_2"] == 1


def test_failed_codes_are_built_per_pattern():
    households, persons = alkire_foster_population()
    profile = rules.household_profile(households, persons)
    assert profile["failed_codes"].tolist() == [
        "2.1, 2.2, 4.1, 4.2, 4.3, 5.1, 5.2",
        "4.1, 4.3, 5.1, 5.2",
        "1.2, 1.3, 2.1, 2.2, 2.3",
        "1.3, 2.4",
        "",
    ]


def test_imported_answers_put_households_in_the_base_and_in_the_schema():
    """Row 1: a 70-year-old answers 4.2 ("fail"); row 2: a 30-year-old in another house, no
    answer. A blank answer is "not applicable": the second house is not in 4.2's base."""
    from analytics.domain import citizen_id
    from analytics.io import importers

    ids = citizen_id.synthetic_ids([21, 22])
    rows = [
        "เลขประจำตัวประชาชน,รหัสบ้าน,รหัสหมู่บ้าน,เพศ,อายุ,รายได้ครัวเรือนต่อปี,4.2",
        f"{ids[0]},60010000001,60010201,1,70,90000,ไม่ผ่าน",
        f"{ids[1]},60010000002,60010201,2,30,90000,",
    ]
    result = importers.import_households(("\n".join(rows) + "\n").encode(), "export.csv")
    assert result.errors.empty
    assert household_schema.check(result.households, result.persons) == []
    assert result.households["i4_2"].tolist() == [True, False]
    assert result.households["applies_i4_2"].tolist() == [True, False]
    assert result.households["head_citizen_id"].tolist() == list(ids)
    assert "i4_2" not in result.persons and result.persons["citizen_id"].tolist() == list(ids)


def test_a_profile_of_some_households_matches_members_by_house_code_not_row():
    """household_row is a position in the whole year; one area's households are a cut of it."""
    households, persons = alkire_foster_population()
    whole = rules.household_profile(households, persons)
    cut = households.iloc[[2, 0]].reset_index(drop=True)
    part = rules.household_profile(cut, persons)
    assert part["has_young_children"].tolist() == whole["has_young_children"][[2, 0]].tolist()
    assert part["has_disabled"].tolist() == [False, True]

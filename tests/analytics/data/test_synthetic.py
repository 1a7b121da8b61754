"""The generated demo households: schema, identifiers, determinism, later years (small scale)."""

import numpy as np
import pandas as pd
import pytest

from analytics.data import synthetic, synthetic_failures, synthetic_households
from analytics.domain import catalogue, citizen_id, household_schema
from analytics.domain.grouped import exact_by_total
from tests.analytics.synthetic_fit import tambon_counts


@pytest.fixture(scope="module")
def saraburi_small():
    return synthetic.generate(("19",), scale=0.05, years=(2561, 2562, 2564))


def test_generation_is_deterministic(saraburi_small):
    again = synthetic.generate(("19",), scale=0.05, years=(2561,))
    pd.testing.assert_frame_equal(again[2561].persons, saraburi_small[2561].persons)
    pd.testing.assert_frame_equal(again[2561].households, saraburi_small[2561].households)


@pytest.mark.parametrize("year", [2561, 2562, 2564])
def test_small_scale_conforms_to_the_household_schema(saraburi_small, year):
    data = saraburi_small[year]
    assert household_schema.check(data.households, data.persons) == []
    assert list(data.persons.columns) == list(household_schema.PERSON_COLUMNS)
    assert set(household_schema.household_columns()) <= set(data.households.columns)


def test_structure_ids_and_codes(saraburi_small):
    data = saraburi_small[2561]
    persons, households = data.persons, data.households
    assert citizen_id.valid_mask(persons["citizen_id"]).all()
    assert persons["citizen_id"].str.startswith("999").all()
    assert persons["citizen_id"].is_unique and households["house_code"].is_unique
    assert households["house_code"].str.fullmatch(r"19\d{9}").all()
    heads = persons[persons["member"] == 0].set_index("household_row").sort_index()
    assert len(heads) == len(households)
    assert (households["head_citizen_id"].to_numpy() == heads["citizen_id"].to_numpy()).all()
    assert (heads["age"] >= 18).mean() > 0.98
    assert households[["lat", "lon"]].isna().all().all()  # filled by the map work


def test_member_counts_match_the_persons(saraburi_small):
    data = saraburi_small[2561]
    row = data.persons["household_row"]
    verified = data.persons["verified"].groupby(row).sum().to_numpy()
    elderly = (data.persons["age"] >= 60).groupby(row).sum().to_numpy()
    assert (data.households["verified_members"].to_numpy() == verified).all()
    assert (data.households["elderly_members"].to_numpy() == elderly).all()
    assert data.persons.loc[data.persons["verified"], "registered"].all()


def test_every_poor_household_fails_something_and_others_nothing(saraburi_small):
    households = saraburi_small[2561].households
    counts = tambon_counts(households)
    assert counts["mpi_poor_households"].sum() > 0
    fails = households[household_schema.fail_columns()].any(axis=1)
    assert (counts["mpi_poor"] >= counts["fail_i4_2"]).all()
    assert fails.sum() <= counts["mpi_poor_households"].sum()


def test_later_years_change_realistically(saraburi_small):
    poor = {y: tambon_counts(d.households)["mpi_poor"].sum() for y, d in saraburi_small.items()}
    persons = {y: d.households["members"].sum() for y, d in saraburi_small.items()}
    assert persons[2561] == persons[2564]
    assert poor[2564] < poor[2562] < poor[2561]
    assert poor[2564] > 0.3 * poor[2561]


def test_scale_up_repeats_the_population():
    data = synthetic.generate(("19",), scale=0.02, years=(2561,))[2561]
    doubled = synthetic._repeat(data, 2)
    assert len(doubled.households) == 2 * len(data.households)
    assert doubled.persons["household_row"].max() == 2 * len(data.households) - 1


def test_exact_by_total_repairs_what_the_greedy_pass_misses():
    # greedy by key takes 3 then cannot fit 3 more into 4: the repair swaps to 4 = 1 + 3 or 4
    group = np.zeros(4, dtype=np.int64)
    size = np.array([3, 3, 2, 4])
    chosen, missed = exact_by_total(group, size, np.arange(4.0), np.array([4]))
    assert missed == 0 and size[chosen].sum() == 4


def test_failure_count_of_one_needs_a_one_person_poor_household():
    """Real tambon 410416 counts 1 person failing 1.4 while no poor household had one member:
    sizes are reshaped within the village (total kept) until every count is a subset sum."""
    n = 3
    plan = synthetic_households.HouseholdPlan(
        village=np.zeros(n, dtype=np.int64),
        tambon=np.zeros(n, dtype=np.int64),
        members=np.array([2, 2, 3]),
        poor=np.ones(n, dtype=bool),
        fails={},
        applies={},
        missed={},
        keys={},
    )
    targets = pd.DataFrame({f"fail_{c}": [0] for c in catalogue.indicator_columns()})
    targets["fail_i1_4"] = 1
    synthetic_failures.make_sums_reachable(plan, targets, np.random.default_rng(1))
    assert plan.members.sum() == 7 and 1 in plan.members
    assert plan.missed["tambons with an unreachable failure count"] == 0


def test_next_year_leaves_the_earlier_year_alone():
    """Later years share unchanged columns with the year before (memory): never write into them."""
    base = synthetic.generate(("19",), scale=0.02, years=(2561,))[2561]
    ages, fails = base.persons["age"].copy(), base.households["i4_2"].copy()
    later = synthetic.next_year(base, seed=1)
    assert (later.persons["age"].to_numpy() == ages.to_numpy() + 1).all()
    pd.testing.assert_series_equal(base.persons["age"], ages)
    pd.testing.assert_series_equal(base.households["i4_2"], fails)
    assert household_schema.check(later.households, later.persons) == []

"""The synthetic households reproduce the real TPMAP 2561 tables."""

import pandas as pd
import pytest

from analytics import catalogue, citizen_id, measures, synthetic, tpmap_tables

TOLERANCE_PERSONS, TOLERANCE_SHARE = 2, 0.02


@pytest.fixture(scope="module")
def saraburi_small():
    return synthetic.generate(("19",), scale=0.05, years=(2561, 2562, 2564))


def test_generation_is_deterministic(saraburi_small):
    again = synthetic.generate(("19",), scale=0.05, years=(2561,))
    pd.testing.assert_frame_equal(again[2561].persons, saraburi_small[2561].persons)


def test_structure_ids_and_codes(saraburi_small):
    data = saraburi_small[2561]
    persons, households = data.persons, data.households
    assert citizen_id.valid_mask(persons["citizen_id"]).all()
    assert persons["citizen_id"].str.startswith("999").all()
    assert persons["citizen_id"].is_unique and households["house_code"].is_unique
    assert households["house_code"].str.fullmatch(r"19\d{9}").all()
    assert (households["members"] == persons.groupby("household_row").size().to_numpy()).all()
    heads = persons[persons["member"] == 0]
    assert len(heads) == len(households) and (heads["age"] >= 20).all()
    assert households[["lat", "lon"]].isna().all().all()  # filled by the map work


def test_later_years_change_realistically(saraburi_small):
    tables = {
        y: measures.area_measures(d.persons, d.households, "province").iloc[0]
        for y, d in saraburi_small.items()
    }
    assert tables[2561]["persons"] == tables[2564]["persons"]
    assert tables[2564]["mpi_poor"] < tables[2562]["mpi_poor"] < tables[2561]["mpi_poor"]
    assert tables[2564]["mpi_poor"] > 0.3 * tables[2561]["mpi_poor"]


def test_scale_up_repeats_the_population():
    data = synthetic.generate(("19",), scale=0.02, years=(2561,))[2561]
    doubled = synthetic._repeat(data, 2)
    assert len(doubled.households) == 2 * len(data.households)
    assert doubled.persons["household_row"].max() == 2 * len(data.households) - 1


def within_tolerance(synthetic_values: pd.Series, real_values: pd.Series) -> pd.Series:
    error = (synthetic_values - real_values).abs()
    return (error <= TOLERANCE_PERSONS) | (error <= TOLERANCE_SHARE * real_values)


@pytest.mark.slow
def test_full_size_reproduces_real_tables():
    """Three provinces at real size: villages exact, tambons within 2 % or 2 persons."""
    data = synthetic.generate(catalogue.PILOT_PROVINCES, 1.0, years=(2561,))[2561]
    pm = measures.person_measures(data.persons, data.households)
    villages = measures.area_measures(data.persons, data.households, "village", pm=pm)
    real_villages = pd.concat(
        [tpmap_tables.area_table("village", p) for p in catalogue.PILOT_PROVINCES]
    ).set_index("code")
    villages = villages.set_index("code")
    assert len(villages) == len(real_villages) == 4960
    aligned = real_villages.reindex(villages.index)
    assert (villages["households"] == aligned["households"]).all()
    assert (villages["persons"] == aligned["persons"]).all()

    tambons = measures.rollup(villages.reset_index(), "tambon").set_index("code")
    real = (
        pd.concat([tpmap_tables.area_table("tambon", p) for p in catalogue.PILOT_PROVINCES])
        .set_index("code")
        .reindex(tambons.index)
    )
    indicator_columns = [f"fail_{c}" for c in catalogue.indicator_columns()]
    dimension_columns = [f"target_{d}" for d in catalogue.dimension_codes()]
    print("\nerror distribution per tambon (synthetic - real), n =", len(tambons))
    report = []
    for column in indicator_columns + dimension_columns + ["target_poor", "mpi_poor"]:
        error = tambons[column] - real[column]
        ok = within_tolerance(tambons[column], real[column])
        report.append((column, int(error.abs().max()), float(error.abs().mean()), float(ok.mean())))
        print(
            f"  {column:22s} max|err|={error.abs().max():5d}  mean|err|={error.abs().mean():7.2f}"
            f"  within 2%/2 persons: {ok.mean():7.2%}"
        )
    results = {name: share for name, _, _, share in report}
    for column in indicator_columns + ["target_poor"]:
        assert results[column] == 1.0, column
    for column in dimension_columns:
        # A few tambons need combinations the per-person age rules of domain.md cannot make: e.g.
        # 190107 has 11 target poor failing education and income, yet nobody there fails 3.3,
        # 3.4 or 4.3, so education failures are children 6-14 and income failures adults 15+.
        assert results[column] >= 0.975, column
    assert abs(tambons["target_poor"].sum() - 53_973) <= 10  # 20,005 + 6,994 + 26,974

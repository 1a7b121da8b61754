"""Random households: DuckDB and PostgreSQL, cube and direct, equal a plain pandas reading of
the contract (written here independently, household by household)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.data.queries import HouseholdData
from analytics.data.queries.engine import DuckDBEngine, PostgresEngine
from analytics.domain import catalogue, household_schema
from tests.analytics.data.queries import households as hand
from tests.analytics.data.queries.conftest import PARAMS

VILLAGES = ["1901010101", "1901010201", "1901020101", "190151A901", "1902010101", "6001010101"]


def random_households(n: int = 1500, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    village = np.array(VILLAGES)[rng.integers(0, len(VILLAGES), n)]
    members = rng.integers(1, 8, n)
    rows = []
    for i in range(n):
        fails = [ind.code for ind in catalogue.indicators() if rng.random() < 0.12]
        verified = int(rng.integers(0, members[i] + 1))
        rows.append(
            hand.household(
                f"{village[i][:4]}{i:07d}",
                village[i],
                int(members[i]),
                fails,
                **hand.counts(
                    verified + int(rng.integers(0, 2)), verified, int(rng.integers(0, 3))
                ),
            )
        )
    return hand.frame(rows)


def reference(households: pd.DataFrame, level_length: int, dims: tuple[str, ...]) -> pd.DataFrame:
    """The contract, read literally with pandas."""
    hh = households.copy()
    hh["i4_3"] = hh["income"] < PARAMS.threshold * hh["members"]
    columns = catalogue.indicator_columns()
    weights = dict(zip(columns, catalogue.af_weights(), strict=True))
    dimfail = {
        d: hh[[i.column for i in catalogue.indicators() if i.dimension == d]].any(axis=1)
        for d in catalogue.dimension_codes()
    }
    poor = pd.concat([dimfail[d] for d in dims], axis=1).any(axis=1)
    score = sum(hh[c].astype(float) * w for c, w in weights.items())
    af = score >= PARAMS.cutoff - 1e-9
    m, v = hh["members"], hh["verified_members"]
    out = pd.DataFrame(
        {
            "households": 1,
            "persons": m,
            "mpi_poor": m.where(poor, 0),
            "target_poor": v.where(poor, 0),
            "target_households": (poor & (v > 0)).astype(int),
            "af_poor": m.where(af, 0),
            "af_score_sum": (m * score).where(af, 0.0),
            **{f"mpi_{d}": m.where(poor & dimfail[d], 0) for d in catalogue.dimension_codes()},
            **{f"fail_{c}": m.where(hh[c], 0) for c in columns},
            **{f"target_fail_{c}": v.where(poor & hh[c], 0) for c in columns},
        }
    )
    return out.groupby(hh["village_id"].str[:level_length].to_numpy()).sum()


@pytest.fixture
def random_files(tmp_path):
    return [hand.write(tmp_path / "random", "random", random_households(), 2561, ["19", "60"])]


@pytest.mark.postgres
def test_duckdb_and_postgres_give_equal_area_tables(random_files, postgres_url, tmp_path):
    duck = HouseholdData(lambda: random_files, DuckDBEngine(cube_dir=tmp_path), PARAMS)
    pg = HouseholdData(lambda: random_files, PostgresEngine(postgres_url), PARAMS)
    for level in ("village", "tambon", "amphoe", "province", "country"):
        for dims in (None, ("income",), ("health", "access")):
            a = duck.area_table(level, None, None, 2561, dims)
            b = pg.area_table(level, None, None, 2561, dims)
            pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(
        duck.households("1901", 2561).drop(columns=["lat", "lon"]),
        pg.households("1901", 2561).drop(columns=["lat", "lon"]),
        check_dtype=False,
    )


@pytest.mark.parametrize("level, length", [("village", 10), ("tambon", 6), ("amphoe", 4)])
@pytest.mark.parametrize("dims", [None, ("education",), ("living", "income")])
def test_query_layer_equals_a_literal_pandas_reading(random_files, engine, level, length, dims):
    households = pd.read_parquet(random_files[0].households)
    chosen = dims or tuple(catalogue.dimension_codes())
    expected = reference(households, length, chosen)
    for use_cube in (True, False):
        data = HouseholdData(lambda: random_files, engine, PARAMS, use_cube=use_cube)
        table = data.area_table(level, None, None, 2561, dims).set_index("code")
        assert list(table.index) == list(expected.index)
        for column in expected.columns:
            np.testing.assert_allclose(table[column], expected[column], err_msg=column)
    assert household_schema.check(households, hand.persons_of(households)) == []

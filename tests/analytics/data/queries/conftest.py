"""Hand-made household datasets for the query layer, and the store tests' PostgreSQL server."""

from __future__ import annotations

import pytest

from analytics.data.queries import HouseholdData, MeasureParams
from analytics.data.queries.engine import DuckDBEngine, PostgresEngine
from tests.analytics.data.queries import households as hand
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)

PARAMS = MeasureParams(threshold=38_000, cutoff=1 / 3, vulnerable_from=0.2, severe_from=0.5)


@pytest.fixture
def dataset_files(tmp_path):
    return hand.write_all(tmp_path)


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "duckdb":
        return DuckDBEngine(cube_dir=tmp_path / "cubes")
    return PostgresEngine(request.getfixturevalue("postgres_url"))


@pytest.fixture
def source(dataset_files, engine) -> HouseholdData:
    return HouseholdData(lambda: dataset_files, backend=engine, params=PARAMS)

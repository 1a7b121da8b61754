"""Demo frames in the household schema for the benchmarks: the demo year, tiled to a
national-size set, written as a dataset-year."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analytics.data import synthetic
from analytics.domain import household_rule, pilots
from analytics.domain.household_schema import DatasetFiles


def tile_copy(households: pd.DataFrame, persons: pd.DataFrame, copy: int):
    """Copy number ``copy`` of the population under its own province codes (10, 11, ... for the
    first copy's provinces, then on), so a tiled national-size set also has national-size
    numbers of villages, tambons and amphoes (not 18 x the same villages)."""
    provinces = sorted(households["province"].unique())
    mapping = {p: f"{10 + copy * len(provinces) + i:02d}" for i, p in enumerate(provinces)}
    hh = households.copy()
    new = hh["province"].map(mapping)
    for column in ("village_id", "tambon", "amphoe", "province"):
        hh[column] = new + hh[column].str[2:]
    hh["house_code"] = new + hh["house_code"].str[2:]
    p = persons.copy()
    p["house_code"] = hh["house_code"].to_numpy()[p["household_row"].to_numpy()]
    p["household_row"] = p["household_row"] + copy * len(households)
    return hh, p


def tile(households: pd.DataFrame, persons: pd.DataFrame, copies: int):
    """``copies`` x the population in memory (see ``tile_copy``)."""
    parts = [tile_copy(households, persons, copy) for copy in range(copies)]
    return (
        pd.concat([hh for hh, _ in parts], ignore_index=True),
        pd.concat([p for _, p in parts], ignore_index=True),
    )


def write_tiled(
    folder: Path, households: pd.DataFrame, persons: pd.DataFrame, copies: int, year: int
) -> None:
    """Write ``copies`` x the population copy by copy (never all of it in memory)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    writers: dict[str, pq.ParquetWriter] = {}
    try:
        for copy in range(copies):
            hh, p = tile_copy(households, persons, copy)
            for name, frame in (("households", hh), ("persons", p)):
                table = pa.Table.from_pandas(frame, preserve_index=False)
                if name not in writers:
                    path = folder / f"{name}_{year}.parquet"
                    writers[name] = pq.ParquetWriter(path, table.schema)
                writers[name].write_table(table, row_group_size=128_000)
    finally:
        for writer in writers.values():
            writer.close()


def demo_year(year: int = 2561) -> tuple[pd.DataFrame, pd.DataFrame, synthetic.SyntheticData]:
    """The full three-province demo for one year (cached Parquet), old and household schema."""
    data = synthetic.load_or_generate(pilots.PILOT_PROVINCES, 1.0, 2561)[year]
    households, persons = household_rule.to_household_schema(data.persons, data.households)
    return households, persons, data


def write_dataset(
    folder: Path, households: pd.DataFrame, persons: pd.DataFrame, year: int, dataset_id: str
) -> DatasetFiles:
    """Write one dataset-year as the datasets helper will (households sorted by village)."""
    folder.mkdir(parents=True, exist_ok=True)
    hh_path = folder / f"households_{year}.parquet"
    p_path = folder / f"persons_{year}.parquet"
    households.to_parquet(hh_path, index=False, row_group_size=64_000)
    persons.to_parquet(p_path, index=False, row_group_size=128_000)
    provinces = tuple(sorted(households["province"].unique()))
    return DatasetFiles(dataset_id, year, provinces, hh_path, p_path)

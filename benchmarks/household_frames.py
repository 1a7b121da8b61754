"""Demo frames in the household schema for the benchmarks.

TO BE REPLACED after merge by ``analytics.household_rule.to_household_schema`` (rule helper) or
by the generator's native household output: until then the old person-level synthetic frames
are converted here the simple way (a household fails a person item when any member does; the
item applies when any member is in its group).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analytics import catalogue, household_schema, synthetic
from analytics.household_schema import DatasetFiles


def to_household_schema(persons: pd.DataFrame, households: pd.DataFrame):
    """(households, persons) in ``analytics.household_schema`` from the old synthetic frames."""
    if "applies_" + household_schema.group_indicators()[0].column in households:
        return households, persons  # already the new schema
    n = len(households)
    row = persons["household_row"].to_numpy()
    out = households.copy()
    for ind in household_schema.group_indicators():
        in_group = household_schema.in_group(persons, ind)
        fails = persons[ind.column].to_numpy(dtype=bool) & in_group
        out[ind.column] = np.bincount(row[fails], minlength=n) > 0
        out[f"applies_{ind.column}"] = np.bincount(row[in_group], minlength=n) > 0
    for name, values in household_schema.member_counts(persons, n).items():
        out[name] = values
    for name, values in household_schema.head_columns(persons, n).items():
        out[name] = values
    new_persons = persons[list(household_schema.PERSON_COLUMNS)].copy()
    return out[household_schema.household_columns()], new_persons


def tile(households: pd.DataFrame, persons: pd.DataFrame, copies: int):
    """``copies`` x the population, each copy under its own province codes (10, 11, ...), so a
    national-size set also has national-size numbers of villages, tambons and amphoes."""
    provinces = sorted(households["province"].unique())
    hh_frames, p_frames = [], []
    for copy in range(copies):
        mapping = {p: f"{10 + copy * len(provinces) + i:02d}" for i, p in enumerate(provinces)}
        hh = households.copy()
        new = hh["province"].map(mapping)
        for column in ("village_id", "tambon", "amphoe", "province"):
            hh[column] = new + hh[column].str[2:]
        hh["house_code"] = f"{copy:02d}" + hh["house_code"].str[2:]
        p = persons.copy()
        p["house_code"] = f"{copy:02d}" + p["house_code"].str[2:]
        p["household_row"] = p["household_row"] + copy * len(households)
        hh_frames.append(hh)
        p_frames.append(p)
    return pd.concat(hh_frames, ignore_index=True), pd.concat(p_frames, ignore_index=True)


def demo_year(year: int = 2561) -> tuple[pd.DataFrame, pd.DataFrame, synthetic.SyntheticData]:
    """The full three-province demo for one year (cached Parquet), old and household schema."""
    data = synthetic.load_or_generate(catalogue.PILOT_PROVINCES, 1.0, 2561)[year]
    households, persons = to_household_schema(data.persons, data.households)
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

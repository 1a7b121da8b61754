"""The household dataset schema: what every household dataset (imported or the demo) holds.

TPMAP judges every indicator per household and counts every member (``../shared/docs/domain.md``
§1a), so the household row carries the answers: for each indicator whether it *applies* to the
household (household items always; person items when a member is in the group) and whether the
household *fails* it. Persons carry only what is individual: age, sex, disability and the
welfare-card status that makes a member of an MPI-poor household *target poor*.

One survey year of a dataset is two Parquet files with these columns. Indicator 4.3 is not
stored: it is ``income < threshold * members`` with the threshold a live setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analytics.domain import catalogue

AREA_KEYS = ("house_code", "village_id", "tambon", "amphoe", "province")
MEMBER_COUNTS = ("registered_members", "verified_members", "elderly_members", "disabled_members")
HEAD_COLUMNS = ("head_name", "head_citizen_id")
PERSON_COLUMNS = (
    "citizen_id",
    "name",
    "house_code",
    "household_row",
    "member",
    "relation",
    "sex",
    "age",
    "disabled",
    "bedridden",
    "registered",
    "verified",
)
ELDERLY_MIN_AGE = 60  # TPMAP's ELDERLY_CNT


def income_indicator() -> catalogue.Indicator:
    return catalogue.indicator_by_code("4.3")


def fail_columns() -> list[str]:
    """Stored "household fails" columns: every indicator except 4.3 (derived from income)."""
    derived = income_indicator().column
    return [c for c in catalogue.indicator_columns() if c != derived]


def group_indicators() -> list[catalogue.Indicator]:
    """Indicators that apply only to households with a member in a group (age, newborn, disabled)."""
    return [i for i in catalogue.indicators() if i.applies_to != "all"]


def applies_columns() -> list[str]:
    return [f"applies_{i.column}" for i in group_indicators()]


def household_columns() -> list[str]:
    return [
        *AREA_KEYS,
        "members",
        "income",
        "lat",
        "lon",
        *fail_columns(),
        *applies_columns(),
        *MEMBER_COUNTS,
        *HEAD_COLUMNS,
    ]


def in_group(persons: pd.DataFrame, indicator: catalogue.Indicator) -> np.ndarray:
    """Persons in the group an indicator is about (by age or disability)."""
    if indicator.applies_to == "disabled":
        return persons["disabled"].to_numpy(dtype=bool)
    age = persons["age"].to_numpy()
    high = indicator.max_age if indicator.max_age is not None else 200
    return (age >= (indicator.min_age or 0)) & (age <= high)


def member_counts(persons: pd.DataFrame, n_households: int) -> dict[str, np.ndarray]:
    """Per household: registered, verified, elderly and disabled members (``household_row``)."""
    row = persons["household_row"].to_numpy()

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(row[mask], minlength=n_households).astype(np.int16)

    return {
        "registered_members": count(persons["registered"].to_numpy(dtype=bool)),
        "verified_members": count(persons["verified"].to_numpy(dtype=bool)),
        "elderly_members": count(persons["age"].to_numpy() >= ELDERLY_MIN_AGE),
        "disabled_members": count(persons["disabled"].to_numpy(dtype=bool)),
    }


def head_columns(persons: pd.DataFrame, n_households: int) -> dict[str, np.ndarray]:
    """Name and citizen ID of each household's first member (member 0, the head)."""
    heads = persons.sort_values(["household_row", "member"]).drop_duplicates("household_row")
    heads = heads.set_index("household_row").reindex(range(n_households))
    return {
        "head_name": heads["name"].fillna("").astype(str).to_numpy(),
        "head_citizen_id": heads["citizen_id"].fillna("").astype(str).to_numpy(),
    }


def check(households: pd.DataFrame, persons: pd.DataFrame) -> list[str]:
    """What is wrong with a dataset year against the schema (empty when it conforms)."""
    problems = [f"households: missing {c}" for c in household_columns() if c not in households]
    problems += [f"persons: missing {c}" for c in PERSON_COLUMNS if c not in persons]
    if problems:
        return problems
    for ind in group_indicators():
        applies = households[f"applies_{ind.column}"].to_numpy(dtype=bool)
        outside = households[ind.column].to_numpy(dtype=bool) & ~applies
        if outside.any():
            problems.append(f"{ind.code}: fails where it does not apply ({int(outside.sum())})")
    if len(persons) and persons["household_row"].max() >= len(households):
        problems.append("persons: household_row out of range")
    members = np.bincount(persons["household_row"], minlength=len(households))
    if not np.array_equal(members, households["members"].to_numpy()):
        problems.append("households: members differ from the persons rows")
    return problems


@dataclass(frozen=True)
class DatasetFiles:
    """One survey year of one active dataset, as the query layer reads it."""

    dataset_id: str
    year: int  # TPMAP year (the demo's 2561-2564)
    provinces: tuple[str, ...]  # the provinces this dataset is active for in this year
    households: Path
    persons: Path
    demo: bool = False

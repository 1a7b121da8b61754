"""TPMAP's household rule: person-level indicator answers -> the household dataset schema.

Older frames (the first generator, the importer's rows) carry one column per *person* indicator
on each person (True = that person fails it). TPMAP judges every indicator per household and
counts every member (``../shared/docs/domain.md`` §1a): a group indicator *applies* to a
household when a member is in the group (or has an answer for it), and the household *fails* it
when any member fails. ``to_household_schema`` does that conversion once, so everything
downstream reads only ``analytics.domain.household_schema`` frames.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd

from analytics.domain import catalogue, household_schema

PERSON_DEFAULTS: dict[str, object] = {
    "citizen_id": "",
    "name": "",
    "relation": 0,
    "sex": 0,
    "age": 40,
    "disabled": False,
    "bedridden": False,
    "registered": False,
    "verified": False,
}


def person_indicator_columns() -> list[str]:
    return [i.column for i in household_schema.group_indicators()]


def is_household_schema(persons: pd.DataFrame, households: pd.DataFrame) -> bool:
    """Whether the frames already follow the schema (no per-person answers left)."""
    answers = set(person_indicator_columns()) & set(persons.columns)
    return not answers and all(c in households for c in household_schema.household_columns())


def to_household_schema(
    persons: pd.DataFrame, households: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(households, persons)`` in the schema; frames already in it come back unchanged.

    ``persons["household_row"]`` is the position of each person's household in ``households``.
    """
    if is_household_schema(persons, households):
        return households, persons
    out = households.reset_index(drop=True).copy()
    _area_keys(out)
    persons = _complete_persons(persons, out)
    n = len(out)
    row = persons["household_row"].to_numpy()
    if "members" not in out:
        out["members"] = np.bincount(row, minlength=n).astype(np.int16)
    for column in ("lat", "lon"):
        if column not in out:
            out[column] = np.nan
    new: dict[str, np.ndarray] = {}
    for ind in catalogue.household_indicators():
        if ind.code != "4.3":
            new[ind.column] = _bool(out, ind.column)
    for ind in household_schema.group_indicators():
        answers = _bool(persons, ind.column)
        applies = _any_member(row, household_schema.in_group(persons, ind) | answers, n)
        if f"applies_{ind.column}" in out:  # an importer that knows the groups better
            applies |= out[f"applies_{ind.column}"].to_numpy(dtype=bool)
        new[ind.column] = _any_member(row, answers, n)
        new[f"applies_{ind.column}"] = applies
    new |= household_schema.member_counts(persons, n)
    if not all(c in out for c in household_schema.HEAD_COLUMNS):
        new |= household_schema.head_columns(persons, n)
    kept = out.drop(columns=[c for c in new if c in out])
    out = pd.concat([kept, pd.DataFrame(new, index=kept.index)], axis=1)
    answer_columns = [c for c in person_indicator_columns() if c in persons]
    return out, persons.drop(columns=answer_columns)


def _bool(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame[column].fillna(False).to_numpy(dtype=bool)


def _any_member(row: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(row[mask], minlength=n) > 0


def _area_keys(households: pd.DataFrame) -> None:
    village = households["village_id"].astype(str)
    for key, length in (("tambon", 6), ("amphoe", 4), ("province", 2)):
        if key not in households:
            households[key] = village.str[:length]
    if "house_code" not in households:
        households["house_code"] = village + households.index.astype(str).str.zfill(5)
    households.insert(0, "house_code", households.pop("house_code"))


def _complete_persons(persons: pd.DataFrame, households: pd.DataFrame) -> pd.DataFrame:
    """Fill person columns a hand-made or imported frame may not carry (member, house code…)."""
    out = persons.reset_index(drop=True).copy()
    for column, value in PERSON_DEFAULTS.items():
        if column not in out:
            out[column] = cast(Any, value)
    row = out["household_row"].to_numpy()
    if "member" not in out:
        out["member"] = out.groupby("household_row").cumcount().astype(np.int16)
    if "house_code" not in out and "house_code" in households:
        out["house_code"] = households["house_code"].to_numpy()[row]
    return out

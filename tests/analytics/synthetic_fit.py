"""Counting the generated households the way TPMAP counts them, with plain pandas (independent of
``analytics.domain.measures``), and comparing with the real 2561 tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.data import tpmap_tables
from analytics.domain import catalogue

TOLERANCE_PERSONS, TOLERANCE_SHARE = 2, 0.02


def household_flags(households: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per household: fails and applies for all 17 indicators (4.3 from income, all apply)."""
    fails, applies = pd.DataFrame(index=households.index), pd.DataFrame(index=households.index)
    threshold = catalogue.income_threshold()
    for ind in catalogue.indicators():
        c = ind.column
        if ind.code == "4.3":
            fails[c] = households["income"] < threshold * households["members"]
        else:
            fails[c] = households[c].astype(bool)
        applies_column = f"applies_{c}"
        applies[c] = households[applies_column] if applies_column in households else True
    return fails, applies


def tambon_counts(households: pd.DataFrame) -> pd.DataFrame:
    """The real tables' tambon columns, counted from the household frame."""
    fails, applies = household_flags(households)
    members = households["members"].astype("int64")
    dims = {
        d: fails[[i.column for i in catalogue.indicators() if i.dimension == d]].any(axis=1)
        for d in catalogue.dimension_codes()
    }
    poor = fails.any(axis=1)
    verified = households["verified_members"].astype("int64")
    frame = pd.DataFrame(
        {
            "tambon": households["tambon"],
            "mpi_poor_households": poor.astype("int64"),
            "mpi_poor": members * poor,
            "registered": households["registered_members"].astype("int64"),
            "verified": verified,
            "mpi_poor_registered": households["registered_members"].astype("int64") * poor,
            "target_poor": verified * poor,
            **{f"fail_{c}": members * fails[c] for c in fails},
            **{f"applies_{c}": members * applies[c] for c in applies},
            **{f"target_{d}": verified * (poor & dims[d]) for d in dims},
        }
    )
    return frame.groupby("tambon").sum()


def village_counts(households: pd.DataFrame, persons: pd.DataFrame) -> pd.DataFrame:
    elderly = (persons["age"] >= 60).groupby(persons["household_row"]).sum()
    frame = pd.DataFrame(
        {
            "village": households["village_id"],
            "households": 1,
            "persons": households["members"].astype("int64"),
            "elderly": elderly.reindex(range(len(households)), fill_value=0).to_numpy(),
        }
    )
    return frame.groupby("village").sum()


def real_table(level: str, provinces: tuple[str, ...]) -> pd.DataFrame:
    return pd.concat([tpmap_tables.area_table(level, p) for p in provinces]).set_index("code")


def error_report(ours: pd.DataFrame, real: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Per column: share exact, share within 2 % or 2 persons, largest absolute error."""
    real = real.reindex(ours.index)
    rows = []
    for column in columns:
        error = (ours[column] - real[column]).abs()
        close = (error <= TOLERANCE_PERSONS) | (error <= TOLERANCE_SHARE * real[column])
        rows.append(
            {
                "column": column,
                "exact": float((error == 0).mean()),
                "within_2pct_or_2": float(close.mean()),
                "max_error": int(error.max()),
            }
        )
    return pd.DataFrame(rows).set_index("column")


def plausibility(households: pd.DataFrame, persons: pd.DataFrame) -> dict[str, float]:
    """Shares a Thai reader checks: household sizes, elderly, children out of school."""
    size = households["members"].clip(upper=6).value_counts(normalize=True).sort_index()
    with_children = households["applies_i3_2"].astype(bool)
    out = {f"households of {k}{'+' if k == 6 else ''}": float(v) for k, v in size.items()}
    out["mean household size"] = float(households["members"].mean())
    out["persons 60+"] = float((persons["age"] >= 60).mean())
    out["households with a child 6-14 failing 3.2"] = float(
        households.loc[with_children, "i3_2"].astype(bool).mean()
    )
    out["persons 0-14"] = float((persons["age"] < 15).mean())
    out["persons 15-17"] = float(persons["age"].between(15, 17).mean())
    out["heads aged 18+"] = float((persons.loc[persons["member"] == 0, "age"] >= 18).mean())
    return out


def age_consistency(households: pd.DataFrame, persons: pd.DataFrame) -> dict[str, float]:
    """Share of households whose applies flag equals "has a member of that age", per indicator
    (3.3: share of the households it applies to that have a member aged 15-17)."""
    out = {}
    row = persons["household_row"].to_numpy()
    age = persons["age"].to_numpy()
    for ind in catalogue.indicators():
        if ind.applies_to != "age" and ind.applies_to != "newborn":
            continue
        high = ind.max_age if ind.max_age is not None else 200
        member = (age >= (ind.min_age or 0)) & (age <= high)
        has = np.bincount(row, member, len(households)) > 0
        flagged = households[f"applies_{ind.column}"].to_numpy()
        if ind.code == "3.3":  # this year's M.3 graduates: not every 15-17-year-old
            out[ind.code] = float(has[flagged].mean())
        else:
            out[ind.code] = float((has == flagged).mean())
    return out

"""Poverty measures, vectorised with numpy: per person, per household and per area.

One schema serves real TPMAP aggregates and synthetic households: an *area table* has one row
per area with additive counts (``AREA_COUNT_COLUMNS``) from which ``finalize_area_table``
derives rates and the Alkire-Foster H, A and M0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import area_codes, catalogue


def area_count_columns() -> list[str]:
    """Additive count columns of an area table (sums of children equal the parent)."""
    dims = catalogue.dimension_codes()
    cols = catalogue.indicator_columns()
    return [
        "households",
        "persons",
        "registered",
        "verified",
        "elderly",
        "disabled",
        "mpi_poor_households",
        "mpi_poor",
        "mpi_poor_registered",
        "target_poor",
        "target_households",
        *[f"mpi_{d}" for d in dims],
        *[f"target_{d}" for d in dims],
        *[f"fail_{c}" for c in cols],
        *[f"target_fail_{c}" for c in cols],
        "af_poor",
        "af_score_sum",
    ]


def finalize_area_table(table: pd.DataFrame) -> pd.DataFrame:
    """Fill the schema's missing counts and derive rates and Alkire-Foster measures.

    Counts a source does not have (e.g. AF scores for real aggregates) become NaN so the UI can
    say "not available" instead of showing a false zero.
    """
    out = table.copy()
    for column in area_count_columns():
        if column not in out.columns:
            out[column] = np.nan
    persons = out["persons"].where(out["persons"] > 0)
    out["rate"] = out["target_poor"] / persons * 100
    out["mpi_rate"] = out["mpi_poor"] / persons * 100
    out["af_h"] = out["af_poor"] / persons
    out["af_a"] = out["af_score_sum"] / out["af_poor"].where(out["af_poor"] > 0)
    out["af_m0"] = out["af_score_sum"] / persons
    return out


def rollup(table: pd.DataFrame, level: str) -> pd.DataFrame:
    """Sum an area table to a coarser level by code prefix (village -> tambon -> amphoe ...)."""
    length = area_codes.prefix_length(level)
    counts = [c for c in area_count_columns() if c in table.columns]
    keys = table["code"].str[:length] if length else pd.Series("TH", index=table.index)
    summed = table[counts].groupby(keys.to_numpy(), sort=True).sum(min_count=1)
    summed.index.name = "code"
    summed = summed.reset_index()
    summed.insert(1, "level", level if length else "country")
    return finalize_area_table(summed)


@dataclass(frozen=True)
class PersonMeasures:
    """Per-person results as numpy arrays aligned with the persons frame."""

    failures: np.ndarray  # bool (n_persons, 17)
    dimension_failures: np.ndarray  # bool (n_persons, 5)
    mpi_poor: np.ndarray  # bool: fails an indicator in any chosen dimension
    target_poor: np.ndarray  # bool: mpi_poor and welfare card verified
    intensity: np.ndarray  # float: weighted share of indicators failed (Alkire-Foster score)
    af_poor: np.ndarray  # bool: intensity >= cutoff


def dims_to_mask(dims: tuple[str, ...] | list[str] | None) -> np.ndarray:
    """Boolean vector over the five dimensions; ``None`` means all five."""
    codes = catalogue.dimension_codes()
    if dims is None:
        return np.ones(len(codes), dtype=bool)
    catalogue.mask_string(dims)  # validates the names
    return np.array([d in dims for d in codes])


def household_income_failure(households: pd.DataFrame, threshold: float) -> np.ndarray:
    """Indicator 4.3: mean income per member per year below the threshold."""
    members = households["members"].to_numpy()
    return households["income"].to_numpy() < threshold * members


def person_failures(
    persons: pd.DataFrame, households: pd.DataFrame, threshold: float | None = None
) -> np.ndarray:
    """The persons x 17 failure matrix. Household indicators count every member of the household."""
    threshold = catalogue.income_threshold() if threshold is None else threshold
    row = persons["household_row"].to_numpy()
    columns = []
    for ind in catalogue.indicators():
        if ind.code == "4.3":
            columns.append(household_income_failure(households, threshold)[row])
        elif ind.level == "household":
            columns.append(households[ind.column].to_numpy(dtype=bool)[row])
        else:
            columns.append(persons[ind.column].to_numpy(dtype=bool))
    return np.column_stack(columns)


def person_measures(
    persons: pd.DataFrame,
    households: pd.DataFrame,
    dims: tuple[str, ...] | list[str] | None = None,
    cutoff: float | None = None,
    threshold: float | None = None,
) -> PersonMeasures:
    failures = person_failures(persons, households, threshold)
    dim_matrix = catalogue.dimension_matrix()
    dimension_failures = np.column_stack(
        [failures[:, dim_matrix[:, j]].any(axis=1) for j in range(dim_matrix.shape[1])]
    )
    chosen = dims_to_mask(dims)
    mpi_poor = dimension_failures[:, chosen].any(axis=1)
    target_poor = mpi_poor & persons["verified"].to_numpy(dtype=bool)
    intensity = failures.astype(np.float32) @ catalogue.af_weights().astype(np.float32)
    cutoff = catalogue.af_cutoff() if cutoff is None else cutoff
    af_poor = intensity >= cutoff - 1e-9
    return PersonMeasures(failures, dimension_failures, mpi_poor, target_poor, intensity, af_poor)


def household_measures(persons: pd.DataFrame, households: pd.DataFrame, pm: PersonMeasures):
    """Per household: indicators failed by any member, poor members, target members, intensity."""
    row = persons["household_row"].to_numpy()
    n = len(households)
    failed_any = np.column_stack(
        [np.bincount(row, pm.failures[:, j], minlength=n) > 0 for j in range(pm.failures.shape[1])]
    )
    frame = pd.DataFrame(failed_any, columns=catalogue.indicator_columns(), index=households.index)
    frame["mpi_poor_members"] = np.bincount(row, pm.mpi_poor, minlength=n).astype(np.int32)
    frame["target_members"] = np.bincount(row, pm.target_poor, minlength=n).astype(np.int32)
    frame["indicators_failed"] = failed_any.sum(axis=1)
    frame["intensity"] = failed_any.astype(np.float32) @ catalogue.af_weights().astype(np.float32)
    return frame


def area_measures(
    persons: pd.DataFrame,
    households: pd.DataFrame,
    level: str = "village",
    dims: tuple[str, ...] | list[str] | None = None,
    cutoff: float | None = None,
    threshold: float | None = None,
    pm: PersonMeasures | None = None,
) -> pd.DataFrame:
    """Area table at ``level`` from household microdata (``households`` needs ``village_id``)."""
    pm = pm or person_measures(persons, households, dims, cutoff, threshold)
    villages = village_measures(persons, households, pm)
    return villages if level == "village" else rollup(villages, level)


def village_measures(
    persons: pd.DataFrame, households: pd.DataFrame, pm: PersonMeasures
) -> pd.DataFrame:
    """Additive counts per village with np.bincount: one pass per column, no Python loops over rows."""
    hh_village, village_codes = pd.factorize(households["village_id"], sort=True)
    village_codes = np.asarray(village_codes)
    nv = len(village_codes)
    row = persons["household_row"].to_numpy()
    p_village = hh_village[row]

    def per_village(values: np.ndarray, index: np.ndarray = p_village) -> np.ndarray:
        if values.dtype == bool:  # counting the selected rows beats weighted bincount 5x
            return np.bincount(index[values], minlength=nv)
        return np.bincount(index, weights=values, minlength=nv)

    registered = persons["registered"].to_numpy(dtype=bool)
    verified = persons["verified"].to_numpy(dtype=bool)
    n_households = len(households)
    poor_members = np.bincount(row, pm.mpi_poor, minlength=n_households)
    target_members = np.bincount(row, pm.target_poor, minlength=n_households)
    data: dict[str, np.ndarray] = {
        "households": np.bincount(hh_village, minlength=nv),
        "persons": np.bincount(p_village, minlength=nv),
        "registered": per_village(registered),
        "verified": per_village(verified),
        "elderly": per_village(persons["age"].to_numpy() >= 60),
        "disabled": per_village(persons["disabled"].to_numpy(dtype=bool)),
        "mpi_poor_households": per_village(poor_members > 0, hh_village),
        "mpi_poor": per_village(pm.mpi_poor),
        "mpi_poor_registered": per_village(pm.mpi_poor & registered),
        "target_poor": per_village(pm.target_poor),
        "target_households": per_village(target_members > 0, hh_village),
        "af_poor": per_village(pm.af_poor),
        "af_score_sum": per_village(np.where(pm.af_poor, pm.intensity, 0.0)),
    }
    for j, dim in enumerate(catalogue.dimension_codes()):
        data[f"mpi_{dim}"] = per_village(pm.dimension_failures[:, j] & pm.mpi_poor)
        data[f"target_{dim}"] = per_village(pm.dimension_failures[:, j] & pm.target_poor)
    for j, column in enumerate(catalogue.indicator_columns()):
        data[f"fail_{column}"] = per_village(pm.failures[:, j])
        data[f"target_fail_{column}"] = per_village(pm.failures[:, j] & pm.target_poor)
    table = pd.DataFrame(data)
    integer_columns = [c for c in table.columns if c != "af_score_sum"]
    table[integer_columns] = table[integer_columns].round().astype("int64")
    table.insert(0, "code", village_codes.astype(str))
    table.insert(1, "level", "village")
    return finalize_area_table(table)

"""Poverty measures on the household schema, vectorised with numpy: per household and per area.

TPMAP's household rule (``../shared/docs/domain.md`` §1a): an indicator applies to a household
or not, the household fails it or not, and every member counts. One schema serves real TPMAP
aggregates and household datasets: an *area table* has one row per area with additive counts
(``area_count_columns``) from which ``finalize_area_table`` derives rates and the
Alkire-Foster H, A and M0. This module is the pandas reference the query layer is tested
against: the semantics are in ``/work/briefs/issue10-contract.md`` ("Measure semantics").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.domain import area_codes, catalogue, household_rule

TOLERANCE = 1e-9  # scores are sums of fractions: compare with the band bounds allowing for rounding


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
        *[f"applies_{c}" for c in cols],
        *[f"target_fail_{c}" for c in cols],
        "af_poor",
        "af_score_sum",
        "af_vulnerable",
        "af_severe",
    ]


def finalize_area_table(table: pd.DataFrame) -> pd.DataFrame:
    """Fill the schema's missing counts and derive rates and Alkire-Foster measures.

    Counts a source does not have (e.g. AF scores for real aggregates) become NaN so the UI can
    say "not available" instead of showing a false zero.
    """
    out = table.copy()
    missing = [c for c in area_count_columns() if c not in out.columns]
    if missing:
        out = pd.concat([out, pd.DataFrame(np.nan, index=out.index, columns=missing)], axis=1)
    persons = out["persons"].where(out["persons"] > 0)
    out["rate"] = out["target_poor"] / persons * 100
    out["mpi_rate"] = out["mpi_poor"] / persons * 100
    out["af_h"] = out["af_poor"] / persons
    out["af_a"] = out["af_score_sum"] / out["af_poor"].where(out["af_poor"] > 0)
    out["af_m0"] = out["af_score_sum"] / persons
    out["af_vulnerable_h"] = out["af_vulnerable"] / persons
    out["af_severe_h"] = out["af_severe"] / persons
    return out


def rollup(table: pd.DataFrame, level: str) -> pd.DataFrame:
    """Sum an area table to a coarser level by code prefix (village -> tambon -> amphoe ...)."""
    length = area_codes.prefix_length(level)
    counts = [c for c in area_count_columns() if c in table.columns]
    keys = (
        table["code"].str[:length] if length else pd.Series(area_codes.COUNTRY, index=table.index)
    )
    summed = table[counts].groupby(keys.to_numpy(), sort=True).sum(min_count=1)
    summed.index.name = "code"
    summed = summed.reset_index()
    summed.insert(1, "level", level if length else "country")
    return finalize_area_table(summed)


@dataclass(frozen=True)
class AfBands:
    """Alkire-Foster bounds (settings ``[alkire_foster]``): OPHI's poverty cutoff k and bands."""

    cutoff: float
    vulnerable_from: float
    severe_from: float


def af_bands(cutoff: float | None = None) -> AfBands:
    return AfBands(
        catalogue.af_cutoff() if cutoff is None else cutoff,
        catalogue.af_vulnerable_from(),
        catalogue.af_severe_from(),
    )


@dataclass(frozen=True)
class HouseholdMeasures:
    """Per-household results as numpy arrays aligned with the households frame."""

    failures: np.ndarray  # bool (n, 17): the household fails the indicator (4.3 derived)
    applies: np.ndarray  # bool (n, 17): the indicator applies to the household
    dimension_failures: np.ndarray  # bool (n, 5)
    poor: np.ndarray  # bool: fails an indicator in a chosen dimension (MPI-poor household)
    intensity: np.ndarray  # float: Alkire-Foster score, carried by every member
    af_poor: np.ndarray  # bool: intensity >= k
    af_vulnerable: np.ndarray  # bool: vulnerable_from <= intensity < k
    af_severe: np.ndarray  # bool: intensity >= severe_from


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


def household_failures(households: pd.DataFrame, threshold: float | None = None) -> np.ndarray:
    """The households x 17 "fails" matrix: stored columns, 4.3 from income and the threshold."""
    threshold = catalogue.income_threshold() if threshold is None else threshold
    columns = []
    for ind in catalogue.indicators():
        if ind.code == "4.3":
            columns.append(household_income_failure(households, threshold))
        else:
            columns.append(households[ind.column].to_numpy(dtype=bool))
    return np.column_stack(columns)


def household_applies(households: pd.DataFrame) -> np.ndarray:
    """The households x 17 "applies" matrix: stored for group indicators, True otherwise."""
    n = len(households)
    columns = []
    for ind in catalogue.indicators():
        name = f"applies_{ind.column}"
        stored = ind.applies_to != "all" and name in households
        columns.append(households[name].to_numpy(dtype=bool) if stored else np.ones(n, bool))
    return np.column_stack(columns)


def household_measures(
    households: pd.DataFrame,
    dims: tuple[str, ...] | list[str] | None = None,
    cutoff: float | None = None,
    threshold: float | None = None,
) -> HouseholdMeasures:
    failures = household_failures(households, threshold)
    dimension_failures = (failures.astype(np.int8) @ catalogue.dimension_matrix()) > 0
    poor = dimension_failures[:, dims_to_mask(dims)].any(axis=1)
    intensity = failures @ catalogue.af_weights()
    bands = af_bands(cutoff)
    af_poor = intensity >= bands.cutoff - TOLERANCE
    return HouseholdMeasures(
        failures=failures,
        applies=household_applies(households),
        dimension_failures=dimension_failures,
        poor=poor,
        intensity=intensity,
        af_poor=af_poor,
        af_vulnerable=(intensity >= bands.vulnerable_from - TOLERANCE) & ~af_poor,
        af_severe=intensity >= bands.severe_from - TOLERANCE,
    )


def village_table(
    households: pd.DataFrame,
    dims: tuple[str, ...] | list[str] | None = None,
    cutoff: float | None = None,
    threshold: float | None = None,
) -> pd.DataFrame:
    """Additive counts per village from the households frame alone (np.bincount, no row loops)."""
    hm = household_measures(households, dims, cutoff, threshold)
    village, codes = pd.factorize(households["village_id"], sort=True)
    nv = len(codes)

    def total(weights: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        if mask is None:
            return np.bincount(village, weights=weights, minlength=nv)
        return np.bincount(village[mask], weights=weights[mask], minlength=nv)

    members = households["members"].to_numpy().astype(np.float64)
    verified = households["verified_members"].to_numpy().astype(np.float64)
    poor = hm.poor
    data: dict[str, np.ndarray] = {
        "households": np.bincount(village, minlength=nv),
        "persons": total(members),
        "registered": total(households["registered_members"].to_numpy().astype(np.float64)),
        "verified": total(verified),
        "elderly": total(households["elderly_members"].to_numpy().astype(np.float64)),
        "disabled": total(households["disabled_members"].to_numpy().astype(np.float64)),
        "mpi_poor_households": np.bincount(village[poor], minlength=nv),
        "mpi_poor": total(members, poor),
        "mpi_poor_registered": total(
            households["registered_members"].to_numpy().astype(np.float64), poor
        ),
        "target_poor": total(verified, poor),
        "target_households": np.bincount(village[poor & (verified > 0)], minlength=nv),
    }
    for j, dim in enumerate(catalogue.dimension_codes()):
        data[f"mpi_{dim}"] = total(members, poor & hm.dimension_failures[:, j])
        data[f"target_{dim}"] = total(verified, poor & hm.dimension_failures[:, j])
    for j, column in enumerate(catalogue.indicator_columns()):
        data[f"fail_{column}"] = total(members, hm.failures[:, j])
        data[f"applies_{column}"] = total(members, hm.applies[:, j])
        data[f"target_fail_{column}"] = total(verified, poor & hm.failures[:, j])
    data["af_poor"] = total(members, hm.af_poor)
    data["af_score_sum"] = total(members * hm.intensity, hm.af_poor)
    data["af_vulnerable"] = total(members, hm.af_vulnerable)
    data["af_severe"] = total(members, hm.af_severe)
    table = pd.DataFrame(data)
    integer_columns = [c for c in table.columns if c != "af_score_sum"]
    table[integer_columns] = table[integer_columns].round().astype("int64")
    table.insert(0, "code", np.asarray(codes).astype(str))
    table.insert(1, "level", "village")
    return finalize_area_table(table)


def area_measures(
    persons: pd.DataFrame | None,
    households: pd.DataFrame,
    level: str = "village",
    dims: tuple[str, ...] | list[str] | None = None,
    cutoff: float | None = None,
    threshold: float | None = None,
) -> pd.DataFrame:
    """Area table at ``level`` from a households frame (``persons`` is needed only to convert
    frames that still carry per-person answers; pass None for household-schema frames)."""
    if persons is not None:
        households, _ = household_rule.to_household_schema(persons, households)
    villages = village_table(households, dims, cutoff, threshold)
    return villages if level == "village" else rollup(villages, level)


def indicator_table(row: pd.Series) -> pd.DataFrame:
    """The 17 indicators of one area row: persons in households where each applies, persons in
    households failing it (and the share of the first), target poor in failing households."""
    frame = catalogue.indicator_frame()[["code", "column"]]
    applies = np.array([row.get(f"applies_{c}", np.nan) for c in frame["column"]], dtype=float)
    fails = np.array([row.get(f"fail_{c}", np.nan) for c in frame["column"]], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(applies > 0, fails / applies * 100, np.nan)
    target = [row.get(f"target_fail_{c}", np.nan) for c in frame["column"]]
    return pd.DataFrame(
        {"code": frame["code"], "applies": applies, "fails": fails, "fail_share": share}
        | {"target_fails": np.asarray(target, dtype=float)}
    )

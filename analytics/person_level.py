"""The retired per-person reading of the indicators, kept only for the first demo generator.

``analytics/synthetic.py`` (rewritten on its own branch to emit the household schema) still
fits person-level answers with it. Nothing else may use it: every measure follows TPMAP's
household rule (``analytics.measures``). Delete this module when the new generator lands.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import catalogue


@dataclass(frozen=True)
class PersonMeasures:
    failures: np.ndarray  # bool (n_persons, 17)
    dimension_failures: np.ndarray  # bool (n_persons, 5)
    mpi_poor: np.ndarray
    target_poor: np.ndarray
    intensity: np.ndarray
    af_poor: np.ndarray


def person_measures(
    persons: pd.DataFrame,
    households: pd.DataFrame,
    dims: tuple[str, ...] | list[str] | None = None,
    cutoff: float | None = None,
    threshold: float | None = None,
) -> PersonMeasures:
    threshold = catalogue.income_threshold() if threshold is None else threshold
    row = persons["household_row"].to_numpy()
    columns = []
    for ind in catalogue.indicators():
        if ind.code == "4.3":
            members = households["members"].to_numpy()
            columns.append((households["income"].to_numpy() < threshold * members)[row])
        elif ind.level == "household":
            columns.append(households[ind.column].to_numpy(dtype=bool)[row])
        else:
            columns.append(persons[ind.column].to_numpy(dtype=bool))
    failures = np.column_stack(columns)
    dimension_failures = (failures.astype(np.int8) @ catalogue.dimension_matrix()) > 0
    codes = catalogue.dimension_codes()
    chosen = np.array([dims is None or d in dims for d in codes])
    mpi_poor = dimension_failures[:, chosen].any(axis=1)
    target_poor = mpi_poor & persons["verified"].to_numpy(dtype=bool)
    intensity = failures @ catalogue.af_weights()
    cutoff = catalogue.af_cutoff() if cutoff is None else cutoff
    af_poor = intensity >= cutoff - 1e-9
    return PersonMeasures(failures, dimension_failures, mpi_poor, target_poor, intensity, af_poor)

"""Later survey years of the demo (2562-2564): the same households, some deprivations resolved,
some new, members one year older. Failing stays inside applies; the poor follow the flags."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from analytics.domain import catalogue, household_schema

if TYPE_CHECKING:
    from analytics.data.synthetic import SyntheticData

RECOVER, RELAPSE = 0.32, 0.12  # share of failing households that recover / of them, new ones


def _evolve(flags: np.ndarray, applies: np.ndarray, rng) -> np.ndarray:
    """Some failing households recover; about RELAPSE as many others start failing."""
    failing = int(flags.sum())
    passing = int((applies & ~flags).sum())
    p_new = RELAPSE * failing / passing if passing else 0.0
    draw = rng.random(len(flags))
    return applies & np.where(flags, draw >= RECOVER, draw < p_new)


def _evolve_income(households, rng) -> np.ndarray:
    """Income after a year: most grow a little; recoveries and new failures of 4.3 cross the line."""
    threshold = catalogue.income_threshold()
    members = households["members"].to_numpy()
    failing = households["income"].to_numpy() < threshold * members
    fails = _evolve(failing, np.ones(len(households), bool), rng)
    income = households["income"].to_numpy() * rng.lognormal(0.03, 0.05, len(households))
    raise_to = threshold * members * rng.uniform(1.02, 1.3, len(households))
    lower_to = threshold * members * rng.uniform(0.4, 0.97, len(households))
    income = np.where(failing & ~fails, np.maximum(income, raise_to), income)
    income = np.where(fails, np.minimum(income, lower_to), income)
    return np.floor(income).astype(np.int64)


def next_year(data: SyntheticData, seed: int) -> SyntheticData:
    """The same households one survey later."""
    from analytics.data.synthetic import SyntheticData

    rng = np.random.default_rng(seed)
    households = data.households.copy(deep=False)  # columns are replaced, never written into
    persons = data.persons.copy(deep=False)
    persons["age"] = (persons["age"] + 1).astype(np.int16)
    everyone = np.ones(len(households), bool)
    for column in household_schema.fail_columns():
        applies_column = f"applies_{column}"
        applies = (
            households[applies_column].to_numpy() if applies_column in households else everyone
        )
        households[column] = _evolve(households[column].to_numpy(), applies, rng)
    households["income"] = _evolve_income(households, rng)
    registered = persons["registered"].to_numpy()
    newly = ~registered & (rng.random(len(persons)) < 0.01)
    persons["registered"] = registered | newly
    persons["verified"] = persons["verified"].to_numpy() | (
        newly & (rng.random(len(persons)) < 0.8)
    )
    for name, values in household_schema.member_counts(persons, len(households)).items():
        households[name] = values
    return SyntheticData(data.year + 1, households, persons)

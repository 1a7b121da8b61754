"""Welfare-card registration and verification of the demo's persons, exact per tambon.

Target poor are the verified members of MPI-poor households; how many come from households of
each dimension pattern is chosen per tambon (``synthetic_patterns.lp_pattern_choice``) so target
poor per dimension follow the real dimension-subset tables. The card is for adults: children
are chosen only where a tambon has too few adults.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.data.synthetic_households import HouseholdPlan
from analytics.data.synthetic_patterns import lp_pattern_choice
from analytics.domain import catalogue
from analytics.domain.grouped import select_k


def household_patterns(plan: HouseholdPlan) -> np.ndarray:
    """5-bit pattern of the dimensions each household fails (bit j = j-th dimension)."""
    pattern = np.zeros(len(plan.members), dtype=np.int64)
    for j, dim in enumerate(catalogue.dimension_codes()):
        failing = np.zeros(len(plan.members), dtype=bool)
        for ind in catalogue.indicators():
            if ind.dimension == dim:
                failing |= plan.fails[ind.code]
        pattern |= failing.astype(np.int64) << j
    return pattern


def _pattern_take(available, wanted_patterns, targets: pd.DataFrame) -> np.ndarray:
    """Verified poor to take per tambon and pattern (tambons x 32)."""
    dims = catalogue.dimension_codes()
    per_dim = targets[[f"target_{d}" for d in dims]].to_numpy()
    total = targets["target_poor"].to_numpy()
    take = np.zeros_like(available)
    for t in np.flatnonzero(total > 0):
        take[t, 1:] = lp_pattern_choice(
            available[t, 1:], wanted_patterns[t], int(total[t]), per_dim[t]
        )
    return take


def welfare_status(
    plan: HouseholdPlan,
    household: np.ndarray,
    age: np.ndarray,
    targets: pd.DataFrame,
    wanted_patterns: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Registered and verified flags per person (persons ordered by household)."""
    n_tambons = len(targets)
    tambon = plan.tambon[household]
    poor = plan.poor[household]
    pattern = np.where(poor, household_patterns(plan)[household], 0)
    key = rng.random(len(age)) + 2.0 * (age < 18)
    cell = tambon * 32 + pattern
    available = np.bincount(cell[poor], minlength=n_tambons * 32).reshape(-1, 32)
    take = _pattern_take(available, wanted_patterns, targets)
    verified = select_k(cell, key, take.ravel(), poor)

    def count(mask):
        return np.bincount(tambon[mask], minlength=n_tambons)

    registered_poor = targets["mpi_poor_registered"].to_numpy()
    registered = verified | select_k(
        tambon, key, np.maximum(registered_poor - count(verified), 0), poor & ~verified
    )
    others_registered = targets["registered"].to_numpy() - registered_poor
    others_verified = targets["verified"].to_numpy() - targets["target_poor"].to_numpy()
    registered_rest = select_k(tambon, key, others_registered.clip(0), ~poor)
    verified_rest = select_k(tambon, key, others_verified.clip(0), registered_rest)
    return registered | registered_rest, verified | verified_rest

"""Households of the demo under TPMAP's household rule (``../shared/docs/domain.md`` §1a).

Every target is a subset sum over household sizes: the households chosen for a count must have
members that add up to it exactly. Steps, vectorised over all households:
1. sizes per village: the real MPI-poor households and persons, then the rest of the village;
2. per tambon, the households failing each indicator (``synthetic_failures``);
3. per tambon, the households an indicator applies to: its failing households plus others whose
   members add up to the rest of ``indicatorN.ALL``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.domain import catalogue
from analytics.domain.grouped import exact_by_total, select_k

# Age groups the applies flags stand for; indicators of one group share a household key so
# their sets nest (4.2 inside 5.1, 4.1 inside 3.4 ...).
AGE_GROUP = {
    "1.1": "newborn",
    "1.4": "six_plus",
    "3.1": "preschool",
    "3.2": "school",
    "3.3": "youth",
    "3.4": "working",
    "4.1": "working",
    "4.2": "elderly",
    "5.1": "elderly",
    "5.2": "disabled",
}
MEAN_EXTRA_POOR = 2.6  # extra members beyond one: poor households are larger (3.8 v 2.8 real)
MAX_SIZE = 14


@dataclass
class HouseholdPlan:
    """The household frame in the making: where each household is and what it answers."""

    village: np.ndarray  # index into the village table
    tambon: np.ndarray  # index into the tambon codes
    members: np.ndarray
    poor: np.ndarray
    fails: dict[str, np.ndarray]  # indicator code -> household fails it
    applies: dict[str, np.ndarray]  # indicator code -> indicator applies to the household
    missed: dict[str, int]  # counts that could not be made exact (tambons), by name
    keys: dict[str, np.ndarray]  # age group -> household key (the same for fails and applies)


def _fix_sums(group, sizes, totals, rng) -> np.ndarray:
    """Change sizes by one at a time until each group's sizes add up to its total."""
    for _ in range(200):
        gap = totals - np.bincount(group, weights=sizes, minlength=len(totals)).astype(np.int64)
        if not gap.any():
            break
        rows = np.flatnonzero(gap[group] != 0)  # only the groups still off their total
        g, s = group[rows], sizes[rows]
        grow = select_k(g, rng.random(len(rows)), np.maximum(gap, 0), s < MAX_SIZE)
        shrink = select_k(g, rng.random(len(rows)), np.maximum(-gap, 0), s > 1)
        sizes[rows] = s + grow - shrink
    return sizes


def household_sizes(counts: np.ndarray, totals: np.ndarray, extra_mean: np.ndarray, rng):
    """Sizes of ``counts[g]`` households adding up to ``totals[g]`` members, group by group."""
    group = np.repeat(np.arange(len(counts)), counts)
    sizes = 1 + rng.poisson(extra_mean[group]).clip(0, MAX_SIZE - 1)
    return group, _fix_sums(group, sizes.astype(np.int64), totals.astype(np.int64), rng)


def lay_out(villages: pd.DataFrame, village_tambon: np.ndarray, rng) -> HouseholdPlan:
    """Households per village: the MPI-poor ones and the others, sizes exact per village."""
    n_villages = len(villages)
    hh = villages["households"].to_numpy()
    persons = villages["persons"].to_numpy()
    poor_hh = villages["mpi_poor_households"].to_numpy()
    poor_p = villages["mpi_poor"].to_numpy()
    counts = np.c_[poor_hh, hh - poor_hh].ravel()
    totals = np.c_[poor_p, persons - poor_p].ravel()
    rest_mean = np.where(hh > poor_hh, (persons - poor_p) / np.maximum(hh - poor_hh, 1) - 1, 0)
    poor_mean = np.where(poor_hh > 0, poor_p / np.maximum(poor_hh, 1) - 1, MEAN_EXTRA_POOR)
    means = np.c_[poor_mean, rest_mean].ravel().clip(0, None)
    group, sizes = household_sizes(counts, totals, means, rng)
    village = group // 2
    order = np.lexsort((rng.random(len(group)), village))  # poor and others mixed in a village
    village, sizes, poor = village[order], sizes[order], (group[order] % 2 == 0)
    assert village.max(initial=-1) < n_villages
    keys = {g: rng.random(len(sizes)) for g in sorted(set(AGE_GROUP.values()))}
    return HouseholdPlan(village, village_tambon[village], sizes, poor, {}, {}, {}, keys)


APPLIES_ORDER = ("4.2", "5.1", "3.4", "4.1", "3.3", "3.2", "3.1", "1.1", "5.2", "1.4")


def _applies_key(plan: HouseholdPlan, code: str) -> np.ndarray:
    """Order in which households get an applies flag (smallest first)."""
    key = plan.keys[AGE_GROUP[code]].copy()
    has: dict[str, np.ndarray] = {}
    for c, flags in plan.applies.items():
        has[AGE_GROUP[c]] = has.get(AGE_GROUP[c], False) | flags
    if AGE_GROUP[code] == "working" and "elderly" in has:
        key += 2.0 * has["elderly"] * (plan.members <= 2)  # no one 15-59: small elderly homes
    if AGE_GROUP[code] == "six_plus":  # everyone is 6+ where a school child, adult or elder lives
        for group in ("school", "youth", "working", "elderly"):
            key -= 10.0 * has.get(group, False)
    return key


def choose_applies(plan: HouseholdPlan, targets: pd.DataFrame) -> None:
    """Households each group indicator applies to: its failing ones plus enough others."""
    for code in APPLIES_ORDER:
        ind = catalogue.indicator_by_code(code)
        fails = plan.fails[code]
        got = np.bincount(plan.tambon[fails], plan.members[fails], len(targets)).astype(np.int64)
        wanted = targets[f"applies_{ind.column}"].to_numpy() - got
        extra, missed = exact_by_total(
            plan.tambon, plan.members, _applies_key(plan, code), wanted.clip(0), ~fails
        )
        plan.applies[code] = fails | extra
        plan.missed[f"applies {code}"] = missed + int((wanted < 0).sum())

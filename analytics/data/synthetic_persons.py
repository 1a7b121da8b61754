"""Members of the demo households: ages that agree with the household's applies flags.

An applies flag says the household has a member in the group (60+, 15-59, 15-17, 6-14, 3-5,
newborn, disabled). Each household gets one member per flag it has (the elderly: exactly the
village's real number of persons aged 60+, spread over the households flagged for them); the
other members take ages from the groups the household has, or 1-2 (a group no indicator is
about). Where a household has fewer members than flags, or the village's elderly do not fit
the flagged households, a flag stays without its member: ``consistency`` measures how often.
"""

from __future__ import annotations

import numpy as np

from analytics.data.synthetic_households import AGE_GROUP, HouseholdPlan
from analytics.domain.grouped import select_k

# member roles: the age ranges they are drawn from (inclusive)
ROLES = {
    "elderly": (60, 95),
    "youth": (15, 17),
    "working": (22, 59),
    "school": (6, 14),
    "preschool": (3, 5),
    "newborn": (0, 0),
    "toddler": (1, 2),
    "adult": (18, 59),
    "teen": (15, 17),
}
REQUIRED = ("youth", "working", "school", "preschool", "newborn")  # after the elderly
FREE_WEIGHTS = {
    "adult": 3.0,
    "school": 1.2,
    "youth": 0.3,
    "teen": 0.3,
    "preschool": 0.5,
    "toddler": 0.4,
}
# 3.3 is about this year's lower-secondary graduates (1 % of persons live with one), not every
# 15-17-year-old: teenagers also live in households it does not apply to
FREE_NEEDS = {
    "adult": "working",
    "teen": "working",
    "school": "school",
    "youth": "youth",
    "preschool": "preschool",
}


def group_flags(plan: HouseholdPlan) -> dict[str, np.ndarray]:
    """Per age group: the household has a member in it (any of the group's indicators applies)."""
    out: dict[str, np.ndarray] = {}
    for code, flags in plan.applies.items():
        group = AGE_GROUP[code]
        out[group] = out.get(group, np.zeros(len(flags), bool)) | flags
    return out


def elderly_per_household(plan, flags, village_elderly, rng) -> np.ndarray:
    """Persons 60+ per household: one per flagged household, then the village's rest where
    there is room (elderly-only households first), exactly ``village_elderly`` per village."""
    elderly = flags["elderly"].astype(np.int64)
    others = sum(flags[g].astype(np.int64) for g in REQUIRED)
    alone = flags["elderly"] & (others == 0)
    n_villages = len(village_elderly)
    for _ in range(12):
        gap = village_elderly - np.bincount(plan.village, elderly, n_villages)
        if not gap.any():
            break
        rows = np.flatnonzero(gap[plan.village] != 0)  # households of villages still off
        village, e, size = plan.village[rows], elderly[rows], plan.members[rows]
        room = size - e - others[rows]
        take_off = select_k(village, -e + rng.random(len(rows)), (-gap).clip(0), e > 0)
        key = rng.random(len(rows)) - 2.0 * alone[rows]
        add = np.zeros(len(rows), dtype=bool)
        wanted = gap.clip(0)
        for eligible in (flags["elderly"][rows] & (room > 0), room > 0, size > e):
            more = select_k(village, key, wanted, eligible & ~add)
            add |= more
            wanted = wanted - np.bincount(village[more], minlength=n_villages)
        elderly[rows] = e + add - take_off
    return elderly.astype(np.int64)


def _free_roles(household: np.ndarray, flags: dict[str, np.ndarray], rng) -> np.ndarray:
    """Roles of the members no flag needs: drawn from the groups the household has."""
    names = list(FREE_WEIGHTS)
    weights = np.zeros((len(household), len(names)))
    for j, name in enumerate(names):
        needs = FREE_NEEDS.get(name)
        if needs is None:  # toddlers live with school or pre-school children
            has = flags["school"] | flags["preschool"] | flags["newborn"]
        else:
            has = flags[needs]
        weights[:, j] = FREE_WEIGHTS[name] * has[household]
    nothing = weights.sum(axis=1) == 0
    weights[nothing, names.index("adult")] = 1.0  # no group fits: an adult (counted as a miss)
    cumulative = np.cumsum(weights, axis=1) / weights.sum(axis=1, keepdims=True)
    pick = (rng.random(len(household))[:, None] > cumulative).sum(axis=1)
    return np.array(names)[np.minimum(pick, len(names) - 1)]


def assign_ages(plan: HouseholdPlan, village_elderly: np.ndarray, rng) -> tuple:
    """Ages of every member (persons ordered by household) and the per-household elderly."""
    flags = group_flags(plan)
    elderly = elderly_per_household(plan, flags, village_elderly, rng)
    household = np.repeat(np.arange(len(plan.members)), plan.members)
    slot = np.arange(len(household)) - np.repeat(
        np.cumsum(plan.members) - plan.members, plan.members
    )
    roles = np.full(len(household), "", dtype=object)
    edge = elderly.copy()
    roles[slot < edge[household]] = "elderly"
    for group in REQUIRED:
        upto = edge + flags[group]
        roles[(slot >= edge[household]) & (slot < upto[household])] = group
        edge = upto
    free = roles == ""
    roles[free] = _free_roles(household[free], flags, rng)
    age = np.zeros(len(household), dtype=np.int64)
    for role, (low, high) in ROLES.items():
        mask = roles == role
        if role == "elderly":
            age[mask] = np.minimum(60 + rng.gamma(1.6, 7.0, mask.sum()).astype(int), high)
        else:
            age[mask] = rng.integers(low, high + 1, mask.sum())
    return household, age, elderly


def disabled_members(plan: HouseholdPlan, household: np.ndarray, age: np.ndarray, rng):
    """One disabled member (preferably the oldest) in each household 5.2 applies to."""
    flagged = plan.applies["5.2"][household]
    key = -(age + 40 * rng.random(len(age)))
    one = np.ones(len(plan.members), dtype=np.int64)
    return select_k(household, key, one, flagged)


def consistency(plan: HouseholdPlan, household: np.ndarray, age: np.ndarray) -> dict[str, float]:
    """Share of households whose applies flag equals "has a member of the age" per indicator."""
    from analytics.domain import catalogue

    out = {}
    for code in AGE_GROUP:
        ind = catalogue.indicator_by_code(code)
        if ind.applies_to == "disabled":
            continue
        high = ind.max_age if ind.max_age is not None else 200
        member = (age >= (ind.min_age or 0)) & (age <= high)
        has = np.bincount(household, member, len(plan.members)) > 0
        out[code] = float((has == plan.applies[code]).mean())
    return out

"""Which MPI-poor households fail which indicator: exact member totals per tambon.

Every poor household must fail at least one indicator and the failing members of each indicator
must add up to the real ``indicatorN.CNT``; in the real tables the failures nearly partition the
poor (1.18 failures per poor person). Smallest counts are chosen first on poor households failing
nothing yet, the largest last; a same-size swap (or a three-way exchange) then covers the few
households left, and a tambon still not covered is chosen again with new keys.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.data.synthetic_households import AGE_GROUP, HouseholdPlan
from analytics.domain import catalogue
from analytics.domain.grouped import exact_by_total, group_slices


def _reachable(sizes: np.ndarray) -> int:
    """Bit set of every total some subset of ``sizes`` adds up to (bit k: total k)."""
    bits = 1
    for size in sizes.tolist():
        bits |= bits << size
    return bits


def _unreachable(sizes: np.ndarray, wanted: np.ndarray) -> int:
    bits = _reachable(sizes)
    return sum(1 for w in wanted.tolist() if not (bits >> w) & 1)


def make_sums_reachable(plan: HouseholdPlan, targets: pd.DataFrame, rng) -> None:
    """Reshape poor household sizes (one member moved between two poor households of a village
    at a time) until every tambon's failure counts are subset sums of its poor households."""
    columns = [f"fail_{i.column}" for i in catalogue.indicators()]
    wanted_all = targets[columns].to_numpy()
    order, starts = group_slices(plan.tambon, len(targets))
    stuck = 0
    for t in range(len(targets)):
        rows = order[starts[t] : starts[t + 1]]
        rows = rows[plan.poor[rows]]
        wanted = wanted_all[t][wanted_all[t] > 0]
        missing = _unreachable(plan.members[rows], wanted)
        for _ in range(400 if missing else 0):
            a = rng.choice(rows[plan.members[rows] > 1])
            same = rows[(plan.village[rows] == plan.village[a]) & (rows != a)]
            if not len(same):
                continue
            b = rng.choice(same)
            plan.members[a] -= 1
            plan.members[b] += 1
            now = _unreachable(plan.members[rows], wanted)
            if now > missing:  # worse: undo
                plan.members[a] += 1
                plan.members[b] -= 1
            missing = min(missing, now)
            if not missing:
                break
        stuck += missing > 0
    plan.missed["tambons with an unreachable failure count"] = stuck


def _fail_order(targets: pd.DataFrame) -> list[catalogue.Indicator]:
    """Smallest failure counts first, each on poor households failing nothing yet; the largest
    comes last and takes every poor household still failing nothing, plus others to its total."""
    totals = {i.code: targets[f"fail_{i.column}"].sum() for i in catalogue.indicators()}
    return sorted(catalogue.indicators(), key=lambda i: totals[i.code])


def choose_failures(plan: HouseholdPlan, targets: pd.DataFrame, rng) -> None:
    """Households failing each indicator: exact member totals per tambon, among the poor."""
    n = len(plan.members)
    make_sums_reachable(plan, targets, rng)
    covered = np.zeros(n, dtype=np.int64)
    order = _fail_order(targets)
    for ind in order:
        target = targets[f"fail_{ind.column}"].to_numpy()
        base = plan.keys.get(AGE_GROUP.get(ind.code, ""), rng.random(n))
        key = base + 10.0 * (covered > 0)  # uncovered poor households first
        chosen, missed = exact_by_total(plan.tambon, plan.members, key, target, plan.poor)
        plan.fails[ind.code] = chosen
        plan.missed[f"fail {ind.code}"] = missed
        covered += chosen
    cover_poor(plan, covered)
    _retry_tambons(plan, covered, targets, order, rng)


def _choose_in_tambon(plan, rows, wanted, order, rng) -> dict[str, np.ndarray] | None:
    """One randomised pass over one tambon's poor households; None unless exact and covering."""
    size = plan.members[rows]
    covered = np.zeros(len(rows), dtype=np.int64)
    zero = np.zeros(len(rows), dtype=np.int64)
    chosen_sets = {}
    for ind in order:
        target = np.array([wanted[ind.code]])
        key = rng.random(len(rows)) + 10.0 * (covered > 0)
        chosen, missed = exact_by_total(zero, size, key, target)
        if missed:
            return None
        chosen_sets[ind.code] = chosen
        covered += chosen
    return chosen_sets if covered.all() else None


def _retry_tambons(plan, covered, targets, order, rng, tries: int = 300) -> None:
    """Tambons where a poor household still fails nothing (their failures nearly partition the
    poor): choose again with new random keys, reshaping sizes within villages between tries."""
    lonely = np.unique(plan.tambon[plan.poor & (covered == 0)])
    slices, starts = group_slices(plan.tambon, len(targets))
    for t in lonely:
        rows = slices[starts[t] : starts[t + 1]]
        rows = rows[plan.poor[rows]]
        wanted = {i.code: int(targets[f"fail_{i.column}"].iloc[t]) for i in order}
        sizes = plan.members[rows].copy()
        for attempt in range(tries):
            result = _choose_in_tambon(plan, rows, wanted, order, rng)
            if result is not None:
                for code, chosen in result.items():
                    plan.fails[code][rows] = chosen
                covered[rows] = sum(r.astype(np.int64) for r in result.values())
                break
            if attempt % 10 == 9:
                _move_one_member(plan, rows, rng)
        else:
            plan.members[rows] = sizes  # no luck: keep the first choice
    plan.missed["poor household failing nothing"] = int((plan.poor & (covered == 0)).sum())
    for ind in order:
        fails = plan.fails[ind.code]
        got = np.bincount(plan.tambon[fails], plan.members[fails], len(targets))
        plan.missed[f"fail {ind.code}"] = int((got != targets[f"fail_{ind.column}"]).sum())


def _move_one_member(plan: HouseholdPlan, rows: np.ndarray, rng) -> None:
    """Move a member between two of ``rows`` in one village (village totals stay)."""
    big = rows[plan.members[rows] > 1]
    if not len(big):
        return
    a = rng.choice(big)
    same = rows[(plan.village[rows] == plan.village[a]) & (rows != a)]
    if len(same):
        plan.members[a] -= 1
        plan.members[rng.choice(same)] += 1


def cover_poor(plan: HouseholdPlan, covered: np.ndarray) -> None:
    """Same-size swaps: a poor household failing nothing takes one failure from a household
    (same tambon, same size) failing several, so every total stays exact."""
    for _ in range(3):
        for fails in plan.fails.values():
            lonely = np.flatnonzero(plan.poor & (covered == 0))
            if not len(lonely):
                break
            donors = np.flatnonzero(fails & (covered >= 2))
            pairs = _pair_by(plan, lonely, donors)
            if not len(pairs):
                continue
            fails[pairs[:, 0]], fails[pairs[:, 1]] = True, False
            covered[pairs[:, 0]] += 1
            covered[pairs[:, 1]] -= 1
    lonely = np.flatnonzero(plan.poor & (covered == 0))
    if len(lonely):
        order, starts = group_slices(plan.tambon, int(plan.tambon.max()) + 1)
        for u in lonely:
            t = plan.tambon[u]
            _three_way(plan, covered, int(u), order[starts[t] : starts[t + 1]])
    plan.missed["poor household failing nothing"] = int((plan.poor & (covered == 0)).sum())


def _three_way(plan: HouseholdPlan, covered: np.ndarray, u: int, rows: np.ndarray) -> bool:
    """Give household ``u`` a failure of a household of another size, evening out the total
    with a third household of the size difference (gaining or losing that failure)."""
    rows = rows[plan.poor[rows] & (rows != u)]
    size = plan.members
    for fails in plan.fails.values():
        for d in rows[fails[rows] & (covered[rows] >= 2)]:
            diff = int(size[d] - size[u])
            if diff > 0:  # the indicator loses members: a third household starts failing it
                third = rows[~fails[rows] & (size[rows] == diff) & (rows != d)]
            else:  # it gains members: a third household failing several stops failing it
                third = rows[fails[rows] & (covered[rows] >= 2) & (size[rows] == -diff)]
                third = third[third != d]
            if diff != 0 and not len(third):
                continue
            fails[u], fails[d] = True, False
            covered[u] += 1
            covered[d] -= 1
            if diff:
                fails[third[0]] = diff > 0
                covered[third[0]] += 1 if diff > 0 else -1
            return True
    return False


def _pair_by(plan: HouseholdPlan, takers: np.ndarray, givers: np.ndarray) -> np.ndarray:
    """Pairs (taker, giver) of the same tambon and size, each used once."""

    def ranked(rows):
        key = plan.tambon[rows].astype(np.int64) * 64 + plan.members[rows]
        rows = rows[np.argsort(key, kind="stable")]
        key = np.sort(key, kind="stable")
        starts = np.r_[0, np.flatnonzero(key[1:] != key[:-1]) + 1]
        rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
        return pd.Series(rows, index=pd.MultiIndex.from_arrays([key, rank]))

    a, b = ranked(takers), ranked(givers)
    both = a.index.intersection(b.index)
    return np.c_[a.loc[both].to_numpy(), b.loc[both].to_numpy()].astype(np.int64)

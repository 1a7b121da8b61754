"""Give the synthetic poor the combinations of dimensions that the real target poor have.

The real tables say, per tambon, how many target poor fail each exact set of dimensions
(e.g. education and income together). The generator's first draw may have too few people with
some sets. A *transfer* fixes one missing person without changing any indicator total: a person
with the set minus one dimension B takes over a failure on a person-level indicator of B from a
donor whose own set does not change or is in surplus.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics import catalogue

BITS = 1 << np.arange(5)


def _eligibility(persons: pd.DataFrame) -> dict[int, np.ndarray]:
    """Who each person-level indicator (by column index among the 17) can apply to."""
    age = persons["age"].to_numpy()
    out = {}
    for j, ind in enumerate(catalogue.indicators()):
        if ind.level != "person":
            continue
        if ind.applies_to == "disabled":
            out[j] = persons["disabled"].to_numpy(dtype=bool)
        else:
            high = ind.max_age if ind.max_age is not None else 200
            out[j] = (age >= ind.min_age) & (age <= high)
    return out


def create_missing_patterns(
    persons: pd.DataFrame,
    failures: np.ndarray,
    person_tambon: np.ndarray,
    wanted: np.ndarray,
    rng: np.random.Generator,
) -> int:
    """Transfer person-level failures so each tambon has ``wanted[t, pattern - 1]`` poor persons
    per exact dimension pattern where it can. Updates ``persons``' indicator columns and
    ``failures`` (persons x 17) in place; returns the number of transfers made.
    """
    indicators = catalogue.indicators()
    dim_of = np.array([catalogue.dimension_codes().index(i.dimension) for i in indicators])
    by_dimension = {
        b: [j for j, ind in enumerate(indicators) if ind.level == "person" and dim_of[j] == b]
        for b in range(5)
    }
    eligible = _eligibility(persons)

    def pattern_of(rows: np.ndarray) -> np.ndarray:
        dims = np.zeros((len(rows), 5), dtype=bool)
        for b in range(5):
            dims[:, b] = failures[np.ix_(rows, np.flatnonzero(dim_of == b))].any(axis=1)
        return (dims * BITS).sum(axis=1)

    order = np.argsort(person_tambon, kind="stable")
    starts = np.searchsorted(person_tambon[order], np.arange(len(wanted) + 1))
    moves = 0
    for t in range(len(wanted)):
        rows = order[starts[t] : starts[t + 1]]
        if len(rows) == 0:
            continue
        pattern = pattern_of(rows)
        have = np.bincount(pattern, minlength=32)
        need = np.r_[0, wanted[t]]
        for target in sorted(np.flatnonzero(need > have), key=lambda p: -bin(p).count("1")):
            while have[target] < need[target]:
                move = _find_transfer(
                    target, rows, pattern, have, need, failures, eligible, by_dimension, dim_of, rng
                )
                if move is None:
                    break
                recipient, donor, j = move
                failures[rows[recipient], j] = True
                failures[rows[donor], j] = False
                for k in (recipient, donor):
                    have[pattern[k]] -= 1
                    pattern[k] = pattern_of(rows[[k]])[0]
                    have[pattern[k]] += 1
                moves += 1
    for j, ind in enumerate(indicators):
        if ind.level == "person":
            persons[ind.column] = failures[:, j]
    return moves


def _find_transfer(
    target, rows, pattern, have, need, failures, eligible, by_dimension, dim_of, rng
):
    for b in rng.permutation(5):
        if not (target >> b) & 1 or not by_dimension[b]:
            continue
        source = target & ~(1 << b)
        if source and have[source] <= need[source]:
            continue  # do not take a person whose own combination is still short
        for j in by_dimension[b]:
            candidates = np.flatnonzero(
                (pattern == source) & eligible[j][rows] & ~failures[rows, j]
            )
            if len(candidates) == 0:
                continue
            other_in_b = [k for k in np.flatnonzero(dim_of == b) if k != j]
            keeps_b = (
                failures[np.ix_(rows, other_in_b)].any(axis=1)
                if other_in_b
                else np.zeros(len(rows), bool)
            )
            after = np.where(keeps_b, pattern, pattern & ~(1 << b))
            surplus = have[pattern] > need[pattern]
            # a donor keeps its combination, or gives up one it has more of than needed
            # (possibly leaving poverty: the MPI-poor count is not a target of the generator)
            donors = np.flatnonzero(
                failures[rows, j] & (pattern != target) & ((after == pattern) | surplus)
            )
            if len(donors) == 0:
                continue
            return int(rng.choice(candidates)), int(rng.choice(donors)), j
    return None

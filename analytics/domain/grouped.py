"""Vectorised selection within groups: the building blocks of the synthetic generator."""

from __future__ import annotations

import numpy as np


def _ranks(sorted_groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank of each element within its run of equal groups, and each run's start position."""
    n = len(sorted_groups)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    lengths = np.diff(np.r_[starts, n])
    return np.arange(n) - np.repeat(starts, lengths), np.repeat(starts, lengths)


def select_k(
    group: np.ndarray, key: np.ndarray, k: np.ndarray, eligible: np.ndarray | None = None
) -> np.ndarray:
    """Boolean mask choosing, in each group g, the ``k[g]`` eligible elements with smallest key."""
    idx = np.flatnonzero(eligible) if eligible is not None else np.arange(len(group))
    order = idx[np.lexsort((key[idx], group[idx]))]
    ranks, _ = _ranks(group[order])
    chosen = np.zeros(len(group), dtype=bool)
    chosen[order[ranks < k[group[order]]]] = True
    return chosen


def select_by_total(
    group: np.ndarray,
    size: np.ndarray,
    key: np.ndarray,
    target: np.ndarray,
    eligible: np.ndarray | None = None,
    passes: int = 6,
) -> np.ndarray:
    """Choose items (households) so their sizes (members) add up to ``target[g]`` in each group.

    Takes items in key order while the running total fits, then fills the remainder with the
    largest unchosen items that still fit. The result is exact whenever small items remain.
    """
    idx = np.flatnonzero(eligible) if eligible is not None else np.arange(len(group))
    order = idx[np.lexsort((key[idx], group[idx]))]
    sizes = size[order].astype(np.int64)
    cumulative = np.cumsum(sizes)
    _, starts = _ranks(group[order])
    within = cumulative - cumulative[starts] + sizes[starts]
    chosen = np.zeros(len(group), dtype=bool)
    chosen[order[within <= target[group[order]]]] = True
    remaining = target.astype(np.int64) - np.bincount(
        group[chosen], weights=size[chosen], minlength=len(target)
    ).astype(np.int64)
    pool = np.zeros(len(group), dtype=bool)
    pool[idx] = True
    for _ in range(passes):
        candidates = np.flatnonzero(pool & ~chosen & (size <= remaining[group]) & (size > 0))
        candidates = candidates[remaining[group[candidates]] > 0]
        if len(candidates) == 0:
            break
        ordered = candidates[np.lexsort((key[candidates], -size[candidates], group[candidates]))]
        first = ordered[np.r_[True, group[ordered][1:] != group[ordered][:-1]]]
        chosen[first] = True
        np.subtract.at(remaining, group[first], size[first])
    return chosen


def group_slices(group: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Element order sorted by group and each group's start in it (``starts[g]:starts[g+1]``)."""
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], np.arange(n_groups + 1))
    return order, starts


def _repair_one(rows: np.ndarray, size: np.ndarray, chosen: np.ndarray, gap: int) -> int:
    """Move ``chosen`` in one group towards a total ``gap`` larger (negative: smaller).

    Tries a single add/remove of the exact size, then a one-for-one swap, then the largest
    step that does not overshoot; returns the gap left.
    """
    for _ in range(64):
        if gap == 0:
            return 0
        inside, outside = rows[chosen[rows]], rows[~chosen[rows]]
        add, drop = (outside, inside) if gap > 0 else (inside, outside)
        exact = add[size[add] == abs(gap)]
        if len(exact):
            chosen[exact[0]] = gap > 0
            return 0
        sizes_drop = {int(s): int(r) for s, r in zip(size[drop], drop, strict=True)}
        for r in add:
            partner = sizes_drop.get(int(size[r]) - abs(gap))
            if partner is not None:
                chosen[r], chosen[partner] = gap > 0, gap < 0
                return 0
        fits = add[(size[add] < abs(gap)) & (size[add] > 0)]
        if not len(fits):
            return gap
        step = fits[np.argmax(size[fits])]
        chosen[step] = gap > 0
        gap -= int(np.sign(gap) * size[step])
    return gap


def exact_by_total(
    group: np.ndarray,
    size: np.ndarray,
    key: np.ndarray,
    target: np.ndarray,
    eligible: np.ndarray | None = None,
) -> tuple[np.ndarray, int]:
    """``select_by_total`` then a repair of every group it missed (adds, removes, 1:1 swaps).

    Returns the choice and how many groups still miss their target (0 when all are exact).
    """
    pool = np.ones(len(group), bool) if eligible is None else eligible.astype(bool)
    chosen = select_by_total(group, size, key, target, pool)
    got = np.bincount(group[chosen], weights=size[chosen], minlength=len(target)).astype(np.int64)
    bad = np.flatnonzero(got != target)
    if not len(bad):
        return chosen, 0
    order, starts = group_slices(group, len(target))
    missed = 0
    for g in bad:
        rows = order[starts[g] : starts[g + 1]]
        rows = rows[pool[rows]]
        missed += _repair_one(rows, size, chosen, int(target[g] - got[g])) != 0
    return chosen, missed

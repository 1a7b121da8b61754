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

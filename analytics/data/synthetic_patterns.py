"""Target poor by the exact set of dimensions their household fails, as the real tables have.

TPMAP publishes, per tambon and for every subset of the five dimensions, the target poor failing
any dimension in it. Moebius inversion turns those unions into exact-pattern counts, and a small
linear programme chooses how many verified members to take from each pattern of the generated
poor households so that the per-dimension totals match.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from analytics.data import tpmap_tables
from analytics.domain import catalogue


def exact_patterns(province: str) -> pd.DataFrame:
    """Target poor per tambon by the exact set of dimensions failed (31 patterns).

    TPMAP publishes, for every subset S of dimensions, the target poor failing any dimension in S
    (a union). With T the total, g(C) = T - U(not C) counts persons failing only inside C, and
    Moebius inversion over subsets turns g into exact-pattern counts.
    """
    dims = catalogue.dimension_codes()
    unions: dict[int, pd.Series] = {}
    total = pd.Series(dtype="int64")  # the all-dimensions table, read at bits == 31
    for bits in range(1, 32):
        chosen = tuple(d for j, d in enumerate(dims) if bits >> j & 1)
        table = tpmap_tables.area_table("tambon", province, chosen).set_index("code")
        unions[bits] = table["target_poor"]
        if bits == 31:
            total = table["target_poor"]
    inside = {0: total * 0}
    for bits in range(1, 32):
        inside[bits] = total if bits == 31 else total - unions[31 ^ bits]
    exact = {}
    for bits in range(1, 32):
        value = total * 0
        sub = bits
        while True:
            sign = -1 if bin(bits ^ sub).count("1") % 2 else 1
            value = value + sign * inside[sub]
            if sub == 0:
                break
            sub = (sub - 1) & bits
        exact[bits] = value
    return pd.DataFrame(exact).clip(lower=0)


def lp_pattern_choice(available: np.ndarray, wanted: np.ndarray, total: int, per_dim: np.ndarray):
    """How many target poor to take from each pattern: match totals per dimension first.

    Minimise |x - wanted| (L1) plus a large penalty on missing the dimension totals, with
    0 <= x <= available.
    """
    n = 31
    incidence = np.array([[bits >> j & 1 for bits in range(1, 32)] for j in range(5)], float)
    a_eq_rows = np.vstack([incidence, np.ones((1, n))])
    b_eq = np.r_[per_dim, total].astype(float)
    m = a_eq_rows.shape[0]
    # variables: x (n), d+ (n), d- (n), s+ (m), s- (m)
    cost = np.r_[np.zeros(n), np.ones(2 * n), np.full(2 * m, 1000.0)]
    a_eq = np.block(
        [
            [a_eq_rows, np.zeros((m, 2 * n)), np.eye(m), -np.eye(m)],
            [np.eye(n), -np.eye(n), np.eye(n), np.zeros((n, 2 * m))],
        ]
    )
    b = np.r_[b_eq, wanted.astype(float)]
    bounds = [(0, a) for a in available] + [(0, None)] * (2 * n + 2 * m)
    result = linprog(cost, A_eq=a_eq, b_eq=b, bounds=bounds, method="highs")
    x = result.x[:n] if result.success else np.minimum(wanted, available).astype(float)
    counts = np.floor(x + 1e-6).astype(np.int64)
    shortfall = int(min(total, available.sum()) - counts.sum())
    while shortfall > 0:  # hand out the rounding remainder by largest fractional parts
        room = np.flatnonzero(available > counts)
        room = room[np.argsort(-(x[room] - counts[room]), kind="stable")][:shortfall]
        counts[room] += 1
        shortfall -= len(room)
    while counts.sum() > total:  # the LP may overshoot the total where it cannot meet both
        counts[np.argmax(counts)] -= 1
    return counts

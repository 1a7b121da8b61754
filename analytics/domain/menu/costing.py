"""Area demand, plan costing, ranking under a budget ceiling and stage targets.

Cost of a plan row = eligible units × amount × periods in the plan's months (a monthly
benefit for 12 months is 12 periods, quarterly 4, yearly or one-off 1). An unknown amount
gives an unknown cost (NaN), shown as unknown and never added as zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analytics.domain import catalogue
from analytics.domain.menu.matching import Matches
from analytics.domain.menu.model import Programme


def periods(period: str, months: int) -> float:
    if period == "month":
        return float(months)
    if period == "quarter":
        return float(math.ceil(months / 3))
    return 1.0


def row_cost(units: float, amount: float | None, period: str, months: int) -> float:
    """Units × amount × periods; NaN (unknown) when the amount is unknown."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return math.nan
    return float(units) * float(amount) * periods(period, months)


def indicator_matrix(programmes: Sequence[Programme]) -> np.ndarray:
    """bool (p, 17): the indicators each programme addresses (all when it names none)."""
    columns = catalogue.indicator_columns()
    out = np.zeros((len(programmes), len(columns)), dtype=bool)
    for j, prog in enumerate(programmes):
        if not prog.indicators:
            out[j] = True
        for code in prog.indicators:
            column = "i" + code.replace(".", "_")
            if column in columns:
                out[j, columns.index(column)] = True
    return out


def moved_out(matches: Matches, programmes: Sequence[Programme]) -> np.ndarray:
    """bool (n, p): a target-poor household eligible for the programme whose every failed
    indicator the programme addresses (it would leave target-poor status if helped)."""
    ind = indicator_matrix(programmes)
    uncovered = matches.failures[:, None, :] & ~ind[None, :, :]
    return matches.target_poor[:, None] & matches.eligible & ~uncovered.any(axis=2)


def demand(matches: Matches, programmes: Sequence[Programme], months: int = 12) -> pd.DataFrame:
    """Per programme: eligible households and persons, suggested, not yet receiving, the
    households it would move out of target-poor status, and the cost of reaching those not
    yet receiving for ``months``."""
    moved = moved_out(matches, programmes)
    eligible = matches.eligible
    rows = []
    for j, prog in enumerate(programmes):
        units = int(matches.units[:, j].sum())
        open_units = int(matches.units[~matches.received[:, j], j].sum())
        rows.append(
            {
                "programme_id": prog.id,
                "agency": prog.agency,
                "dimension": prog.dimension,
                "menu_area": prog.menu_area,
                "households": int(eligible[:, j].sum()),
                "persons": int(matches.persons[:, j].sum()),
                "units": units,
                "units_open": open_units,
                "suggested": int(matches.suggested[:, j].sum()),
                "not_receiving": int((eligible[:, j] & ~matches.received[:, j]).sum()),
                "received": int((eligible[:, j] & matches.received[:, j]).sum()),
                "moved": int(moved[:, j].sum()),
                "amount": prog.amount,
                "cost": row_cost(open_units, prog.amount, prog.period, months),
            }
        )
    return pd.DataFrame(rows)


def rank_under_ceiling(rows: pd.DataFrame, ceiling: float) -> pd.DataFrame:
    """Rank plan rows by households moved out of target-poor per baht and take, in that
    order, every row that still fits under ``ceiling``. Rows of unknown cost are not
    ranked (``fits`` False, ``status`` "unknown_cost"); they stay in the plan, visible."""
    out = rows.copy()
    cost = out["cost"].astype(float)
    known = cost.notna()
    out["per_baht"] = np.where(known & (cost > 0), out["moved"] / cost.where(cost > 0), np.nan)
    out["per_million"] = out["per_baht"] * 1_000_000
    order = out[known].sort_values(
        ["per_baht", "cost", "programme_id"], ascending=[False, True, True], na_position="last"
    )
    total = 0.0
    taken: set[object] = set()
    for idx, value in order["cost"].items():
        if total + float(value) <= ceiling:
            total += float(value)
            taken.add(idx)
    out["fits"] = [idx in taken for idx in out.index]
    out["rank"] = pd.Series(range(1, len(order) + 1), index=order.index)
    out["status"] = np.where(~known, "unknown_cost", np.where(out["fits"], "fits", "over_ceiling"))
    return out.sort_values(["rank", "programme_id"], na_position="last", ignore_index=True)


def stage_targets(
    matches: Matches,
    programmes: Sequence[Programme],
    stage: np.ndarray,
    chosen: Sequence[str],
) -> pd.DataFrame:
    """Households per stage now and the year's target if the chosen programmes reach every
    eligible household: a household whose failed survival indicators are all addressed
    leaves "survive"; one whose every failure is addressed reaches "sustainable"."""
    cols = [matches.column(p) for p in chosen if p in matches.programme_ids]
    ind = indicator_matrix(programmes)[cols] if cols else np.zeros((0, 17), dtype=bool)
    covered = (matches.eligible[:, cols].astype(np.int32) @ ind.astype(np.int32)) > 0
    left = matches.failures & ~covered
    survival = np.array([i.survival for i in catalogue.indicators()])
    target = np.asarray(stage, dtype=object).copy()
    target[(target == "survive") & ~left[:, survival].any(axis=1)] = "sufficient"
    target[(target != "sustainable") & ~left.any(axis=1) & matches.failures.any(axis=1)] = (
        "sustainable"
    )
    stages = ("survive", "sufficient", "sustainable")
    return pd.DataFrame(
        {
            "stage": stages,
            "now": [int((np.asarray(stage) == s).sum()) for s in stages],
            "target": [int((target == s).sum()) for s in stages],
        }
    )


def totals(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Cost and households by agency, dimension or menu area; a group with any unknown cost
    says so (``unknown_rows``) instead of hiding it in a sum."""
    grouped = rows.groupby(by, sort=True)
    return pd.DataFrame(
        {
            "households": grouped["households"].sum(),
            "known_cost": grouped["cost"].sum(min_count=1),  # all unknown: unknown, not 0
            "unknown_rows": grouped["cost"].apply(lambda s: int(s.isna().sum())),
        }
    ).reset_index()

"""Shares the target groups select and ties in the priority, on the full demo (README
"Targeting rules"): ``python -m benchmarks.target_groups [year]``.

Prints, per pilot province and for the three together, the share of households and of
target-poor households that the configured "vulnerable" rule and a few candidate readings
select, and the share of target-poor households whose priority ties with another's.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from analytics.data import synthetic
from analytics.domain import catalogue, pilots, rules


def _shares(profile: pd.DataFrame, mask: np.ndarray, threshold: float) -> dict[str, float]:
    dependant = (
        profile[[f"has_{k}" for k in ("young_children", "elderly", "disabled")]].any(axis=1)
        | profile["has_bedridden"]
    )
    income = profile["income_per_member"]
    candidates = {
        "configured": profile["vulnerable"],
        "dependant OR income<=100,000 (before)": dependant | (income <= 100_000),
        "dependant AND income<=100,000": dependant & (income <= 100_000),
        "dependant AND income<=2xT": dependant & (income <= 2 * threshold),
        "dependant AND income<=1.5xT": dependant & (income <= 1.5 * threshold),
        "dependant AND income<=T": dependant & (income <= threshold),
    }
    return {name: float(selected[mask].mean() * 100) for name, selected in candidates.items()}


def main(year: int = 2561) -> None:
    data = synthetic.load_or_generate(pilots.PILOT_PROVINCES, 1.0)[year]
    profile = rules.household_profile(data.households, data.persons)
    threshold = catalogue.income_threshold()
    target = (profile["target_members"] > 0).to_numpy()
    for province in (*pilots.PILOT_PROVINCES, None):
        area = np.ones(len(profile), bool)
        if province:
            area = (data.households["province"] == province).to_numpy()
        print(f"TPMAP {year} · {province or 'three provinces'}: {area.sum():,} households")
        for name, share in _shares(profile, area, threshold).items():
            of_target = _shares(profile, area & target, threshold)[name]
            print(f"  {name:40s} {share:5.1f} % of households, {of_target:5.1f} % of target")
        priority = profile.loc[area & target, "priority"]
        tied = priority.duplicated(keep=False).mean() * 100
        print(f"  priority tied (target-poor households): {tied:.2f} %")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2561)

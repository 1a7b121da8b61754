"""Who is critical, vulnerable, and at which development stage: rules as data, applied in bulk.

The rules live in ``catalogue/rules.toml``. ``household_profile`` returns one row per household
with every flag and the reasons behind it, so the UI can always say *why*.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analytics import catalogue, measures

RULES_FILE = catalogue.CATALOGUE_DIR / "rules.toml"
STAGES = ("survive", "sufficient", "sustainable")
STAGE_LABELS = {
    "survive": ("อยู่รอด", "Survive"),
    "sufficient": ("พอเพียง", "Sufficient"),
    "sustainable": ("ยั่งยืน", "Sustainable"),
}
VULNERABLE_REASONS = {
    "young_children": ("มีเด็กเล็ก", "Young children"),
    "elderly": ("มีผู้สูงอายุ", "Elderly member"),
    "disabled": ("มีผู้พิการ", "Disabled member"),
    "bedridden": ("มีผู้ป่วยติดเตียง", "Bedridden member"),
    "low_income": ("รายได้ต่อคนไม่เกินเกณฑ์เปราะบาง", "Low income per member"),
}


@lru_cache(maxsize=4)
def load_rules(path: str | Path = RULES_FILE) -> dict:
    with open(path, "rb") as fh:
        rules = tomllib.load(fh)
    known = {i.code for i in catalogue.indicators()}
    for rule in rules["critical"]["rules"]:
        unknown = set(rule.get("indicators_any", [])) - known
        if unknown:
            raise ValueError(f"rule {rule['id']!r} names unknown indicators {sorted(unknown)}")
    return rules


def household_profile(
    persons: pd.DataFrame,
    households: pd.DataFrame,
    rules: dict | None = None,
    previous_failed: pd.Series | None = None,
    threshold: float | None = None,
) -> pd.DataFrame:
    """One row per household (aligned with ``households``): failures, flags, reasons, priority.

    ``previous_failed`` (indicators failed per household in the previous survey, same index)
    makes "sustainable" require passing in both surveys.
    """
    rules = rules or load_rules()
    threshold = catalogue.income_threshold() if threshold is None else threshold
    pm = measures.person_measures(persons, households, threshold=threshold)
    per_household = measures.household_measures(persons, households, pm)
    codes = [i.code for i in catalogue.indicators()]
    columns = catalogue.indicator_columns()
    failed = per_household[columns].to_numpy()
    row = persons["household_row"].to_numpy()
    n = len(households)
    age = persons["age"].to_numpy()

    def any_member(mask: np.ndarray) -> np.ndarray:
        return np.bincount(row, mask, minlength=n) > 0

    vulnerable_rules = rules["vulnerable"]
    members = households["members"].to_numpy()
    income_per_member = households["income"].to_numpy() / np.maximum(members, 1)
    flags = {
        "young_children": any_member(age <= vulnerable_rules["young_child_max_age"]),
        "elderly": any_member(age >= vulnerable_rules["elderly_min_age"]),
        "disabled": any_member(persons["disabled"].to_numpy(dtype=bool)),
        "bedridden": any_member(
            persons.get("bedridden", pd.Series(False, index=persons.index)).to_numpy(dtype=bool)
        ),
        "low_income": income_per_member <= vulnerable_rules["income_per_member_at_most"],
    }
    vulnerable = np.logical_or.reduce(list(flags.values()))

    critical_hits = {}
    for rule in rules["critical"]["rules"]:
        hit = np.zeros(n, dtype=bool)
        if "indicators_any" in rule:
            hit |= failed[:, [codes.index(c) for c in rule["indicators_any"]]].any(axis=1)
        if "income_share_below" in rule:
            hit |= income_per_member < rule["income_share_below"] * threshold
        if "intensity_at_least" in rule:
            hit |= per_household["intensity"].to_numpy() >= rule["intensity_at_least"] - 1e-9
        critical_hits[rule["id"]] = hit
    critical = np.logical_or.reduce(list(critical_hits.values()))

    survival = [codes.index(c) for c in rules["stage"]["survival_indicators"]]
    passes_all = ~failed.any(axis=1)
    if previous_failed is not None:
        passes_all &= previous_failed.reindex(households.index).fillna(0).to_numpy() == 0
    stage = np.where(
        failed[:, survival].any(axis=1),
        "survive",
        np.where(passes_all, "sustainable", "sufficient"),
    )
    priority = (
        per_household["intensity"].to_numpy()
        + rules["priority"]["critical_weight"] * critical
        + rules["priority"]["vulnerable_weight"] * vulnerable
    )
    out = pd.DataFrame(
        {
            "members": members,
            "mpi_poor_members": per_household["mpi_poor_members"].to_numpy(),
            "target_members": per_household["target_members"].to_numpy(),
            "indicators_failed": per_household["indicators_failed"].to_numpy(),
            "failed_codes": _joined_codes(failed, codes),
            "intensity": per_household["intensity"].to_numpy(),
            "income_per_member": income_per_member,
            "critical": critical,
            "vulnerable": vulnerable,
            "stage": stage,
            "priority": priority,
            **{f"has_{k}": v for k, v in flags.items() if k != "low_income"},
            "low_income": flags["low_income"],
            **{f"critical_{k}": v for k, v in critical_hits.items()},
        },
        index=households.index,
    )
    for j, column in enumerate(columns):
        out[f"fails_{column}"] = failed[:, j]
    for dim_index, dim in enumerate(catalogue.dimension_codes()):
        in_dim = catalogue.dimension_matrix()[:, dim_index]
        out[f"fails_{dim}"] = failed[:, in_dim].any(axis=1)
    return out


def _joined_codes(failed: np.ndarray, codes: list[str]) -> np.ndarray:
    """ "2.1, 4.3" per household, built column by column (no loop over households)."""
    text = pd.Series("", index=range(failed.shape[0]))
    for j, code in enumerate(codes):
        piece = pd.Series(np.where(failed[:, j], code, ""))
        text = text.where(piece == "", text.where(text == "", text + ", ") + piece)
    return text.to_numpy()


def reasons_text(profile: pd.DataFrame, lang: str = "th", rules: dict | None = None) -> pd.Series:
    """Why each household is on the list: critical rules that hold, then vulnerability."""
    rules = rules or load_rules()
    parts: list[pd.Series] = []
    for rule in rules["critical"]["rules"]:
        label = rule["reason_th"] if lang == "th" else rule["reason_en"]
        parts.append(
            pd.Series(np.where(profile[f"critical_{rule['id']}"], label, ""), index=profile.index)
        )
    for key, (th, en) in VULNERABLE_REASONS.items():
        column = "low_income" if key == "low_income" else f"has_{key}"
        parts.append(
            pd.Series(
                np.where(profile[column], th if lang == "th" else en, ""), index=profile.index
            )
        )
    text = pd.Series("", index=profile.index)
    for piece in parts:
        text = text.where(piece == "", text.where(text == "", text + "; ") + piece)
    return text

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
    households: pd.DataFrame,
    persons: pd.DataFrame,
    previous: pd.Series | None = None,
    rules: dict | None = None,
    threshold: float | None = None,
) -> pd.DataFrame:
    """One row per household (aligned with ``households``): failures, flags, reasons, priority.

    ``households`` in the household schema (one area's, or any set); ``persons`` their members
    (matched on ``house_code``; others are ignored). ``previous`` (indicators failed per
    household in the previous survey, indexed by house code) makes "sustainable" require
    passing in both surveys.
    """
    rules = rules or load_rules()
    threshold = catalogue.income_threshold() if threshold is None else threshold
    hm = measures.household_measures(households, threshold=threshold)
    codes = [i.code for i in catalogue.indicators()]
    dimensions = catalogue.dimension_codes()
    failed = hm.failures
    members = households["members"].to_numpy()
    income_per_member = households["income"].to_numpy() / np.maximum(members, 1)
    flags = _vulnerable_flags(households, persons, rules["vulnerable"], income_per_member)
    vulnerable = np.logical_or.reduce(list(flags.values()))
    critical_hits = _critical_hits(rules, failed, codes, income_per_member, hm, threshold)
    critical = np.logical_or.reduce(list(critical_hits.values()))
    survival = [codes.index(c) for c in rules["stage"]["survival_indicators"]]
    passes_all = ~failed.any(axis=1)
    if previous is not None:
        before = previous.reindex(households["house_code"]).fillna(0).to_numpy()
        passes_all &= before == 0
    stage = np.where(
        failed[:, survival].any(axis=1),
        "survive",
        np.where(passes_all, "sustainable", "sufficient"),
    )
    priority = (
        hm.intensity
        + rules["priority"]["critical_weight"] * critical
        + rules["priority"]["vulnerable_weight"] * vulnerable
    )
    return pd.DataFrame(
        {
            "members": members,
            "mpi_poor_members": np.where(hm.poor, members, 0),
            "target_members": np.where(hm.poor, households["verified_members"].to_numpy(), 0),
            "indicators_failed": failed.sum(axis=1),
            "failed_codes": failed_codes_text(failed),
            "intensity": hm.intensity,
            "income_per_member": income_per_member,
            "critical": critical,
            "vulnerable": vulnerable,
            "stage": stage,
            "priority": priority,
            **{f"has_{k}": v for k, v in flags.items() if k != "low_income"},
            "low_income": flags["low_income"],
            **{f"critical_{k}": v for k, v in critical_hits.items()},
            **{f"fails_{c}": failed[:, j] for j, c in enumerate(catalogue.indicator_columns())},
            **{f"fails_{d}": hm.dimension_failures[:, j] for j, d in enumerate(dimensions)},
        },
        index=households.index,
    )


def _vulnerable_flags(
    households: pd.DataFrame, persons: pd.DataFrame, rule: dict, income_per_member: np.ndarray
) -> dict[str, np.ndarray]:
    """Dependants among the members (young children, elderly, disabled, bedridden); low income."""
    n = len(households)
    row = pd.Index(households["house_code"]).get_indexer(persons["house_code"])
    known = row >= 0
    row = row[known]
    age = persons["age"].to_numpy()[known]

    def any_member(column_or_mask: str | np.ndarray) -> np.ndarray:
        if isinstance(column_or_mask, str):
            if column_or_mask not in persons:
                return np.zeros(n, dtype=bool)
            column_or_mask = persons[column_or_mask].to_numpy(dtype=bool)[known]
        return np.bincount(row[column_or_mask], minlength=n) > 0

    return {
        "young_children": any_member(age <= rule["young_child_max_age"]),
        "elderly": any_member(age >= rule["elderly_min_age"]),
        "disabled": any_member("disabled"),
        "bedridden": any_member("bedridden"),
        "low_income": income_per_member <= rule["income_per_member_at_most"],
    }


def _critical_hits(
    rules: dict,
    failed: np.ndarray,
    codes: list[str],
    income_per_member: np.ndarray,
    hm: measures.HouseholdMeasures,
    threshold: float,
) -> dict[str, np.ndarray]:
    hits = {}
    for rule in rules["critical"]["rules"]:
        hit = np.zeros(len(failed), dtype=bool)
        if "indicators_any" in rule:
            hit |= failed[:, [codes.index(c) for c in rule["indicators_any"]]].any(axis=1)
        if "income_share_below" in rule:
            hit |= income_per_member < rule["income_share_below"] * threshold
        if "intensity_at_least" in rule:
            hit |= hm.intensity >= rule["intensity_at_least"] - measures.TOLERANCE
        hits[rule["id"]] = hit
    return hits


def failed_codes_text(failed: np.ndarray) -> np.ndarray:
    """ "2.1, 4.3" per household: one string per distinct failure pattern, then mapped back
    (a year of households has a few thousand patterns, not a string per household)."""
    codes = [i.code for i in catalogue.indicators()]
    if not len(failed):
        return np.array([], dtype=object)
    keys = failed.astype(np.int64) @ (np.int64(1) << np.arange(failed.shape[1], dtype=np.int64))
    patterns, inverse = np.unique(keys, return_inverse=True)
    texts = np.array(
        [", ".join(c for j, c in enumerate(codes) if p >> j & 1) for p in patterns], dtype=object
    )
    return texts[inverse.ravel()]


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

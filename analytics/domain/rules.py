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

from analytics.domain import catalogue, measures
from analytics.text import labels
from analytics.text.bilingual import Text, pick

RULES_FILE = catalogue.CATALOGUE_DIR / "rules.toml"
STAGES = ("survive", "sufficient", "sustainable")
STAGE_LABELS: dict[str, Text] = {stage: labels.text(f"stage_{stage}") for stage in STAGES}
VULNERABLE_REASONS: dict[str, Text] = {
    key: labels.text(f"vulnerable_{key}")
    for key in ("young_children", "elderly", "disabled", "bedridden", "low_income")
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
    flags = _vulnerable_flags(
        households, persons, rules["vulnerable"], income_per_member, threshold
    )
    vulnerable = _vulnerable(flags, rules["vulnerable"])
    critical_hits = _critical_hits(rules, failed, codes, income_per_member, hm, threshold)
    critical = np.logical_or.reduce(list(critical_hits.values()))
    stage = _stage(failed, rules, households["house_code"], previous)
    need = failed.sum(axis=1) * members
    priority = _priority(rules["priority"], hm.intensity, critical, vulnerable, need)
    priority += _income_tie_break(rules["priority"], income_per_member, threshold)
    return pd.DataFrame(
        {
            "members": members,
            "mpi_poor_members": np.where(hm.poor, members, 0),
            "target_members": np.where(hm.poor, households["verified_members"].to_numpy(), 0),
            "indicators_failed": failed.sum(axis=1),
            "need": need,
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


def _vulnerable(flags: dict[str, np.ndarray], rule: dict) -> np.ndarray:
    """A dependant AND low income per member (``combine = "and"``), or either (``"or"``)."""
    dependant = np.logical_or.reduce([v for k, v in flags.items() if k != "low_income"])
    if rule.get("combine", "and") == "or":
        return dependant | flags["low_income"]
    return dependant & flags["low_income"]


def _priority(
    rule: dict,
    intensity: np.ndarray,
    critical: np.ndarray,
    vulnerable: np.ndarray,
    need: np.ndarray,
) -> np.ndarray:
    """Critical, vulnerable and deprivation score first; size of need breaks their ties
    (``need_weight`` is below the score's smallest step, see rules.toml [priority])."""
    step = rule["need_weight"] / (rule["need_cap"] + 1)
    return (
        rule["critical_weight"] * critical
        + rule["vulnerable_weight"] * vulnerable
        + intensity
        + step * np.minimum(need, rule["need_cap"])
    )


def _income_tie_break(rule: dict, income_per_member: np.ndarray, threshold: float) -> np.ndarray:
    """Below one step of need: the lower the income per member, the higher (always < 1 step)."""
    step = rule["need_weight"] / (rule["need_cap"] + 1)
    return step * 0.999 * threshold / (threshold + np.maximum(income_per_member, 0))


def _stage(
    failed: np.ndarray, rules: dict, house_codes: pd.Series, previous: pd.Series | None
) -> np.ndarray:
    codes = [i.code for i in catalogue.indicators()]
    survival = [codes.index(c) for c in rules["stage"]["survival_indicators"]]
    passes_all = ~failed.any(axis=1)
    if previous is not None:
        passes_all &= previous.reindex(house_codes).fillna(0).to_numpy() == 0
    return np.where(
        failed[:, survival].any(axis=1),
        "survive",
        np.where(passes_all, "sustainable", "sufficient"),
    )


def _vulnerable_flags(
    households: pd.DataFrame,
    persons: pd.DataFrame,
    rule: dict,
    income_per_member: np.ndarray,
    threshold: float,
) -> dict[str, np.ndarray]:
    """Dependants among the members (young children, elderly, disabled, bedridden); low income
    (per member at most ``income_share_of_threshold_at_most`` × the 4.3 threshold)."""
    n = len(households)
    row = _member_rows(households, persons)
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
        "low_income": income_per_member <= rule["income_share_of_threshold_at_most"] * threshold,
    }


def _member_rows(households: pd.DataFrame, persons: pd.DataFrame) -> np.ndarray:
    """Each person's household position (-1 when not among ``households``). A dataset's whole
    year keeps ``household_row`` as that position: checked on a sample, then used as it is
    (matching 2 million house codes as strings costs seconds)."""
    if "household_row" in persons and len(persons) and isinstance(households.index, pd.RangeIndex):
        row = persons["household_row"].to_numpy()
        whole = households.index.start == 0 and households.index.step == 1
        if whole and 0 <= row.min() and row.max() < len(households):
            sample = np.unique(np.linspace(0, len(persons) - 1, 1000).astype(np.int64))
            ours = households["house_code"].iloc[row[sample]].to_numpy()
            if np.array_equal(ours, persons["house_code"].iloc[sample].to_numpy()):
                return row
    return pd.Index(households["house_code"]).get_indexer(persons["house_code"])


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
    """Why each household is on the list: critical rules that hold, then, for a vulnerable
    household, what makes it vulnerable."""
    rules = rules or load_rules()
    parts: list[pd.Series] = []
    for rule in rules["critical"]["rules"]:
        label = pick(lang, rule["reason_th"], rule["reason_en"])
        parts.append(
            pd.Series(np.where(profile[f"critical_{rule['id']}"], label, ""), index=profile.index)
        )
    vulnerable = profile["vulnerable"] if "vulnerable" in profile else True
    for key, reason in VULNERABLE_REASONS.items():
        column = "low_income" if key == "low_income" else f"has_{key}"
        fact = profile[column] & vulnerable  # facts of a household that is not vulnerable mislead
        parts.append(pd.Series(np.where(fact, reason.in_(lang), ""), index=profile.index))
    text = pd.Series("", index=profile.index)
    for piece in parts:
        text = text.where(piece == "", text.where(text == "", text + "; ") + piece)
    return text

"""How complete an area's household data is: the rules, over the small per-village frame.

``completeness_counts.village_counts`` counts in the engine (one row per village); this module
rolls those rows up to any level, sets them beside TPMAP's published base for the same areas
(households and persons of the 2561 tables where the year has one), finds the villages that
are expected but have no household in the file, and ranks the areas worst first.

The gap score is the mean of six shares, each between 0 and 1 (1 = complete): households in
the file / TPMAP's households (capped at 1; left out where there is no base), villages present /
villages expected, households answering the indicators (the mean over the indicators that were
recorded), persons with a valid citizen ID, persons whose welfare-card status is known (where
recorded), households with a position. Every share is shown beside it, so the score only orders.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.domain import catalogue

LEVEL_LENGTH = {"province": 2, "amphoe": 4, "tambon": 6, "village": 10}
SUMMED = ("households", "persons", "no_position", "head_id_invalid", "invalid_ids")
SHARES = (
    "share_households",
    "share_villages",
    "share_answered",
    "share_valid_ids",
    "share_welfare_known",
    "share_positioned",
)


def indicator_columns() -> list[str]:
    return catalogue.indicator_columns()


def area_code(village_ids: pd.Series, level: str) -> pd.Series:
    """The code at ``level`` of each village id (TPMAP's 10-character village ids)."""
    return village_ids.astype(str).str[: LEVEL_LENGTH[level]]


def _summable(villages: pd.DataFrame) -> list[str]:
    names = [*SUMMED, "welfare_unknown"]
    for column in indicator_columns():
        names += [f"applies_{column}", f"answered_{column}"]
    return [c for c in names if c in villages.columns]


def rollup(villages: pd.DataFrame, level: str) -> pd.DataFrame:
    """Sum the per-village counts to ``level``. A count column that is missing for some
    dataset (not recorded) stays missing (NaN) for the areas that have no recorded value."""
    columns = _summable(villages)
    frame = villages[["village_id", *columns]].copy()
    frame["code"] = area_code(frame["village_id"], level)
    counted = frame.groupby("code", sort=True)[columns].sum(min_count=1)
    counted["villages_in_file"] = frame.groupby("code", sort=True)["village_id"].nunique()
    return counted.reset_index()


def missing_villages(villages: pd.DataFrame, expected: pd.Series | list[str]) -> pd.DataFrame:
    """Expected villages with no household in the file: ``village_id`` (sorted)."""
    expected = pd.Series(sorted(set(map(str, expected))), dtype=str)
    present = set(villages["village_id"].astype(str))
    absent = expected[~expected.isin(present)]
    return pd.DataFrame({"village_id": absent.to_numpy()})


def _expected_counts(expected: list[str], level: str) -> pd.Series:
    if not expected:
        return pd.Series(dtype="int64")
    codes = area_code(pd.Series(sorted(set(expected))), level)
    return codes.value_counts()


def area_completeness(
    villages: pd.DataFrame,
    level: str,
    base: pd.DataFrame | None = None,
    expected_villages: list[str] | None = None,
) -> pd.DataFrame:
    """Per area at ``level``: the counts, TPMAP's base beside them, the six shares, the
    gap score and the rank (1 = worst). ``base`` has ``code, households, persons`` (TPMAP's
    published table at the same level); areas in the base with no household in the file are
    kept (all their households missing)."""
    table = rollup(villages, level)
    if base is not None and len(base):
        base = base[["code", "households", "persons"]].rename(
            columns={"households": "tpmap_households", "persons": "tpmap_persons"}
        )
        table = table.merge(base, on="code", how="outer")
    else:
        table["tpmap_households"] = np.nan
        table["tpmap_persons"] = np.nan
    expected = _expected_counts(expected_villages or [], level)
    if len(expected):
        extra = pd.DataFrame({"code": expected.index.astype(str)})
        table = table.merge(extra, on="code", how="outer")
    table["villages_expected"] = table["code"].map(expected).astype("float64")
    for column in ("households", "persons", "villages_in_file"):
        table[column] = table[column].fillna(0).astype("int64")
    table["villages_missing"] = _villages_missing(table)
    return rank(_shares(table))


def _villages_missing(table: pd.DataFrame) -> pd.Series:
    expected = table["villages_expected"]
    return (expected - table["villages_in_file"]).clip(lower=0).where(expected.notna())


def answered_share(table: pd.DataFrame) -> pd.DataFrame:
    """Per area and indicator: answered / households it applies to (NaN: not recorded)."""
    out = pd.DataFrame(index=table.index)
    for column in indicator_columns():
        applies = table.get(f"applies_{column}")
        answered = table.get(f"answered_{column}")
        if applies is None or answered is None:
            out[column] = np.nan
            continue
        share = answered / applies.where(applies > 0)
        out[column] = share.where(answered.notna())
    return out


def _shares(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    persons = out["persons"].where(out["persons"] > 0)
    households = out["households"].where(out["households"] > 0)
    base = out["tpmap_households"].where(out["tpmap_households"] > 0)
    out["share_households"] = (out["households"] / base).clip(upper=1.0)
    out["share_villages"] = 1 - out["villages_missing"] / out["villages_expected"].where(
        out["villages_expected"] > 0
    )
    answered = answered_share(out)
    out["share_answered"] = answered.mean(axis=1, skipna=True)
    out["share_valid_ids"] = 1 - out.get("invalid_ids", 0) / persons
    if "welfare_unknown" in out:
        out["share_welfare_known"] = 1 - out["welfare_unknown"] / persons
    else:
        out["share_welfare_known"] = np.nan
    out["share_positioned"] = 1 - out["no_position"] / households
    return out


def rank(table: pd.DataFrame) -> pd.DataFrame:
    """Gap score (mean of the available shares, 1 = complete) and rank, worst first."""
    out = table.copy()
    out["score"] = out[list(SHARES)].mean(axis=1, skipna=True).fillna(0.0)
    out = out.sort_values(["score", "code"], ascending=[True, True], ignore_index=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def indicator_answers(villages: pd.DataFrame) -> pd.DataFrame:
    """For the whole area: per indicator, households it applies to, households that answered
    it, the share and how many did not answer (NaN where the file does not record answers)."""
    rows = []
    for ind in catalogue.indicators():
        applies = villages.get(f"applies_{ind.column}")
        answered = villages.get(f"answered_{ind.column}")
        n_applies = int(applies.sum()) if applies is not None else 0
        if answered is None or answered.isna().all():
            n_answered: float = np.nan
        else:
            n_answered = float(answered.fillna(0).sum())
        share = n_answered / n_applies if n_applies else np.nan
        rows.append(
            {
                "indicator": ind.code,
                "applies": n_applies,
                "answered": n_answered,
                "unanswered": n_applies - n_answered if n_answered == n_answered else np.nan,
                "share": share,
            }
        )
    return pd.DataFrame(rows)


def totals(villages: pd.DataFrame) -> dict[str, float]:
    """The area's headline counts: households, persons and every gap count."""
    out: dict[str, float] = {c: float(villages[c].sum()) for c in _summable(villages)}
    out["villages_in_file"] = float(villages["village_id"].nunique())
    for column in ("welfare_unknown",):
        if column in villages and villages[column].isna().all():
            out[column] = np.nan
    return out

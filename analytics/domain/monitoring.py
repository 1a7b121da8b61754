"""Monitoring across survey years: change by area and indicator, movement between development
stages, households leaving (and entering) target-poor status."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd

from analytics.domain import area_codes, catalogue, rules
from analytics.text import labels

TREND_COLUMNS = (
    "households",
    "persons",
    "mpi_poor",
    "target_poor",
    "rate",
    "af_h",
    "af_a",
    "af_m0",
)


def trend(tables_by_year: dict[int, pd.DataFrame | None], code: str) -> pd.DataFrame:
    """One area's headline numbers per year; a year with no survey (None or no row) stays NaN."""
    rows = []
    for year in sorted(tables_by_year):
        table = tables_by_year[year]
        row = None if table is None else table.set_index("code").reindex([code]).iloc[0]
        rows.append(
            {
                "year": year,
                **{k: (np.nan if row is None else row.get(k, np.nan)) for k in TREND_COLUMNS},
            }
        )
    out = pd.DataFrame(rows)
    out["target_change"] = out["target_poor"].diff()
    out["rate_change"] = out["rate"].diff()
    return out


def indicator_change(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    """Persons failing each indicator in two surveys of one area (rows of an area table)."""
    rows = []
    for ind in catalogue.indicators():
        b = before.get(f"fail_{ind.column}", np.nan)
        a = after.get(f"fail_{ind.column}", np.nan)
        rows.append(
            {
                "code": ind.code,
                "dimension": ind.dimension,
                "before": b,
                "after": a,
                "change": a - b,
                "change_pct": (a - b) / b * 100 if b and b == b else np.nan,
            }
        )
    return pd.DataFrame(rows)


def _aligned(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Households present in both surveys, matched on house code."""
    left = before.set_index("house_code")
    right = after.set_index("house_code")
    common = left.index.intersection(right.index)
    return pd.DataFrame(
        {
            "stage_before": left.loc[common, "stage"].to_numpy(),
            "stage_after": right.loc[common, "stage"].to_numpy(),
            "target_before": left.loc[common, "target_members"].to_numpy() > 0,
            "target_after": right.loc[common, "target_members"].to_numpy() > 0,
        },
        index=common,
    )


def stage_transitions(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Households moving between stages (from x to): all three stages, zeros included."""
    aligned = _aligned(before, after)
    table = pd.crosstab(aligned["stage_before"], aligned["stage_after"])
    return table.reindex(index=rules.STAGES, columns=rules.STAGES, fill_value=0)


def target_movement(before: pd.DataFrame, after: pd.DataFrame) -> dict[str, int]:
    """Households leaving target-poor status, entering it, and staying in it."""
    aligned = _aligned(before, after)
    tb, ta = aligned["target_before"], aligned["target_after"]
    return {
        "left": int((tb & ~ta).sum()),
        "entered": int((~tb & ta).sum()),
        "stayed": int((tb & ta).sum()),
        "matched": len(aligned),
    }


def sankey_links(transitions: pd.DataFrame, lang: str = "th") -> dict:
    """Nodes and links for a plotly Sankey: stages of the first survey -> of the second."""
    names = [rules.STAGE_LABELS[s].in_(lang) for s in rules.STAGES]
    n = len(rules.STAGES)
    source, target, value = [], [], []
    for i, s_from in enumerate(rules.STAGES):
        for j, s_to in enumerate(rules.STAGES):
            count = int(cast(Any, transitions.loc[s_from, s_to]))
            if count:
                source.append(i)
                target.append(n + j)
                value.append(count)
    return {"labels": names + names, "source": source, "target": target, "value": value}


def case_progress(households: pd.DataFrame, latest: pd.DataFrame, area_code: str) -> pd.DataFrame:
    """Target households of one area by the status of their latest visit, plus "not visited".

    ``households``: house_code, tambon, target_members (the household table of one survey year,
    already cut to what the viewer may count); ``latest``: house_code, status (latest visit per
    household, any area). The denominator is the area's target households (target_members > 0),
    so the rows add up to it; visits to households outside the target list are not counted here
    (see :func:`visited_outside_list`). ``area_code`` is a province, amphoe or tambon code, or "TH".
    """
    target = _in_area(households, area_code)
    target = target[target["target_members"] > 0]
    status = (
        target["house_code"]
        .map(_latest_status(latest))
        .astype(object)
        .fillna(catalogue.NOT_VISITED)
    )
    return _progress_frame(status.value_counts().to_dict())


def progress_from_counts(
    target_total: int, visited: pd.DataFrame, latest: pd.DataFrame
) -> tuple[pd.DataFrame, int]:
    """:func:`case_progress` and :func:`visited_outside_list` when only the visited households
    of an area are at hand (house_code, target_members) beside its count of target households:
    the target households not visited are the total less the visited ones."""
    target = visited["target_members"].to_numpy() > 0
    status = visited.loc[target, "house_code"].map(_latest_status(latest)).dropna()
    counts = status.value_counts().to_dict()
    counts[catalogue.NOT_VISITED] = max(int(target_total) - len(status), 0)
    return _progress_frame(counts), int((~target).sum())


def _progress_frame(counts: dict) -> pd.DataFrame:
    not_visited = (labels.t("status_not_visited", "th"), labels.t("status_not_visited", "en"))
    names = catalogue.case_status_labels() | {catalogue.NOT_VISITED: not_visited}
    codes = [*catalogue.case_status_codes(), catalogue.NOT_VISITED]
    return pd.DataFrame(
        {
            "status": codes,
            "label_th": [names[code][0] for code in codes],
            "label_en": [names[code][1] for code in codes],
            "households": [int(counts.get(code, 0)) for code in codes],
        }
    )


def visited_outside_list(households: pd.DataFrame, latest: pd.DataFrame, area_code: str) -> int:
    """Households of the area with a visit that are not target households (shown beside)."""
    area = _in_area(households, area_code)
    visited = area["house_code"].isin(latest["house_code"])
    return int((visited & (area["target_members"] <= 0)).sum())


def _in_area(households: pd.DataFrame, area_code: str) -> pd.DataFrame:
    if area_codes.is_country(area_code):
        return households
    return households[households["tambon"].astype(str).str.startswith(area_code)]


def _latest_status(latest: pd.DataFrame) -> pd.Series:
    if latest is None or latest.empty:
        return pd.Series(dtype=object)  # no visits: every target household is "not visited"
    return latest.drop_duplicates("house_code").set_index("house_code")["status"]

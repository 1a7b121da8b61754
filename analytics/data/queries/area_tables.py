"""From executed counts to an area table in the schema of ``analytics.domain.measures``."""

from __future__ import annotations

import pandas as pd

from analytics.data.queries.params import score_scale
from analytics.domain import catalogue, measures


def count_columns() -> list[str]:
    """``measures.area_count_columns()`` plus the contract's extras (applies, AF bands)."""
    base = measures.area_count_columns()
    extra = [f"applies_{c}" for c in catalogue.indicator_columns()]
    extra += ["af_vulnerable", "af_severe"]
    return base + [c for c in extra if c not in base]


def finish(counts: pd.DataFrame, level: str) -> pd.DataFrame:
    """Sort by code, name the level, turn the integer AF score into ``af_score_sum`` and derive
    rates and H/A/M0 with ``measures.finalize_area_table``."""
    table = counts.sort_values("code", ignore_index=True)
    table["code"] = table["code"].astype(str)
    table.insert(1, "level", level)
    table["af_score_sum"] = table.pop("af_score").astype("float64") / score_scale()
    integer = [c for c in count_columns() if c != "af_score_sum"]
    table = table.astype(dict.fromkeys(integer, "int64"))
    return measures.finalize_area_table(table[["code", "level", *count_columns()]])


def empty(level: str) -> pd.DataFrame:
    frame = pd.DataFrame({"code": pd.Series(dtype=str), "af_score": pd.Series(dtype=float)})
    for column in count_columns():
        if column != "af_score_sum":
            frame[column] = pd.Series(dtype="int64")
    return finish(frame, level)

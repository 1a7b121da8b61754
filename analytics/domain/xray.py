"""Re X-ray: a province's own file against TPMAP's published table for the same year.

Both sides are area tables in Chipao's schema (``analytics.domain.measures``): the file's from
the query layer, TPMAP's from ``analytics.data.tpmap_tables``. For every area and measure the
two values, the difference (file − TPMAP) and the relative difference are listed, ranked by the
size of the difference, so the largest gaps between the province's count and TPMAP's come first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.domain import catalogue

HEADLINE = ("households", "persons", "mpi_poor_households", "mpi_poor", "target_poor")


def measures() -> list[str]:
    """Households, persons, MPI-poor, target poor and persons failing each indicator."""
    return [*HEADLINE, *(f"fail_{c}" for c in catalogue.indicator_columns())]


def measure_indicator(measure: str) -> str | None:
    """The indicator code of a ``fail_`` measure (``fail_i2_1`` -> ``2.1``), else None."""
    if not measure.startswith("fail_i"):
        return None
    return measure.removeprefix("fail_i").replace("_", ".")


def compare(mine: pd.DataFrame, tpmap: pd.DataFrame) -> pd.DataFrame:
    """Long table: code, measure, file, tpmap, difference, relative (difference / TPMAP) and
    rank (1 = largest absolute difference). Areas on one side only count as 0 on the other."""
    wanted = [m for m in measures() if m in mine.columns and m in tpmap.columns]
    left = mine.set_index("code")[wanted]
    right = tpmap.set_index("code")[wanted]
    codes = left.index.union(right.index)
    left = left.reindex(codes).fillna(0)
    right = right.reindex(codes).fillna(0)
    left.index.name = right.index.name = "code"
    long_left = left.reset_index().melt("code", var_name="measure", value_name="file")
    long_right = right.reset_index().melt("code", var_name="measure", value_name="tpmap")
    out = long_left.merge(long_right, on=["code", "measure"])
    out["difference"] = out["file"] - out["tpmap"]
    out["relative"] = out["difference"] / out["tpmap"].where(out["tpmap"] != 0)
    out = out.assign(size=out["difference"].abs())
    out = out.sort_values(["size", "code", "measure"], ascending=[False, True, True])
    out = out.drop(columns="size").reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def totals(compared: pd.DataFrame) -> pd.DataFrame:
    """Per measure over all areas: file, TPMAP, difference, relative difference."""
    grouped = compared.groupby("measure", sort=False)[["file", "tpmap"]].sum()
    grouped = grouped.reindex([m for m in measures() if m in grouped.index])
    grouped["difference"] = grouped["file"] - grouped["tpmap"]
    grouped["relative"] = grouped["difference"] / grouped["tpmap"].where(grouped["tpmap"] != 0)
    return grouped.reset_index()

"""Attach an area table (codes + measures) to a boundary layer without losing rows.

TPMAP tambon tables carry municipalities under pseudo-tambon codes (mostly
ending 51–59, e.g. ``600151``, Nakhon Sawan city; also Khon Kaen's 400165 and
400190–400199): :func:`analytics.domain.area_codes.is_municipal`. No polygon has those codes, so
they are returned beside the polygons, with an anchor point for a marker, and
:meth:`JoinResult.totals` proves that polygons + municipal rows + the rest add
up to the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from analytics.domain.area_codes import is_municipal as is_municipal_code
from geodata.validate import CODE_COLUMN, check_level, normalize_codes

__all__ = ["JoinResult", "is_municipal_code", "join_area_table"]


@dataclass(frozen=True)
class JoinResult:
    """Every table row lands in exactly one of the three frames."""

    polygons: gpd.GeoDataFrame  # every layer feature; measures NaN where the table has no row
    municipal: pd.DataFrame  # municipal rows + amphoe/province codes + anchor point
    unmatched: pd.DataFrame  # other rows without a polygon, with a ``reason``
    table: pd.DataFrame  # the input table (codes normalised)
    code_column: str
    measures: tuple[str, ...]

    def totals(self, measures: Sequence[str] | None = None) -> pd.DataFrame:
        """Per measure: table total, on polygons, municipal, unmatched, difference (0)."""
        cols = list(measures or self.measures)
        rows = {
            "table": self.table[cols].sum(),
            "polygons": self.polygons[cols].sum(),
            "municipal": self.municipal[cols].sum(),
            "unmatched": self.unmatched[cols].sum(),
        }
        out = pd.DataFrame(rows)
        out["difference"] = out["table"] - (out["polygons"] + out["municipal"] + out["unmatched"])
        return out

    def check_totals(self, measures: Sequence[str] | None = None, tol: float = 1e-9) -> None:
        """Raise ``AssertionError`` if any total does not reconcile."""
        t = self.totals(measures)
        bad = t[t["difference"].abs() > tol * t["table"].abs().clip(lower=1.0)]
        if not bad.empty:
            raise AssertionError(f"totals do not reconcile:\n{bad}")

    @property
    def shown_totals(self) -> pd.Series:
        """What a tambon map shows: polygons + municipal markers/list."""
        cols = list(self.measures)
        return self.polygons[cols].sum() + self.municipal[cols].sum()


def join_area_table(
    layer: gpd.GeoDataFrame,
    table: pd.DataFrame,
    *,
    code_column: str | None = None,
    measures: Sequence[str] | None = None,
    level: str = "tambon",
) -> JoinResult:
    """Left-join ``table`` onto ``layer`` by DOPA code.

    ``code_column`` defaults to the level's column (``tambon_code``).
    ``measures`` defaults to the table's numeric columns. Codes must be
    unique in the table (rates cannot be summed, so duplicates are an error).
    """
    check_level(level)
    layer_col = CODE_COLUMN[level]
    code_column = code_column or layer_col
    if code_column not in table.columns:
        raise KeyError(f"table has no {code_column!r} column")
    tab = table.copy()
    tab[code_column] = normalize_codes(tab[code_column], level).to_numpy()
    dup = tab[code_column][tab[code_column].duplicated()]
    if not dup.empty:
        raise ValueError(f"duplicate codes in table: {sorted(set(dup))[:10]}")
    if measures is None:
        measures = [
            c for c in tab.columns if c != code_column and pd.api.types.is_numeric_dtype(tab[c])
        ]
    measures = tuple(measures)

    right = tab.rename(columns={code_column: layer_col})
    overlapping = [c for c in right.columns if c in layer.columns and c != layer_col]
    right = right.drop(columns=overlapping)
    polygons = layer.merge(right, on=layer_col, how="left")

    layer_codes = set(layer[layer_col].astype(str))
    rest = tab[~tab[code_column].isin(layer_codes)]
    if level == "tambon":
        municipal_mask = rest[code_column].map(is_municipal_code).astype(bool)
    else:
        municipal_mask = pd.Series(False, index=rest.index)
    municipal = _with_anchor(rest[municipal_mask].copy(), code_column, layer)
    unmatched = rest[~municipal_mask].copy()
    layer_provinces = set(layer["province_code"].astype(str)) if "province_code" in layer else set()
    unmatched["reason"] = [
        "province not in layer"
        if str(c)[:2] not in layer_provinces
        else "no polygon with this code"
        for c in unmatched[code_column]
    ]
    return JoinResult(
        polygons=polygons,
        municipal=municipal.reset_index(drop=True),
        unmatched=unmatched.reset_index(drop=True),
        table=tab,
        code_column=code_column,
        measures=measures,
    )


def _with_anchor(rows: pd.DataFrame, code_column: str, layer: gpd.GeoDataFrame) -> pd.DataFrame:
    """Add amphoe/province codes and a marker position for municipal rows.

    The anchor is a point inside the amphoe's lowest-coded tambon (``xx xx 01``,
    usually the district seat, where a town municipality normally lies). It
    places a marker; it does not say which tambons the municipality covers.
    """
    codes = rows[code_column].astype(str)
    rows["amphoe_code"] = codes.str[:4].to_numpy()
    rows["province_code"] = codes.str[:2].to_numpy()
    anchor_code, lon, lat = [], [], []
    if len(rows) and {"amphoe_code", "tambon_code"} <= set(layer.columns):
        first = layer.sort_values("tambon_code").drop_duplicates("amphoe_code")
        points = first.set_index("amphoe_code").geometry.representative_point()
        first_code = first.set_index("amphoe_code")["tambon_code"]
    else:
        points, first_code = pd.Series(dtype=object), pd.Series(dtype=object)
    for amphoe in rows["amphoe_code"]:
        if amphoe in points.index:
            anchor_code.append(first_code[amphoe])
            lon.append(points[amphoe].x)
            lat.append(points[amphoe].y)
        else:
            anchor_code.append(None)
            lon.append(float("nan"))
            lat.append(float("nan"))
    rows["anchor_tambon_code"] = anchor_code
    rows["anchor_lon"] = lon
    rows["anchor_lat"] = lat
    return rows

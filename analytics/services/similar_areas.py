"""Spread the pilot model: tambons most like a pilot (real TPMAP 2561 tables), with the
points to draw them on a map (tambon centroids from the shipped boundaries, when present)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analytics.data import tpmap_tables
from analytics.domain import areas
from analytics.domain.menu import similarity


@dataclass(frozen=True)
class SimilarView:
    pilot_codes: tuple[str, ...]
    ranked: pd.DataFrame  # rank, code, name, province, persons, similarity, lat, lon
    pilot_points: pd.DataFrame  # code, name, lat, lon
    outline: tuple[tuple[float | None, ...], tuple[float | None, ...]]  # province borders


@lru_cache(maxsize=1)
def _outline() -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    """Province borders as one line (lon, lat; None between rings), simplified to ~1 km."""
    try:
        from geodata import boundaries

        layer = boundaries.load_layer("province")
    except Exception:  # noqa: BLE001 - no boundary files: points only
        return (), ()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for geometry in layer.geometry.simplify(0.01):
        for polygon in getattr(geometry, "geoms", [geometry]):
            x, y = polygon.exterior.xy
            xs += [*x, None]
            ys += [*y, None]
    return tuple(xs), tuple(ys)


@lru_cache(maxsize=1)
def _tambon_table() -> pd.DataFrame:
    return tpmap_tables.area_table("tambon")


@lru_cache(maxsize=1)
def _features() -> pd.DataFrame:
    return similarity.profiles(_tambon_table())


@lru_cache(maxsize=1)
def _centroids() -> pd.DataFrame:
    """Tambon centroids (code, lat, lon); empty when no boundaries are installed."""
    try:
        from geodata import boundaries

        layer = boundaries.load_layer("tambon")
    except Exception:  # noqa: BLE001 - no boundary files: the list is shown without a map
        return pd.DataFrame(columns=["code", "lat", "lon"])
    points = layer.to_crs(32647).geometry.centroid.to_crs(4326)
    code_column = "tambon_code" if "tambon_code" in layer else layer.columns[0]
    return pd.DataFrame({"code": layer[code_column].astype(str), "lat": points.y, "lon": points.x})


def similar_tambons(pilot_codes: tuple[str, ...], lang: str, top: int = 10) -> SimilarView:
    """The ``top`` tambons most like the pilot (its own tambons left out). Raises KeyError
    when none of the pilot's tambons has real data."""
    table = _tambon_table()
    known = [c for c in pilot_codes if c in set(table["code"])]
    if not known:
        raise KeyError(pilot_codes)
    pilot = similarity.group_profile(table, known)
    ranked = similarity.most_similar(_features(), pilot, top, exclude=tuple(known))
    persons = table.set_index("code")["persons"]
    ranked["persons"] = ranked["code"].map(persons).astype("int64")
    ranked["name"] = [areas.area_name(c, lang) for c in ranked["code"]]
    ranked["province"] = [areas.area_name(c[:2], lang) for c in ranked["code"]]
    points = _centroids()
    ranked = ranked.merge(points, on="code", how="left")
    pilot_points = points[points["code"].isin(known)].copy()
    pilot_points["name"] = [areas.area_name(c, lang) for c in pilot_points["code"]]
    return SimilarView(tuple(known), ranked, pilot_points.reset_index(drop=True), _outline())

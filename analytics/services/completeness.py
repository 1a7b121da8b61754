"""The completeness page's views: how complete an area's household data is, and the Re X-ray
of the file against TPMAP's published table for the same year.

Counting runs in the query layer's engine (``analytics.data.completeness_counts``); the rules
over the small per-village frame are ``analytics.domain.completeness`` and ``xray``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from analytics.data import completeness_counts, sources, tpmap_tables
from analytics.data.queries import HouseholdData
from analytics.domain import area_codes, completeness, xray

TPMAP_YEARS = tuple(sources.TpmapAggregates().years())  # years TPMAP has published here
CHILD = {"country": "province", "province": "amphoe", "amphoe": "tambon", "tambon": "village"}


@dataclass(frozen=True)
class CompletenessView:
    area: str
    year: int
    level: str  # level of the rows of ``areas``
    has_base: bool  # TPMAP published a table for this year
    village_list: str  # where the expected villages come from: tpmap_2561 | other_years | none
    totals: dict[str, float]
    base: dict[str, float]  # TPMAP's households and persons for the whole area
    areas: pd.DataFrame  # one row per area at ``level``, worst first (``completeness.rank``)
    indicators: pd.DataFrame  # per indicator: applies, answered, unanswered, share
    missing_villages: pd.DataFrame  # village_id (+ TPMAP households where known)
    datasets: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.totals.get("households")


@dataclass(frozen=True)
class XrayView:
    available: bool  # the year has a TPMAP table
    level: str
    ranked: pd.DataFrame  # code, measure, file, tpmap, difference, relative, rank
    totals: pd.DataFrame  # per measure over the area


def _province(area: str) -> str | None:
    code = area_codes.parse(area)
    return None if code.level == "country" else code.province


def _base_level(level: str, province: str | None) -> bool:
    return level != "village" or bool(province and tpmap_tables.has_village_table(province))


@lru_cache(maxsize=256)
def tpmap_base(area: str, level: str) -> pd.DataFrame | None:
    """TPMAP 2561's published table of the areas at ``level`` within ``area`` (None: none).
    The published tables never change: kept (a country's province table takes seconds)."""
    province = _province(area)
    if not _base_level(level, province):
        return None
    parent = None if area == "TH" else area
    try:
        return tpmap_tables.area_table(level, province, parent=parent)
    except (tpmap_tables.TpmapDataMissing, ValueError):
        return None


def expected_villages(data: HouseholdData, area: str, year: int) -> tuple[list[str], str]:
    """Villages the area should have, and where that list comes from: TPMAP 2561's village
    table (the pilot provinces), else the villages of the area's other survey years in the
    active datasets, else none (boundaries and geothai stop at the tambon)."""
    province = _province(area)
    if province is None:
        return [], "none"
    base = tpmap_base(area, "village")
    if base is not None and len(base):
        return base["code"].astype(str).tolist(), "tpmap_2561"
    others = [y for y in data.years() if y != year]
    found: set[str] = set()
    for other in others:
        villages = completeness_counts.village_counts(data, other, area)
        found |= set(villages["village_id"].astype(str))
    return sorted(found), ("other_years" if found else "none")


def completeness_view(data: HouseholdData, area: str, year: int) -> CompletenessView:
    """Completeness of ``area`` (TH, province, amphoe or tambon) in the datasets of ``year``."""
    level = CHILD.get(area_codes.level_of(area), "village")
    villages = completeness_counts.village_counts(data, year, area)
    has_base = year in TPMAP_YEARS
    base = tpmap_base(area, level) if has_base else None
    expected, village_list = expected_villages(data, area, year)
    ranked = completeness.area_completeness(villages, level, base, expected)
    area_base = tpmap_base(area, area_codes.level_of(area)) if has_base else None
    if area_base is not None:
        area_base = area_base[area_base["code"] == area]
    base_totals = (
        {k: float(area_base[k].sum()) for k in ("households", "persons")}
        if area_base is not None and len(area_base)
        else {}
    )
    missing = completeness.missing_villages(villages, expected)
    village_base = tpmap_base(area, "village") if has_base else None
    if village_base is not None:
        known = village_base.set_index("code")["households"]
        missing["tpmap_households"] = missing["village_id"].map(known)
    return CompletenessView(
        area=area,
        year=year,
        level=level,
        has_base=base is not None,
        village_list=village_list,
        totals=completeness.totals(villages),
        base=base_totals,
        areas=ranked,
        indicators=completeness.indicator_answers(villages),
        missing_villages=missing,
        datasets=tuple(sorted(set(villages.get("dataset_id", pd.Series(dtype=str))))),
    )


def xray_view(data: HouseholdData, area: str, year: int) -> XrayView:
    """The file against TPMAP's table of the same year, by the areas within ``area`` (their
    villages where TPMAP publishes them, else the area itself at its own level)."""
    province = _province(area)
    level = CHILD.get(area_codes.level_of(area), "village")
    if year not in TPMAP_YEARS or province is None or not data.covers(province):
        return XrayView(False, level, pd.DataFrame(), pd.DataFrame())
    if not _base_level(level, province):
        level = area_codes.level_of(area)
    parent = area if level != area_codes.level_of(area) else None
    try:
        mine = data.area_table(level, province, parent, year, ())
    except sources.DataNotAvailable:
        return XrayView(False, level, pd.DataFrame(), pd.DataFrame())
    tpmap = tpmap_base(area, level)
    if tpmap is None:
        return XrayView(False, level, pd.DataFrame(), pd.DataFrame())
    if parent is None:
        mine, tpmap = mine[mine["code"] == area], tpmap[tpmap["code"] == area]
    ranked = xray.compare(mine, tpmap)
    return XrayView(True, level, ranked, xray.totals(ranked))

"""The pilot page: the six pilot areas side by side, small maps, radar, heat map, ranking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from analytics.data import tpmap_tables
from analytics.domain import areas, pilots
from analytics.services.context import Context
from analytics.text import formatting
from store import pilots as pilot_store
from store import visits
from store.db import StoreError

SUMMARY_COLUMNS: tuple[str, ...] = (
    *("code", "target_poor", "rate", "province_rate", "national_rate"),
    *("visits_done", "share_assisted", "households", "persons", "mpi_poor"),
    *("af_h", "af_a", "af_m0"),
)
SUMMARY_FORMATS = {  # column -> (kind, decimals) of the text the table shows (gaps as "–")
    **{c: ("rate", 2) for c in ("rate", "province_rate", "national_rate")},
    **{c: ("count", 0) for c in ("target_poor", "visits_done", "households", "persons")},
    "mpi_poor": ("count", 0),
    "share_assisted": ("rate", 1),
    **{c: ("rate", 4) for c in ("af_h", "af_a", "af_m0")},
}


@dataclass(frozen=True)
class PilotsView:
    pilot_areas: tuple[pilots.PilotArea, ...]
    all_demo: bool
    table: pd.DataFrame  # one row per pilot (codes are stored names)
    names: dict[str, str]  # stored name -> name in the page's language
    summary: pd.DataFrame  # the comparison table as text, pilot names in ``code``
    tambons: pd.DataFrame  # the pilot provinces' tambons (small maps)
    dimension_shares: dict[str, tuple[float, ...]]  # pilot name -> % target poor per dimension
    indicator_rates: pd.DataFrame  # pilot x indicator, per 100 persons
    ranking: pd.DataFrame
    has_previous: bool
    has_boundaries: bool  # the small maps need the tambon layers


def pilot_list(engine: Callable[[], Engine]) -> list[pilots.PilotArea]:
    """The stored list; seeded with the demonstration selection on first use.

    A read-only database still gives its stored list (seeding is skipped); an unreachable one
    gives the demonstration selection, so the pages that only read keep working."""
    try:
        eng = engine()
        try:
            pilot_store.seed_if_empty(eng, pilots.demo_selection(tpmap_tables.area_table))
        except StoreError:
            pass  # read-only: whatever is stored is still readable
        return pilot_store.load_pilots(eng) or pilots.demo_selection(tpmap_tables.area_table)
    except StoreError:
        return pilots.demo_selection(tpmap_tables.area_table)


def tambon_table(ctx: Context, source: str, year: int, dims: tuple[str, ...]) -> pd.DataFrame:
    """The tambons of the pilot provinces."""
    return pd.concat(
        [ctx.area_table(source, "tambon", p, p, year, dims) for p in pilots.PILOT_PROVINCES],
        ignore_index=True,
    )


def visit_progress(
    engine: Callable[[], Engine], pilot_areas: list[pilots.PilotArea]
) -> pd.DataFrame:
    """Households visited and the share assisted or resolved by themselves, per pilot."""
    try:
        latest = visits.latest_status_by_household(engine())
    except StoreError:  # unknown, not zero
        names = [p.name for p in pilot_areas]
        return pd.DataFrame({"code": names, "visits_done": np.nan, "share_assisted": np.nan})
    rows = []
    for pilot in pilot_areas:
        mine = latest[latest["tambon_code"].isin(pilot.tambons)]
        done = mine["status"].isin(["assisted", "self_resolved"]).sum()
        share = done / len(mine) * 100 if len(mine) else np.nan
        rows.append({"code": pilot.name, "visits_done": len(mine), "share_assisted": share})
    return pd.DataFrame(rows)


def pilot_name(pilot: pilots.PilotArea, lang: str) -> str:
    """The pilot's name in ``lang``. Names are stored as typed (Thai); one that is an area's
    Thai name, or the demonstration's "amphoe (province)", is written from the area names."""
    for width in (6, 4, 2):
        codes = {code[:width] for code in pilot.tambons}
        if len(codes) != 1:
            continue
        (code,) = codes
        if pilot.name == areas.area_name(code, "th"):
            return areas.area_name(code, lang)
        if pilot.name == f"{areas.area_name(code, 'th')} ({areas.area_name(code[:2], 'th')})":
            return f"{areas.area_name(code, lang)} ({areas.area_name(code[:2], lang)})"
    return pilot.name


def pilot_names(pilot_areas: list[pilots.PilotArea], lang: str) -> dict[str, str]:
    """Stored name -> name in ``lang`` (tables key pilots by their stored name)."""
    return {p.name: pilot_name(p, lang) for p in pilot_areas}


def shown_numbers(table: pd.DataFrame, formats: dict[str, tuple[str, int]]) -> pd.DataFrame:
    """Columns that may hold gaps as text ("–", never "None"): kind "count", "rate" or
    "signed" with its decimals."""
    out = table.copy()
    writers: dict[str, Callable[[float, int], str]] = {
        "count": formatting.format_number,
        "rate": formatting.format_rate,
        "signed": formatting.format_signed,
    }
    for column, (kind, digits) in formats.items():
        if column in out.columns:
            out[column] = [writers[kind](v, digits) for v in out[column]]
    return out

"""One small interface over the data sources: the real TPMAP aggregates (here) and the household
datasets (``analytics.data.queries.HouseholdData``: imported files and the generated demo).

Pages ask a source for an area table; they never know which kind it is, except to say so.
"""

from __future__ import annotations

from typing import Protocol

import pandas as pd

from analytics.data import tpmap_tables
from analytics.domain import area_codes, areas, catalogue, pilots

LEVELS = area_codes.LEVELS
ALL_DIMENSIONS = catalogue.all_dimensions()


class DataNotAvailable(LookupError):
    """A level, area or dimension subset the source does not have: an expected case that pages
    show as a Thai/English message (``key`` names it in the labels catalogue), never a crash."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class AreaSource(Protocol):
    kind: str  # "real" or "households"

    def years(self) -> list[int]: ...

    def area_table(
        self, level: str, province: str | None, parent: str | None, year: int, dims: tuple[str, ...]
    ) -> pd.DataFrame: ...

    def supports_subsets(self, province: str | None, level: str) -> bool: ...

    def has_level(self, province: str | None, level: str) -> bool: ...

    def covers(self, province: str | None) -> bool: ...

    def province_choices(self) -> list[str]: ...


def child_level(level: str) -> str | None:
    index = LEVELS.index(level)
    return LEVELS[index + 1] if index + 1 < len(LEVELS) else None


class TpmapAggregates:
    kind = "real"

    def years(self) -> list[int]:
        return [2561]

    def supports_subsets(self, province: str | None, level: str) -> bool:
        if level == "village":
            return False
        if level == "country":
            return True
        return province is not None and tpmap_tables.has_dimension_subsets(province)

    def has_level(self, province: str | None, level: str) -> bool:
        """Village tables exist for the pilot provinces only; every other level everywhere."""
        if level != "village":
            return True
        return province is not None and tpmap_tables.has_village_table(province)

    def province_choices(self) -> list[str]:
        return _pilots_first(tpmap_tables.available_provinces())

    def covers(self, province: str | None) -> bool:
        """Whether the source has data for ``province`` (the real tables cover every surveyed one)."""
        return True

    def area_table(self, level, province, parent, year, dims):
        if year != 2561:
            raise DataNotAvailable("no_such_year", year=year)
        if not self.has_level(province, level):
            raise DataNotAvailable("no_village_table")
        if resolve_dims(self, province, level, dims)[1]:
            raise DataNotAvailable("subset_not_available")
        return tpmap_tables.area_table(level, province, dims, parent)


def with_names(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = table.copy()
    out.insert(1, "name", [areas.area_name(c, lang) for c in out["code"]])
    return out


def _pilots_first(provinces: list[str]) -> list[str]:
    first = list(pilots.PILOT_PROVINCES)
    return first + sorted(p for p in provinces if p not in first)


def resolve_dims(
    source: AreaSource, province: str | None, level: str, dims: tuple[str, ...] | None
) -> tuple[tuple[str, ...], bool]:
    """THE rule for dimension subsets: the chosen dimensions where the source has them for this
    level and province, all five otherwise. Returns (dimensions used, fell back?)."""
    chosen = catalogue.dimensions_or_all(dims)
    if set(chosen) == set(ALL_DIMENSIONS) or source.supports_subsets(province, level):
        return chosen, False
    return ALL_DIMENSIONS, True

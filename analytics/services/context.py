"""What a page service reads, written once: the app edge (``ui.context.AppContext``) overrides
the reads it caches in Streamlit, a script (``plain_context.PlainContext``) memoises them per
process, and a test overrides what its fake provides."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from sqlalchemy.engine import Engine

import geodata
from analytics.data import sources
from analytics.data.queries import HouseholdData
from analytics.services import households, map_spec


class Context:
    """The reads a service needs. A subclass supplies :meth:`source` and :meth:`engine`; every
    other read is derived from them here, and a subclass overrides one only to cache it."""

    def source(self, kind: str) -> sources.AreaSource:
        raise NotImplementedError

    def engine(self) -> Engine:
        raise NotImplementedError

    def resolved_dims(
        self, kind: str, province: str | None, level: str, dims: tuple[str, ...]
    ) -> tuple[str, ...]:
        """The one dimension-subset rule (:func:`analytics.data.sources.resolve_dims`)."""
        used, _ = sources.resolve_dims(self.source(kind), province, level, dims)
        return tuple(used)

    def area_table(
        self,
        kind: str,
        level: str,
        province: str | None,
        parent: str | None,
        year: int,
        dims: tuple[str, ...],
    ) -> pd.DataFrame:
        used = self.resolved_dims(kind, province, level, dims)
        return self.source(kind).area_table(level, province, parent, year, used)

    def area_households(self, area_code: str, year: int) -> pd.DataFrame:
        source = self.source("households")
        if not isinstance(source, HouseholdData):
            raise TypeError("area_households(): the households source reads no households")
        return households.area_profile(source, area_code, year)

    def layer(
        self, level: str, provinces: tuple[str, ...] | None, amphoe: str | None
    ) -> gpd.GeoDataFrame:
        return map_spec.layer(level, provinces, amphoe)

    def layer_json(self, level: str, provinces: tuple[str, ...] | None, amphoe: str | None) -> str:
        gdf = self.layer(level, provinces, amphoe)
        return geodata.to_web_geojson(gdf, [map_spec.CODE_COLUMN[level]])

    def household_points(self, tambon: str, year: int) -> pd.DataFrame:
        rows = self.area_households(tambon, year)
        return map_spec.household_points(rows, tambon, self.layer("tambon", (tambon[:2],), None))

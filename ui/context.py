"""The app's service context: :class:`analytics.services.context.Context` with every read
through the Streamlit caches of ``ui.cache``."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from sqlalchemy.engine import Engine

from analytics.data import sources
from analytics.services.context import Context
from ui import cache, households, shared


class AppContext(Context):
    """Reads through the Streamlit caches (and the one dimension-subset note of ``ui.shared``)."""

    def source(self, kind: str) -> sources.AreaSource:
        return shared.get_source(kind)

    def area_table(
        self,
        kind: str,
        level: str,
        province: str | None,
        parent: str | None,
        year: int,
        dims: tuple[str, ...],
    ) -> pd.DataFrame:
        return shared.area_table(kind, level, province, parent, year, dims)

    def resolved_dims(
        self, kind: str, province: str | None, level: str, dims: tuple[str, ...]
    ) -> tuple[str, ...]:
        return shared.resolved_dims(kind, province, level, dims)

    def area_households(self, area_code: str, year: int) -> pd.DataFrame:
        return households.area_households(area_code, year)

    def engine(self) -> Engine:
        return cache.engine()

    def layer(
        self, level: str, provinces: tuple[str, ...] | None, amphoe: str | None
    ) -> gpd.GeoDataFrame:
        return cache.layer(level, provinces, amphoe)

    def layer_json(self, level: str, provinces: tuple[str, ...] | None, amphoe: str | None) -> str:
        return cache.layer_json(level, provinces, amphoe)

    def household_points(self, tambon: str, year: int) -> pd.DataFrame:
        return cache.household_points(tambon, year, households.version())


def context() -> AppContext:
    return AppContext()

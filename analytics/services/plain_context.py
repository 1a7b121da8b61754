"""A service context without Streamlit: for benchmarks and scripts (reads cached per process).

The app uses ``ui.context.AppContext`` (Streamlit's caches, shared between sessions); this one
keeps what it read in plain dictionaries, so a benchmark measures the services, not the app edge.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
from sqlalchemy.engine import Engine

import geodata
from analytics import settings
from analytics.data import sources
from analytics.data.queries import HouseholdData
from analytics.services import households, map_spec
from store import datasets, db


class PlainContext:
    """Reads through process-wide memo caches; registers the demo households on first use."""

    @cache  # noqa: B019 - one context per process: the cache lives as long as it should
    def engine(self) -> Engine:
        eng = db.get_engine()
        db.migrate(eng)
        return eng

    @cache  # noqa: B019
    def source(self, kind: str) -> sources.AreaSource:
        if kind == "real":
            return sources.TpmapAggregates()
        home = Path(settings.current().data_home)
        datasets.ensure_demo_dataset(self.engine(), home=home)
        return HouseholdData(lambda: datasets.active_files(self.engine(), home))

    def area_table(
        self,
        kind: str,
        level: str,
        province: str | None,
        parent: str | None,
        year: int,
        dims: tuple[str, ...],
    ) -> pd.DataFrame:
        source = self.source(kind)
        used, _ = sources.resolve_dims(source, province, level, dims)
        return source.area_table(level, province, parent, year, tuple(used))

    def resolved_dims(
        self, kind: str, province: str | None, level: str, dims: tuple[str, ...]
    ) -> tuple[str, ...]:
        used, _ = sources.resolve_dims(self.source(kind), province, level, dims)
        return tuple(used)

    @cache  # noqa: B019
    def area_households(self, area_code: str, year: int) -> pd.DataFrame:
        source = self.source("households")
        assert isinstance(source, HouseholdData)
        return households.area_profile(source, area_code, year)

    @cache  # noqa: B019
    def layer(
        self, level: str, provinces: tuple[str, ...] | None, amphoe: str | None
    ) -> gpd.GeoDataFrame:
        return map_spec.layer(level, provinces, amphoe)

    @cache  # noqa: B019
    def layer_json(self, level: str, provinces: tuple[str, ...] | None, amphoe: str | None) -> str:
        gdf = self.layer(level, provinces, amphoe)
        return geodata.to_web_geojson(gdf, [map_spec.CODE_COLUMN[level]])

    @cache  # noqa: B019
    def household_points(self, tambon: str, year: int) -> pd.DataFrame:
        rows = self.area_households(tambon, year)
        return map_spec.household_points(rows, tambon, self.layer("tambon", (tambon[:2],), None))

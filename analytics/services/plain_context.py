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

from analytics import settings
from analytics.data import sources
from analytics.data.queries import HouseholdData
from analytics.services.context import Context
from store import datasets, db


class PlainContext(Context):
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

    @cache  # noqa: B019
    def area_households(self, area_code: str, year: int) -> pd.DataFrame:
        return super().area_households(area_code, year)

    @cache  # noqa: B019
    def layer(
        self, level: str, provinces: tuple[str, ...] | None, amphoe: str | None
    ) -> gpd.GeoDataFrame:
        return super().layer(level, provinces, amphoe)

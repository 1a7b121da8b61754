"""What a page service reads, handed in by the app edge (cached there) or by a test (a fake)."""

from __future__ import annotations

from typing import Protocol

import geopandas as gpd
import pandas as pd
from sqlalchemy.engine import Engine

from analytics.data import sources


class Context(Protocol):
    """Cached reads a service needs; ``ui.context.AppContext`` is the app's."""

    def source(self, kind: str) -> sources.AreaSource: ...

    def area_table(
        self,
        kind: str,
        level: str,
        province: str | None,
        parent: str | None,
        year: int,
        dims: tuple[str, ...],
    ) -> pd.DataFrame: ...

    def resolved_dims(
        self, kind: str, province: str | None, level: str, dims: tuple[str, ...]
    ) -> tuple[str, ...]:
        """The one dimension-subset rule (:func:`analytics.data.sources.resolve_dims`)."""
        ...

    def area_households(self, area_code: str, year: int) -> pd.DataFrame: ...

    def engine(self) -> Engine: ...

    def layer(
        self, level: str, provinces: tuple[str, ...] | None, amphoe: str | None
    ) -> gpd.GeoDataFrame: ...

    def layer_json(
        self, level: str, provinces: tuple[str, ...] | None, amphoe: str | None
    ) -> str: ...

    def household_points(self, tambon: str, year: int) -> pd.DataFrame: ...

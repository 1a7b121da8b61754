"""The query layer over the active household datasets (Ibis: DuckDB embedded, PostgreSQL)."""

from analytics.data.queries.household_data import HouseholdData
from analytics.data.queries.params import MeasureParams

__all__ = ["HouseholdData", "MeasureParams"]

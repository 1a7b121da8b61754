"""The query layer over the active household datasets (Ibis: DuckDB embedded, PostgreSQL)."""

from analytics.queries.household_data import HouseholdData
from analytics.queries.params import MeasureParams

__all__ = ["HouseholdData", "MeasureParams"]

"""One area's household profile: flags, reasons and priority, with last year's failures."""

from __future__ import annotations

import pandas as pd

from analytics.data.queries import HouseholdData
from analytics.domain import measures, target_lists


def area_profile(source: HouseholdData, area_code: str, year: int) -> pd.DataFrame:
    """One area's households with their flags, reasons and priority (a province at most)."""
    households = source.households(area_code, year)
    if households.empty:
        return target_lists.household_table(households, source.members([], year))
    persons = source.members(households["house_code"], year)
    previous = None
    if year - 1 in source.years():
        before = source.households(area_code, year - 1)
        if len(before):
            failed = measures.household_measures(before).failures.sum(axis=1)
            previous = pd.Series(failed, index=before["house_code"].to_numpy())
    return target_lists.household_table(households, persons, previous)

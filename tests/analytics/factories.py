"""Hand-made microdata for tests: every indicator passes unless a row says otherwise."""

import pandas as pd

from analytics import catalogue


def households(rows: list[dict]) -> pd.DataFrame:
    base = {i.column: False for i in catalogue.household_indicators() if i.code != "4.3"}
    base.update(village_id="6001020101", members=1, income=100_000)
    return pd.DataFrame([{**base, **r} for r in rows])


def persons(rows: list[dict]) -> pd.DataFrame:
    base = {i.column: False for i in catalogue.person_indicators()}
    base.update(disabled=False, bedridden=False, registered=False, verified=False, age=40)
    return pd.DataFrame([{**base, **r} for r in rows])

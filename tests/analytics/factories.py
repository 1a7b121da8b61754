"""Hand-made microdata for tests: every indicator passes unless a row says otherwise.

``households`` and ``persons`` write answers the old way (one column per person indicator on
each person, as the importer's rows do); ``dataset`` turns them into the household schema by
TPMAP's household rule, which is what every measure reads.
"""

import pandas as pd

from analytics.domain import catalogue, household_rule


def households(rows: list[dict]) -> pd.DataFrame:
    base = {i.column: False for i in catalogue.household_indicators() if i.code != "4.3"}
    base.update(village_id="6001020101", members=1, income=100_000)
    frame = pd.DataFrame([{**base, **r} for r in rows])
    if "house_code" not in frame:
        frame.insert(0, "house_code", [f"6001{i:07d}" for i in range(len(frame))])
    return frame


def persons(rows: list[dict]) -> pd.DataFrame:
    base = {i.column: False for i in catalogue.person_indicators()}
    base.update(disabled=False, bedridden=False, registered=False, verified=False, age=40)
    return pd.DataFrame([{**base, **r} for r in rows])


def dataset(person_rows: list[dict], household_rows: list[dict]):
    """``(households, persons)`` in the household schema."""
    return household_rule.to_household_schema(persons(person_rows), households(household_rows))

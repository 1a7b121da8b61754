"""Target groups and priority on the demo: groups select a meaningful share, priorities rank.

Measured on the full demo (TPMAP 2561, README "Targeting rules"); the test reads the small
demo the app's tests use (scale 0.05, same generator), whose shares are the same within a point.
"""

import pandas as pd
import pytest

from analytics.data import synthetic
from analytics.domain import pilots, rules


@pytest.fixture(scope="module")
def saraburi() -> pd.DataFrame:
    demo = synthetic.load_or_generate(pilots.PILOT_PROVINCES, 0.05)[2561]
    households = demo.households[demo.households["province"] == "19"].reset_index(drop=True)
    persons = demo.persons[demo.persons["house_code"].isin(households["house_code"])]
    return rules.household_profile(households, persons.drop(columns="household_row"))


def test_vulnerable_selects_a_meaningful_share(saraburi):
    """It covered 87 % of Saraburi's households and so selected nothing."""
    share = saraburi["vulnerable"].mean()
    assert 0.03 < share < 0.25, share


def test_saraburi_target_list_has_few_tied_priorities(saraburi):
    """Most priorities of the target list tied (99.96 % shared a value with another household)."""
    priority = saraburi.loc[saraburi["target_members"] > 0, "priority"]
    tied = priority.duplicated(keep=False).mean()
    assert len(priority) > 100 and tied < 0.02, tied

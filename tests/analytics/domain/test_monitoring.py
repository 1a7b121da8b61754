"""Monitoring measures on hand-made surveys, including a year with no survey."""

import numpy as np
import pandas as pd
import pytest

from analytics.domain import monitoring


def households(stages, targets):
    codes = [f"1901000000{i}" for i in range(1, len(stages) + 1)]
    return pd.DataFrame({"house_code": codes, "stage": stages, "target_members": targets})


BEFORE = households(["survive", "survive", "sufficient", "sustainable"], [2, 1, 0, 0])
AFTER = households(["sufficient", "survive", "sustainable", "survive"], [0, 1, 0, 1])


def test_stage_transitions_count_each_household_once():
    moves = monitoring.stage_transitions(BEFORE, AFTER)
    assert moves.loc["survive", "sufficient"] == 1
    assert moves.loc["survive", "survive"] == 1
    assert moves.loc["sufficient", "sustainable"] == 1
    assert moves.loc["sustainable", "survive"] == 1
    assert moves.to_numpy().sum() == 4


def test_households_leaving_and_entering_target_poor():
    assert monitoring.target_movement(BEFORE, AFTER) == {
        "left": 1,
        "entered": 1,
        "stayed": 1,
        "matched": 4,
    }


def test_households_missing_from_one_survey_are_not_matched():
    after = AFTER.iloc[:3]
    assert monitoring.target_movement(BEFORE, after)["matched"] == 3


def test_trend_with_a_year_without_survey():
    def table(persons, target):
        return pd.DataFrame(
            {
                "code": ["19"],
                "persons": [persons],
                "target_poor": [target],
                "rate": [target / persons * 100],
            }
        )

    tables = {2561: table(1000, 50), 2562: None, 2563: table(1000, 30)}
    out = monitoring.trend(tables, "19").set_index("year")
    assert np.isnan(out.loc[2562, "target_poor"])
    assert np.isnan(out.loc[2562, "target_change"]) and np.isnan(out.loc[2563, "target_change"])
    assert out.loc[2561, "rate"] == pytest.approx(5.0)


def test_indicator_change():
    before = pd.Series({"fail_i2_1": 10, "fail_i3_2": 0})
    after = pd.Series({"fail_i2_1": 5, "fail_i3_2": 3})
    change = monitoring.indicator_change(before, after).set_index("code")
    assert change.loc["2.1", "change"] == -5 and change.loc["2.1", "change_pct"] == -50
    assert change.loc["3.2", "change"] == 3 and np.isnan(change.loc["3.2", "change_pct"])


def test_sankey_links_skip_empty_flows():
    links = monitoring.sankey_links(monitoring.stage_transitions(BEFORE, AFTER), "en")
    assert links["labels"][:3] == ["Survive", "Sufficient", "Sustainable"]
    assert sorted(zip(links["source"], links["target"], links["value"], strict=True)) == [
        (0, 3, 1),
        (0, 4, 1),
        (1, 5, 1),
        (2, 3, 1),
    ]

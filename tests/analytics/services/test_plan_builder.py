"""The plan builder on the hand-made households: costs in the budget year's amounts, the
filed plan holds what fits and what has an unknown cost."""

import math

import numpy as np

from analytics.domain.menu import matching
from analytics.services import plans
from tests.analytics.domain.menu_fixtures import programme
from tests.analytics.domain.test_menu_matching import PROGRAMMES, households

IN_KIND = programme("in_kind", "age >= 60", ("5.1",), None)


def _area() -> plans.AreaMatches:
    hh, persons = households()
    progs = (*PROGRAMMES, IN_KIND)
    found = matching.match(hh, persons, progs)
    stage = np.array(["survive", "sustainable", "survive", "survive"], dtype=object)
    return plans.AreaMatches("190110", 2561, hh, stage, progs, found)


def test_budget_year_amount_and_quarter_set_the_cost():
    chosen = ["old_age_70", "house_repair", "in_kind"]
    view = plans.build_plan(_area(), chosen, 1_000_000, {"old_age_70": 3}, {"old_age_70": 750.0})
    rows = view.rows.set_index("programme_id")
    assert rows.loc["old_age_70", "months"] == 6  # from quarter 3: 12 - 3 x 2
    assert rows.loc["old_age_70", "cost"] == 2 * 750 * 6
    assert rows.loc["house_repair", "cost"] == 18_000
    assert math.isnan(rows.loc["in_kind", "cost"])
    assert view.fitting_cost == 2 * 750 * 6 + 18_000 and view.unknown_rows == 1
    assert set(view.plan_rows["programme_id"]) == set(chosen)


def test_rows_over_the_ceiling_are_left_out_of_the_filed_plan():
    view = plans.build_plan(_area(), ["old_age_70", "house_repair"], 10_000)
    assert view.plan_rows["programme_id"].tolist() == []  # 16,800 and 18,000 do not fit
    assert set(view.rows["status"]) == {"over_ceiling"}
    assert view.stages.set_index("stage").loc["survive", "target"] == 3  # nothing funded

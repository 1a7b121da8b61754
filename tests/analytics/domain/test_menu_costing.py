"""Budget arithmetic (unknown amounts stay unknown), ranking under a ceiling, stage targets."""

import math

import numpy as np
import pandas as pd

from analytics.domain.menu import costing, matching
from tests.analytics.domain.menu_fixtures import programme
from tests.analytics.domain.test_menu_matching import PROGRAMMES, households


def test_cost_is_units_times_amount_times_periods():
    assert costing.row_cost(3, 700.0, "month", 12) == 3 * 700 * 12
    assert costing.row_cost(2, 300.0, "quarter", 12) == 2 * 300 * 4
    assert costing.row_cost(5, 18000.0, "once", 12) == 5 * 18000
    assert costing.row_cost(4, 3000.0, "year", 6) == 4 * 3000


def test_unknown_amount_gives_unknown_cost_never_zero():
    assert math.isnan(costing.row_cost(10, None, "month", 12))
    rows = pd.DataFrame(
        {"agency": ["A", "A", "B"], "households": [2, 3, 4], "cost": [1000.0, math.nan, 500.0]}
    )
    by_agency = costing.totals(rows, "agency").set_index("agency")
    assert by_agency.loc["A", "known_cost"] == 1000.0
    assert by_agency.loc["A", "unknown_rows"] == 1
    assert by_agency.loc["B", "unknown_rows"] == 0


def test_demand_of_the_hand_made_households():
    hh, persons = households()
    progs = [*PROGRAMMES, programme("in_kind", "age >= 60", ("5.1",), None)]
    m = matching.match(hh, persons, progs)
    d = costing.demand(m, progs).set_index("programme_id")
    assert d.loc["old_age_70", "households"] == 2 and d.loc["old_age_70", "units"] == 2
    assert d.loc["old_age_70", "cost"] == 2 * 700 * 12
    # household 0 is target poor and fails only 5.1, which the allowance addresses
    assert d.loc["old_age_70", "moved"] == 1
    assert d.loc["house_repair", "cost"] == 18000
    assert math.isnan(d.loc["in_kind", "cost"])


def test_ranking_under_a_ceiling_takes_best_ratio_first_and_skips_what_does_not_fit():
    rows = pd.DataFrame(
        {
            "programme_id": ["a", "b", "c", "d", "e"],
            "moved": [10, 10, 1, 5, 50],
            "cost": [10_000.0, 40_000.0, 1_000.0, 20_000.0, math.nan],
        }
    )
    # per baht: a 1/1000, b 1/4000, c 1/1000 (cheaper: before a), d 1/4000
    ranked = costing.rank_under_ceiling(rows, ceiling=35_000).set_index("programme_id")
    assert ranked["rank"].dropna().astype(int).to_dict() == {"c": 1, "a": 2, "d": 3, "b": 4}
    assert ranked["fits"].to_dict() == {"c": True, "a": True, "d": True, "b": False, "e": False}
    assert ranked.loc["e", "status"] == "unknown_cost"
    assert ranked.loc["b", "status"] == "over_ceiling"


def test_stage_targets_move_households_whose_failures_the_plan_covers():
    hh, persons = households()
    m = matching.match(hh, persons, PROGRAMMES)
    stage = np.array(["survive", "sustainable", "survive", "survive"], dtype=object)
    out = costing.stage_targets(m, PROGRAMMES, stage, ["old_age_70", "house_repair"])
    got = out.set_index("stage")
    assert got.loc["survive", "now"] == 3
    # 0 (5.1 covered) and 2 (2.1 covered) reach sustainable; 3 still fails income (4.3)
    assert got.loc["survive", "target"] == 1
    assert got.loc["sustainable", "target"] == 3

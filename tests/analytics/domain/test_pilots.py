"""Pilot comparison measures on hand-made tambon tables."""

import pandas as pd
import pytest

from analytics.data import tpmap_tables
from analytics.domain import measures, pilots


def tambons(rows):
    """rows: code, persons, target_poor (other counts zero)."""
    table = pd.DataFrame(rows, columns=["code", "persons", "target_poor"])
    table["households"] = table["persons"] // 2
    table["mpi_poor"] = table["target_poor"] * 2
    return measures.finalize_area_table(table.assign(level="tambon"))


YEAR_1 = tambons([("190101", 1000, 30), ("190102", 500, 5), ("190103", 2000, 20)])
# the next survey: 190103 was not surveyed (no row at all)
YEAR_2 = tambons([("190101", 1000, 20), ("190102", 500, 10)])
NORTH = pilots.PilotArea("north", "19", ("190101", "190102"))
SOUTH_V1 = pilots.PilotArea("south", "19", ("190103",))
SOUTH_V2 = pilots.PilotArea("south", "19", ("190102", "190103"))  # membership changed


def test_sums_and_rates_per_pilot():
    table = pilots.pilot_table(YEAR_1, [NORTH, SOUTH_V1]).set_index("code")
    assert table.loc["north", "persons"] == 1500 and table.loc["north", "target_poor"] == 35
    assert table.loc["north", "rate"] == pytest.approx(35 / 1500 * 100)
    assert table.loc["south", "rate"] == pytest.approx(1.0)


def test_a_tambon_in_two_pilots_counts_in_both():
    table = pilots.pilot_table(YEAR_1, [NORTH, SOUTH_V2]).set_index("code")
    assert table.loc["south", "persons"] == 2500  # 190102 + 190103
    assert table.loc["north", "persons"] == 1500  # 190102 still counts here too


def test_year_without_survey_leaves_no_data_not_zero():
    table = pilots.pilot_table(YEAR_2, [NORTH, SOUTH_V1]).set_index("code")
    assert pd.isna(table.loc["south", "persons"]) and pd.isna(table.loc["south", "rate"])
    assert table.loc["north", "target_poor"] == 30


def test_ranking_with_change_since_previous_year():
    before = pilots.pilot_table(YEAR_1, [NORTH, SOUTH_V2])  # north 2.33 %, south 1.0 %
    after = pilots.pilot_table(YEAR_2, [NORTH, SOUTH_V2])  # north 2.0 %, south 2.0 % (500 only)
    ranked = pilots.ranking(after, before).set_index("code")
    assert ranked.loc["north", "change"] == pytest.approx(2.0 - 35 / 15)
    assert ranked.loc["south", "change"] == pytest.approx(1.0)
    assert ranked.loc["south", "rank_change"] == 1  # second -> joint first


def test_demo_selection_follows_its_stated_rule():
    selection = pilots.demo_selection(tpmap_tables.area_table)
    assert len(selection) == 6 and all(p.is_demo for p in selection)
    for province in ("60", "19", "41"):
        amphoes = tpmap_tables.area_table("amphoe", province)
        top_two = set(amphoes.nlargest(2, "rate")["code"])
        chosen = {p.tambons[0][:4] for p in selection if p.province == province}
        assert chosen == top_two
    # whole amphoes: every tambon row of the amphoe, municipal ones included
    first = selection[0]
    tambon_rows = tpmap_tables.area_table("tambon", first.province)["code"]
    assert set(first.tambons) == set(tambon_rows[tambon_rows.str.startswith(first.tambons[0][:4])])


def test_indicator_rates_per_hundred_persons():
    table = YEAR_1.assign(fail_i2_1=[10, 0, 40])
    rates = pilots.indicator_rates(table)
    assert rates.loc["190101", "2.1"] == pytest.approx(1.0)
    assert rates.loc["190103", "2.1"] == pytest.approx(2.0)

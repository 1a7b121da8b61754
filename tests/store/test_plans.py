"""Household plan steps, area plans and menu edits on SQLite and PostgreSQL."""

from datetime import date

import pandas as pd
import pytest

from store import menu, plans

HOUSE = "19011000101"
TODAY = date(2026, 11, 30)


def _step(step: str, day: int, **kw) -> plans.StepInput:
    base = dict(house_code=HOUSE, tambon_code="190110", programme_id="old_age_70")
    return plans.StepInput(**{**base, **kw}, step=step, step_date=date(2026, 11, day))


def test_referred_then_received_is_kept_in_order(engine):
    plans.record_step(engine, _step("referred", 1), "field", TODAY)
    plans.record_step(engine, _step("in_progress", 5), "field", TODAY)
    plans.record_step(engine, _step("received", 20), "field", TODAY)
    got = plans.steps(engine, [HOUSE])
    assert got["step"].tolist() == ["referred", "in_progress", "received"]
    assert got["recorded_by"].unique().tolist() == ["field"]
    latest = plans.latest_steps(engine, "190110")
    assert latest["step"].tolist() == ["received"]


def test_first_step_must_be_a_referral(engine):
    with pytest.raises(plans.PlanError) as err:
        plans.record_step(engine, _step("received", 1), "field", TODAY)
    assert err.value.problem == "step_out_of_order"


def test_a_step_dated_in_the_future_is_refused(engine):
    with pytest.raises(plans.PlanError) as err:
        plans.record_step(engine, _step("referred", 29), "field", date(2026, 11, 28))
    assert err.value.problem == "date_in_future"


def test_steps_cannot_go_back_in_time_or_skip(engine):
    plans.record_step(engine, _step("referred", 10), "field", TODAY)
    with pytest.raises(plans.PlanError) as err:
        plans.record_step(engine, _step("received", 9), "field", TODAY)
    assert err.value.problem == "date_before_last_step"
    with pytest.raises(plans.PlanError) as err:
        plans.record_step(engine, _step("referred", 11), "field", TODAY)
    assert err.value.problem == "step_out_of_order"


def test_programme_outside_the_matches_needs_a_reason(engine):
    with pytest.raises(plans.PlanError) as err:
        plans.record_step(engine, _step("referred", 1, from_match=False), "field", TODAY)
    assert err.value.field == "reason"
    plans.record_step(engine, _step("referred", 1, from_match=False, reason="x"), "f", TODAY)


def test_house_and_tambon_codes_must_be_whole(engine):
    with pytest.raises(plans.PlanError) as err:
        plans.record_step(engine, _step("referred", 1, tambon_code="1901"), "field", TODAY)
    assert err.value.problem == "house_not_in_tambon"


def test_area_plan_versions_and_unknown_cost_stays_unknown(engine):
    rows = pd.DataFrame(
        {
            "programme_id": ["old_age_70", "village_water"],
            "agency": ["อปท.", "กรมทรัพยากรน้ำ"],
            "quarter": [1, 3],
            "households": [4, 2],
            "units": [5, 2],
            "months": [12, 12],
            "amount": [700.0, None],
            "cost": [42000.0, float("nan")],
        }
    )
    assert plans.save_area_plan(engine, "190110", 2570, 100000.0, rows, "planner") == 1
    assert plans.save_area_plan(engine, "190110", 2570, 50000.0, rows.head(1), "planner") == 2
    header, saved = plans.latest_area_plan(engine, "190110", 2570)
    assert header["version"] == 2 and header["ceiling"] == 50000.0
    assert saved["programme_id"].tolist() == ["old_age_70"]
    plans.save_area_plan(engine, "190109", 2570, None, rows, "planner")
    _, other = plans.latest_area_plan(engine, "190109", 2570)
    assert other["cost"].isna().tolist() == [False, True]
    assert other["agency"].tolist()[0] == "อปท."
    assert plans.latest_area_plan(engine, "190110", 2571)[0] is None


def test_bad_quarter_is_refused(engine):
    rows = pd.DataFrame(
        [dict(programme_id="x", agency="a", quarter=5, households=1, units=1, months=1, amount=1)]
    )
    with pytest.raises(plans.PlanError) as err:
        plans.save_area_plan(engine, "190110", 2570, None, rows, "planner")
    assert err.value.field == "quarter"


def test_menu_edits_are_versioned_per_province(engine):
    menu.record_edit(engine, "19", "old_age_70", "change", {"amount": 750}, "planner", 2570)
    menu.record_edit(engine, None, "card_gas", "retire", {}, "admin")
    menu.record_edit(engine, "60", "old_age_70", "change", {"amount": 900}, "planner60")
    got = menu.edits(engine, "19")
    assert got["programme_id"].tolist() == ["old_age_70", "card_gas"]
    assert got["edited_by"].tolist() == ["planner", "admin"]
    assert got.iloc[0]["changes"] == {"amount": 750}
    assert menu.edits(engine, None)["programme_id"].tolist() == ["card_gas"]
    with pytest.raises(menu.MenuEditError):
        menu.record_edit(engine, "19", "x", "delete", {}, "planner")


def _one_row() -> pd.DataFrame:
    return pd.DataFrame(
        [dict(programme_id="old_age_70", agency="อปท.", quarter=1, households=1, units=1,
              months=12, amount=700.0, cost=8400.0)]
    )  # fmt: skip


@pytest.mark.parametrize("area", ["34", "340104", "340151", "340151A101", "410151A001", "TH"])
def test_area_plans_of_non_pilot_municipal_and_lettered_areas_are_kept_apart(engine, area):
    assert plans.save_area_plan(engine, area, 2570, 10000.0, _one_row(), "planner") == 1
    assert plans.save_area_plan(engine, area, 2570, 9000.0, _one_row(), "planner") == 2
    header, rows = plans.latest_area_plan(engine, area, 2570)
    assert header["area_code"] == area and header["version"] == 2
    assert plans.plan_years(engine, area) == [2570]
    assert len(rows) == 1


@pytest.mark.parametrize(
    "area", ["../../etc", "3401/0", "x" * 300, "๓๔๐๑๐๔", "", " 340104", "19\x00110"]
)
def test_area_plan_with_an_unparseable_area_code_is_refused(engine, area):
    """Attack: the area code is the plan's key and its file name; a code that is not one
    (a path, 300 characters that PostgreSQL's 12-character column refuses with a driver
    error, Thai digits, a control character) is refused with the field named."""
    with pytest.raises(plans.PlanError) as err:
        plans.save_area_plan(engine, area, 2570, None, _one_row(), "planner")
    assert (err.value.field, err.value.problem) == ("area", "bad_area")


def test_steps_of_a_municipal_tambon_are_read_by_its_village_with_a_letter(engine):
    house = "34010200001"
    step = plans.StepInput(house, "340151", "old_age_70", "referred", date(2026, 11, 2))
    plans.record_step(engine, step, "field_muni", TODAY)
    assert plans.latest_steps(engine, "340151A101")["house_code"].tolist() == [house]
    assert plans.latest_steps(engine, "340151")["tambon_code"].tolist() == ["340151"]
    assert plans.latest_steps(engine, "340104").empty

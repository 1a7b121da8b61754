"""Plan against result (the briefing's paragraph and chart) and who may record a step."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.domain import access
from analytics.domain.menu import matching
from analytics.services import plan_result
from analytics.services import plans as plan_service
from store import plans

HOUSES = ("19011000101", "19011000102")


class OneYear:
    """A household source with one survey year: no result can be read yet."""

    def years(self) -> list[int]:
        return [2561]


def _steps(engine):
    for house in HOUSES:
        step = plans.StepInput(house, "190110", "old_age_70", "referred", date(2026, 11, 1))
        plans.record_step(engine, step, "field", date(2026, 11, 30))
    got = plans.StepInput(HOUSES[0], "190110", "old_age_70", "received", date(2026, 11, 20))
    plans.record_step(engine, got, "field", date(2026, 11, 30))


def test_planned_referred_received_per_programme(engine):
    rows = pd.DataFrame([dict(programme_id="old_age_70", agency="อปท.", quarter=1,
                              households=5, units=6, months=12, amount=700.0, cost=50400.0)])  # fmt: skip
    plans.save_area_plan(engine, "190110", 2571, 100000.0, rows, "planner")
    _steps(engine)
    found = plan_result.plan_result(engine, OneYear(), "190110", 2561, "en")
    assert found.facts.budget_year == 2571
    chart = found.chart.set_index("programme_id")
    assert chart.loc["old_age_70", ["planned", "referred", "received"]].tolist() == [5, 2, 1]
    assert found.facts.left_target_poor is None  # no later survey year yet
    assert "5 household-programmes; 2 referred, 1 received" in found.paragraph
    assert "once the next survey is in" in found.paragraph


def test_no_plan_no_steps_says_so(engine):
    found = plan_result.plan_result(engine, OneYear(), "190110", 2561, "th")
    assert found.chart.empty and "ยังไม่มีแผน" in found.paragraph


def _area() -> plan_service.AreaMatches:
    households = pd.DataFrame({"house_code": [HOUSES[0]], "tambon": ["190110"]})
    empty = np.zeros((1, 0))
    found = matching.Matches(np.array([HOUSES[0]]), (), empty, empty, empty, empty, empty,
                             np.zeros(1, bool), np.zeros((1, 17), bool))  # fmt: skip
    return plan_service.AreaMatches("190110", 2561, households, np.array(["survive"]), (), found)


def test_field_user_cannot_record_a_step_for_a_household_outside_the_matched_area(engine):
    field = access.Viewer("field", "field", ("190110",))
    outside = plans.StepInput("19010000254", "190110", "old_age_70", "referred", date.today())
    with pytest.raises(access.AccessDenied):
        plan_service.record_step(engine, _area(), field, outside)
    other_team = access.Viewer("field2", "field", ("190109",))
    inside = plans.StepInput(HOUSES[0], "999999", "old_age_70", "referred", date.today())
    with pytest.raises(access.AccessDenied):
        plan_service.record_step(engine, _area(), other_team, inside)
    executive = access.Viewer("exec", "executive")
    with pytest.raises(access.AccessDenied):
        plan_service.record_step(engine, _area(), executive, inside)
    plan_service.record_step(engine, _area(), field, inside)  # tambon taken from the data
    assert plans.steps(engine, [HOUSES[0]])["tambon_code"].tolist() == ["190110"]


def test_plan_version_changes_when_a_step_is_recorded_or_a_plan_saved(engine):
    from store import plan_versions

    empty = plan_versions.plan_version(engine, "190110")
    assert empty == "0:0:0:0"
    _steps(engine)
    stepped = plan_versions.plan_version(engine, "190110")
    assert stepped != empty and stepped.startswith("3:")
    assert plan_versions.plan_version(engine, "19") == stepped  # a province sees its steps
    assert plan_versions.plan_version(engine, "190109") == empty  # another tambon does not
    rows = pd.DataFrame([dict(programme_id="old_age_70", agency="อปท.", quarter=1,
                              households=5, units=6, months=12, amount=700.0, cost=50400.0)])  # fmt: skip
    plans.save_area_plan(engine, "190110", 2571, None, rows, "planner")
    assert plan_versions.plan_version(engine, "190110").endswith(":1:1")


def test_page_and_pdf_write_plan_against_result_from_the_same_counts(engine):
    from analytics.reports.briefing.sections import plan_paragraph

    _steps(engine)
    for lang in ("th", "en"):
        found = plan_result.plan_result(engine, OneYear(), "190110", 2561, lang)
        assert found.paragraph == plan_paragraph(found.facts, lang)
        assert found.chart["name"].tolist() == found.facts.chart[f"name_{lang}"].tolist()
        assert (found.facts.referred, found.facts.received) == (2, 1)

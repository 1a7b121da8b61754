"""Fast page tests with Streamlit's AppTest: every pilot province in both languages."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access, areas

TIMEOUT = 60
REPO = Path(__file__).resolve().parents[2]


EXECUTIVE = access.Viewer("exec", "executive")


def run_app(viewer=EXECUTIVE, **state) -> AppTest:
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    if viewer is not None:
        app.session_state["viewer"] = viewer
    for key, value in state.items():
        app.session_state[key] = value
    return app.run()


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("province", ["60", "19", "41"])
def test_overview_real_aggregates_for_each_province(province, lang):
    app = run_app(lang=lang, source="real", province_real=province)
    assert not app.exception, app.exception
    metrics = {m.label: m.value for m in app.metric}
    expected_target = {"60": "20,005", "19": "6,994", "41": "26,974"}[province]
    target_label = "คนจนเป้าหมาย (คน)" if lang == "th" else "Target poor (persons)"
    assert metrics[target_label] == expected_target
    assert areas.area_name(province, lang) in app.subheader[0].value
    source_text = "ข้อมูลจริง TPMAP 2561" if lang == "th" else "Real TPMAP 2561"
    assert source_text in app.info[0].value
    assert len(app.dataframe) == 1  # the amphoes of the province


def test_country_view_lists_provinces():
    app = run_app(lang="en", source="real")
    assert not app.exception
    assert {m.label: m.value for m in app.metric}["Persons surveyed"] == "36,647,817"
    assert len(app.dataframe[0].value) == 76


def test_dimension_subset_changes_the_count():
    app = run_app(lang="en", source="real", province_real="60", dims=["health"])
    assert not app.exception
    # Nakhon Sawan target poor failing health: the health column of the full table
    assert {m.label: m.value for m in app.metric}["Target poor (persons)"] == "3,417"


def test_sign_in_is_required_and_checks_the_password():
    app = run_app(viewer=None, lang="en")
    assert not app.exception
    assert not app.metric  # nothing is shown before signing in
    app.text_input[0].input("planner")
    app.text_input[1].input("not-the-password")
    app.button[0].click().run()
    assert app.error[0].value == "Wrong username or password"
    app.text_input[1].input("chipao-planner")
    app.button[0].click().run()
    assert not app.exception
    assert app.session_state["viewer"].role == "planner"
    # issue 11: a sign-in lands on the planner's province, household data, latest year
    assert app.session_state["province_households"] == "19"
    assert app.subheader[0].value.startswith("Saraburi · TPMAP 2564")

"""Issue 11's field loop with AppTest: list → household card → visit form (chosen, critical
not pre-ticked) → back to the list with the new status; the team's office as the route start;
the route's numbers on the map and on the visit sheet agree."""

from __future__ import annotations

import pytest

from store import offices
from tests.pages import test_visits_apptest
from tests.pages.test_visits_apptest import visits_page
from ui import list_views, visits_data

CARD = list_views.CARD_KEY
database = test_visits_apptest.database  # the fixture: a fresh SQLite logbook per test


def targets_page(app):
    app.switch_page("pages/targets.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    return app


def listed_codes(app) -> list[str]:
    return app.selectbox(key="card_pick").options


def test_card_opens_from_the_list_and_hands_the_household_to_the_visit_form(database):
    app = targets_page(visits_page())
    code = listed_codes(app)[0]
    app.selectbox(key="card_pick").set_value(code).run()
    assert app.session_state[CARD] == code
    text = " ".join(m.value for m in app.markdown)
    assert f"ครัวเรือน {code}" in [s.value for s in app.subheader]
    assert "ขาด " in text  # why listed: failed indicators by name
    [record] = [b for b in app.button if b.key == "card_record"]
    record.click().run()
    assert not app.exception, app.exception
    assert app.selectbox(key="household_190110").value == code  # opened with it chosen


def _form_of_a_household_the_rules_flag():
    # AppTest.from_function runs this body alone: its imports are its own
    import pandas as pd
    import streamlit as st

    from analytics.domain import access, rules
    from ui import visit_views

    rule = rules.load_rules()["critical"]["rules"][0]
    row = pd.Series(
        {"house_code": "19011000001", "tambon": "190110", "critical": True}
        | {f"critical_{r['id']}": r is rule for r in rules.load_rules()["critical"]["rules"]}
    )
    st.session_state.setdefault("lang", "th")
    viewer = access.Viewer("field", "field", ("190110",), "ทีม")
    visit_views.visit_form(viewer, row, "19011000001", lambda code: True)


def test_critical_box_is_not_ticked_in_advance_for_a_household_the_rules_flag(database):
    from streamlit.testing.v1 import AppTest

    from analytics.domain import rules

    app = AppTest.from_function(_form_of_a_household_the_rules_flag, default_timeout=60).run()
    assert not app.exception, app.exception
    assert app.checkbox(key="visit_19011000001_0_critical").value is False
    reason = rules.load_rules()["critical"]["rules"][0]["reason_th"]
    assert any(reason in c.value and "กฎของระบบ" in c.value for c in app.caption)


def test_first_option_of_the_visit_picker_is_a_target_household(database):
    app = visits_page()
    first = app.selectbox(key="household_190110").options[0].split(" · ")[0]
    targets_page(app)
    app.radio(key="list_group").set_value("target").run()
    assert first in listed_codes(app)


def test_saved_visit_shows_on_the_list_as_the_new_status(database):
    app = visits_page()
    code = app.selectbox(key="household_190110").options[0].split(" · ")[0]
    app.selectbox(key="household_190110").set_value(code).run()
    app.selectbox(key=f"visit_{code}_0_status").set_value("in_progress")
    [save] = [b for b in app.button if b.label == "บันทึก"]
    save.click().run()
    assert not app.error, [e.value for e in app.error]
    targets_page(app)
    table = app.dataframe(key=list_views.TABLE_KEY).value.set_index("house_code")
    assert table.loc[code, "status"] == "อยู่ระหว่างดำเนินการ"


def test_team_office_is_the_route_start(database):
    engine = visits_data.engine()
    offices.save_office(engine, "field", 14.52, 100.93, "อบต.ทดสอบ", user="field")
    app = targets_page(visits_page())
    assert app.radio(key="route_start_190110").value == "office"
    assert any("อบต.ทดสอบ" in c.value for c in app.caption)
    stops = app.dataframe[-1].value
    assert stops["order"].tolist()[:3] == [1, 2, 3]
    first = stops.iloc[0]
    assert first["maps_link"].startswith("https://www.google.com/maps/dir/?api=1&destination=")


def test_route_start_clicked_in_another_area_is_not_kept(database):
    app = visits_page()
    app.session_state["route_clicks"] = {"190109": (14.6, 100.9)}  # clicked on 190109's map
    targets_page(app)
    assert app.radio(key="route_start_190110").value == "first"
    app.radio(key="route_start_190110").set_value("clicked").run()
    assert any("ยังไม่ได้คลิกจุดบนแผนที่ของพื้นที่นี้" in c.value for c in app.caption)


def test_card_hides_member_names_from_a_planner_and_its_opening_is_audited(database):
    from analytics.domain import access
    from store import audit

    app = visits_page(viewer=access.Viewer("planner", "planner", ("19",)))
    targets_page(app)
    code = listed_codes(app)[0]
    app.selectbox(key="card_pick").set_value(code).run()
    members = app.dataframe[0].value
    assert len(members) and set(members.iloc[:, 0]) == {"•••"}  # names hidden
    assert not [b for b in app.button if b.key == "card_record"]  # planners do not record
    events = audit.query_events(visits_data.engine(), action="view_household")
    assert len(events) == 1 and events.iloc[0]["username"] == "planner"


def test_a_target_list_opened_on_area_tables_offers_the_household_data_in_one_click(database):
    """A link without ``source`` opens with the source last chosen; on the aggregate tables the
    list page says why it is empty and switches to household data, keeping the tambon."""
    app = visits_page()
    app.session_state["source"] = "real"
    app.session_state["province_real"] = "19"
    app.session_state["amphoe_real_19"] = "1901"
    app.session_state["tambon_real_1901"] = "190110"
    targets = app.switch_page("pages/targets.py").run()
    assert not targets.exception, targets.exception
    assert any("ข้อมูลระดับครัวเรือน" in i.value for i in targets.info)
    targets.button(key="use_household_data").click().run()
    assert not targets.exception, targets.exception
    assert targets.session_state["source"] == "households"
    assert listed_codes(targets)  # the tambon's list
    assert "› ปากข้าวสาร" in [b.label for b in targets.button]


def test_a_field_link_outside_its_tambons_is_refused_whichever_the_source(database):
    from analytics.domain import access

    for source in ("real", "households"):
        app = visits_page(viewer=access.Viewer("field", "field", ("190110",)))
        app.session_state["source"] = source
        app.session_state["province_real"] = "60"
        app.session_state["province_households"] = "60"
        app.switch_page("pages/targets.py").run()
        assert not app.exception, app.exception
        assert any("นอกพื้นที่รับผิดชอบ" in w.value for w in app.warning), source


@pytest.mark.parametrize(
    "province, amphoe, tambon",
    [("34", "3401", "340104"), ("34", "3401", "340151"), ("50", "5001", "500101")],
    ids=["ubon-tambon", "ubon-municipality", "chiang-mai-tambon"],
)
def test_the_household_data_button_outside_the_demo_provinces_says_there_is_none(
    database, province, amphoe, tambon
):
    """Beyond the pilots (and a municipal pseudo-tambon): on TPMAP tables the button is offered;
    where no household dataset covers the province it says so, naming the province it kept."""
    from analytics.domain import access, areas

    app = visits_page(viewer=access.Viewer("admin", "admin", ()))
    app.session_state["source"] = "real"
    app.session_state["province_real"] = province
    app.session_state[f"amphoe_real_{province}"] = amphoe
    app.session_state[f"tambon_real_{amphoe}"] = tambon
    app.switch_page("pages/targets.py").run()
    assert not app.exception, app.exception
    app.button(key="use_household_data").click().run()
    assert not app.exception, app.exception
    assert app.session_state["source"] == "households"
    notes = " ".join(i.value for i in app.info)
    assert f"ยังไม่มีข้อมูลครัวเรือนของ{areas.area_name(province, 'th')}" in notes, notes

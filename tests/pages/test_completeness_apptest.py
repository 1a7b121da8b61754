"""The completeness page (issue 14) in AppTest, for a province that is not a pilot (Ubon, 34):
a planner sees the gaps in Thai and English and sends the follow-up list; the field user of the
tambon finds it on the target list; roles and scopes are kept (attacks written as attacks)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access
from analytics.io import importers
from analytics.text import labels
from store import audit
from tests.analytics.domain.test_completeness_import import gapped_export
from tests.pages.apptest_support import imported_store, open_page, register_file

PLANNER = access.Viewer("planner_ubon", "planner", ("34",), "นักวางแผนอุบล")
FIELD = access.Viewer("field_ubon", "field", ("340104",), "ทีมหัวเรือ")
OTHER_FIELD = access.Viewer("field_other", "field", ("340105",), "ทีมอื่น")
EXEC = access.Viewer("exec", "executive", ())
AMPHOE = {"source": "households", "province_households": "34", "amphoe_households_34": "3401"}
TAMBON = {**AMPHOE, "tambon_households_3401": "340104"}


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh database and data home holding only the gapped Ubon file (no demo)."""
    with imported_store(tmp_path, monkeypatch, PLANNER, gapped_export()[0], "ubon") as engine:
        yield engine


def page(path: str, viewer: access.Viewer, lang: str = "th", **state) -> AppTest:
    return open_page(path, viewer, lang, timeout=180, **state)


def metric(app: AppTest, key: str, lang: str = "th") -> str:
    label = labels.t(key, lang)
    return next(m.value for m in app.metric if m.label == label)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_planner_sees_the_gaps_of_a_non_pilot_province(store, lang):
    app = page("pages/completeness.py", PLANNER, lang, **AMPHOE)
    assert not app.error, [e.value for e in app.error]
    assert metric(app, "cmp_households_file", lang) == "80"
    assert metric(app, "cmp_welfare_unknown", lang) != "0"
    assert metric(app, "cmp_no_position", lang) == "80"
    ranked = app.dataframe[0].value
    assert set(ranked["code"]) >= {"340104", "340105"}
    assert ranked["score"].is_monotonic_increasing  # worst first
    answers = app.dataframe[1].value.set_index("indicator")
    assert answers.loc["2.1", "unanswered"] == "1"
    assert answers.loc["1.2", "unanswered"] == "0"
    assert labels.t("fu_send", lang) in [b.label for b in app.button]


def test_follow_up_list_reaches_the_field_user_of_the_tambon(store):
    app = page("pages/completeness.py", PLANNER, **AMPHOE)
    app = app.button(key="followup_send").click().run()
    assert not app.exception, app.exception
    assert any("2" in s.value for s in app.success), [s.value for s in app.success]
    assert len(audit.query_events(store, action="send_followup")) == 1

    targets = page("pages/targets.py", FIELD, **TAMBON)
    toggle = targets.toggle(key="followup_only")
    assert toggle.value is True  # a field user sees the follow-up list first
    listed = targets.dataframe[0].value
    assert len(listed) == 2
    reasons = " ".join(listed["reasons"])
    assert labels.t("fu_reason_unanswered", "th") in reasons
    assert labels.t("fu_reason_welfare_unknown", "th") in reasons


def test_field_user_of_another_tambon_sees_nothing_of_it(store):
    """Attack: the list was sent for amphoe 3401; a field user of 340105 opens 340104 and their
    own tambon: no follow-up list, no household of 340104."""
    page("pages/completeness.py", PLANNER, **AMPHOE).button(key="followup_send").click().run()
    own = page("pages/targets.py", OTHER_FIELD, **{**AMPHOE, "tambon_households_3401": "340105"})
    assert not [t for t in own.toggle if t.key == "followup_only"]
    other = page("pages/targets.py", OTHER_FIELD, **TAMBON)
    assert not [t for t in other.toggle if t.key == "followup_only"]
    assert not any(len(d.value) for d in other.dataframe)


def test_executive_sees_completeness_but_no_household_list(store):
    app = page("pages/completeness.py", EXEC, **AMPHOE)
    assert metric(app, "cmp_households_file") == "80"
    warned = [w.value for w in app.warning]
    assert labels.t("executive_aggregates_only", "th") in warned
    assert not [b for b in app.button if b.key == "followup_send"]


def test_field_user_is_sent_to_the_target_list(store):
    app = page("pages/completeness.py", FIELD, **TAMBON)
    assert labels.t("cmp_field_role", "th") in [i.value for i in app.info]
    assert not app.metric


def test_thaiqm_cases_missing_from_the_survey_are_listed_by_house_code(store):
    app = page("pages/completeness.py", PLANNER, **AMPHOE)
    rows = [
        "house_code,tambon_code,status",
        "34010100001,340104,target",
        "34010199999,340104,target",
    ]
    data = ("\n".join(rows) + "\n").encode("utf-8")
    app.file_uploader(key="cmp_thaiqm").set_value(("thaiqm.csv", data, "text/csv"))
    app = app.run()
    assert not app.exception, app.exception
    shown = [c.value for c in app.caption]
    assert f"{labels.t('lnk_thaiqm_only', 'th')}: 1" in shown, shown
    assert len(audit.query_events(store, action="reconcile_thaiqm")) == 1


def test_a_person_in_another_provinces_file_is_only_a_count_for_a_provincial_planner(
    store, tmp_path
):
    """Attack: Nakhon Sawan's file holds a person whose ID is also in Ubon's file. Ubon's planner
    sees the duplicate as a count; no house code, village or ID of Nakhon Sawan reaches the page."""
    from tests.fixtures import household_export

    ubon = importers.import_households(gapped_export()[0], "ubon.csv").persons
    shared_id = str(ubon["citizen_id"].iloc[0])
    other = household_export.build(("600102",), households_per_tambon=5, seed=3, id_offset=7)
    lines = other.text.split("\r\n")
    cells = lines[1].split(",")
    cells[0] = shared_id
    lines[1] = ",".join(cells)
    raw = "\r\n".join(lines).encode("cp874")
    register_file(store, access.Viewer("admin", "admin", ()), raw, "ns", tmp_path / "home")
    app = page("pages/completeness.py", PLANNER, **AMPHOE)
    assert metric(app, "lnk_two_provinces") == "1"
    listed = next(d.value for d in app.dataframe if "elsewhere" in d.value.columns)
    assert listed["elsewhere"].tolist() == [1]
    assert not listed["house_code"].str.startswith("60").any()
    assert shared_id not in listed["citizen_id"].tolist()  # masked for a planner
    every_cell = " ".join(str(v) for d in app.dataframe for v in d.value.to_numpy().ravel())
    assert "600102" not in every_cell and shared_id not in every_cell
    assert len(audit.query_events(store, action="view_linkage")) == 1


ADMIN = access.Viewer("admin", "admin", ())
SWEEP = {
    "country": {"source": "households"},
    "province": {"source": "households", "province_households": "34"},
    "tambon": TAMBON,
    "no_households": {"source": "households", "province_households": "60"},
    "municipal": {
        "source": "households",
        "province_households": "60",
        "amphoe_households_60": "6001",
        "tambon_households_6001": "600151",
    },
    "aggregates": {"source": "real", "province_real": "34"},
}


@pytest.mark.parametrize("where", list(SWEEP))
def test_every_kind_of_area_draws_without_an_error(store, where):
    app = page("pages/completeness.py", ADMIN, "en", **SWEEP[where])
    assert not app.error, [e.value for e in app.error]
    assert app.metric or app.info  # the figures, or why there are none

"""The menu and plans pages outside the pilots (AppTest): Ubon (34) from an imported file, its
ordinary tambon, its municipal pseudo-tambon and a link to a village code with a letter, in
Thai and English, for a planner and a field team of the municipality."""

from __future__ import annotations

import re

import pytest

from analytics.domain import access
from analytics.text import labels
from store import audit
from store import plans as plan_store
from tests.analytics.services.beyond_pilots import MUNICIPAL, TAMBON, ubon_export
from tests.pages.apptest_support import deferred_downloads, imported_store, open_page
from ui import plan_views

PLANNER = access.Viewer("planner_ubon", "planner", ("34",), "นักวางแผนอุบล")
FIELD = access.Viewer("field_muni", "field", (MUNICIPAL,), "ทีมเทศบาล")
AMPHOE = {"source": "households", "province_households": "34", "amphoe_households_34": "3401"}
AREAS = {
    "tambon": {**AMPHOE, "tambon_households_3401": TAMBON},
    "municipal": {**AMPHOE, "tambon_households_3401": MUNICIPAL},
}


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh database and data home holding only the Ubon file (no demo)."""
    with imported_store(tmp_path, monkeypatch, PLANNER, ubon_export(), "ubon") as engine:
        yield engine


def clean(app) -> None:
    assert not app.error, [e.value for e in app.error]


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("where", list(AREAS))
def test_planner_plans_a_non_pilot_tambon_and_municipality(store, where, lang):
    app = open_page("pages/plans.py", PLANNER, lang, **AREAS[where])
    clean(app)
    area = app.session_state[plan_views.MEMO_KEY][1]
    assert len(area.households) == 40
    assert set(area.households["tambon"]) == {AREAS[where]["tambon_households_3401"]}
    assert len(app.tabs) == 5
    assert len(app.dataframe[0].value) > 0  # the area demand
    assert labels.t("builder_download_xlsx", lang) in [
        b.proto.label for b in app.get("download_button")
    ]


def test_a_link_to_a_village_with_a_letter_opens_its_municipality(store):
    app = open_page("pages/plans.py", PLANNER, "en", query={"area": "340151A101",
                                                             "source": "households"})  # fmt: skip
    clean(app)
    area = app.session_state[plan_views.MEMO_KEY][1]
    assert area.area_code == MUNICIPAL
    assert area.households["village_id"].str.startswith(MUNICIPAL + "A").all()


def test_field_team_of_the_municipality_records_a_step(store):
    app = open_page("pages/plans.py", FIELD, "th", **AREAS["municipal"])
    clean(app)
    houses = app.selectbox(key="plan_house").options
    assert len(houses) == 40
    app.button[0].click().run()  # the step form's save: "referred" for the first suggestion
    assert not app.exception, [e.message for e in app.exception]
    clean(app)
    house = app.selectbox(key="plan_house").value
    steps = plan_store.steps(store, [house.split(" ")[0]])
    assert steps[["tambon_code", "step", "recorded_by"]].values.tolist() == [
        [MUNICIPAL, "referred", "field_muni"]
    ]


def test_field_team_of_the_municipality_cannot_open_the_ordinary_tambon(store):
    app = open_page("pages/plans.py", FIELD, "en", **AREAS["tambon"])
    assert not [s for s in app.selectbox if s.key == "plan_house"]
    assert app.warning


def test_planner_of_ubon_edits_ubons_menu(store):
    app = open_page("pages/menu.py", PLANNER, "en", source="households", province_households="34")
    clean(app)
    app.expander[0].number_input[0].set_value(850.0)
    app = app.expander[0].button[0].click().run()
    clean(app)
    assert app.success
    history = app.dataframe[-1].value
    assert history.iloc[0]["By"] == "planner_ubon"


def test_plan_downloads_of_the_municipality_are_named_after_it_and_audited(store, monkeypatch):
    files = deferred_downloads(monkeypatch)
    app = open_page("pages/plans.py", PLANNER, "th", **AREAS["municipal"])
    clean(app)
    year = app.number_input(key="plan_year").value
    names = {f"chipao_plan_{MUNICIPAL}_{year}.xlsx", f"chipao_plan_{MUNICIPAL}_{year}.pdf"}
    assert names <= set(files), sorted(files)
    for name in names:
        assert bytes(files[name]())  # a click builds the file...
    events = audit.query_events(store, limit=50)
    exported = events[events["action"].isin(["export_xlsx", "export_pdf"])]
    assert sorted(exported["action"]) == ["export_pdf", "export_xlsx"]  # ...and audits it
    assert set(exported["area_code"]) == {MUNICIPAL}
    assert set(exported["username"]) == {"planner_ubon"}


@pytest.mark.parametrize("code", ["๓๔๐๑๕๑", "../../34", "340151/..", "3" * 300, "34\x00"])
def test_a_link_with_an_unusual_area_code_never_names_a_download_after_it(store, monkeypatch,
                                                                          code):  # fmt: skip
    """Attack: the address carries the area code that names the plan's download."""
    files = deferred_downloads(monkeypatch)
    app = open_page("pages/plans.py", PLANNER, "en", query={"area": code, "source": "households"})
    plain = re.compile(r"^chipao_plan_[0-9A-Za-z_]{1,10}_\d{4}\.(xlsx|pdf)$")
    assert all(plain.match(name) for name in files), sorted(files)
    assert not any(code in name for name in files)
    shown = app.query_params["area"]
    assert (shown[0] if isinstance(shown, list) else shown) != code  # the address is rewritten

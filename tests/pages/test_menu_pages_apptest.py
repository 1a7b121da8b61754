"""The menu and plans pages in both languages and by role (AppTest), with the attacks:
a planner cannot edit another province's menu; a field user sees only their tambons."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access
from analytics.services import menu as menu_service
from store import get_engine, migrate
from store import menu as menu_store
from tests.pages.apptest_support import HOUSEHOLDS_2561, open_page
from tests.pages.test_visits_apptest import database  # noqa: F401  (fixture)
from ui import plan_views

PLANNER = access.Viewer("planner", "planner", ("19",))
FIELD = access.Viewer("field", "field", ("190110", "190109"))
ADMIN = access.Viewer("admin", "admin")
EXECUTIVE = access.Viewer("exec", "executive")
TAMBON = {"province_households": "19", "amphoe_households_19": "1901",
          "tambon_households_1901": "190110"}  # fmt: skip


def page(path: str, viewer, lang="en", **state) -> AppTest:
    return open_page(path, viewer, lang, **{**HOUSEHOLDS_2561, **state})


@pytest.mark.parametrize("lang", ["th", "en"])
def test_menu_page_lists_the_catalogue_in_both_languages(database, lang):  # noqa: F811
    app = page("pages/menu.py", PLANNER, lang, province_households="19")
    assert not app.error, [e.value for e in app.error]
    table = app.dataframe[0].value
    assert len(table) == 52
    title = "เมนูแก้จน" if lang == "th" else "Poverty-solving menu"
    assert app.title[0].value == title


def test_field_user_reads_the_menu_but_cannot_edit(database):  # noqa: F811
    app = page("pages/menu.py", FIELD, **TAMBON)
    assert any("Your role reads the menu" in i.value for i in app.info)
    assert not app.expander


def test_planner_edits_own_province_and_history_records_who(database):  # noqa: F811
    app = page("pages/menu.py", PLANNER, province_households="19")
    app.expander[0].number_input[0].set_value(750.0)
    app.expander[0].button[0].click().run()
    assert any("Saved" in s.value for s in app.success), [e.value for e in app.error]
    history = app.dataframe[-1].value
    assert history.iloc[0]["By"] == "planner"
    assert history.iloc[0]["Change"].startswith("amount = 750.0")


def test_planner_cannot_edit_another_provinces_menu(database):  # noqa: F811
    engine = get_engine()
    migrate(engine)
    with pytest.raises(access.AccessDenied):
        menu_service.edit_programme(engine, PLANNER, "60", "old_age_70", "change", {"amount": 1})
    with pytest.raises(access.AccessDenied):
        menu_service.edit_programme(engine, PLANNER, None, "old_age_70", "retire", {})
    assert menu_store.edits(engine, "60").empty
    menu_service.edit_programme(engine, ADMIN, "60", "old_age_70", "change", {"amount": 1})
    assert len(menu_store.edits(engine, "60")) == 1


@pytest.mark.parametrize("lang", ["th", "en"])
def test_plans_page_shows_demand_and_builder_for_a_planner(database, lang):  # noqa: F811
    app = page("pages/plans.py", PLANNER, lang, **TAMBON)
    assert not app.error, [e.value for e in app.error]
    demand = app.dataframe[0].value
    assert len(demand) > 0
    assert len(app.tabs) == 5


def test_field_user_sees_only_households_of_their_tambons(database):  # noqa: F811
    app = page("pages/plans.py", FIELD, **TAMBON)
    houses = app.selectbox(key="plan_house").options
    matched = app.session_state[plan_views.MEMO_KEY][1].households
    assert len(houses) == len(matched) > 0
    assert set(matched["tambon"]) == {"190110"}
    other = page("pages/plans.py", FIELD, province_households="19",
                 amphoe_households_19="1901", tambon_households_1901="190101")  # fmt: skip
    picker = [s for s in other.selectbox if s.key == "plan_house"]
    assert not picker, "a field user got a household picker outside their tambons"
    assert any("outside your areas" in w.value for w in other.warning)


def test_executive_is_refused_household_suggestions(database):  # noqa: F811
    app = page("pages/plans.py", EXECUTIVE, **TAMBON)
    assert app.warning
    assert not [s for s in app.selectbox if s.key == "plan_house"]


def test_visit_form_menu_pick_becomes_a_referred_step(database):  # noqa: F811
    from store import plans
    from tests.pages.test_visits_apptest import open_household, save, visits_page

    app = visits_page()
    house = open_household(app)
    key = f"visit_{house}_0"
    menu_box = app.selectbox(key=f"{key}_menu")
    assert menu_box.options, "the menu item is a pick from the household's matches"
    menu_box.set_value("sufficiency_home")
    app.selectbox(key=f"{key}_status").set_value("assisted")
    save(app)
    assert not app.error, [e.value for e in app.error]
    steps = plans.steps(get_engine(), [house])
    assert steps[["programme_id", "step"]].values.tolist() == [["sufficiency_home", "referred"]]


def test_target_list_has_a_suggested_help_column(database):  # noqa: F811
    app = page("pages/targets.py", PLANNER, **TAMBON)
    listed = [d.value for d in app.dataframe if "suggested_help" in d.value.columns]
    assert listed and listed[0]["suggested_help"].str.len().gt(0).any()

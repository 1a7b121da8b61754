"""Landing, a link's parameters and remembered choices on the pages themselves (AppTest).

AppTest has no cookies: a sign-in is the viewer in session state plus ``_landing_due`` (what the
sign-in form sets), a link is ``app.query_params``."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access
from store import db, preferences
from store.db import dispose_engines
from store.preferences import Preference
from ui import cache, visits_data

REPO = Path(__file__).resolve().parents[2]
PLANNER = access.Viewer("planner", "planner", ("19",))
FIELD = access.Viewer("field", "field", ("190110", "190109"))
EXECUTIVE = access.Viewer("exec", "executive")


def _clear_caches() -> None:
    cache.clear_data()
    dispose_engines()


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    """A fresh database per test (preferences start empty) and the small synthetic set."""
    monkeypatch.setenv("CHIPAO_SYNTHETIC_SCALE", "0.05")
    url = f"sqlite:///{tmp_path / 'chipao.db'}"
    monkeypatch.setenv("CHIPAO_DATABASE_URL", url)
    _clear_caches()
    yield url
    _clear_caches()


def open_app(viewer, signed_in: bool = True, page: str = "dashboard.py", **params) -> AppTest:
    app = AppTest.from_file(str(REPO / page), default_timeout=240)
    app.session_state["viewer"] = viewer
    app.session_state["_landing_due"] = signed_in  # what a sign-in sets
    for name, value in params.items():
        app.query_params[name] = value
    return app.run()


def clean(app: AppTest) -> None:
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def params(app: AppTest) -> dict[str, str]:
    """The address the page wrote (AppTest may keep each parameter as a list)."""
    return {k: v[0] if isinstance(v, list) else v for k, v in app.query_params.items()}


def stored(url: str, username: str) -> Preference | None:
    return preferences.get_preference(db.get_engine(url), username)


def test_planner_lands_on_own_province_household_data_latest_year(database):
    app = open_app(PLANNER)
    clean(app)
    state = app.session_state
    assert state["source"] == "households"
    assert state["province_households"] == "19"
    assert state["year_households"] == 2564
    assert params(app) == {"area": "19", "year": "2564", "lang": "th", "source": "households"}
    assert stored(database, "planner") == Preference("th", "19", "households", 2564)


def test_link_parameters_select_area_year_and_language(database):
    app = open_app(PLANNER, signed_in=False, area="190110", year="2561", lang="en")
    clean(app)
    state = app.session_state
    source = state["source"]
    assert state["lang"] == "en"
    assert state[f"province_{source}"] == "19"
    assert state[f"amphoe_{source}_19"] == "1901"
    assert state[f"tambon_{source}_1901"] == "190110"
    assert state[f"year_{source}"] == 2561
    assert not [c for c in app.caption if "ignored" in c.value]


def test_bad_link_values_are_ignored_with_a_bilingual_note_not_a_traceback(database):
    app = open_app(PLANNER, area="99ab", year="1234", lang="fr", source="x")
    clean(app)
    notes = [c.value for c in app.caption if "ignored" in c.value]
    assert notes and "area, year, lang, source" in notes[0] and "ไม่ใช้" in notes[0]
    assert app.session_state["province_households"] == "19"  # the landing default instead


def test_a_known_area_without_data_for_the_year_is_named_in_the_note(database):
    app = open_app(PLANNER, area="190110", year="2599", source="households")
    clean(app)
    notes = [c.value for c in app.caption if "ignored" in c.value]
    assert notes and "year" in notes[0]
    assert app.session_state["year_households"] == 2564


def test_stored_preference_is_restored_at_sign_in(database):
    engine = visits_data.engine()
    preferences.save_preference(engine, "planner", Preference("en", "1901", "households", 2562))
    app = open_app(PLANNER)
    clean(app)
    state = app.session_state
    assert state["lang"] == "en"
    assert state["amphoe_households_19"] == "1901"
    assert state["year_households"] == 2562


def test_link_parameters_win_over_the_stored_preference(database):
    engine = visits_data.engine()
    preferences.save_preference(engine, "planner", Preference("en", "1901", "households", 2562))
    app = open_app(PLANNER, area="190110", lang="th")
    clean(app)
    state = app.session_state
    assert state["lang"] == "th"
    assert state["tambon_households_1901"] == "190110"
    assert state["year_households"] == 2562  # not in the link: the preference's


def test_a_changed_choice_is_saved_and_an_out_of_scope_area_is_not(database):
    app = open_app(PLANNER)
    app.radio(key="lang").set_value("en").run()
    clean(app)
    assert stored(database, "planner") == Preference("en", "19", "households", 2564)
    app.selectbox(key="province_households").set_value("60").run()
    assert stored(database, "planner") == Preference("en", "19", "households", 2564)


def test_field_team_goes_to_its_tambon_target_list(database):
    app = open_app(FIELD)
    clean(app)
    assert app.session_state["tambon_households_1901"] == "190110"
    assert any("ชี้เป้า" in title.value for title in app.title)


def test_executive_goes_to_the_briefing_with_the_latest_year(database):
    app = open_app(EXECUTIVE)
    clean(app)
    assert app.session_state["year_households"] == 2564
    assert any("สรุปผู้บริหาร" in title.value for title in app.title)

"""The sign-in page and session handling with AppTest (no server: the session state holds the
sign-in, the cookie half is in tests/browser/test_session_browser.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access
from analytics.text import plain
from store import audit, db

REPO = Path(__file__).resolve().parents[2]
PLANNER = access.Viewer("planner", "planner", ("19",), "นักวางแผน")


def run(viewer=None, **state) -> AppTest:
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    if viewer is not None:
        app.session_state["viewer"] = viewer
    for key, value in state.items():
        app.session_state[key] = value
    return app.run()


def texts(app: AppTest) -> str:
    parts = [
        e.value
        for kind in ("caption", "markdown", "warning", "error", "info")
        for e in getattr(app, kind)
    ]
    return "\n".join(str(p) for p in parts)


def test_sign_in_page_does_not_advertise_demo_accounts_with_a_custom_users_file(
    tmp_path, monkeypatch
):
    users = tmp_path / "users.toml"
    users.write_text('[users.somchai]\nrole = "planner"\npassword_hash = "$2b$04$x"\n')
    monkeypatch.setenv("CHIPAO_USERS_FILE", str(users))
    monkeypatch.setenv("CHIPAO_DEMO", "0")
    app = run(lang="en")
    assert not app.exception
    assert "Demo accounts" not in texts(app) and "Demo mode" not in texts(app)
    assert app.text_input  # the form is there


def test_demo_mode_advertises_the_demo_accounts_and_shows_the_banner(monkeypatch):
    monkeypatch.delenv("CHIPAO_USERS_FILE", raising=False)
    monkeypatch.setenv("CHIPAO_DEMO", "1")
    app = run(lang="en")
    assert "Demo accounts" in texts(app) and "Demo mode" in texts(app)
    signed_in = run(PLANNER, lang="en")
    assert "Demo mode" in signed_in.warning[0].value  # the banner on every page


def test_missing_users_file_gives_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIPAO_USERS_FILE", str(tmp_path / "absent.toml"))
    app = run(lang="en")
    assert not app.exception
    assert "No users file" in app.error[0].value


def test_wrong_password_is_refused_and_audited(monkeypatch):
    engine = db.get_engine()
    db.migrate(engine)
    before = len(audit.query_events(engine, action="sign_in_failed"))
    app = run(lang="en")
    app.text_input[0].input("planner")
    app.text_input[1].input("not-the-password")
    app.button[0].click().run()
    assert "Wrong username or password" in app.error[0].value
    events = audit.query_events(engine, action="sign_in_failed")
    assert len(events) == before + 1
    assert events.iloc[0]["username"] == "planner"
    assert "not-the-password" not in events.to_csv()


def test_sign_out_clears_every_piece_of_session_state():
    app = run(PLANNER, lang="en", source="households", province_households="19", _last_audit="x")
    assert not app.exception
    app.button(key="sign_out").click().run()
    for key in ("viewer", "source", "province_households", "_last_audit"):
        assert key not in app.session_state, key
    assert app.session_state["lang"] == "en"  # the language is kept
    assert app.text_input  # back to the sign-in form


def test_idle_session_is_signed_out():
    app = run(PLANNER, lang="en", _auth_last_seen=time.time() - 10 * 3600)
    assert not app.metric
    assert "timed out" in app.info[0].value
    assert "viewer" not in app.session_state


@pytest.mark.parametrize(
    "name",
    ["![x](http://outside.example/pixel.png)", "[click](javascript:alert(1))", ":red[big]"],
)
def test_pilot_name_markdown_is_shown_as_text(name):
    app = AppTest.from_string(
        f"import streamlit as st\nfrom analytics.text import plain\nst.markdown(plain.md_escape({name!r}))"
    ).run()
    assert not app.exception
    escaped = plain.md_escape(name)
    assert "\\!" in escaped or "\\[" in escaped or "\\:" in escaped
    assert app.markdown[0].value == escaped


def test_admin_pilot_name_with_an_outside_image_is_shown_as_text_on_the_briefing(monkeypatch):
    from analytics.domain import pilots
    from analytics.services import pilots as pilot_service
    from ui import cache

    evil = "![x{}](http://outside.example/pixel.png)"
    real = pilot_service.pilot_list(cache.engine)
    named = [
        pilots.PilotArea(evil.format(i), p.province, p.tambons, False) for i, p in enumerate(real)
    ]
    monkeypatch.setattr(pilot_service, "pilot_list", lambda engine: named)
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=120)
    app.session_state["viewer"] = access.Viewer("exec", "executive")
    app.session_state["lang"] = "en"
    app.switch_page("pages/briefing.py").run()
    assert not app.exception, app.exception
    markdown = "\n".join(m.value for m in app.markdown)
    assert "\\!\\[x" in markdown  # the names are there, escaped (on main: images)
    assert "](http" not in markdown


def test_map_household_points_are_audited():
    engine = db.get_engine()
    db.migrate(engine)
    before = len(audit.query_events(engine, action="view_map_points"))
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=180)
    app.session_state["viewer"] = access.Viewer("field", "field", ("190110", "190109"))
    for key, value in {
        "lang": "en",
        "source": "households",
        "province_households": "19",
        "amphoe_households_19": "1901",
        "tambon_households_1901": "190110",
    }.items():
        app.session_state[key] = value
    app.switch_page("pages/map.py").run()
    assert not app.exception, app.exception
    events = audit.query_events(engine, action="view_map_points")
    assert len(events) == before + 1  # on main: household locations left no trace
    assert events.iloc[0]["area_code"] == "190110" and events.iloc[0]["rows"] > 0

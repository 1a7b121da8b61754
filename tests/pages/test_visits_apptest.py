"""The visit page under failure, with Streamlit's AppTest: a refused or failed save keeps every
typed field; a read-only or unreachable database gives a clear message, never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access
from store import (
    dispose_engines,
    get_engine,
    log_event,
    migrate,
    query_events,
    record_visit,
)
from tests.store import add_version
from tests.support.postgres import own_postgres  # noqa: F401  (fixture)
from tests.support.postgres import pg_ctl as _pg_ctl
from ui import cache, visits_data

REPO = Path(__file__).resolve().parents[2]
FIELD = access.Viewer("field", "field", ("190110", "190109"), "ทีมทดสอบ")
TAMBON = {
    "source": "households",
    "province_households": "19",
    "amphoe_households_19": "1901",
    "tambon_households_1901": "190110",
}
TYPED = {
    "team": "ทีม อสม. หมู่ 3",
    "f_health": "ผู้สูงอายุติดเตียง",
    "f_income": "รายได้ต่ำกว่าเกณฑ์",
    "help": "มอบถุงยังชีพ ประสาน อบต. ซ่อมหลังคา",
    "menu": "sufficiency_home",  # a pick from the menu (issue 13), no longer free text
    "notes": "นัดพบผู้ใหญ่บ้านอีกครั้ง",
}


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A fresh SQLite logbook per test, and a small synthetic set; caches cleared around it."""
    monkeypatch.setenv("CHIPAO_SYNTHETIC_SCALE", "0.05")
    path = tmp_path / "chipao.db"
    monkeypatch.setenv("CHIPAO_DATABASE_URL", f"sqlite:///{path}")
    _clear_caches()
    yield path
    _clear_caches()


def _clear_caches() -> None:
    cache.clear_data()
    dispose_engines()


def use_database(monkeypatch, url: str) -> None:
    monkeypatch.setenv("CHIPAO_DATABASE_URL", url)
    visits_data.engine.clear()


def visits_page(viewer=FIELD, lang="th") -> AppTest:
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=120)
    app.session_state["viewer"] = viewer
    app.session_state["lang"] = lang
    for key, value in TAMBON.items():
        app.session_state[key] = value
    app.run()
    app.switch_page("pages/visits.py").run()
    assert not app.exception, app.exception
    return app


def open_household(app: AppTest) -> str:
    picker = app.selectbox(key="household_190110")
    house_code = picker.options[0].split(" · ")[0]
    picker.set_value(house_code).run()
    assert not app.exception, app.exception
    return house_code


def type_everything(app: AppTest, house_code: str) -> str:
    key = f"visit_{house_code}_0"
    for name, value in TYPED.items():
        if name == "menu":
            app.selectbox(key=f"{key}_menu").set_value(value)
            continue
        widget = app.text_area if name in ("help", "notes") else app.text_input
        widget(key=f"{key}_{name}").input(value)
    app.text_input(key=f"{key}_agency").input("ก" * 201)  # too long: refused as well
    return key


def save(app: AppTest) -> None:
    [button] = [b for b in app.button if b.label in ("บันทึก", "Save")]
    button.click().run()
    assert not app.exception, app.exception


def assert_fields_kept(app: AppTest, key: str) -> None:
    for name, value in TYPED.items():
        widget = app.text_area if name in ("help", "notes") else app.text_input
        widget = app.selectbox if name == "menu" else widget
        assert widget(key=f"{key}_{name}").value == value, name
    assert app.text_input(key=f"{key}_agency").value == "ก" * 201


def test_rejected_visit_keeps_every_typed_field_and_says_what_to_fix(database):
    app = visits_page()
    house_code = open_household(app)
    key = type_everything(app, house_code)
    save(app)  # no status, agency of 201 characters
    message = app.error[0].value
    assert "ยังไม่ได้บันทึก" in message and "สถานะ / Status" in message
    assert "status is required" in message
    assert "หน่วยงานที่ส่งต่อ" in message and "longer than 200 characters" in message
    assert "ข้อมูลที่กรอกยังอยู่ในแบบฟอร์ม" in message
    assert_fields_kept(app, key)
    assert app.selectbox(key=f"{key}_status").value is None


def test_failed_save_on_a_read_only_database_keeps_the_fields_and_the_retry_saves(
    database, monkeypatch
):
    app = visits_page()
    house_code = open_household(app)
    key = type_everything(app, house_code)
    app.text_input(key=f"{key}_agency").input("อบต. ปากข้าวสาร")
    app.selectbox(key=f"{key}_status").set_value("assisted")
    use_database(monkeypatch, f"sqlite:///file:{database}?mode=ro&uri=true")
    save(app)
    message = app.error[0].value
    assert "ยังไม่ได้บันทึกการเยี่ยม" in message and "read-only" in message
    assert app.text_area(key=f"{key}_help").value == TYPED["help"]
    assert app.selectbox(key=f"{key}_status").value == "assisted"

    use_database(monkeypatch, f"sqlite:///{database}")
    save(app)  # the same input, retried
    assert not app.error
    assert app.success[0].value == "บันทึกการเยี่ยมแล้ว"
    cards = " ".join(m.value for m in app.markdown).replace("\\", "")  # markdown escapes
    for text in (TYPED["help"], TYPED["f_health"], "บ้านพอเพียง", "อบต. ปากข้าวสาร"):
        assert text in cards, text
    assert app.text_area(key=f"visit_{house_code}_1_help").value == ""  # a fresh form


def test_picker_view_is_audited_once_with_its_row_count(database):
    app = visits_page()
    options = len(app.selectbox(key="household_190110").options)
    open_household(app)
    app.run()
    events = query_events(get_engine())
    events = events[events["action"].str.startswith("view_")]  # not the demo's registration
    assert list(events["action"]) == ["view_household", "view_picker"]
    picker = events[events["action"] == "view_picker"].iloc[0]
    assert (picker["area_code"], picker["rows"]) == ("190110", options)


def test_household_is_refused_clearly_when_its_view_cannot_be_audited(database, monkeypatch):
    visits_page()  # the demo dataset is registered while the database is writable
    use_database(monkeypatch, f"sqlite:///file:{database}?mode=ro&uri=true")
    _clear_caches()
    app = visits_page(lang="en")
    assert "cannot be recorded in the audit log" in app.error[0].value
    assert "read-only" in app.error[0].value
    assert not [s for s in app.selectbox if s.key == "household_190110"]  # no list shown


def test_unreachable_postgresql_gives_a_message_on_the_visit_page_and_the_briefing(
    database, monkeypatch
):
    use_database(monkeypatch, "postgresql+psycopg2://chipao@127.0.0.1:9/chipao")
    app = visits_page(lang="en")
    assert "cannot be reached" in app.error[0].value
    # household datasets are listed in the database: the briefing falls back to the real tables
    app.session_state["source"] = "real"
    app.switch_page("pages/briefing.py").run()
    assert not app.exception, app.exception
    assert any("Visit progress cannot be shown" in c.value for c in app.caption)
    assert app.metric  # the rest of the briefing is there


def test_audit_rows_of_a_writable_database_are_unchanged_by_reads(database):
    engine = get_engine(f"sqlite:///{database}")
    migrate(engine)
    log_event(engine, username="x", role="field", action="view_list", area_code="19", rows=1)
    assert len(query_events(engine)) == 1


@pytest.mark.postgres
def test_postgresql_stopped_mid_session_keeps_the_form_and_the_retry_saves(
    database,
    monkeypatch,
    own_postgres,  # noqa: F811
):
    cluster, url = own_postgres
    use_database(monkeypatch, url)
    app = visits_page(lang="en")
    house_code = open_household(app)
    key = type_everything(app, house_code)
    app.text_input(key=f"{key}_agency").input("อบต. ปากข้าวสาร")
    app.selectbox(key=f"{key}_status").set_value("assisted")
    _pg_ctl(cluster, "stop")
    save(app)
    assert "The visit was not saved" in app.error[0].value
    assert "cannot be reached" in app.error[0].value
    assert_fields_kept_but_agency(app, key)
    _pg_ctl(cluster, "start")
    save(app)
    assert app.success[0].value == "Visit saved"
    assert TYPED["help"] in " ".join(m.value for m in app.markdown).replace("\\", "")


def assert_fields_kept_but_agency(app: AppTest, key: str) -> None:
    for name, value in TYPED.items():
        widget = app.text_area if name in ("help", "notes") else app.text_input
        widget = app.selectbox if name == "menu" else widget
        assert widget(key=f"{key}_{name}").value == value, name
    assert app.selectbox(key=f"{key}_status").value == "assisted"


def test_timeline_card_shows_amended_visit_and_user_text_as_text(database):
    app = visits_page(lang="en")
    house_code = open_household(app)
    engine = get_engine(f"sqlite:///{database}")
    saved = record_visit(
        engine,
        {
            "house_code": house_code,
            "tambon_code": "190110",
            "visit_date": date(2025, 11, 3),
            "team": "ทีม [link](http://evil.example)",
            "status": "in_progress",
            "notes": "![x](http://evil.example/x.png) **bold**",
        },
        user="field",
        known_household=lambda _code: True,
    )
    add_version(engine, saved.visit_uid, "field", status="assisted")
    app.run()
    assert not app.exception, app.exception
    assert [e.label for e in app.expander] == ["Earlier versions (1)"]
    text = " ".join(m.value for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert "Amended · version 2" in text
    assert "](http" not in text.replace("\\]\\(http", "")  # links and images escaped
    assert "\\!\\[x\\]\\(http" in text

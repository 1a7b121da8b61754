"""No traceback on screen: the hook from ui/errors.py, installed once by page_frame."""

from __future__ import annotations

import logging
import textwrap
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import streamlit as st
from analytics.data import sources
from ui import errors

errors.install()
mode = st.session_state.get("mode")
st.write("page start")
if mode == "stop":
    st.stop()
if mode == "rerun" and not st.session_state.get("rerun_done"):
    st.session_state["rerun_done"] = True
    st.rerun()
if mode == "switch":
    st.switch_page("pages/other.py")
if mode == "missing":
    raise sources.DataNotAvailable("no_village_table")
if mode == "callback":
    def boom():
        raise KeyError("1234567890121")
    st.button("go", on_click=boom)
if mode in (None, "crash"):
    raise RuntimeError("สมชาย ใจดี 1234567890121 /srv/secret.db")
st.write("page end")
"""


@pytest.fixture
def app_dir(tmp_path):
    (tmp_path / "main.py").write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "other.py").write_text("import streamlit as st\nst.write('other')\n")
    return tmp_path


class _Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def logs():
    handler = _Records()
    loggers = [logging.getLogger("chipao.errors"), logging.getLogger("streamlit.error_util")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler.records
    for logger in loggers:
        logger.removeHandler(handler)


def run(app_dir, **state) -> AppTest:
    app = AppTest.from_file(str(app_dir / "main.py"), default_timeout=60)
    for key, value in state.items():
        app.session_state[key] = value
    return app.run()


def test_unexpected_error_shows_a_message_and_reference_not_a_traceback(app_dir, logs):
    app = run(app_dir, mode="crash", lang="en")
    assert not app.exception  # no st.exception element: no traceback, path or message
    [error] = app.error
    assert "unexpected error" in error.value
    reference = error.value.split("reference ")[1][:8]
    logged = "\n".join(r.getMessage() for r in logs)
    assert reference in logged and "RuntimeError" in logged and "main.py" in logged
    # no personal data and no exception message in the server log
    for secret in ("สมชาย", "1234567890121", "/srv/secret.db"):
        assert secret not in logged
        assert secret not in error.value
    assert not [r for r in logs if r.getMessage() == "Uncaught app execution"]


def test_unexpected_error_in_a_callback_is_handled_too(app_dir, logs):
    app = run(app_dir, mode="callback", lang="th")
    app.button[0].click().run()
    assert not app.exception
    assert "เลขอ้างอิง" in app.error[0].value
    assert "1234567890121" not in "\n".join(r.getMessage() for r in logs)


def test_data_not_available_is_an_information_message(app_dir):
    app = run(app_dir, mode="missing", lang="en")
    assert not app.exception and not app.error
    assert "village tables for the 3 pilot provinces only" in app.info[0].value


def test_stop_rerun_and_switch_page_still_work_with_the_hook(app_dir):
    stopped = run(app_dir, mode="stop")
    assert not stopped.exception and not stopped.error
    assert [m.value for m in stopped.markdown] == ["page start"]
    rerun = run(app_dir, mode="rerun")
    assert not rerun.exception and not rerun.error
    assert rerun.session_state["rerun_done"]
    assert [m.value for m in rerun.markdown] == ["page start", "page end"]
    switched = run(app_dir, mode="switch")
    assert not switched.exception and not switched.error
    assert [m.value for m in switched.markdown] == ["other"]


def test_shipped_config_shows_no_error_details():
    with open(REPO / ".streamlit" / "config.toml", "rb") as fh:
        config = tomllib.load(fh)
    assert config["client"]["showErrorDetails"] == "none"

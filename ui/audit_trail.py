"""Writing the audit log from pages: events, and files audited when they are built.

``audited_file`` wraps a deferred ``st.download_button`` callable: the row is written when the
file is generated for the browser, so a client that never sends the follow-up rerun (the
``on_click``) is still recorded. If the row cannot be written, the file is not delivered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.engine import Engine

from analytics import access
from store import audit, db

log = logging.getLogger(__name__)
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """The database (SQLite file by default, PostgreSQL by CHIPAO_DATABASE_URL), migrated."""
    eng = db.get_engine()
    db.migrate(eng)
    return eng


def record(
    username: str, role: str, action: str, area_code: str = "", rows: int = 0, detail: str = ""
) -> None:
    audit.log_event(
        engine(),
        username=username,
        role=role,
        action=action,
        area_code=area_code,
        rows=rows,
        detail=detail,
    )


def record_best_effort(username: str, role: str, action: str, detail: str = "") -> bool:
    """Sign-in events: a database that is down must not lock everyone out (logged instead)."""
    try:
        record(username, role, action, detail=detail)
    except Exception as error:  # noqa: BLE001 - any database failure
        log.error("audit %s not written: %s", action, type(error).__name__)
        return False
    return True


def audited_file(
    make: Callable[[], T], viewer: access.Viewer, action: str, area_code: str, rows: int
) -> Callable[[], T]:
    """``make`` that first writes the audit row (engine captured now: the deferred call runs
    outside the page script)."""
    eng = engine()

    def build() -> T:
        audit.log_event(
            eng,
            username=viewer.username,
            role=viewer.role,
            action=action,
            area_code=area_code,
            rows=rows,
        )
        return make()

    return build

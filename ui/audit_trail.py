"""Writing the audit log from pages: events, and files audited when they are built.

``audited_file`` wraps a deferred ``st.download_button`` callable: the row is written when the
file is generated for the browser, so a client that never sends the follow-up rerun (the
``on_click``) is still recorded. If the row cannot be written, the file is not delivered.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.engine import Engine

from analytics.auth import passwords
from analytics.domain import access, catalogue
from analytics.services.audit import (  # noqa: F401 - names other modules use
    PILOT_HISTORY_COLUMNS,
    action_word,
    filter_word,
    role_word,
    shown_time,
)
from store import audit

log = logging.getLogger(__name__)
T = TypeVar("T")


def engine() -> Engine:
    """The database (SQLite file by default, PostgreSQL by CHIPAO_DATABASE_URL), migrated."""
    from ui import cache  # which imports this module lazily

    return cache.engine()


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


def record_once(viewer: access.Viewer, action: str, area_code: str, rows: int) -> None:
    """Record a view once per distinct (action, area, rows), not on every rerun of it."""
    state_key = f"_audited_{action}"
    signature = (area_code, rows)
    if st.session_state.get(state_key) != signature:
        record(viewer.username, viewer.role, action, area_code, rows)
        st.session_state[state_key] = signature


def note_config_changes() -> None:
    """Once per server start (``ui.cache``): see :func:`check_config_files`."""
    from ui import cache

    cache.note_config_changes()


def check_config_files() -> None:
    """Rules and users live in files edited outside the app: once per server start, record a
    ``rules_changed`` / ``users_changed`` event when a file's checksum differs from the last
    one recorded (the first start records the baseline)."""
    files = {"rules_changed": catalogue.CATALOGUE_DIR / "rules.toml"}
    files["users_changed"] = passwords.users_file()
    for action, path in files.items():
        try:
            digest = "sha256=" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        except OSError:
            digest = "missing"
        # a hex digest may hold a long run of digits, which the audit log refuses: cut it
        digest = re.sub(r"\d{9,}", lambda m: m.group(0)[:8], digest)
        try:
            last = audit.query_events(engine(), action=action, limit=1)
        except Exception:  # noqa: BLE001 - database down: pages still work, logged below
            log.error("audit: cannot read the last %s event", action)
            continue
        if last.empty or last["detail"].iloc[0] != digest:
            record_best_effort("system", "system", action, detail=digest)

"""Audit log: who signed in, looked at, exported, imported or changed what, for which area.

Only the area code, a row count and a short detail of counts or codes are stored — never names,
citizen IDs, house codes or passwords — and the checks below refuse anything that looks like
them, so the log itself holds no personal data.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store.db import read_connection, write_transaction
from store.models import AuditEvent, utcnow

log = logging.getLogger(__name__)

ACTIONS: tuple[str, ...] = (
    "view_list",
    "view_household",
    "view_picker",
    "record_visit",
    "export_csv",
    "export_xlsx",
    "export_pdf",
    "export_geojson",
    "export_kml",
    "view_map_points",
    "sign_in",
    "sign_in_failed",
    "sign_in_locked",
    "sign_out",
    "pilots_changed",
    "rules_changed",
    "users_changed",
    "view_audit",
    "export_audit_csv",
    "reconcile_thaiqm",
    "import_households",
    "upload_boundaries",
    "register_dataset",
    "retire_dataset",
    "restore_dataset",
    "replace_dataset",
    "send_followup",  # issue 14: completeness follow-up lists and linkage lists
    "view_linkage",
    "export_followup",
)
COLUMNS: tuple[str, ...] = (
    "id",
    "at",
    "username",
    "role",
    "action",
    "area_code",
    "rows",
    "detail",
)

_TABLE = cast(sa.Table, AuditEvent.__table__)
_ACTION = re.compile(r"[a-z][a-z0-9_]{0,49}")
# Country ("" or "TH"), province 2, amphoe 4, tambon 6 or village 8 digits. An 11-digit house
# code or a 13-digit citizen ID is refused.
_AREA = re.compile(r"(|TH|\d{2}|\d{4}|\d{6}|\d{6}[0-9A-Z]{2})")
_NAME = re.compile(r"[\w.@-]{1,100}")
# key=value pairs of counts and codes; a run of 9+ digits (house code, citizen ID) is refused
_DETAIL = re.compile(r"[A-Za-z0-9_=,.:/ -]{0,200}")
_LONG_NUMBER = re.compile(r"\d{9,}")


def log_event(
    engine: Engine,
    *,
    username: str,
    role: str,
    action: str,
    area_code: str,
    rows: int,
    detail: str = "",
) -> None:
    """Append one event. Raises ValueError for values that could carry personal data."""
    with write_transaction(engine) as conn:
        log_event_in(
            conn,
            username=username,
            role=role,
            action=action,
            area_code=area_code,
            rows=rows,
            detail=detail,
        )


def log_event_in(
    conn: Connection,
    *,
    username: str,
    role: str,
    action: str,
    area_code: str,
    rows: int,
    detail: str = "",
) -> None:
    """:func:`log_event` inside the caller's transaction (the event commits with the change)."""
    if not _DETAIL.fullmatch(detail or "") or _LONG_NUMBER.search(detail or ""):
        raise ValueError("detail must be up to 200 characters of counts and codes, no long numbers")
    if not _NAME.fullmatch(username or ""):
        raise ValueError("username must be 1-100 letters, digits, '.', '_', '-' or '@'")
    if not _NAME.fullmatch(role or ""):
        raise ValueError("role must be 1-100 letters, digits, '.', '_', '-' or '@'")
    if not _ACTION.fullmatch(action or ""):
        raise ValueError(f"action must be a lower-case code such as {ACTIONS[0]}")
    if not _AREA.fullmatch(area_code or ""):
        raise ValueError("area_code must be a province, amphoe, tambon or village code")
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
        raise ValueError("rows must be a whole number >= 0")
    if action not in ACTIONS:
        log.warning("audit action %r is not one of the known actions", action)
    conn.execute(
        sa.insert(_TABLE),
        {
            "at": utcnow(),
            "username": username,
            "role": role,
            "action": action,
            "area_code": area_code or "",
            "rows": rows,
            "detail": detail or "",
        },
    )
    log.info("audit: %s by role %s, area %s, %d rows", action, role, area_code or "-", rows)


def query_events(
    engine: Engine,
    *,
    since: date | None = None,
    until: date | None = None,
    username: str | None = None,
    role: str | None = None,
    action: str | None = None,
    area_prefix: str | None = None,
    limit: int = 10_000,
) -> pd.DataFrame:
    """Events matching every filter given (dates inclusive, UTC), newest first."""
    c = _TABLE.c
    query = sa.select(_TABLE)
    if since is not None:
        query = query.where(c.at >= datetime.combine(since, time(), tzinfo=UTC))
    if until is not None:
        query = query.where(c.at < datetime.combine(until + timedelta(days=1), time(), tzinfo=UTC))
    for column, value in ((c.username, username), (c.role, role), (c.action, action)):
        if value:
            query = query.where(column == value)
    if area_prefix:
        query = query.where(c.area_code.startswith(area_prefix, autoescape=True))
    query = query.order_by(c.at.desc(), c.id.desc()).limit(limit)
    with read_connection(engine) as conn:
        rows = [dict(row) for row in conn.execute(query).mappings()]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame.astype({"id": "int64", "rows": "int64", "detail": "str"})


def distinct_values(engine: Engine, column: str) -> list[str]:
    """The values seen in one column (username, role, action), for the audit page's filters."""
    col = _TABLE.c[column]
    with read_connection(engine) as conn:
        return sorted(v for (v,) in conn.execute(sa.select(col).distinct()) if v)

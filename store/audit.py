"""Audit log: who looked at or exported what, for which area, how many rows.

Only the area code and a row count are stored — never names, citizen IDs or house codes — and
the checks below refuse anything that looks like them, so the log itself holds no personal data.
"""

from __future__ import annotations

import logging
import re
from typing import cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db import read_connection, write_transaction
from store.models import AuditEvent, utcnow

log = logging.getLogger(__name__)

ACTIONS: tuple[str, ...] = (
    "view_list",
    "view_household",
    "record_visit",
    "export_csv",
    "export_xlsx",
    "export_pdf",
    "export_geojson",
    "export_kml",
    *("import_households", "upload_boundaries", "reconcile_thaiqm", "reconcile_thaiqm_matched", "reconcile_thaiqm_tpmap_only", "reconcile_thaiqm_thaiqm_only"),  # noqa: E501
)
COLUMNS: tuple[str, ...] = ("id", "at", "username", "role", "action", "area_code", "rows")

_TABLE = cast(sa.Table, AuditEvent.__table__)
_ACTION = re.compile(r"[a-z][a-z0-9_]{0,49}")
# Country ("" or "TH"), province 2, amphoe 4, tambon 6 or village 8 digits. An 11-digit house
# code or a 13-digit citizen ID is refused.
_AREA = re.compile(r"(|TH|\d{2}|\d{4}|\d{6}|\d{8})")
_NAME = re.compile(r"[\w.@-]{1,100}")


def log_event(
    engine: Engine, *, username: str, role: str, action: str, area_code: str, rows: int
) -> None:
    """Append one event. Raises ValueError for values that could carry personal data."""
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
    with write_transaction(engine) as conn:
        conn.execute(
            sa.insert(_TABLE),
            {
                "at": utcnow(),
                "username": username,
                "role": role,
                "action": action,
                "area_code": area_code or "",
                "rows": rows,
            },
        )
    log.info("audit: %s by role %s, area %s, %d rows", action, role, area_code or "-", rows)


def recent_events(engine: Engine, limit: int = 100) -> pd.DataFrame:
    """The latest ``limit`` events, newest first."""
    query = sa.select(_TABLE).order_by(_TABLE.c.at.desc(), _TABLE.c.id.desc()).limit(limit)
    with read_connection(engine) as conn:
        rows = [dict(row) for row in conn.execute(query).mappings()]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame.astype({"id": "int64", "rows": "int64"})

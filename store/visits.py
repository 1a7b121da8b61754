"""Knock Knock: the visit logbook. Append-only: an amendment is a new version of the visit.

A *visit* is identified by ``visit_uid``; each save of it is a row with ``version`` 1, 2, ...
Nothing is ever updated or deleted, so every earlier version stays readable as it was recorded.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from analytics.domain import catalogue
from store.db import read_connection, write_transaction
from store.models import Visit, utcnow
from store.visit_checks import (
    FIELDS,
    VisitError,
    check_user,
    validate_visit,
)

log = logging.getLogger(__name__)

COLUMNS: tuple[str, ...] = (
    "id",
    "visit_uid",
    "version",
    *FIELDS,
    "recorded_by",
    "recorded_at",
)

_TABLE = cast(sa.Table, Visit.__table__)


@dataclass(frozen=True)
class VisitRecord:
    """One stored version of a visit."""

    id: int
    visit_uid: str
    version: int
    house_code: str
    tambon_code: str
    visit_date: date
    team: str
    findings: dict[str, str]
    help_given: str
    menu_item: str | None
    agency: str | None
    status: str
    next_visit_date: date | None
    critical: bool
    notes: str
    recorded_by: str
    recorded_at: datetime

    def fields(self) -> dict[str, Any]:
        """The caller-supplied fields (what :func:`validate_visit` returns)."""
        return {name: getattr(self, name) for name in FIELDS}


# --------------------------------------------------------------------------- writing


def _insert(conn: Connection, clean: Mapping[str, Any], uid: str, version: int, user: str) -> int:
    row = {**clean, "visit_uid": uid, "version": version}
    row.update(recorded_by=user, recorded_at=utcnow())
    return int(conn.execute(sa.insert(_TABLE).returning(_TABLE.c.id), row).scalar_one())


def _fetch(conn: Connection, row_id: int) -> VisitRecord:
    row = conn.execute(sa.select(_TABLE).where(_TABLE.c.id == row_id)).mappings().one()
    return VisitRecord(**row)


def record_visit(
    engine: Engine,
    data: Mapping[str, Any],
    *,
    user: str,
    known_household: Callable[[str], bool],
    today: date | None = None,
) -> VisitRecord:
    """Validate and save a new visit (version 1). Saves nothing if validation fails."""
    user = check_user(user)
    clean = validate_visit(data, known_household=known_household, today=today)
    with write_transaction(engine) as conn:
        record = _fetch(conn, _insert(conn, clean, str(uuid.uuid4()), 1, user))
    log.info("visit %s recorded in tambon %s", record.visit_uid, record.tambon_code)
    return record


# --------------------------------------------------------------------------- reading


def _frame(rows: Sequence[Mapping[Any, Any]], columns: Iterable[str]) -> pd.DataFrame:
    columns = list(columns)
    frame = pd.DataFrame([dict(row) for row in rows], columns=columns)
    if "recorded_at" in frame:
        frame["recorded_at"] = pd.to_datetime(frame["recorded_at"], utc=True)
    if "critical" in frame:
        frame["critical"] = frame["critical"].astype(bool)
    for name in ("id", "version"):
        if name in frame:
            frame[name] = frame[name].astype("int64")
    return frame


def _latest_rows(tambon_codes: Iterable[str] | None) -> sa.Select[Any]:
    """The latest version of each visit, with ``first_id`` (id of its version 1)."""
    versions = (
        sa.select(
            _TABLE.c.visit_uid,
            sa.func.max(_TABLE.c.version).label("latest"),
            sa.func.min(_TABLE.c.id).label("first_id"),
        )
        .group_by(_TABLE.c.visit_uid)
        .subquery()
    )
    query = sa.select(_TABLE, versions.c.first_id).join(
        versions,
        sa.and_(
            _TABLE.c.visit_uid == versions.c.visit_uid,
            _TABLE.c.version == versions.c.latest,
        ),
    )
    if tambon_codes is not None:
        query = query.where(_TABLE.c.tambon_code.in_(list(tambon_codes)))
    return query.order_by(_TABLE.c.visit_date.desc(), versions.c.first_id.desc())


def household_timeline(engine: Engine, house_code: str) -> pd.DataFrame:
    """Every version of every visit to a household, newest visit first, newest version first.

    ``current`` is True on the latest version of each visit.
    """
    latest = (
        sa.select(
            _TABLE.c.visit_uid,
            sa.func.max(_TABLE.c.version).label("latest"),
        )
        .where(
            _TABLE.c.visit_uid.in_(
                sa.select(_TABLE.c.visit_uid).where(_TABLE.c.house_code == house_code)
            )
        )
        .group_by(_TABLE.c.visit_uid)
        .subquery()
    )
    query = (
        sa.select(_TABLE, (_TABLE.c.version == latest.c.latest).label("current"))
        .join(latest, _TABLE.c.visit_uid == latest.c.visit_uid)
        .where(_TABLE.c.house_code == house_code)
    )
    with read_connection(engine) as conn:
        rows = list(conn.execute(query).mappings())
    frame = _frame(rows, [*COLUMNS, "current"])
    frame["current"] = frame["current"].astype(bool)
    if frame.empty:
        return frame
    # Order visits by their current date (an amendment may have changed it), then versions.
    visit_date = frame["visit_date"].where(frame["current"])
    first_id = frame.groupby("visit_uid")["id"].transform("min")
    frame["_date"] = visit_date.groupby(frame["visit_uid"]).transform("first")
    frame["_date"] = frame["_date"].fillna(frame["visit_date"])
    frame["_first"] = first_id
    frame = frame.sort_values(["_date", "_first", "version"], ascending=False, kind="stable")
    return frame.drop(columns=["_date", "_first"]).reset_index(drop=True)


def latest_visits(engine: Engine, tambon_codes: Iterable[str] | None = None) -> pd.DataFrame:
    """The latest version of every visit (optionally only in ``tambon_codes``), newest first."""
    with read_connection(engine) as conn:
        rows = list(conn.execute(_latest_rows(tambon_codes)).mappings())
    return _frame(rows, COLUMNS)


def latest_status_by_household(
    engine: Engine, tambon_codes: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per household, the status from its most recent visit.

    Most recent = latest visit date; on the same date, the visit entered last. Columns:
    house_code, tambon_code, visit_uid, status, visit_date, critical.
    """
    with read_connection(engine) as conn:
        rows = list(conn.execute(_latest_rows(tambon_codes)).mappings())
    columns = ["house_code", "tambon_code", "visit_uid", "status", "visit_date", "critical"]
    frame = _frame(rows, [*columns, "first_id"])
    # Rows arrive newest first, so the first row of each household is its latest visit.
    frame = frame.drop_duplicates("house_code", keep="first")
    return frame[columns].sort_values("house_code").reset_index(drop=True)


def progress_counts(engine: Engine, tambon_codes: Iterable[str] | None = None) -> pd.DataFrame:
    """Households per status (every status listed, in ศจพ. order, zero when none)."""
    latest = latest_status_by_household(engine, tambon_codes)
    counts = latest["status"].value_counts()
    names = catalogue.case_status_labels()
    return pd.DataFrame(
        {
            "status": list(names),
            "label_th": [text.th for text in names.values()],
            "label_en": [text.en for text in names.values()],
            "households": [int(counts.get(code, 0)) for code in names],
        }
    )


__all__ = [
    "COLUMNS",
    "FIELDS",
    "VisitError",
    "VisitRecord",
    "household_timeline",
    "latest_status_by_household",
    "latest_visits",
    "progress_counts",
    "record_visit",
    "validate_visit",
]

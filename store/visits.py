"""Knock Knock: the visit logbook. Append-only: an amendment is a new version of the visit.

A *visit* is identified by ``visit_uid``; each save of it is a row with ``version`` 1, 2, ...
Nothing is ever updated or deleted, so every earlier version stays readable as it was recorded.
"""

from __future__ import annotations

import logging
import random
import re
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from analytics import catalogue
from store.db import read_connection, write_transaction
from store.models import DIMENSION_CODES, STATUS_CODES, Visit, utcnow

log = logging.getLogger(__name__)

STATUSES: tuple[str, ...] = STATUS_CODES
STATUS_LABELS: dict[str, tuple[str, str]] = catalogue.case_status_labels()
DIMENSIONS: tuple[str, ...] = DIMENSION_CODES

# Fields a caller supplies; the rest (visit_uid, version, recorded_by/at) are set here.
FIELDS: tuple[str, ...] = (
    "house_code",
    "tambon_code",
    "visit_date",
    "team",
    "findings",
    "help_given",
    "menu_item",
    "agency",
    "status",
    "next_visit_date",
    "critical",
    "notes",
)
COLUMNS: tuple[str, ...] = (
    "id",
    "visit_uid",
    "version",
    *FIELDS,
    "recorded_by",
    "recorded_at",
)
MAX_AMEND_ATTEMPTS = 10

_TABLE = cast(sa.Table, Visit.__table__)
_HOUSE_CODE = re.compile(r"\d{11}")
_TAMBON_CODE = re.compile(r"\d{6}")
# Short fields are limited by their column (the same check on SQLite, which would store any
# length, and PostgreSQL, which would refuse with a DataError); free text by a setting.
SHORT_FIELDS: tuple[str, ...] = ("team", "menu_item", "agency")
FIELD_LENGTHS: dict[str, int] = {name: int(_TABLE.c[name].type.length) for name in SHORT_FIELDS}
MAX_TEXT_CHARS = int(catalogue.settings().get("visits", {}).get("max_text_chars", 5000))
FIELD_LENGTHS |= {"help_given": MAX_TEXT_CHARS, "notes": MAX_TEXT_CHARS}
_USER_LENGTH = int(_TABLE.c["recorded_by"].type.length)
_TRUE = {"1", "true", "yes", "y", "ใช่"}
_FALSE = {"0", "false", "no", "n", "ไม่ใช่", ""}


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


class VisitError(ValueError):
    """Every problem with a visit, each as (field, Thai message, English message)."""

    def __init__(self, errors: Iterable[tuple[str, str, str]]):
        self.errors: list[tuple[str, str, str]] = list(errors)
        super().__init__(
            "\n".join(f"{field}: {thai} / {english}" for field, thai, english in self.errors)
        )


# --------------------------------------------------------------------------- validation


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and value != value  # NaN from a DataFrame row


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value).strip()


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(_text(value))  # ValueError for anything else


def validate_visit(
    data: Mapping[str, Any],
    *,
    known_household: Callable[[str], bool],
    today: date | None = None,
) -> dict[str, Any]:
    """Return the cleaned fields of a visit, or raise :class:`VisitError` listing every problem.

    ``known_household(house_code)`` says whether the household exists in the loaded data;
    ``today`` (default: the machine's date) is the latest allowed visit date.
    """
    today = today or date.today()
    errors: list[tuple[str, str, str]] = []
    clean: dict[str, Any] = {}

    def error(field: str, thai: str, english: str) -> None:
        errors.append((field, thai, english))

    unknown = sorted(set(data) - set(FIELDS))
    for name in unknown:
        error(name, f"ไม่รู้จักช่อง {name}", f"unknown field {name}")

    house_code = _text(data.get("house_code"))
    if not house_code:
        error("house_code", "ต้องระบุรหัสบ้าน", "house code is required")
    elif not _HOUSE_CODE.fullmatch(house_code):
        error("house_code", "รหัสบ้านต้องเป็นตัวเลข 11 หลัก", "house code must be 11 digits")
    elif not known_household(house_code):
        error(
            "house_code",
            f"ไม่พบครัวเรือนรหัสบ้าน {house_code} ในข้อมูล",
            f"household {house_code} is not in the data (unknown household)",
        )
    clean["house_code"] = house_code

    tambon_code = _text(data.get("tambon_code"))
    if not _TAMBON_CODE.fullmatch(tambon_code):
        error("tambon_code", "รหัสตำบลต้องเป็นตัวเลข 6 หลัก", "tambon code must be 6 digits")
    clean["tambon_code"] = tambon_code

    visit_date: date | None = None
    if _missing(data.get("visit_date")):
        error("visit_date", "ต้องระบุวันที่เยี่ยม", "visit date is required")
    else:
        try:
            visit_date = _date(data["visit_date"])
        except (TypeError, ValueError):
            error(
                "visit_date",
                "วันที่เยี่ยมไม่ถูกต้อง (ใช้ ปปปป-ดด-วว)",
                "visit date is not a valid date (use YYYY-MM-DD)",
            )
        if visit_date is not None and visit_date > today:
            error(
                "visit_date",
                f"วันที่เยี่ยม {visit_date.isoformat()} อยู่ในอนาคต",
                f"visit date {visit_date.isoformat()} is in the future",
            )
    clean["visit_date"] = visit_date

    team = _text(data.get("team"))
    if not team:
        error("team", "ต้องระบุทีมที่ลงเยี่ยม", "team is required")
    clean["team"] = team

    status = _text(data.get("status"))
    allowed = ", ".join(STATUSES)
    if not status:
        error("status", "ต้องระบุสถานะ", "status is required")
    elif status not in STATUSES:
        error(
            "status",
            f"สถานะ {status} ไม่อยู่ในรายการ ({allowed})",
            f"status {status} is not one of {allowed}",
        )
    clean["status"] = status

    next_visit: date | None = None
    if not _missing(data.get("next_visit_date")):
        try:
            next_visit = _date(data["next_visit_date"])
        except (TypeError, ValueError):
            error(
                "next_visit_date",
                "วันนัดเยี่ยมครั้งถัดไปไม่ถูกต้อง (ใช้ ปปปป-ดด-วว)",
                "next visit date is not a valid date (use YYYY-MM-DD)",
            )
        if next_visit is not None and visit_date is not None and next_visit < visit_date:
            error(
                "next_visit_date",
                "วันนัดเยี่ยมครั้งถัดไปต้องไม่ก่อนวันที่เยี่ยม",
                "next visit date must not be before the visit date",
            )
    clean["next_visit_date"] = next_visit

    findings = data.get("findings") or {}
    if not isinstance(findings, Mapping):
        error(
            "findings",
            "ผลการเยี่ยมต้องเป็นรายการ มิติ → ข้อความ",
            "findings must map a dimension to text",
        )
        findings = {}
    bad = sorted(str(key) for key in findings if key not in DIMENSIONS)
    if bad:
        error(
            "findings",
            f"มิติ {', '.join(bad)} ไม่ถูกต้อง (ใช้ {', '.join(DIMENSIONS)})",
            f"unknown dimension {', '.join(bad)} (use {', '.join(DIMENSIONS)})",
        )
    clean["findings"] = {
        key: _text(findings[key]) for key in DIMENSIONS if key in findings and _text(findings[key])
    }

    critical = data.get("critical", False)
    if isinstance(critical, str) and critical.strip().lower() in _TRUE | _FALSE:
        critical = critical.strip().lower() in _TRUE
    if critical not in (True, False, 0, 1):
        error("critical", "ช่องเร่งด่วนต้องเป็น ใช่/ไม่ใช่", "critical must be yes or no")
    clean["critical"] = bool(critical) if critical in (True, False, 0, 1) else False

    clean["help_given"] = _text(data.get("help_given"))
    clean["notes"] = _text(data.get("notes"))
    clean["menu_item"] = _text(data.get("menu_item")) or None
    clean["agency"] = _text(data.get("agency")) or None
    errors.extend(_storable_text(clean))

    if errors:
        raise VisitError(errors)
    return clean


def _unstorable(text: str) -> bool:
    """NUL and lone surrogates: SQLite keeps them, PostgreSQL refuses them (text and JSONB)."""
    return any(ch == "\x00" or unicodedata.category(ch) == "Cs" for ch in text)


def _storable_text(clean: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Length and character checks, identical on every database."""
    errors = []
    texts = [(name, clean.get(name) or "", FIELD_LENGTHS[name]) for name in FIELD_LENGTHS]
    texts += [("findings", v, MAX_TEXT_CHARS) for v in clean.get("findings", {}).values()]
    for name, text, limit in texts:
        if len(text) > limit:
            errors.append(
                (
                    name,
                    f"ยาวเกิน {limit:,} ตัวอักษร (พิมพ์ไว้ {len(text):,} ตัวอักษร) กรุณาย่อ",
                    f"is longer than {limit:,} characters ({len(text):,} typed); please shorten it",
                )
            )
        elif _unstorable(text):
            errors.append(
                (
                    name,
                    "มีอักขระที่บันทึกไม่ได้ (อักขระควบคุม) กรุณาลบออก",
                    "contains a character that cannot be saved (a control character); remove it",
                )
            )
    return errors


def _check_user(user: str) -> str:
    user = _text(user)
    if not user:
        raise VisitError([("recorded_by", "ต้องระบุผู้บันทึก", "the recording user is required")])
    if len(user) > _USER_LENGTH or _unstorable(user):
        raise VisitError([("recorded_by", "ชื่อผู้บันทึกไม่ถูกต้อง", "the recording user is invalid")])
    return user


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
    user = _check_user(user)
    clean = validate_visit(data, known_household=known_household, today=today)
    with write_transaction(engine) as conn:
        record = _fetch(conn, _insert(conn, clean, str(uuid.uuid4()), 1, user))
    log.info("visit %s recorded in tambon %s", record.visit_uid, record.tambon_code)
    return record


def _latest(conn: Connection, visit_uid: str) -> VisitRecord | None:
    row = (
        conn.execute(
            sa.select(_TABLE)
            .where(_TABLE.c.visit_uid == visit_uid)
            .order_by(_TABLE.c.version.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return None if row is None else VisitRecord(**row)


def _is_unique_violation(error: IntegrityError) -> bool:
    if getattr(error.orig, "pgcode", None) == "23505":
        return True
    return "UNIQUE constraint failed" in str(error.orig)


def amend_visit(
    engine: Engine,
    visit_uid: str,
    changes: Mapping[str, Any],
    *,
    user: str,
    known_household: Callable[[str], bool],
    today: date | None = None,
) -> VisitRecord:
    """Save a new version of a visit: the latest version's fields with ``changes`` applied.

    Optimistic: read the latest version, validate, insert version + 1. If another amendment took
    that version number meanwhile, the unique (visit_uid, version) constraint rejects the insert
    and we start again from the new latest version, so its changes are kept too.
    """
    user = _check_user(user)
    for attempt in range(MAX_AMEND_ATTEMPTS):
        with read_connection(engine) as conn:
            current = _latest(conn, visit_uid)
        if current is None:
            raise VisitError(
                [("visit_uid", f"ไม่พบการเยี่ยม {visit_uid}", f"visit {visit_uid} not found")]
            )
        clean = validate_visit(
            {**current.fields(), **changes}, known_household=known_household, today=today
        )
        try:
            with write_transaction(engine) as conn:
                record = _fetch(conn, _insert(conn, clean, visit_uid, current.version + 1, user))
        except IntegrityError as error:
            if not _is_unique_violation(error):
                raise
            time.sleep(random.uniform(0, 0.01 * (attempt + 1)))
            continue
        log.info("visit %s amended to version %d", visit_uid, record.version)
        return record
    raise RuntimeError(f"visit {visit_uid}: gave up after {MAX_AMEND_ATTEMPTS} concurrent amends")


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
    return pd.DataFrame(
        {
            "status": list(STATUSES),
            "label_th": [STATUS_LABELS[code][0] for code in STATUSES],
            "label_en": [STATUS_LABELS[code][1] for code in STATUSES],
            "households": [int(counts.get(code, 0)) for code in STATUSES],
        }
    )


__all__ = [
    "COLUMNS",
    "DIMENSIONS",
    "FIELDS",
    "STATUSES",
    "STATUS_LABELS",
    "VisitError",
    "VisitRecord",
    "amend_visit",
    "household_timeline",
    "latest_status_by_household",
    "latest_visits",
    "progress_counts",
    "record_visit",
    "validate_visit",
]

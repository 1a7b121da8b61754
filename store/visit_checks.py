"""Checks on a visit before it is written: every field, with the same limits on every database.

Short fields are limited by their column (SQLite would store any length, PostgreSQL would refuse
with a DataError); free text by ``[visits] max_text_chars`` in settings.toml; characters that
PostgreSQL refuses (NUL, lone surrogates) are refused here too. Each problem is reported as
(field, Thai message, English message).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, cast

import pandas as pd
import sqlalchemy as sa

from analytics.domain import catalogue
from store.models import DIMENSION_CODES, STATUS_CODES, Visit

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


def check_user(user: str) -> str:
    user = _text(user)
    if not user:
        raise VisitError([("recorded_by", "ต้องระบุผู้บันทึก", "the recording user is required")])
    if len(user) > _USER_LENGTH or _unstorable(user):
        raise VisitError([("recorded_by", "ชื่อผู้บันทึกไม่ถูกต้อง", "the recording user is invalid")])
    return user

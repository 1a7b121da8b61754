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
from analytics.text import labels
from store.models import Visit

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


def _column_length(name: str) -> int:
    return int(cast(sa.String, _TABLE.c[name].type).length or 0)


FIELD_LENGTHS: dict[str, int] = {name: _column_length(name) for name in SHORT_FIELDS}
MAX_TEXT_CHARS = int(catalogue.settings().get("visits", {}).get("max_text_chars", 5000))
FIELD_LENGTHS |= {"help_given": MAX_TEXT_CHARS, "notes": MAX_TEXT_CHARS}
_USER_LENGTH = _column_length("recorded_by")
_TRUE = {"1", "true", "yes", "y", labels.t("visit_yes", "th")}
_FALSE = {"0", "false", "no", "n", labels.t("visit_no", "th"), ""}

Problem = tuple[str, str, str]  # (field, Thai message, English message)


class VisitError(ValueError):
    """Every problem with a visit, each as (field, Thai message, English message)."""

    def __init__(self, errors: Iterable[Problem]):
        self.errors: list[Problem] = list(errors)
        super().__init__(
            "\n".join(f"{field}: {thai} / {english}" for field, thai, english in self.errors)
        )


def _problem(field: str, key: str, **values: object) -> Problem:
    """One problem, its words from the catalogue (labels/vocabulary.toml, keys ``visit_*``)."""
    text = labels.text(key, **values)
    return (field, text.th, text.en)


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


def _house_code(value: Any, known_household: Callable[[str], bool]) -> tuple[str, list[Problem]]:
    code = _text(value)
    if not code:
        return code, [_problem("house_code", "visit_house_required")]
    if not _HOUSE_CODE.fullmatch(code):
        return code, [_problem("house_code", "visit_house_digits")]
    if not known_household(code):
        return code, [_problem("house_code", "visit_house_unknown", code=code)]
    return code, []


def _tambon_code(value: Any) -> tuple[str, list[Problem]]:
    code = _text(value)
    return code, [] if _TAMBON_CODE.fullmatch(code) else [_problem("tambon_code", "visit_tambon")]


def _optional_date(field: str, value: Any) -> tuple[date | None, list[Problem]]:
    """A date or nothing; a value that is not a date is a problem (``<field>_invalid``)."""
    if _missing(value):
        return None, []
    try:
        return _date(value), []
    except (TypeError, ValueError):
        return None, [_problem(field, f"{field}_invalid")]


def _visit_date(value: Any, today: date) -> tuple[date | None, list[Problem]]:
    if _missing(value):
        return None, [_problem("visit_date", "visit_date_required")]
    day, problems = _optional_date("visit_date", value)
    if day is not None and day > today:
        problems.append(_problem("visit_date", "visit_date_future", day=day.isoformat()))
    return day, problems


def _next_visit(value: Any, visit_date: date | None) -> tuple[date | None, list[Problem]]:
    day, problems = _optional_date("next_visit_date", value)
    if day is not None and visit_date is not None and day < visit_date:
        problems.append(_problem("next_visit_date", "next_visit_date_early"))
    return day, problems


def _required(field: str, value: Any) -> tuple[str, list[Problem]]:
    text = _text(value)
    return text, [] if text else [_problem(field, f"visit_{field}_required")]


def _status(value: Any) -> tuple[str, list[Problem]]:
    status, problems = _required("status", value)
    allowed = catalogue.case_status_codes()
    if status and status not in allowed:
        problems = [
            _problem("status", "visit_status_unknown", status=status, allowed=", ".join(allowed))
        ]
    return status, problems


def _findings(value: Any) -> tuple[dict[str, str], list[Problem]]:
    findings = value or {}
    if not isinstance(findings, Mapping):
        return {}, [_problem("findings", "visit_findings_mapping")]
    dims = catalogue.dimension_codes()
    bad = sorted(str(key) for key in findings if key not in dims)
    problems = []
    if bad:
        problems.append(
            _problem(
                "findings", "visit_findings_dimension", bad=", ".join(bad), dims=", ".join(dims)
            )
        )
    clean = {key: _text(findings[key]) for key in dims if key in findings and _text(findings[key])}
    return clean, problems


def _critical(value: Any) -> tuple[bool, list[Problem]]:
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        value = value.strip().lower() in _TRUE
    if value not in (True, False, 0, 1):
        return False, [_problem("critical", "visit_critical")]
    return bool(value), []


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
    errors = [
        _problem(name, "visit_field_unknown", name=name) for name in sorted(set(data) - set(FIELDS))
    ]
    checked: dict[str, tuple[Any, list[Problem]]] = {
        "house_code": _house_code(data.get("house_code"), known_household),
        "tambon_code": _tambon_code(data.get("tambon_code")),
        "visit_date": _visit_date(data.get("visit_date"), today or date.today()),
        "team": _required("team", data.get("team")),
        "status": _status(data.get("status")),
    }
    checked["next_visit_date"] = _next_visit(data.get("next_visit_date"), checked["visit_date"][0])
    checked["findings"] = _findings(data.get("findings"))
    checked["critical"] = _critical(data.get("critical", False))
    clean = {name: value for name, (value, _) in checked.items()}
    errors += [problem for _, problems in checked.values() for problem in problems]
    clean |= {name: _text(data.get(name)) for name in ("help_given", "notes")}
    clean |= {name: _text(data.get(name)) or None for name in ("menu_item", "agency")}
    errors.extend(_storable_text(clean))
    if errors:
        raise VisitError(errors)
    return clean


def _unstorable(text: str) -> bool:
    """NUL and lone surrogates: SQLite keeps them, PostgreSQL refuses them (text and JSONB)."""
    return any(ch == "\x00" or unicodedata.category(ch) == "Cs" for ch in text)


def _storable_text(clean: Mapping[str, Any]) -> list[Problem]:
    """Length and character checks, identical on every database."""
    errors = []
    texts = [(name, clean.get(name) or "", FIELD_LENGTHS[name]) for name in FIELD_LENGTHS]
    texts += [("findings", v, MAX_TEXT_CHARS) for v in clean.get("findings", {}).values()]
    for name, text, limit in texts:
        if len(text) > limit:
            values = {"limit": f"{limit:,}", "typed": f"{len(text):,}"}
            errors.append(_problem(name, "visit_text_too_long", **values))
        elif _unstorable(text):
            errors.append(_problem(name, "visit_text_unstorable"))
    return errors


def check_user(user: str) -> str:
    user = _text(user)
    if not user:
        raise VisitError([_problem("recorded_by", "visit_user_required")])
    if len(user) > _USER_LENGTH or _unstorable(user):
        raise VisitError([_problem("recorded_by", "visit_user_invalid")])
    return user

"""The audit page (administrators): events filtered, in words, as CSV; the pilot list history."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from analytics.domain import access
from analytics.services.bilingual import in_lang
from analytics.text import formatting, labels
from store import audit
from store import pilots as pilot_store

LIMIT = 10_000
FIELDS = ("username", "role", "action")
PILOT_HISTORY_COLUMNS = (
    "version",
    "name",
    "province_code",
    "tambon_codes",
    "updated_by",
    "updated_at",
    "retired_by",
    "retired_at",
)


@dataclass(frozen=True)
class AuditQuery:
    since: date
    until: date
    area: str  # a code prefix, "" for all
    choices: dict[str, str]  # field -> chosen value ("" for any)

    @property
    def key(self) -> tuple[object, ...]:
        return (self.since, self.until, self.area, tuple(self.choices.values()))


def area_ok(area: str) -> bool:
    return not area or re.fullmatch(r"\d{2,8}", area) is not None


def may_read(viewer: access.Viewer) -> bool:
    return viewer.role == "admin"


def field_options(engine: Engine, field: str) -> list[str]:
    return ["", *audit.distinct_values(engine, field)]


def events(engine: Engine, query: AuditQuery) -> pd.DataFrame:
    return audit.query_events(
        engine,
        since=query.since,
        until=query.until,
        username=query.choices.get("username") or None,
        role=query.choices.get("role") or None,
        action=query.choices.get("action") or None,
        area_prefix=query.area or None,
        limit=LIMIT,
    )


def shown_events(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Times in Thailand's time, roles and actions in words."""
    return frame.assign(
        at=[shown_time(at, lang) for at in frame["at"]],
        role=[role_word(r, lang) for r in frame["role"]],
        action=[action_word(a, lang) for a in frame["action"]],
    )


def csv_maker(frame: pd.DataFrame) -> Callable[[], bytes]:
    """The events as CSV (UTF-8 with BOM: Excel reads Thai), built when asked for."""
    return lambda: (
        frame.assign(at=frame["at"].dt.strftime("%Y-%m-%d %H:%M:%S"))
        .to_csv(index=False)
        .encode("utf-8-sig")
    )


def pilot_history(engine: Engine, lang: str) -> pd.DataFrame:
    history = pilot_store.pilot_history(engine)
    history["tambon_codes"] = history["tambon_codes"].map(", ".join)
    for column in ("updated_at", "retired_at"):
        history[column] = [shown_time(at, lang) for at in history[column]]
    return history.fillna("–")


def shown_time(value: Any, lang: str) -> str:
    """A stored time (UTC, naive or aware) in the one date style, in Thailand's time."""
    if value is None or pd.isna(value):
        return formatting.MISSING
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return formatting.date_label(stamp, lang, with_time=True)


def action_word(action: str, lang: str) -> str:
    """An audit action code in words (an unknown code as it is)."""
    try:
        return labels.t(f"audit_action_{action}", lang)
    except KeyError:
        return action


def role_word(role: str, lang: str) -> str:
    names = access.ROLE_LABELS.get(role)
    return in_lang(names, lang) if names else role


def filter_word(field: str, value: str, lang: str) -> str:
    """A value of the audit filters in words (user names as they are)."""
    if not value:
        return ""
    if field == "role":
        return role_word(value, lang)
    if field == "action":
        return action_word(value, lang)
    return value

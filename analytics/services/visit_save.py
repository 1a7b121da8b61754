"""Saving a Knock Knock visit: the form's fields in the store's shape, the save and its audit
row, and what to tell the person when it is refused (every field to fix, Thai and English) or
fails (the database's problem; the form keeps what was typed)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from analytics.domain import access
from analytics.text import labels
from analytics.text.plain import plain
from store import audit, visits
from store.db import StoreError

# Screen label of each visit field, for messages that name what to fix.
FIELD_LABELS = {
    "house_code": "household",
    "tambon_code": "tambon",
    "visit_date": "visit_date",
    "team": "team",
    "status": "status",
    "findings": "findings",
    "help_given": "help_given",
    "menu_item": "menu_item",
    "agency": "agency",
    "next_visit_date": "next_visit",
    "critical": "critical_flag",
    "notes": "notes",
    "recorded_by": "recorded_by",
}


@dataclass(frozen=True)
class SaveOutcome:
    """``saved`` with ``note`` (the label to show after the rerun), or ``error`` (Markdown:
    what to fix or what failed, and that the typed fields are kept)."""

    saved: bool
    note: str = ""
    error: str = ""
    visit: dict[str, Any] = field(default_factory=dict)


def visit_data(
    fields: Mapping[str, Any], house_code: str, tambon: str, menu_item: str | None
) -> dict[str, Any]:
    """The form's fields as the store takes them: empty findings and agency left out."""
    return {k: v for k, v in fields.items() if k != "suggestion"} | {
        "house_code": house_code,
        "tambon_code": tambon,
        "findings": {k: v for k, v in fields["findings"].items() if v.strip()},
        "menu_item": menu_item,
        "agency": fields["agency"] or None,
    }


def save_visit(
    engine: Engine,
    viewer: access.Viewer,
    data: dict[str, Any],
    known: Callable[[str], bool],
    lang: str,
) -> SaveOutcome:
    """Record the visit and its audit row. An audit row that cannot be written after the visit
    was saved is said (the visit stays saved: it is the person's work)."""
    try:
        visits.record_visit(engine, data, user=viewer.username, known_household=known)
    except visits.VisitError as error:
        return SaveOutcome(False, error=refused_message(error, lang))
    except StoreError as error:
        return SaveOutcome(False, error=failed_message(error, lang))
    try:
        audit.log_event(
            engine,
            username=viewer.username,
            role=viewer.role,
            action="record_visit",
            area_code=str(data["tambon_code"]),
            rows=1,
        )
    except StoreError:
        return SaveOutcome(True, note="visit_saved_audit_failed", visit=data)
    return SaveOutcome(True, note="visit_saved", visit=data)


def refused_message(error: visits.VisitError, lang: str) -> str:
    """What to fix, field by field, in Thai and English (screen names of the fields)."""
    lines = [labels.t("visit_not_saved", lang)]
    for name, thai, english in error.errors:
        key = FIELD_LABELS.get(name)
        shown = f"{labels.t(key, 'th')} / {labels.t(key, 'en')}" if key else name
        lines.append(f"- **{shown}** ({name}): {plain(thai)} / {plain(english)}")
    lines.append(f"\n{labels.t('visit_fields_kept', lang)}")
    return "\n".join(lines)


def failed_message(error: StoreError, lang: str) -> str:
    """The database's problem in Thai and English, and that nothing typed is lost."""
    return (
        f"**{labels.t('visit_save_failed', lang)}**  \n{error.shown()}"
        f"  \n{labels.t('visit_fields_kept', lang)}"
    )

"""The menu page: a province's catalogue (default + versioned edits), who may edit it, edits.

An administrator edits any province's menu (or the country default); a planner only the
menu of a province their scope covers whole. Every other role reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pandas as pd
from sqlalchemy.engine import Engine

from analytics.domain import access, catalogue
from analytics.domain.menu import edits, rules
from analytics.domain.menu.model import PERIODS, UNITS, Programme
from analytics.io import menu_catalogue
from analytics.text import labels
from store import menu as menu_store


class MenuEditRefused(access.AccessDenied):
    """A role or province that may not edit this menu."""


@dataclass(frozen=True)
class MenuView:
    province: str | None
    programmes: tuple[Programme, ...]
    table: pd.DataFrame  # one row per programme, screen words in ``lang``
    history: pd.DataFrame  # who changed what, when
    can_edit: bool


def can_edit(viewer: access.Viewer, province: str | None) -> bool:
    if viewer.role == "admin":
        return True
    return viewer.role == "planner" and province is not None and viewer.covers(province)


def catalogue_for(
    engine: Engine | None, province: str | None, year: int | None = None
) -> tuple[Programme, ...]:
    """The default catalogue with the country's and the province's edits applied."""
    default = menu_catalogue.load()
    if engine is None:
        return default
    records = cast(list[dict[str, object]], menu_store.edits(engine, province).to_dict("records"))
    return edits.apply_edits(default, records, year)


def menu_view(
    engine: Engine | None, viewer: access.Viewer, province: str | None, lang: str
) -> MenuView:
    programmes = catalogue_for(engine, province)
    history = menu_store.edits(engine, province) if engine is not None else pd.DataFrame()
    return MenuView(
        province, programmes, programme_table(programmes, lang), history, can_edit(viewer, province)
    )


def programme_table(programmes: tuple[Programme, ...], lang: str) -> pd.DataFrame:
    def w(key: str) -> str:
        return labels.t(key, lang)

    return pd.DataFrame(
        {
            w("menu_col_id"): [p.id for p in programmes],
            w("menu_col_name"): [p.name(lang) for p in programmes],
            w("menu_col_area"): [menu_area_name(p.menu_area, lang) for p in programmes],
            w("menu_col_indicators"): [
                ", ".join(p.indicators) or w("menu_any") for p in programmes
            ],
            w("menu_col_rule"): [p.rule.text() for p in programmes],
            w("menu_col_amount"): [p.amount for p in programmes],
            w("menu_col_unit"): [unit_words(p, lang) for p in programmes],
            w("menu_col_agency"): [p.agency for p in programmes],
            w("menu_col_inferred"): [p.inferred for p in programmes],
            w("menu_col_retired"): [p.retired for p in programmes],
        }
    )


def menu_area_name(code: str, lang: str) -> str:
    return labels.t(f"menu_area_{code}", lang)


def unit_words(prog: Programme, lang: str) -> str:
    return labels.t(f"menu_unit_{prog.unit}_{prog.period}", lang)


def edit_programme(
    engine: Engine,
    viewer: access.Viewer,
    province: str | None,
    programme_id: str,
    action: str,
    changes: dict[str, object],
    budget_year: int | None = None,
) -> int:
    """Check the role, the province and the changes, then record the edit (versioned)."""
    if not can_edit(viewer, province):
        raise MenuEditRefused(
            labels.t("menu_edit_refused", "th"), labels.t("menu_edit_refused", "en")
        )
    check_changes(changes)
    return menu_store.record_edit(
        engine, province, programme_id, action, changes, viewer.username, budget_year
    )


TEXT_FIELDS = ("name_th", "name_en", "agency", "menu_area")


def limit_values() -> dict[str, int]:
    """The edit form's limits, by the names the error words use."""
    max_chars, max_clauses = rules.limits()
    max_text = int(catalogue.settings().get("menu_rules", {}).get("max_text", 200))
    return {"max_chars": max_chars, "max_clauses": max_clauses, "max_text": max_text}


def check_changes(changes: dict[str, object]) -> None:
    """Raise ``rules.RuleError`` or ``menu_store.MenuEditError`` naming the bad field."""
    codes = frozenset(i.code for i in catalogue.indicators())
    max_text = limit_values()["max_text"]
    for name in TEXT_FIELDS:
        if len(str(changes.get(name) or "")) > max_text:
            raise menu_store.MenuEditError(name, "text_too_long")
    if "rule" in changes:
        rules.check_size(str(changes["rule"]))
        rules.parse(str(changes["rule"]), codes)
    if "indicators" in changes:
        unknown = [c for c in changes["indicators"] if c not in codes]  # type: ignore[attr-defined]
        if unknown:
            raise menu_store.MenuEditError("indicators", "unknown_indicator")
    amount = changes.get("amount")
    if amount is not None and (not isinstance(amount, int | float) or amount < 0):
        raise menu_store.MenuEditError("amount", "not_a_number")
    if changes.get("unit", UNITS[0]) not in UNITS:
        raise menu_store.MenuEditError("unit", "unknown_unit")
    if changes.get("period", PERIODS[0]) not in PERIODS:
        raise menu_store.MenuEditError("period", "unknown_period")

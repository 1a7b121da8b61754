"""What the menu adds to pages owned elsewhere, each called by a hook of a few lines:
the household card (suggested help and the referral steps), the target list (a suggested-help
column), the visit form (the menu item is a pick from the household's matches, saved as a
"referred" step) and nothing else: the monitoring page calls ``plan_result_views.result``."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics.domain import access
from analytics.services import menu as menu_service
from analytics.services import plans as plan_service
from analytics.text import labels
from store import plans as plan_store
from store.db import StoreError
from ui import households, shared, visits_data
from ui.plan_views import TAMBON_MEMO, forget_matches, steps_panel, suggestions_table

SUGGESTED_COLUMN = "suggested_help"


def tambon_matches(
    tambon: str, year: int, viewer: access.Viewer, reuse: bool = False
) -> plan_service.AreaMatches | None:
    """Matches of one tambon for this session (None when it cannot be read). ``reuse``:
    keep this session's matches of the tambon without asking whether the data changed (the
    visit form, which must keep working while the database is down)."""
    memo = st.session_state.setdefault(TAMBON_MEMO, {})
    if reuse:
        for (_, code, y, user), found in memo.items():
            if (code, y, user) == (tambon, year, viewer.username):
                return found
    key = (households.version(), tambon, year, viewer.username)
    if key not in memo:
        try:
            memo.clear()
            memo[key] = plan_service.area_matches(
                households.source(), visits_data.engine(), viewer, tambon, year
            )
        except (StoreError, access.AccessDenied):
            return None
    return memo[key]


def card_section(row: pd.Series, filters: shared.Filters, viewer: access.Viewer) -> None:
    """Household card: suggested help with the rule and the unknowns, then the steps."""
    area = tambon_matches(str(row["tambon"]), filters.year, viewer)
    if area is None:
        return
    st.markdown(f"**{shared.t('suggested_help')}**")
    suggestions_table(area, str(row["house_code"]), filters.lang)
    steps_panel(area, str(row["house_code"]), filters, viewer)


def with_suggestions(
    shown: pd.DataFrame, filters: shared.Filters, viewer: access.Viewer
) -> pd.DataFrame:
    """The target list with a suggested-help column (first three programmes by name)."""
    out = shown.copy()
    out[SUGGESTED_COLUMN] = ""
    if shown.empty or filters.area_code == "TH":
        return out
    try:
        area = plan_service.area_matches(
            households.source(), visits_data.engine(), viewer, filters.area_code, filters.year
        )
    except (StoreError, access.AccessDenied):
        return out
    names = plan_service.suggestion_names(area, filters.lang)
    out[SUGGESTED_COLUMN] = out["house_code"].astype(str).map(names).fillna("").to_numpy()
    return out


def menu_pick(
    label: str, key: str, household: tuple | None, lang: str, viewer: access.Viewer
) -> str | None:
    """The visit form's menu item: a programme from the household's (house code, tambon)
    matches, suggested first, then any other; free text when no matches can be read."""
    area = None
    if household is not None:
        year = int(st.session_state.get("year_households") or _year())
        area = tambon_matches(str(household[1]), year, viewer, reuse=True)
    if area is None or household is None:
        return st.text_input(label, key=key) or None
    house_code = str(household[0])
    names = {p.id: p.name(lang) for p in area.programmes}
    sug = plan_service.household_suggestions(area, house_code, lang)
    order = [*sug["programme_id"], *(p for p in names if p not in set(sug["programme_id"]))]
    return st.selectbox(
        label, order, index=None, format_func=lambda p: names.get(p, p), key=key,
        placeholder=labels.t("step_programme", lang),
    )  # fmt: skip


def menu_words(programme: str | None) -> str | None:
    """What the visit stores as its menu item: the programme's Thai name (its ID if unknown)."""
    if not programme:
        return None
    names = {p.id: p.name_th for p in menu_service.catalogue_for(None, None)}
    return names.get(programme, programme)


def _year() -> int:
    years = households.source().years()
    return years[-1] if years else 0


def refer_from_visit(viewer: access.Viewer, visit: dict, programme: str | None) -> None:
    """After a saved visit with a menu pick: record a "referred" step (once per referral)."""
    if not programme or viewer.role not in ("field", "planner"):
        return
    try:
        province = str(visit["tambon_code"])[:2]
        known = {p.id for p in menu_service.catalogue_for(visits_data.engine(), province)}
    except StoreError:
        return
    if programme not in known:  # free text typed while the menu could not be read
        return
    step = plan_store.StepInput(
        house_code=str(visit["house_code"]), tambon_code=str(visit["tambon_code"]),
        programme_id=programme, step="referred",
        step_date=visit.get("visit_date") or date.today(),
    )  # fmt: skip
    try:
        plan_store.record_step(visits_data.engine(), step, viewer.username)
    except (plan_store.PlanError, StoreError):
        return  # already referred (or the store is down): the visit itself is saved
    forget_matches()

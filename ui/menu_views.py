"""Drawing the menu page: the province's catalogue, the edit forms (by role), the history."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from analytics.domain import access, areas, catalogue
from analytics.domain.menu import rules
from analytics.domain.menu.model import PERIODS, UNITS
from analytics.services import menu as menu_service
from analytics.text import labels
from analytics.text.bilingual import LANGUAGES
from store import menu as menu_store
from store.db import StoreError
from ui import audit_trail, shared, visits_data

_ID = re.compile(r"^[a-z][a-z0-9_]{2,59}$")


def province_choice(filters: shared.Filters, viewer: access.Viewer) -> str | None:
    """Whose menu: an administrator picks any province or the country default; others see
    the sidebar's province (their own)."""
    t, lang = shared.t, filters.lang
    if viewer.role != "admin":
        return filters.province
    options: list[str | None] = [None, *areas.province_choices()]
    current = options.index(filters.province) if filters.province in options else 0
    return st.selectbox(
        t("menu_province"),
        options,
        index=current,
        format_func=lambda p: (
            labels.t("menu_country_default", lang) if p is None else areas.area_name(p, lang)
        ),
        key="menu_province",
    )


def show(filters: shared.Filters, viewer: access.Viewer) -> None:
    t, lang = shared.t, filters.lang
    province = province_choice(filters, viewer)
    try:
        view = menu_service.menu_view(visits_data.engine(), viewer, province, lang)
    except StoreError as error:
        st.error(visits_data.store_message(error))
        return
    st.dataframe(view.table, hide_index=True, width="stretch", key="menu_table")
    if view.can_edit:
        _edit_form(view, viewer, lang)
        _add_form(view, viewer, lang)
    else:
        st.info(t("menu_read_only"))
    try:  # read again: an edit saved above shows at once
        _history(menu_store.edits(visits_data.engine(), province), lang)
    except StoreError as error:
        st.error(visits_data.store_message(error))


def _edit_form(view: menu_service.MenuView, viewer: access.Viewer, lang: str) -> None:
    t = shared.t
    by_id = {p.id: p for p in view.programmes}
    with st.expander(t("menu_edit_title"), expanded=False):
        pid = st.selectbox(
            t("menu_edit_programme"),
            list(by_id),
            format_func=lambda p: by_id[p].name(lang),
            key="menu_edit_id",
        )
        prog = by_id[pid]
        with st.form("menu_edit_form"):
            unknown = st.checkbox(t("menu_edit_amount_unknown"), value=prog.amount is None)
            amount = st.number_input(
                t("menu_edit_amount"), min_value=0.0, value=float(prog.amount or 0.0), step=50.0
            )
            year = st.number_input(t("menu_edit_year"), 2560, 2600, value=2570, step=1)
            rule = st.text_input(
                t("menu_edit_rule"), value=prog.rule.text(), help=t("menu_edit_rule_help")
            )
            codes = [i.code for i in catalogue.indicators()]
            chosen = st.multiselect(t("menu_edit_indicators"), codes, default=list(prog.indicators))
            retire = t("menu_edit_restore") if prog.retired else t("menu_edit_retire")
            save, toggle = st.columns(2)
            saved = save.form_submit_button(t("menu_edit_save"), type="primary")
            retired = toggle.form_submit_button(retire)
        changes: dict[str, object] = {"amount": None if unknown else float(amount)}
        if rule != prog.rule.text():  # an amount change leaves the rule (and its limits) be
            changes["rule"] = rule
        changes["indicators"] = chosen
        if saved:
            _submit(view, viewer, pid, "change", changes, int(year))
        elif retired:
            _submit(view, viewer, pid, "restore" if prog.retired else "retire", {}, None)


def _add_form(view: menu_service.MenuView, viewer: access.Viewer, lang: str) -> None:
    t = shared.t
    with st.expander(t("menu_add_title"), expanded=False), st.form("menu_add_form"):
        pid = st.text_input(t("menu_add_id")).strip()
        name_th = st.text_input(t("menu_add_name_th"))
        name_en = st.text_input(t("menu_add_name_en"))
        agency = st.text_input(t("menu_add_agency"))
        unit = st.selectbox(
            t("menu_add_unit"), UNITS, format_func=lambda u: labels.t(f"menu_unit_{u}", lang)
        )
        period = st.selectbox(
            t("menu_add_period"), PERIODS, format_func=lambda p: labels.t(f"menu_period_{p}", lang)
        )
        amount = st.number_input(t("menu_edit_amount"), min_value=0.0, value=0.0, step=50.0)
        rule = st.text_input(t("menu_edit_rule"), help=t("menu_edit_rule_help"))
        chosen = st.multiselect(t("menu_edit_indicators"), [i.code for i in catalogue.indicators()])
        if not st.form_submit_button(t("menu_add_save"), type="primary"):
            return
    if not _ID.match(pid):
        st.error(error_text("id", "bad_programme_id", rules.shown(pid)))
        return
    if pid in {p.id for p in view.programmes}:
        st.error(error_text("id", "duplicate_id", pid))
        return
    changes: dict[str, object] = dict(name_th=name_th, name_en=name_en, agency=agency)
    changes.update(unit=unit, period=period, amount=float(amount) or None, rule=rule)
    changes["indicators"] = chosen
    _submit(view, viewer, pid, "add", changes, None)


def _submit(view, viewer, pid: str, action: str, changes: dict, year: int | None) -> None:
    t = shared.t
    try:
        edit_id = menu_service.edit_programme(
            visits_data.engine(), viewer, view.province, pid, action, changes, year
        )
    except access.AccessDenied:
        st.error(labels.text("menu_edit_refused").both("  \n"))
    except rules.RuleError as err:
        st.error(error_text("rule", err.problem, err.clause))
    except menu_store.MenuEditError as err:
        st.error(error_text(err.field, err.problem, ""))
    except StoreError as error:  # the form keeps what was typed: say so
        kept = labels.text("menu_not_saved_kept").both("  \n")
        st.error(f"{visits_data.store_message(error)}  \n{kept}")
    else:
        st.success(t("menu_edit_saved", id=edit_id))


def error_text(field: str, problem: str, clause: str) -> str:
    """A refused edit in Thai and English, naming the field as the form labels it."""
    limits = menu_service.limit_values()
    if clause:  # a code span: shown as typed (markdown would turn >= into a sign)
        clause = "`" + clause.replace("`", "'") + "`"
    lines = (
        labels.t(
            "menu_error",
            lang,
            field=labels.t(f"menu_field_{field}", lang),
            problem=labels.t(f"menu_problem_{problem}", lang, **limits),
            clause=clause,
        )
        for lang in LANGUAGES
    )
    return "  \n".join(lines)


def _history(history: pd.DataFrame, lang: str) -> None:
    t = shared.t
    st.subheader(t("menu_history"))
    if history.empty:
        st.caption(t("menu_history_none"))
        return
    newest = history.iloc[::-1]
    st.dataframe(
        pd.DataFrame(
            {
                t("menu_history_when"): [
                    audit_trail.shown_time(v, lang) for v in newest["edited_at"]
                ],
                t("menu_history_who"): newest["edited_by"].to_numpy(),
                t("menu_col_id"): newest["programme_id"].to_numpy(),
                t("menu_history_action"): [t(f"menu_action_{a}") for a in newest["action"]],
                t("menu_history_what"): [_changes_text(c) for c in newest["changes"]],
                t("menu_history_year"): newest["budget_year"].to_numpy(),
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _changes_text(changes: object) -> str:
    if not isinstance(changes, dict):
        return ""
    return "; ".join(f"{k} = {v}" for k, v in changes.items())

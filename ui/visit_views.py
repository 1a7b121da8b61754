"""The visit page's pieces: one card per visit (what was found and done), and the visit form,
which keeps everything typed when a save is refused or fails."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from analytics.domain import access, areas, catalogue, target_lists
from analytics.services import visit_save
from analytics.text.formatting import date_label
from analytics.text.plain import plain
from ui import plan_hooks, shared, visits_data, words


def _date(value: Any, lang: str) -> str:
    """The one date style (Buddhist-era Thai in Thai, ISO-like in English)."""
    return "–" if value is None or pd.isna(value) else date_label(value, lang)


def _card_body(visit: pd.Series, lang: str) -> list[str]:
    t = shared.t
    lines = [f"**{t('visit_card_found')}**"]
    findings = visit["findings"] or {}
    for code in catalogue.dimension_codes():
        if findings.get(code):
            lines.append(f"- {catalogue.dimension_name(code, lang)}: {plain(findings[code])}")
    if not findings:
        lines.append(t("visit_card_nothing"))
    lines.append(f"\n**{t('help_given')}**  \n{plain(visit['help_given']) or '–'}")
    lines.append(
        f"\n**{t('menu_item')}**: {plain(visit['menu_item']) or '–'}  \n"
        f"**{t('agency')}**: {plain(visit['agency']) or '–'}  \n"
        f"**{t('visit_card_next')}**: {_date(visit['next_visit_date'], lang)}"
    )
    if visit["notes"]:
        lines.append(f"\n**{t('notes')}**  \n{plain(visit['notes'])}")
    return lines


def timeline_cards(timeline: pd.DataFrame, lang: str) -> None:
    """One bordered card per visit (its current version), newest first; earlier versions of an
    amended visit in an expander inside the card. Readable on a phone: no wide table."""
    t = shared.t
    for uid, versions in timeline.groupby("visit_uid", sort=False):
        current = versions[versions["current"]].iloc[0]
        with st.container(border=True, key=f"visit_card_{uid}"):
            status = catalogue.status_label(current["status"], lang)
            st.markdown(f"#### {_date(current['visit_date'], lang)} · {status}")
            meta = [plain(current["team"])]
            if current["version"] > 1:
                meta.append(t("visit_card_amended", version=int(current["version"])))
            if current["critical"]:
                meta.append(f":red[{t('visit_card_critical')}]")
            st.caption(" · ".join(meta))
            st.markdown("\n".join(_card_body(current, lang)))
            when = date_label(current["recorded_at"], lang, with_time=True)
            st.caption(t("visit_card_recorded", user=plain(current["recorded_by"]), when=when))
            older = versions[~versions["current"]]
            if len(older):
                with st.expander(t("visit_card_versions", count=len(older))):
                    for _, old in older.iterrows():
                        st.markdown(
                            f"**{t('version')} {int(old['version'])}** · "
                            f"{catalogue.status_label(old['status'], lang)}"
                        )
                        st.markdown("\n".join(_card_body(old, lang)))


def _form_key(house_code: str) -> str:
    """Widget keys carry a generation number: a successful save starts a fresh, empty form."""
    generation = st.session_state.setdefault("visit_form_generation", {}).get(house_code, 0)
    return f"visit_{house_code}_{generation}"


def _clear_form(house_code: str) -> None:
    generations = st.session_state.setdefault("visit_form_generation", {})
    generations[house_code] = generations.get(house_code, 0) + 1


def _form_fields(
    key: str, viewer: access.Viewer, suggestion: str, lang: str, household: tuple | None = None
) -> dict[str, Any]:
    t = shared.t
    return {
        "visit_date": st.date_input(
            t("visit_date"), value=date.today(), format="DD/MM/YYYY", key=f"{key}_date"
        ),
        "team": st.text_input(t("team"), value=viewer.name, key=f"{key}_team"),
        "status": st.selectbox(
            t("status"),
            catalogue.case_status_codes(),
            index=None,
            format_func=lambda s: catalogue.status_label(s, lang),
            placeholder=t("status_placeholder"),
            key=f"{key}_status",
        ),
        "findings": {
            d: st.text_input(
                f"{t('findings')}: {catalogue.dimension_name(d, lang)}", key=f"{key}_f_{d}"
            )
            for d in catalogue.dimension_codes()
        },
        "help_given": st.text_area(t("help_given"), height=70, key=f"{key}_help"),
        "menu_item": plan_hooks.menu_pick(t("menu_item"), f"{key}_menu", household, lang, viewer),
        "agency": st.text_input(t("agency"), key=f"{key}_agency"),
        "next_visit_date": st.date_input(
            t("next_visit"), value=None, format="DD/MM/YYYY", key=f"{key}_next"
        ),
        # never ticked in advance: the team confirms "critical" only on purpose (the rules'
        # suggestion is shown as text beside it)
        "critical": st.checkbox(t("critical_flag"), value=False, key=f"{key}_critical"),
        "suggestion": st.caption(suggestion),
        "notes": st.text_area(t("notes"), height=70, key=f"{key}_notes"),
    }


def rule_suggestion(row: pd.Series, lang: str) -> str:
    """What the rules say about the household being critical, as text beside the box."""
    reasons = target_lists.critical_reasons(row.to_frame().T, lang).iloc[0]
    return (
        shared.t("visit_rule_suggests", reasons=reasons)
        if reasons
        else shared.t("visit_rule_no_flag")
    )


def household_row(listed: pd.DataFrame, house_code: str) -> pd.Series:
    """The picked household's row of the picker's list."""
    row = listed.set_index("house_code").loc[house_code]
    return row.iloc[0] if isinstance(row, pd.DataFrame) else row


def picker_labels(listed: pd.DataFrame, lang: str) -> dict[str, str]:
    """House code first (typed to search), then head of household and village."""
    return dict(
        zip(
            listed["house_code"],
            listed["house_code"]
            + " · "
            + listed["head_name"].astype(str)
            + " · "
            + listed["village_id"].map(lambda v: areas.area_name(v, lang)),
            strict=True,
        )
    )


def visit_form(
    viewer: access.Viewer, row: pd.Series, house_code: str, known: Callable[[str], bool]
) -> None:
    """The Knock Knock form. A refused or failed save keeps every field and says what to do."""
    t, lang = shared.t, words.lang()
    key = _form_key(house_code)
    with st.form(key, clear_on_submit=False):
        fields = _form_fields(
            key, viewer, rule_suggestion(row, lang), lang, (house_code, row["tambon"])
        )
        submitted = st.form_submit_button(t("save_visit"), type="primary")
    if not submitted:
        return
    menu_item = plan_hooks.menu_words(fields["menu_item"])  # menu: the pick's name
    data = visit_save.visit_data(fields, house_code, row["tambon"], menu_item)
    outcome = visit_save.save_visit(visits_data.engine(), viewer, data, known, lang)
    if not outcome.saved:
        st.error(outcome.error)
        return
    plan_hooks.refer_from_visit(viewer, data, fields["menu_item"])  # menu: a "referred" step
    st.session_state["visit_saved_note"] = outcome.note
    _clear_form(house_code)
    st.rerun()


def saved_note() -> None:
    """After the rerun that follows a save: say it was saved (a toast would be lost)."""
    note = st.session_state.pop("visit_saved_note", None)
    if note == "visit_saved":
        st.success(shared.t("visit_saved"), icon=":material/check_circle:")
    elif note:
        st.warning(shared.t(note))

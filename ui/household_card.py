"""The household card of the target list: who lives there (masked per role), what it fails in
words, why it is listed, its visits and the suggested next step; "record a visit" hands the
household over to the Knock Knock form (session state, never the URL)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import access, catalogue, rules, target_lists
from analytics.services.bilingual import in_lang
from analytics.text.formatting import date_label
from analytics.text.plain import plain
from store import visits
from store.db import StoreError
from ui import households, plan_hooks, shared, visits_data

HANDOVER_KEY = "visit_household"  # the visit page opens with this household chosen


def _members(house_code: str, year: int, viewer: access.Viewer) -> pd.DataFrame:
    """Name, age, sex and care needs of each member; names hidden where the role may not see."""
    t = shared.t
    members = households.household_members(house_code, year)
    if not viewer.sees_personal:
        members = access.mask_personal(members.copy())
    sexes = {1: t("card_sex_1"), 2: t("card_sex_2")}
    notes = [
        ", ".join(w for w, on in ((t("card_disabled"), d), (t("card_bedridden"), b)) if bool(on))
        for d, b in zip(members["disabled"], members["bedridden"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("card_member_name"): members["name"].map(plain).to_numpy(),
            t("card_member_age"): members["age"].to_numpy(),
            t("card_member_sex"): members["sex"].map(sexes).fillna("–").to_numpy(),
            t("card_member_flags"): notes,
        }
    )


def _history(house_code: str, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Current version of each visit, newest first, and one line per visit for the card."""
    try:
        timeline = visits.household_timeline(visits_data.engine(), house_code)
    except StoreError as error:
        st.warning(visits_data.store_message(error))
        return pd.DataFrame(), []
    current = timeline[timeline["current"]] if len(timeline) else timeline
    lines = [
        f"{date_label(v.visit_date, lang)} · {visits_data.status_label(str(v.status), lang)}"
        + (f" · :red[{shared.t('visit_card_critical')}]" if v.critical else "")
        for v in current.itertuples()
    ]
    return current, lines


def _next_step(row: pd.Series, history: pd.DataFrame, lang: str) -> str:
    last = history.iloc[0] if len(history) else None
    key, when = target_lists.next_step(
        bool(row["critical"]),
        None if last is None else last["status"],
        None if last is None else last["visit_date"],
        None if last is None else last["next_visit_date"],
    )
    return shared.t(key, date=date_label(when, lang)) if when is not None else shared.t(key)


def show(row: pd.Series, filters, viewer: access.Viewer) -> None:
    """One listed household (a row of ``target_lists.target_list``, already masked)."""
    t, lang = shared.t, filters.lang
    house_code = row["house_code"]
    visits_data.audit_once(viewer, "view_household", row["tambon"], 1, house_code)
    frame = row.to_frame().T
    with st.container(border=True, key="household_card"):
        st.subheader(t("card_title", code=house_code))
        stage = in_lang(rules.STAGE_LABELS[row["stage"]], lang)
        st.markdown(
            f"{t('card_head')}: **{plain(row['head_name'])}** · {t('card_stage')}: **{stage}**"
        )
        history, lines = _history(house_code, lang)
        st.info(f"**{t('card_next')}**: {_next_step(row, history, lang)}", icon=":material/flag:")
        st.markdown(f"**{t('card_why')}**  \n{target_lists.why_listed(frame, lang)[0]}")
        codes = [c.strip() for c in str(row["failed_codes"] or "").split(",") if c.strip()]
        failed = [f"- {c} {catalogue.indicator_name(c, lang)}" for c in codes]
        st.markdown(f"**{t('card_failed')}**  \n" + ("\n".join(failed) or t("card_failed_none")))
        members = _members(house_code, filters.year, viewer)
        st.markdown(f"**{t('card_members', count=len(members))}**")
        st.dataframe(members, hide_index=True, width="stretch")
        st.markdown(f"**{t('card_history')}**  \n" + ("  \n".join(lines) or t("card_no_visits")))
        plan_hooks.card_section(row, filters, viewer)  # menu: suggested help, referral steps
        if viewer.records_visits and st.button(
            t("card_record"), type="primary", icon=":material/edit_note:", key="card_record"
        ):
            st.session_state[HANDOVER_KEY] = house_code
            st.switch_page("pages/visits.py")

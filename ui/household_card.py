"""The household card of the target list: who lives there (masked per role), what it fails in
words, why it is listed, its visits and the suggested next step; "record a visit" hands the
household over to the Knock Knock form (session state, never the URL)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import access
from analytics.services import household_card
from ui import households, plan_hooks, shared, visits_data

HANDOVER_KEY = "visit_household"  # the visit page opens with this household chosen


def show(row: pd.Series, filters, viewer: access.Viewer) -> None:
    """One listed household (a row of ``target_lists.target_list``, already masked)."""
    t, lang = shared.t, filters.lang
    house_code = row["house_code"]
    visits_data.audit_once(viewer, "view_household", row["tambon"], 1, house_code)
    members = households.household_members(house_code, filters.year)
    card = household_card.card_view(visits_data.engine(), row, members, viewer, lang)
    with st.container(border=True, key="household_card"):
        st.subheader(card.title)
        st.markdown(card.head_line)
        if card.history_error is not None:
            st.warning(card.history_error.shown())
        st.info(card.next_step, icon=":material/flag:")
        st.markdown(card.why)
        st.markdown(card.failed)
        st.markdown(card.members_title)
        st.dataframe(card.members, hide_index=True, width="stretch")
        st.markdown(card.history)
        plan_hooks.card_section(row, filters, viewer)  # menu: suggested help, referral steps
        if viewer.records_visits and st.button(
            t("card_record"), type="primary", icon=":material/edit_note:", key="card_record"
        ):
            st.session_state[HANDOVER_KEY] = house_code
            st.switch_page("pages/visits.py")

"""The target list's table and its household card picker (row selection or house-code search).

The chosen household lives in ``st.session_state[CARD_KEY]`` so the card is still open when the
field team comes back from the visit form (and shows the new status and visit).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import access, catalogue
from ui import household_card, shared

CARD_KEY = "card_household"
TABLE_KEY = "target_table"
CODES_KEY = "_target_table_codes"
COLUMNS = [
    "house_code",
    "reasons",
    "critical",
    "stage",
    "status",
    "priority",
    "order",
    "village_name",
    "head_name",
    "members",
    "target_members",
    "failed_indicators",
    "suggested_help",  # menu: ui.plan_hooks.with_suggestions
    "citizen_id",
]


def _table_selected() -> None:
    rows = st.session_state[TABLE_KEY].selection.rows
    codes = st.session_state.get(CODES_KEY, [])
    if rows and rows[0] < len(codes):
        st.session_state[CARD_KEY] = codes[rows[0]]
        st.session_state.pop("card_pick", None)


def _picked() -> None:
    code = st.session_state.get("card_pick")
    if code:
        st.session_state[CARD_KEY] = code


def card_picker(rows: pd.DataFrame, shown: pd.DataFrame, filters, viewer: access.Viewer) -> None:
    """Search a listed household by house code (phones) and show its card when one is chosen."""
    t = shared.t
    codes = shown["house_code"].tolist()
    st.selectbox(
        t("list_open_card"),
        codes,
        index=None,
        key="card_pick",
        placeholder=t("list_search"),
        on_change=_picked,
    )
    chosen = st.session_state.get(CARD_KEY)
    if chosen not in set(codes):  # another area or filter: no card
        return
    row = rows.set_index("house_code", drop=False).loc[chosen]
    household_card.show(row, filters, viewer)
    if st.button(t("card_close"), key="card_close", icon=":material/close:"):
        st.session_state.pop(CARD_KEY, None)
        st.session_state.pop("card_pick", None)
        st.rerun()


def list_table(shown: pd.DataFrame, lang: str) -> None:
    """The list, important columns first (fits 1366 px); a tapped row opens its card."""
    t = shared.t
    table = shown[COLUMNS].copy()
    table["status"] = [catalogue.status_label(s, lang) for s in table["status"]]
    st.session_state[CODES_KEY] = table["house_code"].tolist()
    st.caption(t("list_pick_hint"))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key=TABLE_KEY,
        on_select=_table_selected,
        selection_mode="single-row",
        column_config={
            "house_code": st.column_config.TextColumn(t("col_house_code"), pinned=True),
            "reasons": st.column_config.TextColumn(t("col_why_listed"), width="large"),
            "critical": st.column_config.CheckboxColumn(t("col_critical"), width="small"),
            "stage": st.column_config.TextColumn(t("col_stage"), width="small"),
            "status": t("col_status_latest"),
            "priority": st.column_config.NumberColumn(t("col_priority_rank"), format="%d"),
            "order": st.column_config.NumberColumn(t("col_order"), width="small"),
            "village_name": t("col_village"),
            "head_name": t("col_head"),
            "members": t("col_members_persons"),
            "target_members": t("col_target_persons"),
            "failed_indicators": t("col_failed_codes"),
            "suggested_help": t("suggested_help"),
            "citizen_id": t("col_citizen_id"),
        },
    )

"""Moving between areas: breadcrumbs, area buttons, and the household-access gate."""

from __future__ import annotations

import streamlit as st

from analytics.domain import access, areas
from analytics.services.filters import Filters
from ui import url_state
from ui.area_data import get_source
from ui.words import t


def go_to_area(code: str | None) -> None:
    """Select an area in the sidebar filters. Call it from a widget callback: callbacks run
    before the sidebar is drawn, so the selectboxes pick the new values up."""
    url_state.select_area(code or "TH", st.session_state.get("source", "real"))


def use_households(code: str) -> None:
    """Switch the sidebar to the household data, keeping the area (a widget callback)."""
    st.session_state["source"] = "households"
    url_state.select_area(code or "TH", "households")


def breadcrumbs(filters: Filters) -> None:
    """Thailand › province › amphoe › tambon; each step selects that area."""
    trail = ["TH", filters.province, filters.amphoe, filters.tambon]
    trail = [c for c in trail if c]
    with st.container(horizontal=True, gap="small"):
        for i, code in enumerate(trail):
            last = i == len(trail) - 1
            st.button(
                ("" if i == 0 else "› ") + areas.area_name(code, filters.lang),
                key=f"crumb_{code}",
                type="primary" if last else "tertiary",
                on_click=go_to_area,
                args=(code,),
                disabled=last,
            )


def require_household_access(filters: Filters, viewer: access.Viewer) -> None:
    """Stop the page unless it can show households: microdata, a role that sees households,
    and an area inside the viewer's scope (with buttons to jump to their areas)."""
    lang = filters.lang
    if not viewer.sees_households:
        st.warning(t("executive_aggregates_only"))
        st.stop()
    if not viewer.covers(filters.area_code):  # whichever the source: the refusal comes first
        st.warning(t("out_of_scope"))
        for code in viewer.areas:
            st.button(
                areas.area_name(code, lang), key=f"scope_{code}", on_click=go_to_area, args=(code,)
            )
        st.stop()
    if filters.source != "households":
        st.info(t("needs_microdata"))
        st.button(
            t("use_household_data"),
            key="use_household_data",
            type="primary",
            on_click=use_households,
            args=(filters.area_code,),
        )
        st.stop()
    if not get_source("households").covers(filters.province):
        st.info(t("no_households_here", area=areas.area_name(filters.area_code, lang)))
        st.stop()
    if filters.province is None:  # one area at a time: never every household of the country
        st.info(t("choose_province_for_households"))
        st.stop()

"""Solving plans (แผนแก้จน): area demand from the menu, household suggestions and referral
steps, the action plan under a ceiling with downloads, plan against result, and the
tambons most like a pilot."""

from __future__ import annotations

import streamlit as st

from ui import plan_builder_views, plan_result_views, plan_views, shared

filters = shared.page_frame()
viewer = shared.current_viewer()
t, lang = shared.t, filters.lang
st.title(t("plans_page"))
st.caption(t("plans_intro"))
shared.require_household_access(filters, viewer)

area = plan_views.area_matches(filters, viewer)
st.caption(
    t(
        "plans_households_matched",
        households=f"{len(area.households):,}",
        programmes=len(area.programmes),
    )
)
if area.households.empty:
    st.info(t("plans_no_households"))
    st.stop()

if viewer.role == "field":
    plan_views.household_panel(area, filters, viewer)
    st.stop()

demand, household, builder, result, similar = st.tabs(
    [
        t("plans_tab_demand"),
        t("plans_tab_households"),
        t("plans_tab_builder"),
        t("plans_tab_result"),
        t("plans_tab_similar"),
    ]
)
with demand:
    plan_views.demand(area, lang)
with household:
    plan_views.household_panel(area, filters, viewer)
with builder:
    plan_builder_views.builder(area, filters, viewer)
with result:
    plan_result_views.result(filters)
with similar:
    plan_result_views.similar(filters)

"""Data completeness (issue 14): how complete and how linked the area's household data is, what
is missing, how it differs from TPMAP, and the follow-up list for the field teams."""

from __future__ import annotations

import streamlit as st

from ui import completeness_views, followup_views, shared

filters = shared.page_frame()
viewer = shared.current_viewer()
t = shared.t
st.title(t("completeness_page"))
st.caption(t("completeness_intro"))
shared.breadcrumbs(filters)
completeness_views.guard(filters, viewer)

view = completeness_views.view(filters)
if view.empty and view.areas.empty:
    st.info(t("cmp_no_households"))
    st.stop()

areas_tab, linkage_tab, xray_tab, followup_tab = st.tabs(
    [
        t("completeness_tab_areas"),
        t("completeness_tab_linkage"),
        t("completeness_tab_xray"),
        t("completeness_tab_followup"),
    ]
)
with areas_tab:
    completeness_views.tiles(view)
    st.subheader(t("cmp_map_title"))
    completeness_views.score_map(view, filters)
    st.subheader(t("cmp_table_title"))
    completeness_views.area_table(view)
    st.subheader(t("cmp_indicator_title"))
    completeness_views.indicator_table(view)
    completeness_views.missing_villages(view)
with linkage_tab:
    followup_views.linkage_section(filters, viewer)
with xray_tab:
    completeness_views.xray_section(filters)
with followup_tab:
    followup_views.followup_section(filters, viewer)

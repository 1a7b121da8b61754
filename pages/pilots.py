"""Pilot model areas (ศจพ. Model): the six areas side by side, on one screen."""

from __future__ import annotations

import streamlit as st

from analytics.services import pilot_page
from ui import context, frame, pilot_editor, pilot_figures, pilot_views
from ui.words import t

filters = frame.page_frame()
viewer = frame.current_viewer()
lang = filters.lang
st.title(t("pilots_page"))

view = pilot_page.pilots_view(context.context(), filters)
if view.all_demo:
    st.warning(t("demo_selection", rule=t("pilots_demo_rule")))
pilot_figures.summary_table(view.summary)

st.subheader(t("small_maps"))
if view.has_boundaries:
    maps = pilot_views.small_maps(list(view.pilot_areas), view.tambons, lang)
    st.plotly_chart(maps, width="stretch")
else:
    st.info(t("boundaries_missing"))

left, right = st.columns(2)
left.plotly_chart(pilot_figures.radar(view.dimension_shares, lang), width="stretch")
right.plotly_chart(pilot_figures.heatmap(view.indicator_rates, view.names), width="stretch")

st.subheader(t("ranking"))
if not view.has_previous:
    st.caption(t("no_previous_year"))
pilot_views.show_ranking(view.ranking, lang)

if viewer.role == "admin":
    with st.expander(t("edit_pilots"), icon=":material/edit:"):
        pilot_editor.editor(viewer, view.pilot_areas)

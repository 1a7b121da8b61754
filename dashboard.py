"""Chipao (ชี้เป้า): entry point and home page (overview).

Run with ``streamlit run dashboard.py``. Other pages live in ``pages/``; every page starts with
``frame.page_frame()``, which draws the navigation and the shared sidebar filters.
The overview shows the funnel for the selected area, five dimensions, 17 indicators, child areas.
"""

from __future__ import annotations

import streamlit as st

from analytics.services import overview
from ui import area_tables, context, frame, measure_views, overview_views
from ui.words import t

filters = frame.page_frame(home=True)
st.title(t("app_title"))
st.caption(t("app_subtitle"))
overview_views.source_banner(filters)

view = overview.overview(context.context(), filters)
if view.row is None:
    st.info(view.empty_note)
    st.stop()
st.subheader(view.heading)
overview_views.funnel_tiles(view.funnel)
measure_views.alkire_foster_tiles(view.row)

left, right = st.columns([2, 3])  # the 17 indicator names need the room
left.plotly_chart(overview_views.radar(view.dimension_names, view.radar_values), width="stretch")
right.plotly_chart(
    overview_views.indicator_figure(view.indicator_series, t("indicator_title"), filters.lang),
    width="stretch",
)
with st.expander(t("indicator_table_title")):
    measure_views.show_indicator_table(view.row)

if view.child_level:
    st.subheader(t("child_areas"))
    if view.children is not None:
        area_tables.show_area_table(view.children)
    else:
        st.info(t("no_village_table"))

"""Map: a choropleth of any measure; click an area to drill down province → amphoe → tambon."""

from __future__ import annotations

import streamlit as st

from analytics.services import map as map_service
from analytics.text import labels
from ui import area_nav, area_tables, audit_trail, context, frame, map_panels, map_view, words
from ui.words import t

filters = frame.page_frame()
viewer = frame.current_viewer()
st.title(t("map_page"))
area_nav.breadcrumbs(filters)
if not map_service.boundaries_available(filters):
    st.error(t("boundaries_missing"))
    st.stop()
if not context.context().source(filters.source).covers(filters.province):
    st.info(t("no_households_here", area=words.area_name(filters.area_code)))
    st.stop()

measure, level, method = map_panels.controls(filters)
page = map_service.map_page(context.context(), filters, viewer, measure, level, method)
if page.points_shown and filters.tambon:  # household locations are household-level reads
    audit_trail.record_once(viewer, "view_map_points", filters.tambon, page.points_shown)

map_column, side = st.columns([3, 1.25])
with map_column:
    map_panels.map_area(page, filters.source)

with side:
    map_panels.legend(page, measure)
    st.divider()
    map_panels.details(page, measure, filters)

if len(page.municipal):
    st.subheader(t("municipal_list"))
    area_tables.show_area_table(page.municipal)
if page.show_villages:
    st.subheader(t("villages"))
    if page.villages is not None:
        area_tables.show_area_table(page.villages)
    else:
        st.info(t("no_village_table"))
st.caption(map_view.ATTRIBUTION + " · " + labels.t("source_" + filters.source, filters.lang))

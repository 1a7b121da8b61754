"""Monitoring: year-on-year change, movement between development stages, case progress."""

from __future__ import annotations

import streamlit as st

from analytics.services import progress
from ui import (
    area_data,
    area_nav,
    context,
    frame,
    monitoring_views,
    plan_result_views,
    visits_data,
    words,
)
from ui.words import t

filters = frame.page_frame()
viewer = frame.current_viewer()
st.title(t("monitoring_page"))
area_nav.breadcrumbs(filters)

years = area_data.year_choices(filters.source, filters.province)
if len(years) < 2:
    st.info(t("monitoring_needs_years"))
else:
    monitoring_views.year_on_year(filters, viewer, years)

st.subheader(t("case_progress"))
# Target households of the selected area (within the viewer's areas) by latest visit status.
shown = progress.case_progress(context.context(), filters.area_code, filters.year, viewer)
if shown.error is not None:
    st.caption(f"{t('visit_progress_unavailable')}  \n{visits_data.store_message(shown.error)}")
else:
    total = shown.total
    note = t("progress_of_target", total=f"{total:,}", area=words.area_name(filters.area_code))
    note = note if total else t("progress_no_target")
    in_scope = viewer.covers(filters.area_code)
    st.caption(note if in_scope else f"{note} · {t('progress_in_scope')}")
    if total:
        st.plotly_chart(monitoring_views.progress_chart(shown, filters.lang), width="stretch")
    if shown.visited_outside:
        st.caption(t("visited_outside_list", count=f"{shown.visited_outside:,}"))

st.subheader(t("monitoring_plan_title"))  # the menu: planned vs referred vs received
plan_result_views.result(filters)

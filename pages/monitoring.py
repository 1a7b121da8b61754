"""Monitoring: year-on-year change, movement between development stages, case progress."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analytics.domain import areas
from ui import charts, monitoring_views, plan_result_views, shared, visits_data

filters = shared.page_frame()
viewer = shared.current_viewer()
lang, t = filters.lang, shared.t
st.title(t("monitoring_page"))
shared.breadcrumbs(filters)

years = shared.year_choices(filters.source, filters.province)
if len(years) < 2:
    st.info(t("monitoring_needs_years"))
else:
    monitoring_views.year_on_year(filters, viewer, years)
area = filters.area_code

st.subheader(t("case_progress"))
# Target households of the selected area (within the viewer's areas) by latest visit status.
case_progress = visits_data.case_progress(area, filters.year, viewer)
if case_progress is not None:
    progress, visited_outside = case_progress
    total = int(progress["households"].sum())
    note = t("progress_of_target", total=f"{total:,}", area=areas.area_name(area, lang))
    note = note if total else t("progress_no_target")
    st.caption(note if viewer.covers(area) else f"{note} · {t('progress_in_scope')}")
    if total:
        progress["label"] = progress["label_th" if lang == "th" else "label_en"]
        st.plotly_chart(
            go.Figure(
                go.Bar(
                    x=progress["label"],
                    y=progress["households"],
                    text=[f"{v:,}" for v in progress["households"]],
                    textposition="outside",
                    marker_color=[
                        "#BBBBBB" if s == "not_visited" else "#4477AA" for s in progress["status"]
                    ],
                )
            ).update_layout(
                height=320,
                yaxis=charts.count_axis(progress["households"].max(), 1.2),
                margin={"l": 10, "r": 10, "t": 20},
            ),
            width="stretch",
        )
    if visited_outside:
        st.caption(t("visited_outside_list", count=f"{visited_outside:,}"))

st.subheader(t("monitoring_plan_title"))  # menu: planned vs referred vs received
plan_result_views.result(filters)

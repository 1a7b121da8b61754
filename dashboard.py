"""Chipao (ชี้เป้า): entry point and home page (overview).

Run with ``streamlit run dashboard.py``. Other pages live in ``pages/``; every page starts with
``shared.page_frame()``, which draws the navigation and the shared sidebar filters.
The overview shows the funnel for the selected area, five dimensions, 17 indicators, child areas.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analytics.data import sources
from analytics.domain import areas, catalogue
from analytics.text import formatting, labels
from ui import charts, households, measure_views, shared

filters = shared.page_frame(home=True)
lang, t = filters.lang, shared.t

st.title(t("app_title"))
st.caption(t("app_subtitle"))
if filters.source == "real":
    note = t("source_real_note")
else:
    note = households.source_note(filters.province, filters.year, lang)
(st.info if filters.source == "real" else st.warning)(
    f"**{t(f'source_{filters.source}')}** — {note}"
)

source = shared.get_source(filters.source)
dims = filters.dims
level = filters.level
parent = None if level == "country" else filters.area_code
area = shared.area_table(filters.source, level, filters.province, parent, filters.year, dims)
area = area[area["code"] == filters.area_code]
if area.empty or not area["persons"].gt(0).any():
    key = "no_data_area" if source.covers(filters.province) else "no_households_here"
    st.info(t(key, area=areas.area_name(filters.area_code, lang)))
    st.stop()
row = area.iloc[0]
st.subheader(
    f"{areas.area_name(filters.area_code, lang)} · {formatting.year_label(filters.year, lang)}"
)

funnel = [
    ("households", formatting.format_count(row["households"])),
    ("persons", formatting.format_count(row["persons"])),
    ("mpi_poor", formatting.format_count(row["mpi_poor"])),
    ("mpi_poor_registered", formatting.format_count(row["mpi_poor_registered"])),
    ("target_poor", formatting.format_count(row["target_poor"])),
    ("rate", formatting.format_rate(row["rate"])),
]
for start in (0, 3):
    for column, (key, value) in zip(
        st.columns(3, border=True), funnel[start : start + 3], strict=True
    ):
        column.metric(t(key), value)
measure_views.alkire_foster_tiles(row)

left, right = st.columns([2, 3])  # the 17 indicator names need the room
dim_codes = catalogue.dimension_codes()
dim_names = [shared.wrapped(labels.dimension_name(d, lang), 14) for d in dim_codes]
radar_values = [float(row[f"target_{d}"]) for d in dim_codes]
radar = go.Figure(
    go.Scatterpolar(
        r=radar_values + radar_values[:1],
        theta=dim_names + dim_names[:1],
        fill="toself",
        name=t("target_poor"),
        hovertemplate="%{theta}: %{r:,.0f}<extra></extra>",
    )
)
radar.update_layout(
    title=t("radar_title"),
    polar=charts.radar_polar(",d"),
    margin={"l": 60, "r": 60, "t": 60, "b": 30},
    height=420,
)
left.plotly_chart(radar, width="stretch")

indicators = catalogue.indicator_frame()
bars = shared.indicator_bars(
    [  # Paul Tol's colour-blind-safe pair
        (t("all_failing"), [row[f"fail_{c}"] for c in indicators["column"]], "#4477AA"),
        (t("target_failing"), [row[f"target_fail_{c}"] for c in indicators["column"]], "#EE6677"),
    ],
    t("indicator_title"),
    lang,
)
right.plotly_chart(bars, width="stretch")
with st.expander(t("indicator_table_title")):
    measure_views.show_indicator_table(row)

child = sources.child_level(level)
if child:
    st.subheader(t("child_areas"))
    if source.has_level(filters.province, child):
        children = shared.area_table(
            filters.source, child, filters.province, parent, filters.year, dims
        )
        shared.show_area_table(children)
    else:
        st.info(t("no_village_table"))

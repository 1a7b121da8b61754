"""Overview: the funnel for the selected area, five dimensions, 17 indicators, child areas."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import areas, catalogue, labels, sources
from pages import shared

filters = shared.current_filters()
lang, t = filters.lang, shared.t

st.title(t("app_title"))
st.caption(t("app_subtitle"))
note = t(f"source_{filters.source}_note")
(st.info if filters.source == "real" else st.warning)(
    f"**{t(f'source_{filters.source}')}** — {note}"
)

source = shared.get_source(filters.source)
dims = filters.dims
if not source.supports_subsets(filters.province, filters.level) and len(dims) < 5:
    st.caption(t("subset_real_only_pilot"))
    dims = tuple(catalogue.dimension_codes())

level = filters.level
if level == "country":
    area = shared.area_table(filters.source, "country", None, None, filters.year, dims)
else:
    parent_level = {"province": "province", "amphoe": "amphoe", "tambon": "tambon"}[level]
    area = shared.area_table(
        filters.source, parent_level, filters.province, filters.area_code, filters.year, dims
    )
if area.empty:
    st.error(t("no_data"))
    st.stop()
row = area.iloc[0]
st.subheader(areas.area_name(filters.area_code, lang) + f" · {t('year')} {filters.year}")


def number(value: float) -> str:
    return "–" if pd.isna(value) else f"{value:,.0f}"


funnel = [
    ("households", number(row["households"])),
    ("persons", number(row["persons"])),
    ("mpi_poor", number(row["mpi_poor"])),
    ("mpi_poor_registered", number(row["mpi_poor_registered"])),
    ("target_poor", number(row["target_poor"])),
    ("rate", f"{row['rate']:.2f}"),
]
for start in (0, 3):
    for column, (key, value) in zip(
        st.columns(3, border=True), funnel[start : start + 3], strict=True
    ):
        column.metric(t(key), value)
m0 = row["af_m0"]
st.caption(
    f"{t('af_m0')}: {t('af_unavailable') if pd.isna(m0) else f'{m0:.4f}'} — "
    + t("af_note", k=catalogue.af_cutoff())
)

left, right = st.columns(2)
dim_codes = catalogue.dimension_codes()
dim_names = [labels.dimension_name(d, lang) for d in dim_codes]
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
    polar={"radialaxis": {"tickformat": ",d"}},
    margin={"l": 40, "r": 40, "t": 60, "b": 30},
    height=420,
)
left.plotly_chart(radar, width="stretch")

indicators = catalogue.indicator_frame()
names = [f"{c} {labels.indicator_name(c, lang)[:38]}" for c in indicators["code"]]
bars = go.Figure(
    [
        go.Bar(
            y=names,
            x=[row[f"fail_{c}"] for c in indicators["column"]],
            orientation="h",
            name=t("all_failing"),
            marker_color="#4477AA",
        ),
        go.Bar(
            y=names,
            x=[row[f"target_fail_{c}"] for c in indicators["column"]],
            orientation="h",
            name=t("target_failing"),
            marker_color="#EE6677",
        ),
    ]
)
bars.update_layout(
    title=t("indicator_title"),
    barmode="group",
    height=560,
    yaxis={"autorange": "reversed"},
    xaxis={"tickformat": ",d"},
    legend={"orientation": "h", "y": -0.08},
    margin={"l": 10, "r": 10, "t": 60},
)
right.plotly_chart(bars, width="stretch")

child = sources.child_level(level)
if child and not (child == "village" and filters.source == "real" and len(dims) < 5):
    parent = None if level == "country" else filters.area_code
    children = shared.area_table(
        filters.source, child, filters.province, parent, filters.year, dims
    )
    children = sources.with_names(children, lang)
    shown = children[
        ["code", "name", "households", "persons", "mpi_poor", "target_poor", "rate", "af_m0"]
    ]
    shown = shown.sort_values("target_poor", ascending=False)
    if shown["af_m0"].isna().all():
        shown = shown.drop(columns="af_m0")  # aggregates carry no person-level scores
    st.subheader(t("child_areas"))
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "code": t("code"),
            "name": t("name"),
            "households": st.column_config.NumberColumn(t("households"), format="localized"),
            "persons": st.column_config.NumberColumn(t("persons"), format="localized"),
            "mpi_poor": st.column_config.NumberColumn(t("mpi_poor"), format="localized"),
            "target_poor": st.column_config.NumberColumn(t("target_poor"), format="localized"),
            "rate": st.column_config.NumberColumn(t("rate"), format="%.2f"),
            "af_m0": st.column_config.NumberColumn(t("af_m0"), format="%.4f"),
        },
    )

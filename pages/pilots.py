"""Pilot model areas (ศจพ. Model): the six areas side by side, on one screen."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.domain import catalogue, pilots
from analytics.text import labels
from store import pilots as pilot_store
from ui import audit_trail, charts, pilot_views, shared, visits_data

filters = shared.page_frame()
viewer = shared.current_viewer()
lang, t = filters.lang, shared.t
st.title(t("pilots_page"))

pilot_areas = pilot_views.pilot_list()
if all(p.is_demo for p in pilot_areas):
    st.warning(t("demo_selection", rule=pilots.DEMO_RULE[0 if lang == "th" else 1]))

source = shared.get_source(filters.source)
dims = shared.resolved_dims(filters.source, None, "province", filters.dims)  # one rule
table = pilots.pilot_table(
    pilot_views.tambon_table(filters.source, filters.year, dims), pilot_areas
)
years = source.years()
previous = None
if filters.year - 1 in years:
    previous = pilots.pilot_table(
        pilot_views.tambon_table(filters.source, filters.year - 1, dims), pilot_areas
    )

provinces = shared.area_table(filters.source, "province", None, None, filters.year, dims)
province_rate = provinces.set_index("code")["rate"]
country = (
    shared.area_table("real", "country", None, None, 2561, shared.all_dims())["rate"].iloc[0]
    if filters.source == "real"
    else float("nan")
)
names = pilot_views.pilot_names(pilot_areas, lang)
summary = table.merge(pilot_views.visit_progress(pilot_areas), on="code")
summary["code"] = summary["code"].map(names)
summary["province_rate"] = summary["province"].map(province_rate)
summary["national_rate"] = country
columns = ["code", "target_poor", "rate", "province_rate", "national_rate", "visits_done"]
columns += ["share_assisted", "households", "persons", "mpi_poor", "af_h", "af_a", "af_m0"]
if summary["national_rate"].isna().all():  # household data: no national value to compare
    columns.remove("national_rate")
rates = {c: ("rate", 2) for c in ("rate", "province_rate", "national_rate")}
shown = pilot_views.shown_numbers(
    shared.rounded(summary)[columns],
    {
        **rates,
        **{c: ("count", 0) for c in ("target_poor", "visits_done", "households", "persons")},
        "mpi_poor": ("count", 0),
        "share_assisted": ("rate", 1),
        **{c: ("rate", 4) for c in ("af_h", "af_a", "af_m0")},
    },
)
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={
        "code": st.column_config.TextColumn(t("pilot"), width="medium"),
        **{
            key: st.column_config.TextColumn(t(label), alignment="right")
            for key, label in pilot_views.SUMMARY_HEADERS.items()
        },
    },
)

st.subheader(t("small_maps"))
tambons = pilot_views.tambon_table(filters.source, filters.year, dims)
st.plotly_chart(pilot_views.small_maps(pilot_areas, tambons, lang), width="stretch")

left, right = st.columns(2)
dim_names = [
    shared.wrapped(labels.dimension_name(d, lang), 14) for d in catalogue.dimension_codes()
]
radar = go.Figure()
for _, row in table.iterrows():
    values = [row[f"target_{d}"] / row["persons"] * 100 for d in catalogue.dimension_codes()]
    radar.add_trace(
        go.Scatterpolar(
            r=values + values[:1],
            theta=dim_names + dim_names[:1],
            name=names.get(row["code"], row["code"]),
            mode="lines+markers",
        )
    )
radar.update_layout(
    title=shared.wrapped(t("radar_pilots"), 60),
    height=480,
    polar=charts.radar_polar(),
    legend={"orientation": "h", "y": -0.15},
    margin={"l": 70, "r": 70, "t": 70, "b": 40},
)
left.plotly_chart(radar, width="stretch")

rates = pilots.indicator_rates(table)
heat = go.Figure(
    go.Heatmap(
        z=rates.to_numpy(),
        x=list(rates.columns),
        y=[names.get(code, code) for code in rates.index],
        colorscale="YlOrBr",
        hovertemplate="%{y} · %{x}: %{z:.2f}<extra></extra>",
        colorbar={"title": "%"},
    )
)
heat.update_layout(
    title=shared.wrapped(t("heatmap"), 60),
    height=480,
    margin={"l": 10, "r": 10, "t": 70, "b": 40},
    xaxis={"type": "category", "tickvals": list(rates.columns), "tickangle": -90},
)
right.plotly_chart(heat, width="stretch")

st.subheader(t("ranking"))
ranked = pilots.ranking(table, previous)
ranked["code"] = ranked["code"].map(names)
if previous is None:
    st.caption(t("no_previous_year"))
pilot_views.show_ranking(ranked, lang)

if viewer.role == "admin":
    with st.expander(t("edit_pilots"), icon=":material/edit:"):
        editable = pd.DataFrame(
            {
                "name": [p.name for p in pilot_areas],
                "province": [p.province for p in pilot_areas],
                "tambons": [", ".join(p.tambons) for p in pilot_areas],
            }
        )
        edited = st.data_editor(
            editable,
            num_rows="dynamic",
            width="stretch",
            key="pilot_editor",
            column_config={
                "name": t("pilot"),
                "province": t("pilot_province_code"),
                "tambons": t("pilot_tambons"),
            },
        )
        if st.button(t("save_pilots"), type="primary"):
            new = [
                pilots.PilotArea(
                    str(r.name),
                    str(r.province),
                    tuple(c.strip() for c in str(r.tambons).split(",") if c.strip()),
                    is_demo=False,
                )
                for r in edited.itertuples()
            ]
            try:
                version = pilot_store.replace_pilots(visits_data.engine(), new, viewer.username)
            except ValueError as error:
                st.error(str(error))
            else:
                audit_trail.record(
                    viewer.username,
                    viewer.role,
                    "pilots_changed",
                    "",
                    len(new),
                    f"version={version}",
                )
                st.success(t("pilots_saved"))
                st.rerun()

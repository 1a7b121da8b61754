"""Pilot model areas (ศจพ. Model): the six areas side by side, on one screen."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import areas, catalogue, labels, pilots
from store import pilots as pilot_store
from ui import audit_trail, pilot_views, shared, visits_data

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
summary = table.merge(pilot_views.visit_progress(pilot_areas), on="code")
summary["province_rate"] = summary["province"].map(province_rate)
summary["national_rate"] = country
st.dataframe(
    shared.rounded(summary)[
        [
            "code",
            "households",
            "persons",
            "mpi_poor",
            "target_poor",
            "rate",
            "province_rate",
            "national_rate",
            "af_h",
            "af_a",
            "af_m0",
            "visits_done",
            "share_assisted",
        ]
    ],
    hide_index=True,
    width="stretch",
    column_config={
        "code": t("pilot"),
        "households": st.column_config.NumberColumn(t("households"), format="localized"),
        "persons": st.column_config.NumberColumn(t("persons"), format="localized"),
        "mpi_poor": st.column_config.NumberColumn(t("mpi_poor"), format="localized"),
        "target_poor": st.column_config.NumberColumn(t("target_poor"), format="localized"),
        "rate": st.column_config.NumberColumn(t("rate"), format="%.2f"),
        "province_rate": st.column_config.NumberColumn(t("province_value"), format="%.2f"),
        "national_rate": st.column_config.NumberColumn(t("national_value"), format="%.2f"),
        "af_h": st.column_config.NumberColumn(t("af_h"), format="%.4f"),
        "af_a": st.column_config.NumberColumn(t("af_a"), format="%.4f"),
        "af_m0": st.column_config.NumberColumn(t("af_m0"), format="%.4f"),
        "visits_done": st.column_config.NumberColumn(t("visits_done"), format="localized"),
        "share_assisted": st.column_config.NumberColumn(t("share_assisted"), format="%.1f"),
    },
)

st.subheader(t("small_maps"))
tambons = pilot_views.tambon_table(filters.source, filters.year, dims)
st.plotly_chart(pilot_views.small_maps(pilot_areas, tambons, lang), width="stretch")

left, right = st.columns(2)
dim_names = [labels.dimension_name(d, lang) for d in catalogue.dimension_codes()]
radar = go.Figure()
for _, row in table.iterrows():
    values = [row[f"target_{d}"] / row["persons"] * 100 for d in catalogue.dimension_codes()]
    radar.add_trace(
        go.Scatterpolar(
            r=values + values[:1],
            theta=dim_names + dim_names[:1],
            name=row["code"],
            mode="lines+markers",
        )
    )
radar.update_layout(
    title=t("radar_pilots"),
    height=460,
    legend={"orientation": "h", "y": -0.15},
    margin={"l": 40, "r": 40, "t": 60, "b": 40},
)
left.plotly_chart(radar, width="stretch")

rates = pilots.indicator_rates(table)
heat = go.Figure(
    go.Heatmap(
        z=rates.to_numpy(),
        x=list(rates.columns),
        y=list(rates.index),
        colorscale="YlOrBr",
        hovertemplate="%{y} · %{x}: %{z:.2f}<extra></extra>",
        colorbar={"title": "%"},
    )
)
heat.update_layout(
    title=t("heatmap"),
    height=460,
    margin={"l": 10, "r": 10, "t": 60, "b": 40},
    xaxis={"type": "category"},
)
right.plotly_chart(heat, width="stretch")

st.subheader(t("ranking"))
ranked = pilots.ranking(table, previous)
ranked["province"] = ranked["province"].map(lambda code: areas.area_name(code, lang))
if previous is None:
    st.caption(t("no_previous_year"))
st.dataframe(
    shared.rounded(ranked),
    hide_index=True,
    width="stretch",
    column_config={
        "code": t("pilot"),
        "province": t("province"),
        "rate": st.column_config.NumberColumn(t("rate"), format="%.2f"),
        "rank": t("rank"),
        "previous": st.column_config.NumberColumn(format="%.2f"),
        "change": st.column_config.NumberColumn(t("change"), format="%+.2f"),
        "rank_change": st.column_config.NumberColumn(t("rank_change"), format="%+d"),
    },
)

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
            column_config={"tambons": t("pilot_tambons")},
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

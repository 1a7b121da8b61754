"""Map: a choropleth of any measure; click an area to drill down province → amphoe → tambon."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import geodata
from analytics.domain import areas, classify
from analytics.domain.map_measures import map_measures, measure_by_key
from analytics.text import formatting, labels
from geodata import basemap
from geodata.choropleth import build_map
from ui import audit_trail, households, map_view, shared

filters = shared.page_frame()
lang, t = filters.lang, shared.t
st.title(t("map_page"))
shared.breadcrumbs(filters)

try:
    geodata.layer_source("tambon", list(filters.province and [filters.province] or []) or None)
except geodata.BoundariesUnavailable:
    st.error(t("boundaries_missing"))
    st.stop()

source = shared.get_source(filters.source)
if not source.covers(filters.province):
    st.info(t("no_households_here", area=areas.area_name(filters.area_code, lang)))
    st.stop()
controls = st.columns([2, 1.3, 1.3])
measures = map_measures()
measure = measure_by_key(
    controls[0].selectbox(
        t("map_measure"),
        [m.key for m in measures],
        key="map_measure",
        format_func=lambda k: measure_by_key(k).label(lang),
        placeholder=t("choose_option"),
    )
)
level_options = ["province"] if filters.province is None else ["tambon", "amphoe"]
level = controls[1].radio(
    t("map_level"),
    level_options,
    key=f"map_level_{len(level_options)}",
    horizontal=True,
    format_func=lambda k: labels.t(f"level_{k}", lang),
)
method = controls[2].radio(
    t("classification"),
    list(classify.METHODS),
    key="map_classes",
    horizontal=True,
    format_func=lambda k: labels.t(k, lang),
)

view = map_view.view_for(filters, level, filters.source)
dims = filters.dims  # shared.area_table applies the one dimension-subset rule
table = shared.area_table(
    filters.source, view.level, view.table_province, view.table_parent, filters.year, dims
)
selected = filters.tambon or filters.amphoe or filters.province
content = map_view.build_spec(view, table, measure, method, lang, selected, filters.source)

spec = content.spec
points_note = None
if filters.tambon and filters.source == "households":
    points = map_view.household_points(filters.tambon, filters.year, households.version())
    villages = shared.area_table(
        filters.source, "village", filters.province, filters.tambon, filters.year, dims
    ).set_index("code")
    centres = points.groupby("village_id")[["lon", "lat"]].mean()
    village_items = [
        {
            "code": code,
            "lon": float(r.lon),
            "lat": float(r.lat),
            "tooltip": map_view.tooltip(
                areas.area_name(code, lang),
                measure,
                villages.loc[code] if code in villages.index else pd.Series(dtype=float),
                lang,
            ),
        }
        for code, r in centres.iterrows()
    ]
    house_points = (
        list(zip(points["lat"].round(5), points["lon"].round(5), strict=True))
        if map_view.show_household_points(shared.current_viewer(), filters.tambon)
        else []
    )
    spec = dataclasses.replace(
        spec,
        villages=village_items,
        households=house_points,
        labels=spec.labels + map_view.village_labels(village_items, lang),
        fit=map_view.with_points(  # only the points this viewer is shown widen the view
            spec.fit or spec.bounds, [p[1] for p in house_points], [p[0] for p in house_points]
        ),
    )
    if house_points:  # household locations are household-level reads: audited
        audit_trail.record_once(
            shared.current_viewer(), "view_map_points", filters.tambon, len(house_points)
        )
    points_note = t("village_points_note") + (
        ""
        if map_view.show_household_points(shared.current_viewer(), filters.tambon)
        else " " + t("household_points_hidden")
    )

map_column, side = st.columns([3, 1.25])
with map_column:
    map_key = f"map_{filters.source}_{view.level}_{view.amphoe or view.provinces}"

    def on_map_click() -> None:
        code = map_view.clicked_code(st.session_state.get(map_key))
        if code:
            shared.go_to_area(code)

    st_folium(
        build_map(spec, basemap.configured()),
        key=map_key,
        height=640,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        on_change=on_map_click,
    )
    hints = [t("click_hint"), points_note]
    if not spec.labels:
        hints.append(t("map_labels_shown", limit=map_view.label_limit()))
    st.caption(" — ".join(h for h in hints if h))

with side:
    st.markdown(f"**{measure.label(lang)}**")
    legend = "".join(
        f'<div style="display:flex;align-items:center;gap:8px;margin:2px 0">'
        f'<span style="width:22px;height:14px;background:{colour};border:1px solid #666;'
        f'display:inline-block"></span><span>{label}</span></div>'
        for colour, label in content.legend
    )
    if content.note and len(content.legend) <= 1:  # nothing but "no data": say why instead
        st.info(content.note, icon=":material/info:")
    else:
        st.markdown(legend, unsafe_allow_html=True)
        if content.note:
            st.caption(content.note)
    st.divider()
    st.markdown(f"**{t('details')}**")
    area = shared.area_table(
        filters.source,
        filters.level,
        filters.province,
        None if filters.level == "country" else filters.area_code,
        filters.year,
        dims,
    )
    if len(area):
        row = area.iloc[0]
        st.markdown(f"### {areas.area_name(filters.area_code, lang)}")
        for key in ("households", "persons", "mpi_poor", "target_poor"):
            st.markdown(f"{t(key)}: **{formatting.format_count(row[key])}**")
        st.markdown(f"{t('rate')}: **{formatting.format_rate(row['rate'])}**")
        if measure.key not in ("households", "persons", "mpi_poor", "target_poor", "rate"):
            st.markdown(f"{measure.label(lang)}: **{measure.format(row[measure.key])}**")
    if measure.unit == "persons":
        totals = content.joined.shown_totals
        st.caption(
            f"{t('map_total')}: {formatting.format_count(totals[measure.key])} · "
            f"{t('table_total')}: {formatting.format_count(table[measure.key].sum())}"
        )

if len(content.joined.municipal):
    st.subheader(t("municipal_list"))
    shared.show_area_table(
        content.joined.municipal.rename(columns={map_view.CODE_COLUMN[view.level]: "code"})
    )
if filters.tambon:
    st.subheader(t("villages"))
    if source.has_level(filters.province, "village"):
        shared.show_area_table(
            shared.area_table(
                filters.source, "village", filters.province, filters.tambon, filters.year, dims
            )
        )
    else:
        st.info(t("no_village_table"))
st.caption(geodata.ATTRIBUTION + " · " + labels.t("source_" + filters.source, lang))

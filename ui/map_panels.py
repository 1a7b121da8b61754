"""The map page's widgets and side panel: measure / level / classes, the legend, the numbers."""

from __future__ import annotations

import streamlit as st
import streamlit_folium

from analytics.domain import areas, classify
from analytics.domain.map_measures import MapMeasure, map_measures, measure_by_key
from analytics.services import map_spec
from analytics.services.filters import Filters
from analytics.services.map import MapPage, level_options
from analytics.text import formatting, labels
from ui import area_nav, map_view
from ui.words import t

OWN_ROWS = ("households", "persons", "mpi_poor", "target_poor", "rate")


def controls(filters: Filters) -> tuple[MapMeasure, str, str]:
    """The measure, the polygon level and the classification the user chose."""
    lang = filters.lang
    cols = st.columns([2, 1.3, 1.3])
    measure = measure_by_key(
        cols[0].selectbox(
            t("map_measure"),
            [m.key for m in map_measures()],
            key="map_measure",
            format_func=lambda k: measure_by_key(k).label(lang),
            placeholder=t("choose_option"),
        )
    )
    options = level_options(filters)
    level = cols[1].radio(
        t("map_level"),
        options,
        key=f"map_level_{len(options)}",
        horizontal=True,
        format_func=lambda k: labels.t(f"level_{k}", lang),
    )
    method = cols[2].radio(
        t("classification"),
        list(classify.METHODS),
        key="map_classes",
        horizontal=True,
        format_func=lambda k: labels.t(k, lang),
    )
    return measure, str(level), str(method)


def legend(page: MapPage, measure: MapMeasure) -> None:
    content = page.content
    st.markdown(f"**{measure.label(st.session_state.get('lang', 'th'))}**")
    html = "".join(
        f'<div style="display:flex;align-items:center;gap:8px;margin:2px 0">'
        f'<span style="width:22px;height:14px;background:{colour};border:1px solid #666;'
        f'display:inline-block"></span><span>{label}</span></div>'
        for colour, label in content.legend
    )
    if content.note and len(content.legend) <= 1:  # nothing but "no data": say why instead
        st.info(content.note, icon=":material/info:")
    else:
        st.markdown(html, unsafe_allow_html=True)
        if content.note:
            st.caption(content.note)


def details(page: MapPage, measure: MapMeasure, filters: Filters) -> None:
    """The selected area's numbers and, for counts, the map's total beside the table's."""
    st.markdown(f"**{t('details')}**")
    row = page.details
    if row is not None:
        st.markdown(f"### {areas.area_name(filters.area_code, filters.lang)}")
        for key in ("households", "persons", "mpi_poor", "target_poor"):
            st.markdown(f"{t(key)}: **{formatting.format_count(row[key])}**")
        st.markdown(f"{t('rate')}: **{formatting.format_rate(row['rate'])}**")
        if measure.key not in OWN_ROWS:
            st.markdown(f"{measure.label(filters.lang)}: **{measure.format(row[measure.key])}**")
    if measure.unit == "persons":
        totals = page.content.joined.shown_totals
        st.caption(
            f"{t('map_total')}: {formatting.format_count(totals[measure.key])} · "
            f"{t('table_total')}: {formatting.format_count(page.table_total)}"
        )


def map_area(page: MapPage, source: str) -> None:
    """The map itself (a click on an area selects it) and the hints under it."""
    view = page.view
    map_key = f"map_{source}_{view.level}_{view.amphoe or view.provinces}"

    def on_map_click() -> None:
        code = map_view.clicked_code(st.session_state.get(map_key))
        if code:
            area_nav.go_to_area(code)

    streamlit_folium.st_folium(
        map_view.folium_map(page.content.spec),
        key=map_key,
        height=640,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        on_change=on_map_click,
    )
    hints = [t("click_hint"), page.points_note]
    if not page.content.spec.labels:
        hints.append(t("map_labels_shown", limit=map_spec.label_limit()))
    st.caption(" — ".join(h for h in hints if h))

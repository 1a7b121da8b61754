"""Today's route on the target list: start (team office, a clicked point, or the first
household), numbered stops and the route line on the map, a "navigate" link per household.

The numbers are the ``order`` column of the routed table, which the visit sheet prints too.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from analytics.domain import access, route
from analytics.services import map as map_service
from analytics.services import route_map
from store import offices
from store.db import StoreError
from ui import map_view, shared, visits_data

START_CHOICES = ("office", "clicked", "first")
PENDING = "_route_start_pending"  # a start chosen by a click or a save, applied next run


def _clicks() -> dict:
    """Clicked start per area code: another area never inherits this one's start."""
    return st.session_state.setdefault("route_clicks", {})


def _office(viewer: access.Viewer) -> offices.Office | None:
    try:
        return offices.get_office(visits_data.engine(), viewer.username)
    except StoreError:
        return None


def choose_start(area_code: str, viewer: access.Viewer) -> tuple[tuple[float, float] | None, str]:
    """The start the user picked (office / clicked point / first household) and what it is."""
    t = shared.t
    office = _office(viewer)
    clicked = _clicks().get(area_code)
    pending = st.session_state.setdefault(PENDING, {}).pop(area_code, None)
    if pending:  # set before the radio exists (a widget's value cannot change after)
        st.session_state[f"route_start_{area_code}"] = pending
    default = 0 if office else 1 if clicked else 2
    choice = st.radio(
        t("route_start"),
        START_CHOICES,
        index=default,
        horizontal=True,
        key=f"route_start_{area_code}",
        format_func=lambda c: t(f"route_start_{c}"),
    )
    if choice == "office":
        if office is None:
            st.caption(t("route_no_office"))
            return None, "first"
        st.caption(t("route_office_now", label=office.label))
        return (office.lat, office.lon), "office"
    if choice == "clicked":
        if clicked is None:
            st.caption(t("route_no_click"))
            return None, "first"
        return clicked, "clicked"
    return None, "first"


def _remember_click(area_code: str, clicked: dict | None) -> None:
    if not clicked:
        return
    point = (round(float(clicked["lat"]), 6), round(float(clicked["lng"]), 6))
    if _clicks().get(area_code) != point:
        _clicks()[area_code] = point
        st.session_state.setdefault(PENDING, {})[area_code] = "clicked"
        st.rerun()


def office_setter(area_code: str, viewer: access.Viewer) -> None:
    """A field user sets the team's office once, from the point clicked on the map."""
    t = shared.t
    saved = st.session_state.pop("_office_saved", None)
    if saved:
        st.success(t("route_office_saved", label=saved), icon=":material/home_pin:")
    clicked = _clicks().get(area_code)
    if not viewer.records_visits or clicked is None:
        return
    with st.expander(t("route_office_set"), icon=":material/home_pin:"):
        label = st.text_input(
            t("route_office_label"),
            value=t("route_office_default"),
            key=f"office_label_{area_code}",
        )
        if st.button(t("route_office_set"), key=f"office_save_{area_code}"):
            try:
                lat, lon = clicked
                saved = offices.save_office(
                    visits_data.engine(), viewer.username, lat, lon, label, user=viewer.username
                )
            except (StoreError, ValueError) as error:
                st.error(f"{t('route_office_failed')}  \n{getattr(error, 'message_th', error)}")
            else:
                st.session_state.setdefault(PENDING, {})[area_code] = "office"
                st.session_state["_office_saved"] = saved.label
                st.rerun()


def stops_table(routed: pd.DataFrame) -> None:
    t = shared.t
    limit = route_map.map_stops()
    if len(routed) > limit:
        st.caption(t("route_limit", shown=limit, total=len(routed)))
    st.dataframe(
        routed.head(limit)[["order", "house_code", "village_name", "maps_link"]],
        hide_index=True,
        width="stretch",
        height=260,
        column_config={
            "order": st.column_config.NumberColumn(t("route_stop_col"), width="small"),
            "house_code": t("col_house_code"),
            "village_name": t("col_village"),
            "maps_link": st.column_config.LinkColumn(
                t("route_open_maps"), display_text=t("route_open_maps")
            ),
        },
    )


def _outline(filters) -> gpd.GeoDataFrame:
    """The tambon outlines the route is drawn over (the chosen tambon's only, when there is one)."""
    outline = map_view.layer("tambon", (filters.province,), filters.amphoe)
    if filters.tambon:
        outline = outline[outline["tambon_code"] == filters.tambon]
    return outline


def route_section(shown: pd.DataFrame, filters, viewer: access.Viewer) -> pd.DataFrame:
    """Plan and show today's route; returns the table in visiting order (``order`` = stop)."""
    t = shared.t
    st.subheader(t("route_title"))
    if not map_service.boundaries_available(filters):  # no layers: the list in priority order
        st.info(t("boundaries_missing"))
        return shown
    start, _ = choose_start(filters.area_code, viewer)
    routed, length = route.plan(shown, start)
    st.caption(
        t("route_length", stops=f"{len(routed):,}", km=f"{length:,.1f}")
        + " · "
        + t("route_click_hint")
    )
    out = st_folium(
        route_map.route_map(routed, start, _outline(filters), route_map.map_stops()),
        key=f"route_map_{filters.area_code}",
        height=420,
        use_container_width=True,
        returned_objects=["last_clicked"],
    )
    _remember_click(filters.area_code, (out or {}).get("last_clicked"))
    office_setter(filters.area_code, viewer)
    stops_table(routed)
    return routed

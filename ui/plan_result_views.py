"""Plan against result (plans page, monitoring page) and the similar-tambons tab."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go  # type: ignore[import-untyped,unused-ignore]
import streamlit as st

from analytics.domain import areas
from analytics.reports.briefing.sections import Absent, PlanFacts
from analytics.services import plan_result, similar_areas
from store import plan_versions
from store.db import StoreError
from store.pilots import load_pilots
from ui import cache, households, shared, visits_data

CHART_ROWS = 12


def section(filters: shared.Filters) -> PlanFacts | Absent:
    """Plan against result of the area, cached until a step is recorded or a plan saved; one
    line instead for the country or when the store cannot be read (its error shown here)."""
    if filters.area_code == "TH":
        return Absent("bpdf_plan_country")
    try:
        engine = visits_data.engine()
        plans = plan_versions.plan_version(engine, filters.area_code)
        return cache.plan_facts(
            households.version(), str(engine.url), filters.area_code, filters.year, plans
        )
    except StoreError as error:
        st.error(visits_data.store_message(error))
        return Absent("bpdf_plan_unavailable")


def result(filters: shared.Filters) -> None:
    """Paragraph and chart: planned vs referred vs received per programme, and the outcome."""
    show(section(filters), filters.lang)


def show(found: PlanFacts | Absent, lang: str) -> None:
    """The paragraph and chart of plan against result, or the one line saying why not."""
    if isinstance(found, Absent):
        if found.key != "bpdf_plan_unavailable":  # that one is said by the error above
            st.markdown(found.line(lang))
        return
    shown = plan_result.view(found, lang)
    st.markdown(shown.paragraph)
    if not shown.chart.empty:
        _chart(shown.chart.head(CHART_ROWS))  # most planned first


def _chart(chart: pd.DataFrame) -> None:
    t = shared.t
    figure = go.Figure(
        [
            go.Bar(
                name=t(f"result_col_{k}"), x=chart["name"], y=chart[k], marker_color=colour
            )  # fmt: skip
            for k, colour in (
                ("planned", "#4477AA"),
                ("referred", "#CCBB44"),
                ("received", "#228833"),
            )  # fmt: skip
        ]
    )
    figure.update_layout(
        barmode="group", height=360, title=t("plan_result_chart"),
        margin={"l": 10, "r": 10, "t": 40}, legend={"orientation": "h"},
    )  # fmt: skip
    st.plotly_chart(figure, width="stretch", key="plan_result_chart")


def _pilot_choices(filters: shared.Filters) -> dict[str, tuple[str, ...]]:
    choices: dict[str, tuple[str, ...]] = {}
    try:
        for pilot in load_pilots(visits_data.engine()):
            choices[pilot.name] = tuple(pilot.tambons)
    except StoreError:
        pass
    if filters.tambon:
        choices.setdefault(areas.area_name(filters.tambon, filters.lang), (filters.tambon,))
    return choices


def similar(filters: shared.Filters) -> None:
    t, lang = shared.t, filters.lang
    st.caption(t("similar_intro"))
    choices = _pilot_choices(filters)
    if not choices:
        st.info(t("similar_no_pilot"))
        return
    names = list(choices)
    name = st.selectbox(t("similar_pilot"), names, key="similar_pilot")
    try:
        view = similar_areas.similar_tambons(choices[name], lang)
    except KeyError:
        st.info(t("similar_not_found"))
        return
    ranked = view.ranked
    st.dataframe(
        {
            t("similar_col_rank"): ranked["rank"],
            t("similar_col_code"): ranked["code"],
            t("similar_col_name"): ranked["name"],
            t("similar_col_province"): ranked["province"],
            t("similar_col_persons"): ranked["persons"],
            t("similar_col_similarity"): ranked["similarity"].round(3),
        },
        hide_index=True,
        width="stretch",
        key="similar_table",
    )
    _map(view)


def _map(view: similar_areas.SimilarView) -> None:
    """Points on plain axes (no tiles: works offline): the pilot in red, the ranked in blue."""
    ranked = view.ranked.dropna(subset=["lat"])
    if ranked.empty:
        return
    figure = go.Figure(
        [
            go.Scatter(x=view.outline[0], y=view.outline[1], mode="lines", hoverinfo="skip",
                       line={"color": "#BBBBBB", "width": 0.6}, showlegend=False),
            go.Scatter(x=ranked["lon"], y=ranked["lat"], mode="markers+text",
                       text=ranked["rank"].astype(str) + " " + ranked["name"],
                       textposition="top center", marker={"size": 10, "color": "#4477AA"},
                       name=shared.t("similar_col_name")),
            go.Scatter(x=view.pilot_points["lon"], y=view.pilot_points["lat"], mode="markers",
                       text=view.pilot_points["name"], marker={"size": 12, "color": "#EE6677",
                       "symbol": "star"}, name=shared.t("similar_pilot")),
        ]
    )  # fmt: skip
    figure.update_layout(
        height=620, margin={"l": 10, "r": 10, "t": 10}, plot_bgcolor="white",
        xaxis={"range": [97.3, 105.7], "visible": False},
        yaxis={"range": [5.5, 20.6], "visible": False, "scaleanchor": "x"},
    )  # fmt: skip
    st.plotly_chart(figure, width="stretch", key="similar_map")

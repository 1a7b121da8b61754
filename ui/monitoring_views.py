"""Monitoring views: year-on-year change of an area and movement between development stages."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analytics.domain import access
from analytics.services import monitoring
from analytics.services.bilingual import column_in_lang
from analytics.services.filters import Filters
from analytics.services.progress import Progress
from ui import charts, context, words
from ui.figures import indicator_bars
from ui.words import t


def year_pickers(years: list[int]) -> tuple[int, int]:
    cols = st.columns(2)
    first = cols[0].selectbox(
        t("from_year"), years[:-1], key="mon_from", placeholder=t("choose_option")
    )
    later = [y for y in years if y > first]
    second = cols[1].selectbox(
        t("to_year"), later, key="mon_to", placeholder=t("choose_option"), index=len(later) - 1
    )
    return int(first), int(second)


def trend_line(view: monitoring.YearOnYear, area: str) -> go.Figure:
    trend = view.trend
    line = go.Figure(
        go.Scatter(
            x=trend["year"].astype(str),
            y=trend["target_poor"],
            mode="lines+markers+text",
            text=[f"{v:,.0f}" for v in trend["target_poor"]],
            textposition="top center",
            name=t("target_poor"),
        )
    )
    line.update_layout(
        title=f"{t('trend_title')} — {words.area_name(area)}",
        height=380,
        yaxis=charts.count_axis(trend["target_poor"].max(), 1.15),
        margin={"l": 10, "r": 10, "t": 60, "b": 30},
    )
    return line


def year_on_year(filters: Filters, viewer: access.Viewer, years: list[int]) -> None:
    """Trend, indicator change and stage movement between two survey years of the area."""
    first, second = year_pickers(years)
    view = monitoring.year_on_year(context.context(), filters, viewer, years, first, second)
    left, right = st.columns([2, 3])  # the 17 indicator names need the room
    left.plotly_chart(trend_line(view, filters.area_code), width="stretch")
    bars = indicator_bars(
        [
            (f"{t('before')} {first}", view.change["before"].tolist(), "#BBBBBB"),
            (f"{t('after')} {second}", view.change["after"].tolist(), "#4477AA"),
        ],
        t("indicator_change"),
        filters.lang,
    )
    right.plotly_chart(bars, width="stretch")
    if view.stage_links is None or view.movement is None:
        return
    st.subheader(t("stage_flow"))
    sankey = charts.stage_sankey(view.stage_links, first, second, ["#CC4C02", "#FEC44F", "#4477AA"])
    sankey.update_layout(height=380, margin={"l": 10, "r": 10, "t": 20, "b": 10})
    st.plotly_chart(sankey, width="stretch")
    tiles = st.columns(3)
    for column, key in zip(tiles, ("left", "entered", "stayed"), strict=True):
        column.metric(t(f"{key}_target"), f"{view.movement[key]:,}")


def progress_chart(progress: Progress, lang: str) -> go.Figure:
    counts = progress.counts
    assert counts is not None
    label = counts[column_in_lang("label", lang)]
    return go.Figure(
        go.Bar(
            x=label,
            y=counts["households"],
            text=[f"{v:,}" for v in counts["households"]],
            textposition="outside",
            marker_color=["#BBBBBB" if s == "not_visited" else "#4477AA" for s in counts["status"]],
        )
    ).update_layout(
        height=320,
        yaxis=charts.count_axis(counts["households"].max(), 1.2),
        margin={"l": 10, "r": 10, "t": 20},
    )

"""Monitoring views: year-on-year change of an area and movement between development stages."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analytics.domain import access, areas, monitoring
from ui import charts, households, shared


def year_on_year(filters: shared.Filters, viewer: access.Viewer, years: list[int]) -> None:
    """Trend, indicator change and stage movement between two survey years of the area."""
    t, lang = shared.t, filters.lang
    area, level = filters.area_code, filters.level
    province = filters.province
    parent = None if level == "country" else area
    tables = {
        y: shared.area_table(filters.source, level, province, parent, y, filters.dims)
        for y in years
    }
    trend = monitoring.trend(tables, "TH" if level == "country" else area)

    cols = st.columns(2)
    first = cols[0].selectbox(
        t("from_year"), years[:-1], key="mon_from", placeholder=t("choose_option")
    )
    second = cols[1].selectbox(
        t("to_year"),
        [y for y in years if y > first],
        key="mon_to",
        placeholder=t("choose_option"),
        index=len([y for y in years if y > first]) - 1,
    )

    left, right = st.columns([2, 3])  # the 17 indicator names need the room
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
        title=f"{t('trend_title')} — {areas.area_name(area, lang)}",
        height=380,
        yaxis=charts.count_axis(trend["target_poor"].max(), 1.15),
        margin={"l": 10, "r": 10, "t": 60, "b": 30},
    )
    left.plotly_chart(line, width="stretch")

    before_row = (
        tables[first].set_index("code").reindex(["TH" if level == "country" else area]).iloc[0]
    )
    after_row = (
        tables[second].set_index("code").reindex(["TH" if level == "country" else area]).iloc[0]
    )
    change = monitoring.indicator_change(before_row, after_row)
    bars = shared.indicator_bars(
        [
            (f"{t('before')} {first}", change["before"].tolist(), "#BBBBBB"),
            (f"{t('after')} {second}", change["after"].tolist(), "#4477AA"),
        ],
        t("indicator_change"),
        lang,
    )
    right.plotly_chart(bars, width="stretch")

    household_years = (
        filters.source == "households"
        and level != "country"
        and viewer.sees_households
        and viewer.covers(area)
    )
    if household_years:
        before_hh = households.area_households(area, first)
        after_hh = households.area_households(area, second)
        st.subheader(t("stage_flow"))
        links = monitoring.sankey_links(monitoring.stage_transitions(before_hh, after_hh), lang)
        sankey = charts.stage_sankey(links, first, second, ["#CC4C02", "#FEC44F", "#4477AA"])
        sankey.update_layout(height=380, margin={"l": 10, "r": 10, "t": 20, "b": 10})
        st.plotly_chart(sankey, width="stretch")
        movement = monitoring.target_movement(before_hh, after_hh)
        tiles = st.columns(3)
        tiles[0].metric(t("left_target"), f"{movement['left']:,}")
        tiles[1].metric(t("entered_target"), f"{movement['entered']:,}")
        tiles[2].metric(t("stayed_target"), f"{movement['stayed']:,}")

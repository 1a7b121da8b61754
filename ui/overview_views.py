"""The overview's blocks: the source banner, the funnel tiles, the five-dimension radar."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analytics.services.filters import Filters
from analytics.services.overview import Series
from ui import charts, households
from ui.figures import indicator_bars, wrapped
from ui.words import t


def source_banner(filters: Filters) -> None:
    """Which data the numbers come from (household data: which datasets, demo or imported)."""
    if filters.source == "real":
        st.info(f"**{t('source_real')}** — {t('source_real_note')}")
    else:
        note = households.source_note(filters.province, filters.year, filters.lang)
        st.warning(f"**{t(f'source_{filters.source}')}** — {note}")


def funnel_tiles(funnel: tuple[tuple[str, str], ...]) -> None:
    for start in range(0, len(funnel), 3):
        part = funnel[start : start + 3]
        for column, (key, value) in zip(st.columns(3, border=True), part, strict=False):
            column.metric(t(key), value)


def radar(names: tuple[str, ...], values: tuple[float, ...]) -> go.Figure:
    """Target poor failing each of the five dimensions."""
    theta = [wrapped(n, 14) for n in names]
    fig = go.Figure(
        go.Scatterpolar(
            r=[*values, values[0]],
            theta=[*theta, theta[0]],
            fill="toself",
            name=t("target_poor"),
            hovertemplate="%{theta}: %{r:,.0f}<extra></extra>",
        )
    )
    fig.update_layout(
        title=t("radar_title"),
        polar=charts.radar_polar(",d"),
        margin={"l": 60, "r": 60, "t": 60, "b": 30},
        height=420,
    )
    return fig


def indicator_figure(series: tuple[Series, ...], title: str, lang: str) -> go.Figure:
    return indicator_bars([(s.name, list(s.values), s.colour) for s in series], title, lang)

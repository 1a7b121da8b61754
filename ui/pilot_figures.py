"""The pilot page's figures and comparison table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.domain import catalogue
from ui import charts, pilot_views
from ui.figures import wrapped
from ui.words import t


def summary_table(summary: pd.DataFrame) -> None:
    st.dataframe(
        summary,
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


def radar(shares: dict[str, tuple[float, ...]], lang: str) -> go.Figure:
    """Target poor failing each dimension per 100 persons, one line per pilot."""
    names = [wrapped(catalogue.dimension_name(d, lang), 14) for d in catalogue.dimension_codes()]
    fig = go.Figure()
    for pilot, values in shares.items():
        fig.add_trace(
            go.Scatterpolar(
                r=[*values, values[0]],
                theta=[*names, names[0]],
                name=pilot,
                mode="lines+markers",
            )
        )
    fig.update_layout(
        title=wrapped(t("radar_pilots"), 60),
        height=480,
        polar=charts.radar_polar(),
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 70, "r": 70, "t": 70, "b": 40},
    )
    return fig


def heatmap(rates: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """Persons failing each indicator per 100 persons, pilot x indicator."""
    fig = go.Figure(
        go.Heatmap(
            z=rates.to_numpy(),
            x=list(rates.columns),
            y=[names.get(code, code) for code in rates.index],
            colorscale="YlOrBr",
            hovertemplate="%{y} · %{x}: %{z:.2f}<extra></extra>",
            colorbar={"title": "%"},
        )
    )
    fig.update_layout(
        title=wrapped(t("heatmap"), 60),
        height=480,
        margin={"l": 10, "r": 10, "t": 70, "b": 40},
        xaxis={"type": "category", "tickvals": list(rates.columns), "tickangle": -90},
    )
    return fig

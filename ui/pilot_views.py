"""Pilot comparison plumbing: the stored pilot list, their tables, small maps on one scale."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from analytics.domain import areas, classify, pilots
from analytics.services.pilots import (  # noqa: F401 - names the pages use
    pilot_name,
    pilot_names,
    shown_numbers,
)
from analytics.text import formatting
from ui import map_view, shared

SUMMARY_HEADERS = {  # column -> label key (short English words: headers fit 1366 px)
    "target_poor": "target_poor",
    "rate": "rate",
    "province_rate": "province_value",
    "national_rate": "national_value",
    "visits_done": "visits_done",
    "share_assisted": "share_assisted",
    "households": "households",
    "persons": "persons",
    "mpi_poor": "mpi_poor",
    "af_h": "af_h",
    "af_a": "af_a",
    "af_m0": "af_m0",
}


def small_maps(pilot_areas: list[pilots.PilotArea], table: pd.DataFrame, lang: str) -> go.Figure:
    """Six small maps drawn as plotly shapes (no tiles, no network), one colour scale."""
    rates = table.set_index("code")["rate"]
    all_codes = sorted({t for p in pilot_areas for t in p.tambons})
    breaks = classify.class_breaks(rates.reindex(all_codes), "quantiles")
    columns = 3
    rows_n = int(np.ceil(len(pilot_areas) / columns))
    fig = make_subplots(
        rows=rows_n,
        cols=columns,
        subplot_titles=[html.escape(pilot_name(p, lang)) for p in pilot_areas],  # admin text
        horizontal_spacing=0.03,
        vertical_spacing=0.08,
    )
    for i, pilot in enumerate(pilot_areas):
        r, c = divmod(i, columns)
        for trace in _pilot_traces(pilot, rates, breaks, lang):
            fig.add_trace(trace, row=r + 1, col=c + 1)
        fig.update_xaxes(visible=False, row=r + 1, col=c + 1)
        fig.update_yaxes(
            visible=False, scaleanchor=f"x{'' if i == 0 else i + 1}", row=r + 1, col=c + 1
        )
    legend = classify.legend_entries(
        breaks, rates.reindex(all_codes), lambda v: formatting.format_rate(v) + " %"
    )
    for colour, label in legend:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=label,
                marker={"size": 12, "color": colour, "symbol": "square"},
            )
        )
    fig.update_layout(
        height=330 * rows_n,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.05},
    )
    return fig


def _pilot_traces(
    pilot: pilots.PilotArea, rates: pd.Series, breaks: np.ndarray, lang: str
) -> list[go.Scatter]:
    """One filled outline per tambon part of a pilot, coloured by its class."""
    layer = map_view.layer("tambon", (pilot.province,), None)
    mine = layer[layer["tambon_code"].isin(pilot.tambons)]
    values = rates.reindex(mine["tambon_code"]).to_numpy()
    colours = classify.colours_for(classify.assign_classes(values, breaks), len(breaks))
    traces = []
    for code, geom, value, colour in zip(
        mine["tambon_code"], mine.geometry, values, colours, strict=True
    ):
        shown = "–" if np.isnan(value) else formatting.format_rate(value) + " %"
        for part in getattr(geom, "geoms", [geom]):
            x, y = np.asarray(part.exterior.coords).T
            traces.append(
                go.Scatter(
                    x=x,
                    y=y,
                    fill="toself",
                    fillcolor=colour,
                    mode="lines",
                    line={"color": "#4d4d4d", "width": 0.6},
                    showlegend=False,
                    hoverinfo="text",
                    text=f"{areas.area_name(code, lang)}: {shown}",
                )
            )
    return traces


def show_ranking(ranking: pd.DataFrame, lang: str, container=st, compact: bool = False) -> None:
    """Pilot ranking: rank, pilot, province, rate, change, places moved (gaps as "–").
    ``compact`` (half a page): no province column (pilot names carry it), short headers."""
    t = shared.t
    shown = ranking.assign(province=[areas.area_name(code, lang) for code in ranking["province"]])
    name = "name" if "name" in shown.columns else "code"
    if f"name_{lang}" in shown.columns:
        shown[name] = shown[f"name_{lang}"]
    wanted: tuple[str, ...] = ("rank", name, "rate", "change", "rank_change")
    if not compact:
        wanted = ("rank", name, "province", "rate", "change", "rank_change")
    shown = shown_numbers(
        shown[[c for c in wanted if c in shown.columns]],
        {"rate": ("rate", 2), "change": ("signed", 2), "rank_change": ("signed", 0)},
    )
    short = "_short" if compact else ""
    container.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "rank": st.column_config.NumberColumn(t("rank"), width=45 if compact else 60),
            name: st.column_config.TextColumn(t("pilot"), width=170 if compact else "medium"),
            "province": t("province"),
            "rate": right(t("rate_short" if compact else "rate")),
            "change": right(t(f"change{short}")),
            "rank_change": right(t(f"rank_change{short}")),
        },
    )


def right(label: str):
    """A text column of numbers written as text (gaps as "–"), aligned as numbers are."""
    return st.column_config.TextColumn(label, alignment="right")

"""Figures more than one page draws: the 17 indicators as grouped bars."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from analytics.domain import catalogue


def indicator_bars(series: list[tuple[str, list[float], str]], title: str, lang: str):
    """Grouped horizontal bars over the 17 indicators: (legend name, values, colour) per series.
    Indicator names are wrapped at word boundaries (never cut) beside a margin that fits them."""
    names = [
        wrapped(f"{i.code}\u00a0{catalogue.indicator_name(i.code, lang)}", 42)
        for i in catalogue.indicators()
    ]
    fig = go.Figure(
        [
            go.Bar(y=names, x=values, orientation="h", name=name, marker_color=colour)
            for name, values, colour in series
        ]
    )
    fig.update_layout(
        title=title,
        barmode="group",
        height=760,
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}},
        xaxis={"tickformat": ",d", "rangemode": "nonnegative"},
        legend={"orientation": "h", "y": -0.06},
        margin={"l": 10, "r": 10, "t": 60},
    )
    return fig


def wrapped(text: str, width: int) -> str:
    """``text`` in lines of about ``width`` characters joined by <br>, broken only at spaces
    (Thai puts spaces between phrases, not words: a phrase longer than ``width`` stays whole)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text

"""Chart details that make plotly figures read at a glance: count axes in whole numbers, bar
labels that fit, a Sankey in stage order."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

TEXT = "#1b1f24"  # the theme's text colour: dark on every fill


def count_axis(max_value: float, room: float = 1.0) -> dict:
    """A value axis for counts: whole-number ticks (no "1, 1, 0"), from zero, ``room`` × the
    largest value wide (room > 1 leaves space for labels outside the bars)."""
    top = max(float(max_value or 0), 1.0)
    axis: dict[str, object] = {
        "tickformat": ",d",
        "rangemode": "nonnegative",
        "range": [0, top * room],
    }
    if top <= 10:
        axis["dtick"] = 1
    else:
        magnitude = 10 ** math.floor(math.log10(top / 4))
        axis["dtick"] = next(m * magnitude for m in (1, 2, 5, 10) if top / (m * magnitude) <= 6)
    return axis


def stage_sankey(links: dict, first: int, second: int, colours: list[str]) -> go.Figure:
    """Stages of the first survey (left) to the second (right), top to bottom in stage order
    (survive → sufficient → sustainable), dark labels on white."""
    n = len(links["labels"]) // 2
    flows = np.asarray(links["value"], dtype=float)
    left = np.bincount(np.asarray(links["source"], dtype=int), weights=flows, minlength=2 * n)[
        :n
    ].tolist()
    right = np.bincount(np.asarray(links["target"], dtype=int), weights=flows, minlength=2 * n)[
        n:
    ].tolist()
    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": [
                    f"{name} {first if i < n else second}" for i, name in enumerate(links["labels"])
                ],
                "color": colours * 2,
                "pad": 18,
                "x": [0.001] * n + [0.999] * n,
                "y": _centres(left) + _centres(right),
                "line": {"color": "white", "width": 0.5},
            },
            link={
                "source": links["source"],
                "target": links["target"],
                "value": links["value"],
                "color": [_faded(colours[s]) for s in links["source"]],
            },
            textfont={"color": TEXT, "size": 14},
        )
    )
    return fig


def _centres(sizes: list[float], gap: float = 0.04) -> list[float]:
    """Vertical centres (0 top, 1 bottom) of stacked nodes in the given order."""
    total = sum(sizes) or 1
    free = 1 - gap * (len(sizes) - 1)
    out, top = [], 0.0
    for size in sizes:
        height = free * size / total
        out.append(min(max(top + height / 2, 0.001), 0.999))
        top += height + gap
    return out


def _faded(hex_colour: str, alpha: float = 0.35) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def radar_polar(tickformat: str = ",.1f") -> dict:
    """Polar axes whose value labels sit beside the first spoke, small and grey, off the
    shapes (the first dimension at the top, clockwise)."""
    return {
        "angularaxis": {"rotation": 90, "direction": "clockwise"},
        "radialaxis": {
            "angle": 126,  # between the first spoke (90°) and the last (162°)
            "tickangle": 126,
            "tickfont": {"size": 10, "color": "#6b7280"},
            "tickformat": tickformat,
            "showline": False,
        },
    }

"""Choropleth classes: quantiles or natural breaks (Fisher-Jenks), and a colour-blind-safe palette."""

from __future__ import annotations

import jenkspy
import numpy as np

# Paul Tol's sequential YlOrBr, 5 steps: readable with every common colour-vision deficiency and
# in greyscale print. No data is a neutral grey, drawn hatched on the map.
PALETTE = ("#FFF7BC", "#FEC44F", "#FB9A29", "#CC4C02", "#662506")
NO_DATA_COLOUR = "#D9D9D9"
METHODS = ("quantiles", "natural_breaks")


def class_breaks(values, method: str = "quantiles", k: int = len(PALETTE)) -> np.ndarray:
    """Upper bounds of up to ``k`` classes over the finite values (ascending, unique).

    Fewer classes come back when there are fewer distinct values than ``k``.
    """
    if method not in METHODS:
        raise ValueError(f"unknown classification method {method!r}; use one of {METHODS}")
    data = np.asarray(values, dtype=float)
    data = data[np.isfinite(data)]
    if data.size == 0:
        return np.array([])
    distinct = np.unique(data)
    if distinct.size <= k:
        return distinct
    if method == "quantiles":
        breaks = np.quantile(data, np.linspace(0, 1, k + 1)[1:], method="higher")
    else:
        breaks = np.asarray(jenkspy.jenks_breaks(data, n_classes=k)[1:], dtype=float)
    return np.unique(breaks)


def assign_classes(values, breaks: np.ndarray) -> np.ndarray:
    """Class index per value (0 = lowest); -1 for missing values."""
    data = np.asarray(values, dtype=float)
    out = np.searchsorted(breaks, data, side="left").astype(int)
    out = np.minimum(out, max(len(breaks) - 1, 0))
    return np.where(np.isfinite(data) & (len(breaks) > 0), out, -1)


def colours_for(classes: np.ndarray, n_classes: int) -> list[str]:
    """Palette colours spread over ``n_classes`` (fewer classes keep the light-to-dark range)."""
    if n_classes <= 0:
        return [NO_DATA_COLOUR] * len(classes)
    steps = np.linspace(0, len(PALETTE) - 1, n_classes).round().astype(int)
    return [NO_DATA_COLOUR if c < 0 else PALETTE[steps[c]] for c in classes]


def legend_entries(
    breaks: np.ndarray, values, fmt, digits: int | None = None
) -> list[tuple[str, str]]:
    """(colour, "low – high") per class, using ``fmt`` to format numbers.

    With ``digits``, ``fmt(value, digits)`` is called and ``digits`` grows (up to 4 more) until
    different numbers read differently: small indices never show as "0.0000 – 0.0000".
    """
    if not len(breaks):
        return []
    if digits is None:
        return _entries(breaks, values, fmt)
    for extra in range(5):
        entries = _entries(breaks, values, lambda v, d=digits + extra: fmt(v, d))
        if _reads_apart(breaks, values, lambda v, d=digits + extra: fmt(v, d)):
            break
    return entries


def _lows(breaks: np.ndarray, values) -> np.ndarray:
    data = np.asarray(values, dtype=float)
    return np.r_[data[np.isfinite(data)].min(), breaks[:-1]]


def _entries(breaks: np.ndarray, values, fmt) -> list[tuple[str, str]]:
    steps = np.linspace(0, len(PALETTE) - 1, len(breaks)).round().astype(int)
    lows = _lows(breaks, values)
    out = []
    for i, high in enumerate(breaks):
        label = fmt(high) if i == 0 and lows[0] == high else f"{fmt(lows[i])} – {fmt(high)}"
        out.append((PALETTE[steps[i]], label))
    return out


def _reads_apart(breaks: np.ndarray, values, fmt) -> bool:
    """Every distinct number of the legend has its own text."""
    numbers = np.unique(np.r_[_lows(breaks, values), breaks])
    return len({fmt(v) for v in numbers}) == len(numbers)

"""Visiting order for a field team's route: greedy nearest neighbour on great-circle distance.

Greedy nearest neighbour is not the shortest route (it can leave a far point for last), but it is
predictable, needs no road network and is good enough to sort a day's visits in one district.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (numpy broadcasting)."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlam = np.radians(np.asarray(lon2, dtype=float) - np.asarray(lon1, dtype=float))
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _coordinates(lat, lon) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lat = np.asarray(lat, dtype=float).ravel()
    lon = np.asarray(lon, dtype=float).ravel()
    if lat.shape != lon.shape:
        raise ValueError(f"lat and lon differ in length: {lat.size} != {lon.size}")
    return lat, lon, np.isfinite(lat) & np.isfinite(lon)


def _start_point(start: tuple[float, float]) -> tuple[float, float]:
    point = tuple(float(x) for x in start)
    if len(point) != 2 or not all(np.isfinite(point)):
        raise ValueError(f"start must be a finite (lat, lon) pair, not {start!r}")
    return point


def nearest_neighbour_order(
    lat: Sequence[float] | np.ndarray,
    lon: Sequence[float] | np.ndarray,
    start: tuple[float, float] | None = None,
) -> np.ndarray:
    """Positions of the points in visiting order, starting nearest ``start`` = (lat, lon).

    Without ``start`` the route begins at the first point that has coordinates. Each step goes to
    the nearest point not yet visited (ties: the earlier row). Points without coordinates (NaN)
    come last, in their original order, so nothing is dropped from the visit list.
    """
    lat, lon, valid = _coordinates(lat, lon)
    located = np.flatnonzero(valid)
    unlocated = np.flatnonzero(~valid)
    if located.size == 0:
        return unlocated
    here = (lat[located[0]], lon[located[0]]) if start is None else _start_point(start)
    pts_lat, pts_lon = lat[located], lon[located]
    remaining = np.ones(located.size, dtype=bool)
    order = np.empty(located.size, dtype=np.intp)
    for step in range(located.size):
        dist = haversine_km(here[0], here[1], pts_lat, pts_lon)
        dist[~remaining] = np.inf
        nxt = int(np.argmin(dist))
        order[step] = nxt
        remaining[nxt] = False
        here = (pts_lat[nxt], pts_lon[nxt])
    return np.concatenate([located[order], unlocated])


def route_length_km(
    lat: Sequence[float] | np.ndarray,
    lon: Sequence[float] | np.ndarray,
    order: Sequence[int] | np.ndarray,
    start: tuple[float, float] | None = None,
) -> float:
    """Length in km of visiting the points in ``order``, from ``start`` if given.

    Points without coordinates are skipped (they cannot be placed on the route). The route ends
    at the last point; add the way back yourself if the team returns to ``start``.
    """
    lat, lon, valid = _coordinates(lat, lon)
    order = np.asarray(order, dtype=np.intp)
    order = order[valid[order]]
    path_lat, path_lon = lat[order], lon[order]
    if start is not None:
        start_lat, start_lon = _start_point(start)
        path_lat = np.concatenate([[start_lat], path_lat])
        path_lon = np.concatenate([[start_lon], path_lon])
    if path_lat.size < 2:
        return 0.0
    legs = haversine_km(path_lat[:-1], path_lon[:-1], path_lat[1:], path_lon[1:])
    return float(legs.sum())


def with_visit_order(df: pd.DataFrame, start: tuple[float, float] | None = None) -> pd.DataFrame:
    """``df`` sorted by the nearest-neighbour route over its ``lat``/``lon``, ``order`` = 1..n."""
    positions = nearest_neighbour_order(df["lat"].to_numpy(), df["lon"].to_numpy(), start)
    routed = df.iloc[positions].copy()
    routed["order"] = np.arange(1, len(routed) + 1)
    return routed


MAPS_DIRECTIONS = "https://www.google.com/maps/dir/?api=1&destination={lat:.6f},{lon:.6f}"


def maps_link(lat: float, lon: float) -> str | None:
    """A link the user taps to navigate there in the phone's maps app (nothing is fetched by
    Chipao); None without a position."""
    if not (np.isfinite(lat) and np.isfinite(lon)):
        return None
    return MAPS_DIRECTIONS.format(lat=float(lat), lon=float(lon))


def plan(df: pd.DataFrame, start: tuple[float, float] | None = None) -> tuple[pd.DataFrame, float]:
    """The day's route: ``df`` in visiting order with ``order`` = stop number 1..n (the number on
    the map and on the visit sheet) and ``maps_link``; and its length in km from ``start``."""
    routed = with_visit_order(df, start)
    routed["maps_link"] = [
        maps_link(a, b) for a, b in zip(routed["lat"], routed["lon"], strict=True)
    ]
    lat, lon = routed["lat"].to_numpy(), routed["lon"].to_numpy()
    length = route_length_km(lat, lon, np.arange(len(routed)), start)
    return routed.reset_index(drop=True), length

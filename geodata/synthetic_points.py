"""Deterministic synthetic locations inside tambon polygons (demo data only).

Each tambon (and each village) draws from its own random stream seeded by
``(seed, code)``, so a point does not move when other areas are added to or
removed from the input.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping

import numpy as np
import shapely
from numpy.typing import ArrayLike

METRES_PER_DEGREE = 111_320.0
_MAX_ROUNDS = 1_000


def _key(value: object) -> int:
    text = str(value)
    return int(text) if text.isdigit() else zlib.crc32(text.encode())


def _uniform_inside(
    geom: shapely.Geometry, n: int, rng: np.random.Generator, batch: int
) -> tuple[np.ndarray, np.ndarray]:
    """Rejection sampling in the bounding box, in batches sized by the fill ratio."""
    xmin, ymin, xmax, ymax = geom.bounds
    fill = geom.area / max((xmax - xmin) * (ymax - ymin), 1e-300)
    xs, ys, got = [], [], 0
    for _ in range(_MAX_ROUNDS):
        if got >= n:
            break
        m = min(max(int(math.ceil((n - got) / max(fill, 1e-3) * 1.2)), 16), batch)
        x = rng.uniform(xmin, xmax, m)
        y = rng.uniform(ymin, ymax, m)
        inside = shapely.contains_xy(geom, x, y)
        xs.append(x[inside])
        ys.append(y[inside])
        got += int(inside.sum())
    else:
        raise RuntimeError("could not place points inside polygon (degenerate geometry?)")
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def _jitter_inside(
    geom: shapely.Geometry,
    centre: tuple[float, float],
    n: int,
    rng: np.random.Generator,
    sigma_m: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Normal jitter around ``centre``; points falling outside are redrawn, then pinned to the centre."""
    cx, cy = centre
    sy = sigma_m / METRES_PER_DEGREE
    sx = sy / max(math.cos(math.radians(cy)), 1e-6)
    x = np.full(n, cx)
    y = np.full(n, cy)
    todo = np.arange(n)
    for _ in range(20):
        if todo.size == 0:
            break
        tx = cx + rng.normal(0.0, sx, todo.size)
        ty = cy + rng.normal(0.0, sy, todo.size)
        ok = shapely.contains_xy(geom, tx, ty)
        x[todo[ok]] = tx[ok]
        y[todo[ok]] = ty[ok]
        todo = todo[~ok]
    return x, y


def points_in_polygons(
    geoms_by_code: Mapping[str, shapely.Geometry],
    codes: ArrayLike,
    seed: int,
    *,
    villages: ArrayLike | None = None,
    jitter_m: float = 250.0,
    batch: int = 65_536,
) -> tuple[np.ndarray, np.ndarray]:
    """One point per entry of ``codes``, inside ``geoms_by_code[code]``; returns ``(lon, lat)``.

    With ``villages`` (same length as ``codes``, e.g. 8-digit village codes)
    points cluster around one centre per village, drawn inside the polygon,
    with normal jitter of ``jitter_m`` metres kept inside the polygon.
    """
    code_arr = np.asarray(codes).astype(str)
    n = code_arr.size
    lon = np.empty(n, dtype=float)
    lat = np.empty(n, dtype=float)
    if n == 0:
        return lon, lat
    unique, inverse = np.unique(code_arr, return_inverse=True)
    missing = [c for c in unique if c not in geoms_by_code]
    if missing:
        raise KeyError(f"no polygon for codes: {missing[:10]}")
    village_arr = None if villages is None else np.asarray(villages).astype(str)
    if village_arr is not None and village_arr.size != n:
        raise ValueError("villages must have the same length as codes")

    order = np.argsort(inverse, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(inverse, minlength=unique.size))])
    for k, code in enumerate(unique):
        idx = order[bounds[k] : bounds[k + 1]]  # this code's rows, in input order
        geom = geoms_by_code[code]
        if geom is None or geom.is_empty:
            raise ValueError(f"empty polygon for code {code}")
        shapely.prepare(geom)
        if village_arr is None:
            rng = np.random.default_rng([seed, _key(code)])
            lon[idx], lat[idx] = _uniform_inside(geom, idx.size, rng, batch)
            continue
        v_unique, v_inverse = np.unique(village_arr[idx], return_inverse=True)
        for j, village in enumerate(v_unique):
            rows = idx[v_inverse == j]
            rng = np.random.default_rng([seed, _key(code), _key(village)])
            cx, cy = _uniform_inside(geom, 1, rng, batch)
            lon[rows], lat[rows] = _jitter_inside(geom, (cx[0], cy[0]), rows.size, rng, jitter_m)
    return lon, lat

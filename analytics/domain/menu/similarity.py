"""Tambons whose indicator profile and size are most like a pilot's (real TPMAP tables).

Profile = share of persons failing each of the 17 indicators, plus log10 of persons
surveyed (size). Each feature is standardised over all tambons compared (z-score), and
tambons are ranked by Euclidean distance to the pilot; similarity = 1 / (1 + distance).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.domain import catalogue


def profiles(table: pd.DataFrame) -> pd.DataFrame:
    """Feature rows indexed by area code from an area table (``fail_<indicator>``,
    ``persons``). Areas with no persons are dropped."""
    table = table[table["persons"] > 0]
    persons = table["persons"].to_numpy(dtype=np.float64)
    features = {
        i.code: table[f"fail_{i.column}"].to_numpy(dtype=np.float64) / persons
        for i in catalogue.indicators()
        if f"fail_{i.column}" in table
    }
    features["size"] = np.log10(persons)
    return pd.DataFrame(features, index=table["code"].astype(str).to_numpy())


def group_profile(table: pd.DataFrame, codes: list[str]) -> pd.Series:
    """One profile for a pilot of several tambons: rates of the summed counts, and the size
    of its mean tambon (so a pilot of five tambons is compared with tambons, not amphoes)."""
    part = table[table["code"].astype(str).isin(codes) & (table["persons"] > 0)]
    summed = part.sum(numeric_only=True).to_frame().T
    summed.insert(0, "code", "pilot")
    row = profiles(summed).iloc[0].copy()
    row["size"] = np.log10(max(float(part["persons"].mean()), 1.0))
    return row


def most_similar(
    features: pd.DataFrame,
    pilot: str | pd.Series,
    top: int = 10,
    exclude: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The ``top`` areas nearest to the pilot (a code of ``features`` or a profile row),
    the pilot's own codes and ``exclude`` left out: code, distance, similarity."""
    if isinstance(pilot, str):
        if pilot not in features.index:
            raise KeyError(pilot)
        exclude = (*exclude, pilot)
        profile = features.loc[pilot]
    else:
        profile = pilot
    values = features.to_numpy(dtype=np.float64)
    mean, std = values.mean(axis=0), values.std(axis=0)
    scale = np.where(std > 0, std, 1.0)
    z = (values - mean) / scale
    target = (profile[features.columns].to_numpy(dtype=np.float64) - mean) / scale
    distance = np.sqrt(((z - target) ** 2).sum(axis=1))
    out = pd.DataFrame({"code": features.index, "distance": distance})
    out = out[~out["code"].isin(exclude)].sort_values(["distance", "code"], ignore_index=True)
    out = out.head(top)
    out["similarity"] = 1.0 / (1.0 + out["distance"])
    out.insert(0, "rank", range(1, len(out) + 1))
    return out

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


def most_similar(features: pd.DataFrame, code: str, top: int = 10) -> pd.DataFrame:
    """The ``top`` areas nearest to ``code`` (itself excluded): code, distance, similarity."""
    if code not in features.index:
        raise KeyError(code)
    values = features.to_numpy(dtype=np.float64)
    std = values.std(axis=0)
    z = (values - values.mean(axis=0)) / np.where(std > 0, std, 1.0)
    pilot = z[features.index.get_loc(code)]
    distance = np.sqrt(((z - pilot) ** 2).sum(axis=1))
    out = pd.DataFrame({"code": features.index, "distance": distance})
    out = out[out["code"] != code].sort_values(["distance", "code"], ignore_index=True)
    out = out.head(top)
    out["similarity"] = 1.0 / (1.0 + out["distance"])
    out.insert(0, "rank", range(1, len(out) + 1))
    return out

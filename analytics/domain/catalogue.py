"""The indicator catalogue: dimensions, the 17 TPMAP indicators, the 31-item BMN list and settings.

This module is the only place that knows the indicators; everything else asks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from analytics import settings as app_settings
from analytics.text import labels
from analytics.text.bilingual import BilingualError, Text, pick

CATALOGUE_DIR = app_settings.CATALOGUE_DIR


@dataclass(frozen=True)
class Indicator:
    code: str  # TPMAP code, e.g. "2.1"
    bmn: int  # item number in the 31-item BMN 2560-2564 list
    dimension: str
    level: str  # "person" or "household"
    applies_to: str  # "all", "age", "newborn", "disabled"
    min_age: int | None
    max_age: int | None
    survival: bool  # a basic-survival indicator (development-stage rule)
    name_th: str
    name_en: str

    @property
    def column(self) -> str:
        """Column name used for this indicator in every frame: ``i1_1`` for 1.1."""
        return "i" + self.code.replace(".", "_")


@lru_cache(maxsize=1)
def dimensions() -> pd.DataFrame:
    """The five dimensions in TPMAP order (health, living, education, income, access)."""
    return pd.read_csv(CATALOGUE_DIR / "dimensions.csv", dtype=str).astype({"order": int})


def dimension_codes() -> list[str]:
    return dimensions()["code"].tolist()


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    frame = pd.read_csv(CATALOGUE_DIR / "indicators.csv", dtype=str, keep_default_na=False)
    out = []
    for row in frame.to_dict("records"):
        text = {str(key): str(value) for key, value in row.items()}
        out.append(
            Indicator(
                code=text["code"],
                bmn=int(text["bmn"]),
                dimension=text["dimension"],
                level=text["level"],
                applies_to=text["applies_to"],
                min_age=int(text["min_age"]) if text["min_age"] else None,
                max_age=int(text["max_age"]) if text["max_age"] else None,
                survival=text["survival"] == "true",
                name_th=text["name_th"],
                name_en=text["name_en"],
            )
        )
    return tuple(out)


def indicator_frame() -> pd.DataFrame:
    """The 17 indicators as a frame (one row each), for tables and charts."""
    return pd.DataFrame([{**i.__dict__, "column": i.column} for i in indicators()])


def indicator_columns() -> list[str]:
    return [i.column for i in indicators()]


def indicator_by_code(code: str) -> Indicator:
    for ind in indicators():
        if ind.code == code:
            return ind
    raise KeyError(f"unknown indicator {code!r}")


def household_indicators() -> list[Indicator]:
    return [i for i in indicators() if i.level == "household"]


def person_indicators() -> list[Indicator]:
    return [i for i in indicators() if i.level == "person"]


def dimension_matrix() -> np.ndarray:
    """Boolean matrix (17 indicators x 5 dimensions): which dimension each indicator belongs to."""
    dims = dimension_codes()
    return np.array([[i.dimension == d for d in dims] for i in indicators()], dtype=bool)


def af_weights() -> np.ndarray:
    """Alkire-Foster weights: each dimension 1/5, split equally among its indicators."""
    matrix = dimension_matrix()
    per_dimension = matrix.sum(axis=0)
    return (matrix / per_dimension).sum(axis=1) / matrix.shape[1]


@lru_cache(maxsize=1)
def bmn31() -> pd.DataFrame:
    return pd.read_csv(CATALOGUE_DIR / "bmn31.csv", dtype=str, keep_default_na=False).astype(
        {"bmn": int}
    )


def settings() -> dict[str, Any]:
    """settings.toml by section: read once, by :func:`analytics.settings.file_settings`."""
    return app_settings.file_settings()


def income_threshold() -> float:
    return float(settings()["income"]["threshold_baht"])


def af_cutoff() -> float:
    """Alkire-Foster poverty cutoff k (OPHI: 1/3)."""
    return float(settings()["alkire_foster"]["cutoff"])


def af_vulnerable_from() -> float:
    """Lower bound of the Alkire-Foster vulnerable band (OPHI: 1/5; the band ends below k)."""
    return float(settings()["alkire_foster"]["vulnerable_from"])


def af_severe_from() -> float:
    """Alkire-Foster severe poverty from this score (OPHI: 1/2)."""
    return float(settings()["alkire_foster"]["severe_from"])


def survey_years() -> list[int]:
    return list(settings()["survey"]["years"])


def all_dimensions() -> tuple[str, ...]:
    return tuple(dimension_codes())


def dimensions_or_all(dims: tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """THE fallback: the chosen dimensions, or all five when none are chosen."""
    return tuple(dims or ()) or all_dimensions()


def mask_string(dims: tuple[str, ...] | list[str]) -> str:
    """The TPMAP file suffix for a subset of dimensions, e.g. ("health",) -> "10000"."""
    chosen = set(dims)
    unknown = chosen - set(dimension_codes())
    if unknown:
        raise ValueError(f"unknown dimension(s): {sorted(unknown)}")
    if not chosen:
        from analytics.text import labels  # labels reads the catalogue folder: imported late

        raise BilingualError(labels.text("dimension_choose_one"))
    return "".join("1" if d in chosen else "0" for d in dimension_codes())


@lru_cache(maxsize=1)
def case_statuses() -> pd.DataFrame:
    """The ศจพ. progress vocabulary for household cases (visits, Thai QM), in order."""
    frame = pd.read_csv(CATALOGUE_DIR / "case_statuses.csv", dtype=str)
    return frame.assign(order=frame["order"].astype(int), resolved=frame["resolved"] == "true")


# The status of a target household nobody has visited yet (not a case status: no visit row has it).
NOT_VISITED = "not_visited"


def case_status_codes() -> tuple[str, ...]:
    return tuple(case_statuses()["code"])


def case_status_labels() -> dict[str, Text]:
    return {str(r.code): Text(str(r.name_th), str(r.name_en)) for r in case_statuses().itertuples()}


def status_label(code: str, lang: str) -> str:
    """A case status, or "not visited", in ``lang``."""
    if code == NOT_VISITED:
        return labels.t("status_not_visited", lang)
    return case_status_labels()[code].in_(lang)


def resolved_statuses() -> tuple[str, ...]:
    """Statuses that count as "assisted or resolved" in progress figures."""
    return tuple(case_statuses().loc[case_statuses()["resolved"], "code"])


def dimension_name(code: str, lang: str) -> str:
    row = dimensions().set_index("code").loc[code]
    return str(pick(lang, row["name_th"], row["name_en"]))


def indicator_name(code: str, lang: str) -> str:
    ind = indicator_by_code(code)
    return Text(ind.name_th, ind.name_en).in_(lang)

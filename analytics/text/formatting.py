"""Numbers and years as the screen, the tables and the briefing print them: one rounding rule.

Half-up rounding on the decimal value ("3.125" -> "3.13"), the way people round by hand and
the way tables round in the browser. Python's ``round`` and f-strings round the binary float
half-to-even or below (``f"{3.125:.2f}"`` is "3.12"), so tiles and tables disagreed. Floats are
first read at 12 significant digits, so arithmetic noise (3.1249999999999996) counts as 3.125.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

import numpy as np
import pandas as pd

from analytics.text import labels

MISSING = "–"
_SIGNIFICANT = 12


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return not math.isfinite(float(cast(Any, value)))
    except (TypeError, ValueError):
        return True


def round_half_up(value: object, digits: int = 0) -> float:
    """``value`` rounded half away from zero at ``digits`` decimals; NaN stays NaN."""
    if _missing(value):
        return float("nan")
    exact = Decimal(f"{float(cast(Any, value)):.{_SIGNIFICANT}g}")
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def format_number(value: object, digits: int = 0, missing: str = MISSING) -> str:
    """Thousands separators and ``digits`` decimals, half-up ("20,005", "3.13")."""
    if _missing(value):
        return missing
    return f"{round_half_up(value, digits):,.{digits}f}"


def format_count(value: object, missing: str = MISSING) -> str:
    return format_number(value, 0, missing)


def format_rate(value: object, digits: int = 2, missing: str = MISSING) -> str:
    """A percentage with two decimals by default ("2.90")."""
    return format_number(value, digits, missing)


def format_signed(value: object, digits: int = 0, missing: str = MISSING) -> str:
    """A change with its sign ("+1,234", "-0.13")."""
    if _missing(value):
        return missing
    rounded = round_half_up(value, digits)
    return f"{rounded:+,.{digits}f}"


def round_column(values: pd.Series, digits: int) -> pd.Series:
    """Half-up rounding of a column, so a table shows the same digits as a tile."""
    rounded = [round_half_up(v, digits) for v in values.to_numpy(dtype=float, na_value=np.nan)]
    return pd.Series(rounded, index=values.index, dtype=float)


def round_columns(table: pd.DataFrame, digits: dict[str, int]) -> pd.DataFrame:
    out = table.copy()
    for column, places in digits.items():
        if column in out.columns:
            out[column] = round_column(out[column], places)
    return out


def survey_year(tpmap_year: int) -> int:
    """TPMAP's year Y is built on the BMN survey (จปฐ.) of year Y-1 (domain.md §6: TPMAP 2561 =
    จปฐ. 2560 × welfare card 2560)."""
    return int(tpmap_year) - 1


def year_label(tpmap_year: int, lang: str = "th") -> str:
    """ "TPMAP 2561 (จปฐ. 2560)" / "TPMAP 2561 (BMN 2560)"."""
    survey = labels.t("survey_name", lang)
    return f"TPMAP {int(tpmap_year)} ({survey} {survey_year(tpmap_year)})"


THAI_MONTHS: tuple[str, ...] = tuple(labels.t("months_short", "th").split())
DISPLAY_ZONE = "Asia/Bangkok"


def date_label(value: object, lang: str = "th", *, with_time: bool = False) -> str:
    """The one date style on screen and in exports: a Buddhist-era Thai date in Thai
    ("30 พ.ย. 2569", "30 พ.ย. 2569 14:05 น."), ISO-like in English ("2026-11-30",
    "2026-11-30 14:05"). Aware times are shown in Thailand's time; missing values as MISSING."""
    try:
        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return MISSING
    if pd.isna(stamp):
        return MISSING
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(DISPLAY_ZONE)
    clock = f" {stamp:%H:%M}" if with_time else ""
    if lang == "th":
        day = f"{stamp.day} {THAI_MONTHS[stamp.month - 1]} {stamp.year + 543}"
        return day + (clock + labels.t("clock_suffix", "th") if with_time else "")
    return f"{stamp:%Y-%m-%d}{clock}"

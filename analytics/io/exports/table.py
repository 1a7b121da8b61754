"""The visit list as every export writes it: known columns only, typed, in visiting order.

Input is a DataFrame with one row per household to visit and (any of) the columns in
``EXPORT_COLUMNS``; other columns are left out, so a caller cannot leak a column by accident.
The exports write what they are given: mask or drop ``head_name`` / ``citizen_id`` *before*
calling when the reader may not see them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.text import labels
from analytics.text.bilingual import pick

LANGS = ("th", "en")
EXPORT_COLUMNS: tuple[str, ...] = (
    "order",
    "house_code",
    "village_id",
    "village_name",
    "tambon_code",
    "tambon_name",
    "head_name",
    "citizen_id",
    "members",
    "target_members",
    "failed_indicators",
    "reasons",
    "critical",
    "stage",
    "status",
    "lat",
    "lon",
)
# Column -> header (catalogue/labels/documents.toml, ``export_header_<column>``).
EXPORT_HEADERS_TH: dict[str, str] = {
    c: labels.t(f"export_header_{c}", "th") for c in EXPORT_COLUMNS
}
EXPORT_HEADERS_EN: dict[str, str] = {
    c: labels.t(f"export_header_{c}", "en") for c in EXPORT_COLUMNS
}

# Codes are text: zero-padded back to their width when they arrive as numbers.
CODE_WIDTHS: dict[str, int | None] = {
    "house_code": 11,
    "village_id": 10,
    "tambon_code": 6,
    "citizen_id": None,  # may be masked ("9-xxxx-xxxxx-12-3"): never padded
}
INTEGER_COLUMNS = ("order", "members", "target_members")
FLOAT_COLUMNS = ("lat", "lon")
YES_NO = {lang: (labels.t("export_yes", lang), labels.t("export_no", lang)) for lang in LANGS}
# Text read as "critical": the Thai yes and the Thai header word, as a list may hold them.
TRUE_WORDS = frozenset(("true", "1", "yes", "y", YES_NO["th"][0], EXPORT_HEADERS_TH["critical"]))


def headers(lang: str = "th") -> dict[str, str]:
    """Column name → header in ``lang`` ("th" or "en")."""
    if lang not in LANGS:
        raise ValueError(f"lang must be 'th' or 'en', not {lang!r}")
    return pick(lang, EXPORT_HEADERS_TH, EXPORT_HEADERS_EN)


def is_missing(value: object) -> bool:
    return value is None or bool(np.ndim(value) == 0 and pd.isna(value))  # type: ignore[arg-type,call-overload]


def cell_value(value: object) -> object:
    """A cell as plain Python: None for missing, numpy numbers as int/float."""
    if is_missing(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _code_text(value: object, width: int | None) -> str | None:
    if is_missing(value):
        return None
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        text = str(int(value))
    elif isinstance(value, (float, np.floating)) and float(value).is_integer():
        text = str(int(value))
    else:
        text = str(value).strip()
    if width and text.isdigit() and len(text) < width:
        text = text.zfill(width)
    return text or None


def _flag(value: object) -> bool | None:
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value.strip().lower() in TRUE_WORDS
    return bool(value)


def _text(value: object) -> str | None:
    if is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def _normalise_column(name: str, values: pd.Series) -> pd.Series:
    if name in CODE_WIDTHS:
        return values.map(lambda v: _code_text(v, CODE_WIDTHS[name])).astype(object)
    if name in INTEGER_COLUMNS:
        return pd.to_numeric(values, errors="coerce").round().astype("Int64")
    if name in FLOAT_COLUMNS:
        return pd.to_numeric(values, errors="coerce").astype(float)
    if name == "critical":
        return values.map(_flag).astype(object)
    return values.map(_text).astype(object)


def visit_table(df: pd.DataFrame) -> pd.DataFrame:
    """The known columns of ``df`` in ``EXPORT_COLUMNS`` order, typed, sorted by ``order``.

    Codes become strings (leading zeros restored), counts nullable integers, ``critical`` a
    True/False/None object column and missing text None.
    """
    columns = [c for c in EXPORT_COLUMNS if c in df.columns]
    table = pd.DataFrame({c: _normalise_column(c, df[c]) for c in columns}, index=df.index)
    if "order" in table.columns:
        table = table.sort_values("order", kind="stable", na_position="last")
    return table.reset_index(drop=True)


def export_table(df: pd.DataFrame, lang: str = "th") -> pd.DataFrame:
    """What the CSV and Excel files hold: ``visit_table`` with headers and yes/no in ``lang``."""
    names = headers(lang)
    table = visit_table(df)
    if "critical" in table.columns:
        yes, no = YES_NO[lang]
        table["critical"] = table["critical"].map(lambda v: None if v is None else yes if v else no)
    return table.rename(columns=names)

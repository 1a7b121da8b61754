"""Area tables on screen: names, most target poor first, numbers rounded as the tiles are."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analytics.data import sources
from analytics.text import formatting
from ui import words
from ui.words import t

AF_COLUMNS = ("af_h", "af_a", "af_m0")  # M0 is never shown without H and A beside it
AREA_TABLE_COLUMNS = ("households", "persons", "mpi_poor", "target_poor", "rate", *AF_COLUMNS)
NUMBER_FORMATS = {"rate": "%.2f", "af_h": "%.4f", "af_a": "%.4f", "af_m0": "%.4f"}
NUMBER_DIGITS = {"rate": 2, "af_h": 4, "af_a": 4, "af_m0": 4}
# decimals of rate-like columns wherever a page shows them (the browser's format rounds on its
# own, half-to-even on the binary value: round half-up first, like the tiles)
DISPLAY_DIGITS = {
    **NUMBER_DIGITS,
    "mpi_rate": 2,
    "province_rate": 2,
    "national_rate": 2,
    "previous": 2,
    "change": 2,
    "share_assisted": 1,
}


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its rate-like columns rounded half-up for display (a copy)."""
    return formatting.round_columns(table, DISPLAY_DIGITS)


def show_area_table(table: pd.DataFrame) -> None:
    """An area table with names, most target poor first, numbers with thousands separators."""
    lang = words.lang()
    shown = sources.with_names(table, lang)[["code", "name", *AREA_TABLE_COLUMNS]]
    shown = shown.sort_values("target_poor", ascending=False)
    # the browser's number format rounds on its own: round half-up here so tiles and table agree
    shown = formatting.round_columns(shown, NUMBER_DIGITS)
    if shown["af_m0"].isna().all():
        shown = shown.drop(columns=list(AF_COLUMNS))  # aggregates carry no household scores
    config: dict[str, Any] = {"code": t("code"), "name": t("name")}
    for column in AREA_TABLE_COLUMNS:
        config[column] = st.column_config.NumberColumn(
            t(column), format=NUMBER_FORMATS.get(column, "localized")
        )
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)

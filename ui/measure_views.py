"""Overview blocks for TPMAP's household rule: Alkire-Foster H, A and M0 together, and the
17 indicators as persons in households where each applies and where it fails."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import catalogue, measures
from analytics.text import formatting
from ui import words
from ui.shared import t


def alkire_foster_tiles(row: pd.Series) -> None:
    """H, A and M0 side by side with the cutoff and the OPHI bands (or one line saying the
    source has no household scores)."""
    bands = measures.af_bands()
    k = formatting.format_number(bands.cutoff, 3)
    note = t("af_note", k=k)
    if pd.isna(row.get("af_m0")):
        st.caption(f"{t('af_measures')}: {t('af_unavailable')} — {note}")
        return
    st.markdown(f"**{t('af_measures')}**")
    for column, key in zip(st.columns(3, border=True), ("af_h", "af_a", "af_m0"), strict=True):
        column.metric(t(key), formatting.format_number(row[key], 4))
    st.caption(
        t(
            "af_bands_note",
            k=k,
            low=formatting.format_number(bands.vulnerable_from, 3),
            high=formatting.format_number(bands.severe_from, 3),
            vulnerable=f"{formatting.format_rate(row['af_vulnerable_h'] * 100)} %",
            severe=f"{formatting.format_rate(row['af_severe_h'] * 100)} %",
        )
        + " · "
        + note
    )


def show_indicator_table(row: pd.Series) -> None:
    """A static table (17 rows): counts with thousands separators, the share with 2 decimals."""
    lang = words.lang()
    table = measures.indicator_table(row)
    shown = pd.DataFrame({t("code"): table["code"]})
    shown[t("col_indicator")] = [catalogue.indicator_name(c, lang) for c in table["code"]]
    if not table["applies"].isna().all():  # the source has the base of each indicator
        shown[t("col_applies")] = table["applies"].map(formatting.format_count)
    shown[t("col_fails")] = table["fails"].map(formatting.format_count)
    if not table["applies"].isna().all():
        shown[t("col_fail_share")] = table["fail_share"].map(formatting.format_rate)
    shown[t("col_target_fails")] = table["target_fails"].map(formatting.format_count)
    st.table(shown.set_index(t("code")))
    st.caption(t("indicator_rule_note"))

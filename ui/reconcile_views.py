"""The Thai QM reconciliation tables in the user's words: area names, status words, headers
from the labels, dates in the one style."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import areas, catalogue, reconciliation
from analytics.text import formatting
from ui import shared

SUMMARY_HEADERS = {
    "tambon": "tambon",
    "matched": "in_both",
    "tpmap_only": "tpmap_only",
    "thaiqm_only": "thaiqm_only",
    "total": "recon_total",
    "matched_target": "recon_matched_target",
    "tpmap_only_target": "recon_tpmap_only_target",
}
CASE_HEADERS = {
    "house_code": "col_house_code",
    "citizen_id": "col_citizen_id",
    "tambon": "tambon",
    "problem": "recon_problem",
    "status": "recon_thaiqm_status",
    "updated": "recon_updated",
}


def _tambon(code: object, lang: str) -> str:
    if code == reconciliation.TOTAL:
        return shared.t("recon_total")
    if code == reconciliation.UNKNOWN_TAMBON or not isinstance(code, str) or not code:
        return shared.t("recon_unknown_tambon")
    return f"{areas.area_name(code, lang)} ({code})"


def status_word(code: object, lang: str) -> str:
    """A case or visit status code in words; totals and unknown words as they are."""
    if code == reconciliation.TOTAL:
        return shared.t("recon_total")
    if code == catalogue.NOT_VISITED or code in catalogue.case_status_labels():
        return catalogue.status_label(str(code), lang)
    return formatting.MISSING if code is None or code == "" else str(code)


def show_summary(result: reconciliation.Reconciliation, lang: str) -> None:
    table = result.summary()
    table["tambon"] = [_tambon(c, lang) for c in table["tambon"]]
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={c: shared.t(k) for c, k in SUMMARY_HEADERS.items()},
    )


def show_crosstab(result: reconciliation.Reconciliation, lang: str) -> None:
    """Chipao visit status (rows) × Thai QM status (columns), all in words."""
    table = result.status_crosstab(margins=True)
    table.index = [status_word(c, lang) for c in table.index]
    table.columns = [status_word(c, lang) for c in table.columns]
    table = table.rename_axis(None, axis=1).rename_axis(shared.t("recon_visit_status"))
    st.dataframe(table.reset_index(), hide_index=True, width="stretch")


def show_cases(cases: pd.DataFrame, lang: str) -> None:
    """Thai QM households found in Thai QM only."""
    shown = cases.drop(columns=["row"], errors="ignore").copy()
    if "status" in shown:
        shown["status"] = [status_word(c, lang) for c in shown["status"]]
    if "tambon" in shown:
        shown["tambon"] = [_tambon(c, lang) for c in shown["tambon"]]
    if "updated" in shown:
        shown["updated"] = [formatting.date_label(v, lang) for v in shown["updated"]]
    st.dataframe(
        shown.fillna(formatting.MISSING),
        hide_index=True,
        width="stretch",
        column_config={c: shared.t(k) for c, k in CASE_HEADERS.items()},
    )

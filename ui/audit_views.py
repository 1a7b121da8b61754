"""The audit page's filters, event table and CSV button."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from analytics.domain import access
from analytics.services import audit
from ui import audit_trail
from ui.words import t


def query(engine: Engine, lang: str) -> audit.AuditQuery:
    today = datetime.now(UTC).date()
    row1 = st.columns(3)
    since = row1[0].date_input(t("audit_from"), value=today - timedelta(days=30), key="audit_from")
    until = row1[1].date_input(t("audit_to"), value=today, key="audit_to")
    area = row1[2].text_input(t("audit_area"), key="audit_area", max_chars=8).strip()
    choices: dict[str, str] = {}
    for column, field in zip(st.columns(3), audit.FIELDS, strict=True):
        choices[field] = column.selectbox(
            t(f"audit_{'user' if field == 'username' else field}"),
            audit.field_options(engine, field),
            format_func=partial(_word, field, lang),
            key=f"audit_{field}",
            placeholder=t("choose_option"),
        )
    return audit.AuditQuery(since, until, area, choices)


def _word(field: str, lang: str, value: str) -> str:
    return audit.filter_word(field, value, lang) or t("audit_any")


def events_table(shown: pd.DataFrame) -> None:
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "id": None,
            "at": t("audit_col_at"),
            "username": t("audit_user"),
            "role": t("audit_role"),
            "action": t("audit_action"),
            "area_code": t("code"),
            "rows": st.column_config.NumberColumn(t("audit_col_rows"), format="localized"),
            "detail": t("audit_col_detail"),
        },
    )


def csv_button(events: pd.DataFrame, viewer: access.Viewer, chosen: audit.AuditQuery) -> None:
    st.download_button(
        t("audit_csv"),
        audit_trail.audited_file(
            audit.csv_maker(events), viewer, "export_audit_csv", chosen.area, len(events)
        ),
        file_name=f"chipao_audit_{chosen.since:%Y%m%d}_{chosen.until:%Y%m%d}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


def pilot_history(engine: Engine, lang: str) -> None:
    st.dataframe(
        audit.pilot_history(engine, lang),
        hide_index=True,
        width="stretch",
        column_config={c: t(f"pilot_history_{c}") for c in audit.PILOT_HISTORY_COLUMNS},
    )

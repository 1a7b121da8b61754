"""The import page's blocks: the problem report, an import's outcome, the three tabs' bodies."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import access
from analytics.io import tabular
from analytics.services import import_data
from analytics.services.filters import Filters
from ui import visits_data, words
from ui.words import t

AUDITED = "_audited_uploads"


def show_report(frame: pd.DataFrame) -> None:
    """Rows with problems: row as Excel shows it, the user's own header, value (IDs masked)."""
    shown, reason = import_data.report_frame(frame, words.lang())
    shown = shown.replace(
        {"field": {"(row)": t("report_whole_row"), "(file)": t("report_whole_file")}}
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "row": st.column_config.NumberColumn(t("row"), width=60),
            "field": st.column_config.TextColumn(t("field"), width=170),
            "value": st.column_config.TextColumn(t("value"), width=130),
            reason: st.column_config.TextColumn(t("reason"), width=1200),
        },
    )


def show_outcome(result, kept: int) -> None:
    """What an import kept, rejected and warned about (household or Thai QM result)."""
    st.success(t("import_ok", n=kept, total=result.rows_read, encoding=result.encoding))
    if result.rows_rejected:
        st.warning(t("import_rejected", n=result.rows_rejected))
        show_report(result.errors)
    if len(result.warnings):
        st.info(t("import_warnings", n=len(result.warnings)))
        show_report(result.warnings)


def file_failed(error: tabular.ImportFileError) -> None:
    st.error(t("import_failed"))
    st.text(f"{error.message_th}\n{error.message_en}")  # plain text: never Markdown


def audit_upload(
    viewer: access.Viewer,
    filters: Filters,
    data: bytes,
    action: str,
    rows: int,
    counts: dict[str, int] | None = None,
) -> None:
    """Audit each distinct upload once (not on every rerun): one row, other counts as detail."""
    row = import_data.upload_audit(data, filters.area_code, action, rows, counts)
    done = st.session_state.setdefault(AUDITED, set())
    if row.signature in done:
        return
    visits_data.audit_event(viewer, action, filters.area_code, rows, row.detail)
    done.add(row.signature)


def limits_caption(limits: tabular.Limits) -> None:
    st.caption(t("import_limits", mb=limits.max_upload_mb, rows=limits.max_rows))

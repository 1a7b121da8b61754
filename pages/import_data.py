"""Import a province's household export: validation report and the measures of the valid rows."""

from __future__ import annotations

import streamlit as st

from analytics import importers, measures
from ui import shared

filters = shared.page_frame()
t = shared.t

st.title(t("import_page"))
st.caption(t("import_help"))
upload = st.file_uploader(t("upload"), type=["csv", "txt", "xlsx"])
if upload is not None:
    try:
        result = importers.import_households(upload.getvalue(), upload.name)
    except importers.ImportFileError as error:
        st.error(f"**{t('import_failed')}** — {error.message_th} / {error.message_en}")
        st.stop()
    st.success(
        t("import_ok", n=len(result.persons), total=result.rows_read, encoding=result.encoding)
    )
    if result.rows_rejected:
        st.warning(t("import_rejected", n=result.rows_rejected))
        reason = "reason_th" if filters.lang == "th" else "reason_en"
        st.dataframe(
            result.errors[["row", "field", "value", reason]],
            hide_index=True,
            column_config={
                "row": t("row"),
                "field": t("field"),
                "value": t("value"),
                reason: t("reason"),
            },
        )
    if len(result.persons):
        st.subheader(t("imported_summary"))
        table = measures.area_measures(result.persons, result.households, "tambon", filters.dims)
        shared.show_area_table(table)

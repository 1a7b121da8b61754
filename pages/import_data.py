"""Import files a province brings: a BMN/TPMAP household export, and a Thai QM case export to
reconcile with TPMAP."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

import geodata
from analytics import importers, measures, target_lists, thaiqm
from ui import shared, visits_data

filters = shared.page_frame()
viewer = shared.current_viewer()
t, lang = shared.t, filters.lang
reason = "reason_th" if lang == "th" else "reason_en"
st.title(t("import_page"))


def show_errors(errors) -> None:
    st.dataframe(
        errors[["row", "field", "value", reason]],
        hide_index=True,
        column_config={
            "row": t("row"),
            "field": t("field"),
            "value": t("value"),
            reason: t("reason"),
        },
    )


households_tab, thaiqm_tab, boundary_tab = st.tabs(
    [t("import_households_tab"), t("import_thaiqm_tab"), t("import_boundaries_tab")]
)

with households_tab:
    st.caption(t("import_help"))
    upload = st.file_uploader(t("upload"), type=["csv", "txt", "xlsx"], key="upload_households")
    if upload is not None:
        try:
            result = importers.import_households(upload.getvalue(), upload.name)
        except importers.ImportFileError as error:
            st.error(f"**{t('import_failed')}** — {error.message_th} / {error.message_en}")
        else:
            st.success(
                t(
                    "import_ok",
                    n=len(result.persons),
                    total=result.rows_read,
                    encoding=result.encoding,
                )
            )
            if result.rows_rejected:
                st.warning(t("import_rejected", n=result.rows_rejected))
                show_errors(result.errors)
            if len(result.persons):
                st.subheader(t("imported_summary"))
                table = measures.area_measures(
                    result.persons, result.households, "tambon", filters.dims
                )
                shared.show_area_table(table)

with thaiqm_tab:
    st.caption(t("thaiqm_help"))
    upload = st.file_uploader(t("upload_thaiqm"), type=["csv", "txt", "xlsx"], key="upload_thaiqm")
    if upload is not None:
        try:
            cases = thaiqm.import_thaiqm(upload.getvalue(), upload.name)
        except importers.ImportFileError as error:
            st.error(f"**{t('import_failed')}** — {error.message_th} / {error.message_en}")
            st.stop()
        st.success(
            t("import_ok", n=len(cases.households), total=cases.rows_read, encoding=cases.encoding)
        )
        if cases.rows_rejected:
            st.warning(t("import_rejected", n=cases.rows_rejected))
            show_errors(cases.errors)
        shared.require_household_access(filters, viewer)
        result = target_lists.reconcile_cases(
            viewer,
            shared.household_table(filters.year),
            filters.area_code,
            cases.households,
            visits_data.latest_status(viewer),
        )
        st.subheader(t("reconciliation"))
        tiles = st.columns(3)
        tiles[0].metric(t("in_both"), f"{len(result.matched):,}")
        tiles[1].metric(t("tpmap_only"), f"{len(result.tpmap_only):,}")
        tiles[2].metric(t("thaiqm_only"), f"{len(result.thaiqm_only):,}")
        st.dataframe(result.summary(), hide_index=True, width="stretch")
        st.caption(t("status_crosstab"))
        st.dataframe(result.status_crosstab(margins=True), width="stretch")
        st.caption(t("thaiqm_only"))
        st.dataframe(
            result.thaiqm_only.drop(columns=["row"], errors="ignore"),
            hide_index=True,
            width="stretch",
        )
        visits_data.audit_once(
            viewer, "view_list", filters.area_code, len(result.matched), ("thaiqm", upload.name)
        )

with boundary_tab:
    st.caption(t("boundaries_help"))
    cols = st.columns([2, 1, 1])
    upload = cols[0].file_uploader(
        t("upload_boundaries"), type=["geojson", "json", "gpkg", "zip"], key="upload_boundaries"
    )
    level = cols[1].selectbox(
        t("map_level"),
        ["tambon", "amphoe", "province"],
        format_func=lambda k: t(f"level_{k}"),
        key="boundary_level",
    )
    code_column = cols[2].text_input(t("code_column"), value="ADM3_PCODE", key="boundary_code")
    if upload is not None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / upload.name
            path.write_bytes(upload.getvalue())
            try:
                layer = geodata.load_boundary_file(path, level, {"code_column": code_column})
            except Exception as error:  # any unreadable file: one clear message, nothing kept
                st.error(f"**{t('import_failed')}** — {type(error).__name__}: {error}")
            else:
                report = geodata.validation_report(layer)
                lines = report.summary().splitlines()
                (st.success if report.ok else st.warning)(
                    "\n".join([lines[0], *(f"- {line}" for line in lines[1:])])
                )

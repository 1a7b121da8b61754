"""Import files a province brings: a BMN/TPMAP household export, a Thai QM case export to
reconcile with TPMAP, and a boundary layer. Planners and administrators only.

Uploads are read in memory (the boundary layer under a generated name), within the limits of
settings.toml [imports]; every import and reconciliation is audited with its counts. A validated
household file is saved as a named dataset (``store.datasets``); the datasets table lists them
with retire / restore for those allowed.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from analytics.domain import measures, target_lists
from analytics.io import tabular, uploads
from ui import (
    cache,
    dataset_list,
    dataset_views,
    households,
    reconcile_views,
    shared,
    visits_data,
    widget_text,
)

IMPORT_ROLES = ("planner", "admin")

filters = shared.page_frame()
viewer = shared.current_viewer()
t, lang = shared.t, filters.lang
reason = "reason_th" if lang == "th" else "reason_en"
st.title(t("import_page"))
if viewer.role not in IMPORT_ROLES:
    st.warning(t("import_not_allowed"))
    st.stop()
limits = tabular.Limits.from_settings()


def show_report(frame) -> None:
    """Rows with problems: row as Excel shows it, the user's own header, value (IDs masked)."""
    shown = frame[["row", "field", "value", reason]].replace(
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


def audit_upload(upload, action: str, rows: int, counts: dict[str, int] | None = None) -> None:
    """Audit each distinct upload once (not on every rerun): one row, other counts as detail."""
    digest = hashlib.sha256(upload.getvalue()).hexdigest()
    detail = ",".join(f"{name}={n}" for name, n in (counts or {}).items())
    signature = (digest, filters.area_code, action, rows, detail)
    done = st.session_state.setdefault("_audited_uploads", set())
    if signature in done:
        return
    visits_data.audit_event(viewer, action, filters.area_code, rows, detail)
    done.add(signature)


households_tab, thaiqm_tab, boundary_tab = st.tabs(
    [t("import_households_tab"), t("import_thaiqm_tab"), t("import_boundaries_tab")]
)

with households_tab:
    st.caption(t("import_help"))
    st.caption(t("import_limits", mb=limits.max_upload_mb, rows=limits.max_rows))
    upload = widget_text.file_uploader(
        t("upload"), ["csv", "txt", "xlsx"], "upload_households", lang
    )
    if upload is not None:
        try:
            result = cache.import_households(upload.getvalue(), upload.name)
        except tabular.ImportFileError as error:
            file_failed(error)
        else:
            audit_upload(upload, "import_households", len(result.persons))
            show_outcome(result, len(result.persons))
            if len(result.persons):
                st.subheader(t("imported_summary"))
                table = measures.area_measures(
                    result.persons, result.households, "tambon", filters.dims
                )
                shared.show_area_table(table)
                dataset_views.save_panel(
                    viewer, upload.getvalue(), upload.name, result, show_report
                )
    st.divider()
    dataset_views.ensure_demo()
    dataset_list.datasets_panel(viewer)


def reconcile_cases(upload, cases) -> None:
    shared.require_household_access(filters, viewer)
    result = target_lists.reconcile_cases(
        viewer,
        households.area_households(filters.area_code, filters.year),
        filters.area_code,
        cases.households,
        visits_data.latest_status(viewer),
    )
    audit_upload(
        upload,
        "reconcile_thaiqm",
        len(cases.households),
        {
            "matched": len(result.matched),
            "tpmap_only": len(result.tpmap_only),
            "thaiqm_only": len(result.thaiqm_only),
        },
    )
    st.subheader(t("reconciliation"))
    if not viewer.sees_personal:
        st.caption(t("reconcile_by_house_only"))
    tiles = st.columns(3)
    tiles[0].metric(t("in_both"), f"{len(result.matched):,}")
    tiles[1].metric(t("tpmap_only"), f"{len(result.tpmap_only):,}")
    tiles[2].metric(t("thaiqm_only"), f"{len(result.thaiqm_only):,}")
    reconcile_views.show_summary(result, lang)
    st.caption(t("status_crosstab"))
    reconcile_views.show_crosstab(result, lang)
    st.caption(t("thaiqm_only"))
    reconcile_views.show_cases(result.thaiqm_only, lang)


with thaiqm_tab:
    st.caption(t("thaiqm_help"))
    st.caption(t("import_limits", mb=limits.max_upload_mb, rows=limits.max_rows))
    upload = widget_text.file_uploader(
        t("upload_thaiqm"), ["csv", "txt", "xlsx"], "upload_thaiqm", lang
    )
    if upload is not None:
        try:
            cases = cache.import_thaiqm(upload.getvalue(), upload.name)
        except tabular.ImportFileError as error:
            file_failed(error)
        else:
            show_outcome(cases, len(cases.households))
            reconcile_cases(upload, cases)

with boundary_tab:
    st.caption(t("boundaries_help"))
    cols = st.columns([2, 1, 1])
    upload = widget_text.file_uploader(
        t("upload_boundaries"),
        ["geojson", "json", "gpkg", "zip"],
        "upload_boundaries",
        lang,
        cols[0],
    )
    level = cols[1].selectbox(
        t("map_level"),
        ["tambon", "amphoe", "province"],
        format_func=lambda k: t(f"level_{k}"),
        key="boundary_level",
        placeholder=t("choose_option"),
    )
    code_column = cols[2].text_input(t("code_column"), value="ADM3_PCODE", key="boundary_code")
    if upload is not None:
        try:  # read under a generated name: the client's file name never becomes a path
            layer = uploads.load_boundary_upload(upload.getvalue(), upload.name, level, code_column)
        except tabular.ImportFileError as error:
            file_failed(error)
        else:
            audit_upload(upload, "upload_boundaries", len(layer))
            report = layer.attrs["validation"]
            lines = report.summary().splitlines()
            (st.success if report.ok else st.warning)(lines[0])
            if lines[1:]:  # codes from the file: shown as text, never as Markdown
                st.text("\n".join(f"- {line}" for line in lines[1:]))

"""The import page's three tabs: households, Thai QM cases (reconciled), boundary layers."""

from __future__ import annotations

import streamlit as st

from analytics.domain import access
from analytics.io import tabular
from analytics.services import import_data
from analytics.services.filters import Filters
from ui import (
    area_nav,
    area_tables,
    cache,
    dataset_list,
    dataset_views,
    households,
    import_views,
    reconcile_views,
    visits_data,
    widget_text,
)
from ui.words import t

FILE_TYPES = ["csv", "txt", "xlsx"]


def households_tab(viewer: access.Viewer, filters: Filters) -> None:
    st.caption(t("import_help"))
    import_views.limits_caption(import_data.limits())
    upload = widget_text.file_uploader(t("upload"), FILE_TYPES, "upload_households", filters.lang)
    if upload is not None:
        data = upload.getvalue()
        try:
            result = cache.import_households(data, upload.name)
        except tabular.ImportFileError as error:
            import_views.file_failed(error)
        else:
            import_views.audit_upload(
                viewer, filters, data, "import_households", len(result.persons)
            )
            import_views.show_outcome(result, len(result.persons))
            if len(result.persons):
                st.subheader(t("imported_summary"))
                area_tables.show_area_table(import_data.imported_summary(result, filters.dims))
                dataset_views.save_panel(
                    viewer, data, upload.name, result, import_views.show_report
                )
    st.divider()
    dataset_views.ensure_demo()
    dataset_list.datasets_panel(viewer)


def thaiqm_tab(viewer: access.Viewer, filters: Filters) -> None:
    st.caption(t("thaiqm_help"))
    import_views.limits_caption(import_data.limits())
    upload = widget_text.file_uploader(
        t("upload_thaiqm"), FILE_TYPES, "upload_thaiqm", filters.lang
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        cases = cache.import_thaiqm(data, upload.name)
    except tabular.ImportFileError as error:
        import_views.file_failed(error)
        return
    import_views.show_outcome(cases, len(cases.households))
    area_nav.require_household_access(filters, viewer)
    result, counts = import_data.reconcile(
        viewer,
        households.area_households(filters.area_code, filters.year),
        filters,
        cases,
        visits_data.latest_status(viewer),
    )
    import_views.audit_upload(
        viewer, filters, data, "reconcile_thaiqm", len(cases.households), counts
    )
    st.subheader(t("reconciliation"))
    if not viewer.sees_personal:
        st.caption(t("reconcile_by_house_only"))
    words = {"matched": "in_both", "tpmap_only": "tpmap_only", "thaiqm_only": "thaiqm_only"}
    for column, (name, count) in zip(st.columns(3), counts.items(), strict=True):
        column.metric(t(words[name]), f"{count:,}")
    reconcile_views.show_summary(result, filters.lang)
    st.caption(t("status_crosstab"))
    reconcile_views.show_crosstab(result, filters.lang)
    st.caption(t("thaiqm_only"))
    reconcile_views.show_cases(result.thaiqm_only, filters.lang)


def boundary_tab(viewer: access.Viewer, filters: Filters) -> None:
    st.caption(t("boundaries_help"))
    cols = st.columns([2, 1, 1])
    upload = widget_text.file_uploader(
        t("upload_boundaries"),
        ["geojson", "json", "gpkg", "zip"],
        "upload_boundaries",
        filters.lang,
        cols[0],
    )
    level = cols[1].selectbox(
        t("map_level"),
        import_data.BOUNDARY_LEVELS,
        format_func=lambda k: t(f"level_{k}"),
        key="boundary_level",
        placeholder=t("choose_option"),
    )
    code_column = cols[2].text_input(t("code_column"), value="ADM3_PCODE", key="boundary_code")
    if upload is None:
        return
    data = upload.getvalue()
    try:
        report = import_data.boundary_report(data, upload.name, str(level), code_column)
    except tabular.ImportFileError as error:
        import_views.file_failed(error)
        return
    import_views.audit_upload(viewer, filters, data, "upload_boundaries", report.features)
    (st.success if report.ok else st.warning)(report.headline)
    if report.codes:  # codes from the file: shown as text, never as Markdown
        st.text("\n".join(f"- {line}" for line in report.codes))

"""Drawing linkage lists and the follow-up list (issue 14), and the target list's hook that
shows a field user the follow-up households as a list to visit.

Household-level lists are read as every household read is: scoped to the viewer's areas,
masked for roles that see no IDs, and audited (``view_linkage``, ``send_followup``,
``export_followup``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import access, followup, linkage
from analytics.io import tabular
from analytics.services import linkage as linkage_service
from store.db import StoreError
from ui import audit_trail, cache, households, shared, visits_data


def t(key: str, **values) -> str:
    return shared.t(key, **values)


def classified(year: int) -> pd.DataFrame:
    return cache.duplicate_ids(households.version(), year)


def household_lists_allowed(filters: shared.Filters, viewer: access.Viewer) -> bool:
    """Household lists need a role that sees households and a province; says why not."""
    if not viewer.sees_households:
        st.warning(t("executive_aggregates_only"))
        return False
    if filters.province is None:
        st.info(t("choose_province_for_households"))
        return False
    return True


def linkage_section(filters: shared.Filters, viewer: access.Viewer) -> None:
    """Counts for everyone who sees households; the lists within the viewer's areas."""
    if not household_lists_allowed(filters, viewer):
        return
    dups = classified(filters.year)
    v = linkage_service.linkage_view(
        households.source(), filters.area_code, filters.year, viewer, dups
    )
    visits_data.audit_once(
        viewer, "view_linkage", filters.area_code, len(v.duplicates) + len(v.invalid_heads), "lnk"
    )
    with st.container(horizontal=True, wrap=True, gap="medium"):
        for key in (*linkage.KINDS, "invalid_heads"):
            st.metric(t(f"lnk_{key}"), f"{v.counts[key]:,}", width="content")
    st.subheader(t("lnk_duplicates_title"))
    st.caption(t("lnk_elsewhere_note"))
    shown = v.duplicates.assign(kind=[t(f"lnk_{k}") for k in v.duplicates["kind"]])
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "kind": t("lnk_col_kind"),
            "citizen_id": t("col_citizen_id"),
            "house_code": t("col_house_code"),
            "village_id": t("col_village"),
            "tambon": t("code"),
            "elsewhere": st.column_config.NumberColumn(t("lnk_col_elsewhere"), format="%d"),
        },
    )
    st.subheader(t("lnk_heads_title"))
    if v.invalid_heads.empty:
        st.caption(t("lnk_none"))
    else:
        st.dataframe(v.invalid_heads, hide_index=True, width="stretch")
    thaiqm_section(filters, viewer)


def thaiqm_section(filters: shared.Filters, viewer: access.Viewer) -> None:
    """Thai QM cases that meet no survey household, and target households with no case."""
    st.subheader(t("lnk_thaiqm_title"))
    upload = st.file_uploader(t("lnk_thaiqm_upload"), type=["csv", "xlsx"], key="cmp_thaiqm")
    if upload is None:
        return
    try:
        cases = cache.import_thaiqm(upload.getvalue(), upload.name).households
    except tabular.ImportFileError as error:
        st.error(t("import_failed"))
        st.text(f"{error.message_th}\n{error.message_en}")  # plain text: never Markdown
        return
    table = households.area_households(filters.area_code, filters.year)
    persons = households.source().members(table["house_code"], filters.year)
    survey = table.assign(target=table["target_members"] > 0)
    gaps = linkage.thaiqm_gaps(cases, survey, persons, match_ids=viewer.sees_personal)
    only_qm, only_survey = gaps["thaiqm_only"], gaps["survey_only"]
    detail = f"thaiqm_only={len(only_qm)},survey_only={len(only_survey)}"
    visits_data.audit_once(viewer, "reconcile_thaiqm", filters.area_code, len(cases), detail)
    for key, frame in (("lnk_thaiqm_only", only_qm), ("lnk_survey_only", only_survey)):
        st.caption(f"{t(key)}: {len(frame):,}")
        shown = frame.reindex(columns=["house_code", "citizen_id", "tambon"])
        if not viewer.sees_personal:
            shown = access.mask_personal(shown)
        st.dataframe(shown, hide_index=True, width="stretch", height=200)


def reason_words(lang: str) -> dict[str, str]:
    return {r: shared.t(f"fu_reason_{r}") for r in followup.REASONS}


def followup_section(filters: shared.Filters, viewer: access.Viewer) -> None:
    """Households to revisit, the send button (planners, administrators) and the lists sent."""
    if not household_lists_allowed(filters, viewer):
        return
    st.caption(t("fu_intro"))
    source, dups = households.source(), classified(filters.year)
    engine = visits_data.engine()
    try:
        tracked = linkage_service.track(engine, source, filters.area_code, filters.year, dups)
    except StoreError as error:
        st.error(visits_data.store_message(error))
        return
    listed = linkage_service.candidates(source, filters.area_code, filters.year, dups)
    listed = listed[viewer.in_scope(listed["village_id"])] if len(listed) else listed
    st.metric(t("fu_title"), f"{len(listed):,}", width="content")
    counts = followup.reason_counts(listed)
    st.caption(" · ".join(f"{t(f'fu_reason_{r}')} {n:,}" for r, n in counts.items()))
    if len(listed):
        _send_button(filters, viewer, len(listed))
        _export(listed, filters, viewer)
    else:
        st.info(t("fu_nothing"))
    sent = linkage_service.followup_store.lists(engine, filters.area_code)
    if len(sent):
        st.subheader(t("fu_lists_title"))
        st.caption(t("fu_tracking", **tracked))
        st.dataframe(
            sent.drop(columns=["area_code"]),
            hide_index=True,
            width="stretch",
            column_config={
                "id": t("fu_col_list"),
                "created_by": t("fu_col_sent_by"),
                "created_at": t("fu_col_sent_at"),
                "open": t("fu_col_open"),
                "completed": t("fu_col_completed"),
            },
        )


def _send_button(filters: shared.Filters, viewer: access.Viewer, n: int) -> None:
    if viewer.role not in ("planner", "admin"):
        return
    if st.button(t("fu_send"), key="followup_send", type="primary", icon=":material/send:"):
        try:
            sent = linkage_service.send(
                visits_data.engine(),
                households.source(),
                filters.area_code,
                filters.year,
                viewer,
                classified(filters.year),
            )
        except StoreError as error:
            st.error(visits_data.store_message(error))
            return
        except access.AccessDenied:
            st.error(t("followup_send_refused"))
            return
        st.success(t("fu_sent", n=f"{sent:,}"))


def export_frame(listed: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The follow-up list with the screen's words as headers and reasons (Thai or English)."""
    words = reason_words(lang)
    out = listed.assign(reasons=[followup.reasons_in_words(r, words) for r in listed["reasons"]])
    return out.rename(
        columns={
            "house_code": t("col_house_code"),
            "village_id": t("col_village"),
            "tambon": t("code"),
            "reasons": t("fu_col_reasons"),
        }
    )


def _export(listed: pd.DataFrame, filters: shared.Filters, viewer: access.Viewer) -> None:
    frame = export_frame(listed, filters.lang)
    st.dataframe(frame, hide_index=True, width="stretch", height=260)
    st.download_button(
        t("fu_export"),
        audit_trail.audited_file(
            lambda: frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig"),
            viewer,
            "export_followup",
            filters.area_code,
            len(frame),
        ),
        file_name=f"chipao_followup_{filters.area_code}.csv",
        mime="text/csv",
        key="followup_csv",
        on_click="ignore",
    )


# -- the target list's hook --------------------------------------------------------------------
def followup_choice(filters: shared.Filters, viewer: access.Viewer) -> dict[str, str] | None:
    """The area's open follow-up households (house code -> reason codes) when the user chooses
    to list them in place of the target list (field users: chosen by default), so the same
    list, map and exports serve them; None when there is none or the user keeps the targets."""
    try:
        items = linkage_service.field_items(visits_data.engine(), viewer, filters.area_code)
    except StoreError:
        return None
    if items.empty:
        return None
    title = t("fu_field_title", n=f"{len(items):,}")
    if not st.toggle(title, key="followup_only", value=viewer.records_visits):
        return None
    st.caption(t("fu_field_hint"))
    return {str(k): str(v) for k, v in items.set_index("house_code")["reasons"].items()}

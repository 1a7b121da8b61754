"""Target list (ชี้เป้า): who to visit in the selected area, why, and in which order."""

from __future__ import annotations

import streamlit as st

from analytics import catalogue, labels, rules, target_lists
from ui import households, shared, visits_data

filters = shared.page_frame()
viewer = shared.current_viewer()
lang, t = filters.lang, shared.t
st.title(t("targets_page"))
shared.breadcrumbs(filters)

shared.require_household_access(filters, viewer)

with st.expander(t("filters"), expanded=True, icon=":material/filter_list:"):
    row1 = st.columns([1.2, 1, 1])
    group = row1[0].radio(
        t("group"),
        target_lists.GROUPS,
        key="list_group",
        horizontal=True,
        format_func=lambda g: t(f"group_{g}"),
    )
    dims = row1[1].multiselect(
        t("filter_dimensions"),
        catalogue.dimension_codes(),
        key="list_dims",
        placeholder=t("choose_options"),
        format_func=lambda d: labels.dimension_name(d, lang),
    )
    indicators = row1[2].multiselect(
        t("filter_indicators"),
        target_lists.indicator_codes(),
        key="list_indicators",
        placeholder=t("choose_options"),
        format_func=lambda c: f"{c} {labels.indicator_name(c, lang)[:40]}",
    )
    row2 = st.columns(3)
    stages = row2[0].multiselect(
        t("filter_stages"),
        rules.STAGES,
        key="list_stages",
        placeholder=t("choose_options"),
        format_func=lambda s: rules.STAGE_LABELS[s][0 if lang == "th" else 1],
    )
    members = row2[1].multiselect(
        t("filter_members"),
        target_lists.MEMBER_FLAGS,
        key="list_members",
        placeholder=t("choose_options"),
        format_func=lambda m: t(f"member_{m}"),
    )
    statuses = row2[2].multiselect(
        t("filter_statuses"),
        visits_data.status_options(),
        key="list_statuses",
        placeholder=t("choose_options"),
        format_func=lambda s: visits_data.status_label(s, lang),
    )

list_filters = target_lists.ListFilters(
    group, tuple(dims), tuple(indicators), tuple(stages), tuple(members), tuple(statuses)
)
table = households.area_households(filters.area_code, filters.year)
latest = visits_data.latest_status(viewer)
everyone = target_lists.target_list(
    viewer, table, filters.area_code, target_lists.ListFilters("all"), latest
)
rows = target_lists.target_list(viewer, table, filters.area_code, list_filters, latest)
visits_data.audit_once(viewer, "view_list", filters.area_code, len(rows), list_filters)

tally = target_lists.counts(everyone)
tiles = st.columns(6)
tiles[0].metric(t("households_in_area"), f"{tally['all']:,}")
tiles[1].metric(t("group_target"), f"{tally['target']:,}")
tiles[2].metric(t("group_mpi_poor"), f"{tally['mpi_poor']:,}")
tiles[3].metric(t("group_vulnerable"), f"{tally['vulnerable']:,}")
tiles[4].metric(t("group_critical"), f"{tally['critical']:,}")
tiles[5].metric(t("households_listed"), f"{len(rows):,}")
st.caption(
    " · ".join(
        f"{rules.STAGE_LABELS[s][0 if lang == 'th' else 1]} {tally[s]:,}" for s in rules.STAGES
    )
)

shown = target_lists.display_frame(rows, lang)
shown["status"] = [visits_data.status_label(s, lang) for s in shown["status"]]
columns = [
    "order",
    "house_code",
    "village_name",
    "head_name",
    "citizen_id",
    "members",
    "target_members",
    "failed_indicators",
    "critical",
    "stage",
    "status",
    "reasons",
    "priority",
]
st.dataframe(
    shown[columns],
    hide_index=True,
    width="stretch",
    height=460,
    column_config={
        "order": t("col_order"),
        "house_code": t("col_house_code"),
        "village_name": t("col_village"),
        "head_name": t("col_head"),
        "citizen_id": t("col_citizen_id"),
        "members": t("col_members"),
        "target_members": t("col_target_members"),
        "failed_indicators": t("col_failed"),
        "critical": st.column_config.CheckboxColumn(t("col_critical")),
        "stage": t("col_stage"),
        "status": t("col_status"),
        "reasons": st.column_config.TextColumn(t("why_critical"), width="large"),
        "priority": st.column_config.NumberColumn(t("col_priority"), format="%.3f"),
    },
)
visits_data.list_map(rows, filters, viewer)
visits_data.export_panel(shown, rows, filters, viewer)

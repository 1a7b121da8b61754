"""Target list (ชี้เป้า): who to visit in the selected area, why, and in which order."""

from __future__ import annotations

import streamlit as st

from analytics.domain import catalogue, rules, target_lists
from analytics.text import labels
from ui import (
    followup_views,
    households,
    list_views,
    plan_hooks,
    route_views,
    shared,
    visits_data,
)

filters = shared.page_frame()
viewer = shared.current_viewer()
lang, t = filters.lang, shared.t
st.title(t("targets_page"))
shared.breadcrumbs(filters)

shared.require_household_access(filters, viewer)

# field teams (phones) see the list first; planners the filters
with st.expander(t("filters"), expanded=not viewer.records_visits, icon=":material/filter_list:"):
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
rows = followup_views.followup_rows(rows, everyone, filters, viewer)  # issue 14: data follow-up
visits_data.audit_once(viewer, "view_list", filters.area_code, len(rows), list_filters)

tally = target_lists.counts(everyone)
with st.container(horizontal=True, wrap=True, gap="medium"):  # whole labels: tiles wrap
    for key, count in [
        ("tile_households_area", tally["all"]),
        ("tile_households_target", tally["target"]),
        ("tile_households_mpi", tally["mpi_poor"]),
        ("tile_households_vulnerable", tally["vulnerable"]),
        ("tile_households_critical", tally["critical"]),
        ("tile_households_listed", len(rows)),
    ]:
        st.metric(t(key), f"{count:,}", width="content")
st.caption(
    " · ".join(
        f"{rules.STAGE_LABELS[s][0 if lang == 'th' else 1]} {tally[s]:,}" for s in rules.STAGES
    )
)

shown = target_lists.display_frame(rows, lang)
shown = followup_views.followup_reasons(shown, rows, lang)
located = visits_data.with_coordinates(rows, filters.year)
shown["lat"], shown["lon"] = located["lat"].to_numpy(), located["lon"].to_numpy()
shown = plan_hooks.with_suggestions(shown, filters, viewer)  # menu: suggested help column
list_views.card_picker(rows, shown, filters, viewer)
list_views.list_table(shown, lang)
if filters.tambon or filters.amphoe:
    routed = route_views.route_section(shown, filters, viewer)
else:  # a province: no route (too many stops for a day), the list in priority order
    st.caption(t("list_too_large"))
    routed = shown
visits_data.export_panel(routed, filters, viewer)

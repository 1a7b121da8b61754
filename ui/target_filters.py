"""The target list's filters: group, dimensions, indicators, stages, members, visit statuses."""

from __future__ import annotations

import streamlit as st

from analytics.domain import access, catalogue, rules, target_lists
from analytics.services.targets import stage_label
from ui import visits_data
from ui.words import t


def list_filters(viewer: access.Viewer, lang: str) -> target_lists.ListFilters:
    """Field teams (phones) see the list first, the filters folded; planners the filters."""
    with st.expander(
        t("filters"), expanded=not viewer.records_visits, icon=":material/filter_list:"
    ):
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
            format_func=lambda d: catalogue.dimension_name(d, lang),
        )
        indicators = row1[2].multiselect(
            t("filter_indicators"),
            target_lists.indicator_codes(),
            key="list_indicators",
            placeholder=t("choose_options"),
            format_func=lambda c: f"{c} {catalogue.indicator_name(c, lang)[:40]}",
        )
        row2 = st.columns(3)
        stages = row2[0].multiselect(
            t("filter_stages"),
            rules.STAGES,
            key="list_stages",
            placeholder=t("choose_options"),
            format_func=lambda s: stage_label(s, lang),
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
            format_func=lambda s: catalogue.status_label(s, lang),
        )
    return target_lists.ListFilters(
        group, tuple(dims), tuple(indicators), tuple(stages), tuple(members), tuple(statuses)
    )


def tiles(counts: tuple[tuple[str, int], ...]) -> None:
    with st.container(horizontal=True, wrap=True, gap="medium"):  # whole labels: tiles wrap
        for key, count in counts:
            st.metric(t(key), f"{count:,}", width="content")

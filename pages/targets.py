"""Target list (ชี้เป้า): who to visit in the selected area, why, and in which order."""

from __future__ import annotations

import streamlit as st

from analytics.services import targets
from ui import (
    area_nav,
    context,
    followup_views,
    frame,
    list_views,
    plan_hooks,
    route_views,
    target_filters,
    visits_data,
)
from ui.words import t

filters = frame.page_frame()
viewer = frame.current_viewer()
st.title(t("targets_page"))
area_nav.breadcrumbs(filters)
area_nav.require_household_access(filters, viewer)

chosen = target_filters.list_filters(viewer, filters.lang)
latest = visits_data.latest_status(viewer)
followup = followup_views.followup_choice(filters, viewer)  # the data follow-up list
view = targets.targets_view(context.context(), filters, viewer, chosen, latest, followup)
visits_data.audit_once(viewer, "view_list", filters.area_code, len(view.rows), chosen)

target_filters.tiles(view.tiles)
st.caption(view.stages)
shown = plan_hooks.with_suggestions(view.shown, filters, viewer)  # suggested help
list_views.card_picker(view.rows, shown, filters, viewer)
list_views.list_table(shown, filters.lang)
if view.routable:
    routed = route_views.route_section(shown, filters, viewer)
else:  # a province: no route (too many stops for a day), the list in priority order
    st.caption(t("list_too_large"))
    routed = shown
visits_data.export_panel(routed, filters, viewer)

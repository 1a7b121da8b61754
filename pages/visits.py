"""Home visits (Knock Knock): a household's visit history and the form to record a visit."""

from __future__ import annotations

import streamlit as st

from analytics.services import visits
from ui import (
    area_nav,
    context,
    frame,
    household_card,
    visit_panels,
    visit_views,
    visits_data,
    words,
)
from ui.words import t

filters = frame.page_frame()
viewer = frame.current_viewer()
st.title(t("visits_page"))
area_nav.breadcrumbs(filters)
area_nav.require_household_access(filters, viewer)
visit_panels.require_store()

latest = visits_data.latest_status(viewer)
handed = st.session_state.pop(household_card.HANDOVER_KEY, None)
view = visits.visits_view(context.context(), filters, viewer, latest, handed)
listed = view.listed
# The picker lists the area's households (names for field teams): a household-level read.
visits_data.audit_once(viewer, "view_picker", filters.area_code, len(listed), "picker")
visit_panels.progress_caption(view)

labels_by_code = visit_views.picker_labels(listed, filters.lang)
if listed.empty:
    st.info(t("no_target_households", area=words.area_name(filters.area_code)))
    st.stop()
picker_key = f"household_{filters.area_code}"
if handed in labels_by_code:
    st.session_state[picker_key] = handed
house_code = st.selectbox(
    t("choose_household"),
    list(labels_by_code),
    key=picker_key,
    format_func=lambda code: labels_by_code.get(code, code),
    index=None,
    placeholder=t("visit_search_household"),
)
st.page_link("pages/targets.py", label=t("visit_back_to_list"), icon=":material/arrow_back:")
if house_code is None:
    st.stop()
row = visit_views.household_row(listed, house_code)
visits_data.audit_once(viewer, "view_household", row["tambon"], 1, house_code)
visit_views.saved_note()

left, right = st.columns([1.1, 1])
with left:
    visit_panels.household_summary(house_code, row)
    visit_panels.timeline_section(house_code, filters.lang)
with right:
    st.subheader(t("record_visit"))
    if not viewer.records_visits:
        st.caption(t("records_field_only"))
        st.stop()
    visit_views.visit_form(viewer, row, house_code, set(listed["house_code"]).__contains__)

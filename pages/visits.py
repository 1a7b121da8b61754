"""Home visits (Knock Knock): a household's visit history and the form to record a visit."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import areas, target_lists
from store import visits
from store.db import StoreError
from ui import household_card, households, plain, shared, visit_views, visits_data

filters = shared.page_frame()
viewer = shared.current_viewer()
lang, t = filters.lang, shared.t
st.title(t("visits_page"))
shared.breadcrumbs(filters)

shared.require_household_access(filters, viewer)

try:
    engine = visits_data.engine()
except StoreError as error:
    st.error(f"**{t('visit_store_unavailable')}**  \n{visits_data.store_message(error)}")
    st.stop()
table = households.area_households(filters.area_code, filters.year)
latest = visits_data.latest_status(viewer)
# the picker offers the area's target households (the list's default group), by house code
listed = target_lists.target_list(
    viewer, table, filters.area_code, target_lists.ListFilters("target"), latest
)
# The picker lists the area's households (names for field teams): a household-level read.
visits_data.audit_once(viewer, "view_picker", filters.area_code, len(listed), "picker")

progress = visits_data.case_progress(filters.area_code, filters.year, viewer)
if progress is not None and progress[0]["households"].sum():
    counts = progress[0]
    st.caption(
        t(
            "progress_of_target",
            total=f"{int(counts['households'].sum()):,}",
            area=areas.area_name(filters.area_code, lang),
        )
        + ": "
        + " · ".join(
            f"{r.label_th if lang == 'th' else r.label_en} {r.households:,}"
            for r in counts.itertuples()
        )
    )

# A household handed over by the list's card opens chosen (also when the list showed another
# group than the target households: it is then offered too).
handed = st.session_state.pop(household_card.HANDOVER_KEY, None)
if handed is not None and handed not in set(listed["house_code"]):
    everyone = target_lists.target_list(
        viewer, table, filters.area_code, target_lists.ListFilters("all"), latest
    )
    listed = pd.concat([everyone[everyone["house_code"] == handed], listed])
labels_by_code = visit_views.picker_labels(listed, lang)
if listed.empty:
    st.info(t("no_target_households", area=areas.area_name(filters.area_code, lang)))
    st.stop()
picker_key = f"household_{filters.area_code}"
if handed in labels_by_code:
    st.session_state[picker_key] = handed
house_code = st.selectbox(
    t("choose_household"),
    list(labels_by_code),
    key=picker_key,
    format_func=labels_by_code.get,
    index=None,
    placeholder=t("visit_search_household"),
)
st.page_link("pages/targets.py", label=t("visit_back_to_list"), icon=":material/arrow_back:")
if house_code is None:
    st.stop()
row = listed.set_index("house_code").loc[house_code]
visits_data.audit_once(viewer, "view_household", row["tambon"], 1, house_code)
visit_views.saved_note()

left, right = st.columns([1.1, 1])
with left:
    st.subheader(f"{t('household')} {house_code}")
    st.markdown(
        f"{t('col_head')}: **{plain.plain(row['head_name'])}** · "
        f"{t('col_citizen_id')}: `{row['head_citizen_id']}`"
        f"  \n{t('col_members')}: **{row['members']}** · {t('col_target_members')}: "
        f"**{row['target_members']}** · {t('col_failed')}: **{row['failed_codes'] or '–'}**"
    )
    st.subheader(t("timeline"))
    try:
        timeline = visits.household_timeline(engine, house_code)
    except StoreError as error:
        st.warning(visits_data.store_message(error))
    else:
        if timeline.empty:
            st.caption(t("no_visits_yet"))
        else:
            visit_views.timeline_cards(timeline, lang)

with right:
    st.subheader(t("record_visit"))
    if not viewer.records_visits:
        st.caption(t("records_field_only"))
        st.stop()
    visit_views.visit_form(viewer, row, house_code, set(listed["house_code"]).__contains__)

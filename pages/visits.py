"""Home visits (Knock Knock): a household's visit history and the form to record a visit."""

from __future__ import annotations

import streamlit as st

from analytics import areas, target_lists
from store import visits
from store.db import StoreError
from ui import households, plain, shared, visit_views, visits_data

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

labels_by_code = dict(
    zip(
        listed["house_code"],
        listed["house_code"]
        + " · "
        + listed["head_name"].astype(str)
        + " · "
        + listed["village_id"].map(lambda v: areas.area_name(v, lang)),
        strict=True,
    )
)
if listed.empty:
    st.info(t("no_target_households", area=areas.area_name(filters.area_code, lang)))
    st.stop()
house_code = st.selectbox(
    t("choose_household"),
    list(labels_by_code),
    key=f"household_{filters.area_code}",
    format_func=labels_by_code.get,
    index=None,
    placeholder=t("choose_option"),
)
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

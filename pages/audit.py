"""Audit log (administrators): every sign-in, list view, file, import and change, filtered; CSV."""

from __future__ import annotations

import streamlit as st

from analytics.services import audit
from ui import audit_trail, audit_views, frame
from ui.words import t

filters = frame.page_frame()
viewer = frame.current_viewer()
lang = filters.lang

st.title(t("audit_title"))
if not audit.may_read(viewer):
    st.warning(t("audit_admin_only"))
    st.stop()
st.caption(t("audit_help"))

engine = audit_trail.engine()
chosen = audit_views.query(engine, lang)
if not audit.area_ok(chosen.area):
    st.error(t("audit_bad_area"))
    st.stop()

events = audit.events(engine, chosen)
if st.session_state.get("_audit_viewed") != chosen.key:
    audit_trail.record(viewer.username, viewer.role, "view_audit", chosen.area, len(events))
    st.session_state["_audit_viewed"] = chosen.key
st.caption(t("audit_count", count=len(events), limit=audit.LIMIT))
audit_views.events_table(audit.shown_events(events, lang))
audit_views.csv_button(events, viewer, chosen)

with st.expander(t("pilot_history"), icon=":material/history:"):
    audit_views.pilot_history(engine, lang)

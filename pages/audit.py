"""Audit log (administrators): every sign-in, list view, file, import and change, filtered; CSV."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import streamlit as st

from store import audit
from store import pilots as pilot_store
from ui import audit_trail, shared

LIMIT = 10_000
filters = shared.page_frame()
viewer = shared.current_viewer()
t, lang = shared.t, filters.lang

st.title(t("audit_title"))
if viewer.role != "admin":
    st.warning(t("audit_admin_only"))
    st.stop()
st.caption(t("audit_help"))

engine = audit_trail.engine()
today = datetime.now(UTC).date()
row1 = st.columns(3)
since = row1[0].date_input(t("audit_from"), value=today - timedelta(days=30), key="audit_from")
until = row1[1].date_input(t("audit_to"), value=today, key="audit_to")
area = row1[2].text_input(t("audit_area"), key="audit_area", max_chars=8).strip()
row2 = st.columns(3)
choices = {}
for column, field in zip(row2, ("username", "role", "action"), strict=True):
    options = ["", *audit.distinct_values(engine, field)]
    choices[field] = column.selectbox(
        t(f"audit_{'user' if field == 'username' else field}"),
        options,
        format_func=lambda v, field=field: (
            audit_trail.filter_word(field, v, lang) or t("audit_any")
        ),
        key=f"audit_{field}",
        placeholder=t("choose_option"),
    )
if area and not re.fullmatch(r"\d{2,8}", area):
    st.error(t("audit_bad_area"))
    st.stop()

events = audit.query_events(
    engine,
    since=since,
    until=until,
    username=choices["username"] or None,
    role=choices["role"] or None,
    action=choices["action"] or None,
    area_prefix=area or None,
    limit=LIMIT,
)
shared_key = (since, until, area, tuple(choices.values()))
if st.session_state.get("_audit_viewed") != shared_key:
    audit_trail.record(viewer.username, viewer.role, "view_audit", area, len(events))
    st.session_state["_audit_viewed"] = shared_key
st.caption(t("audit_count", count=len(events), limit=LIMIT))
shown = events.assign(
    at=[audit_trail.shown_time(at, lang) for at in events["at"]],
    role=[audit_trail.role_word(r, lang) for r in events["role"]],
    action=[audit_trail.action_word(a, lang) for a in events["action"]],
)
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={
        "id": None,
        "at": t("audit_col_at"),
        "username": t("audit_user"),
        "role": t("audit_role"),
        "action": t("audit_action"),
        "area_code": t("code"),
        "rows": st.column_config.NumberColumn(t("audit_col_rows"), format="localized"),
        "detail": t("audit_col_detail"),
    },
)
st.download_button(
    t("audit_csv"),
    audit_trail.audited_file(
        lambda: (
            events.assign(at=events["at"].dt.strftime("%Y-%m-%d %H:%M:%S"))
            .to_csv(index=False)
            .encode("utf-8-sig")
        ),
        viewer,
        "export_audit_csv",
        area,
        len(shown),
    ),
    file_name=f"chipao_audit_{since:%Y%m%d}_{until:%Y%m%d}.csv",
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)

with st.expander(t("pilot_history"), icon=":material/history:"):
    history = pilot_store.pilot_history(engine)
    history["tambon_codes"] = history["tambon_codes"].map(", ".join)
    for column in ("updated_at", "retired_at"):
        history[column] = [audit_trail.shown_time(at, lang) for at in history[column]]
    history = history.fillna("–")
    st.dataframe(
        history,
        hide_index=True,
        width="stretch",
        column_config={
            column: t(f"pilot_history_{column}") for column in audit_trail.PILOT_HISTORY_COLUMNS
        },
    )

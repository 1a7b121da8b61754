"""Home visits (Knock Knock): a household's visit history and the form to record a visit."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analytics import areas, catalogue, labels, target_lists
from store import visits
from ui import plain, shared, visits_data

filters = shared.page_frame()
viewer = shared.current_viewer()
lang, t = filters.lang, shared.t
st.title(t("visits_page"))
shared.breadcrumbs(filters)

shared.require_household_access(filters, viewer)

engine = visits_data.engine()
table = shared.household_table(filters.year)
latest = visits_data.latest_status(viewer)
households = target_lists.target_list(
    viewer, table, filters.area_code, target_lists.ListFilters("all"), latest
)
progress = visits.progress_counts(engine, households["tambon"].unique().tolist())
if len(progress):
    st.caption(
        t("progress")
        + ": "
        + " · ".join(
            f"{visits_data.status_label(r.status, lang)} {r.households:,}"
            for r in progress.itertuples()
        )
    )

labels_by_code = dict(
    zip(
        households["house_code"],
        households["house_code"]
        + " · "
        + households["head_name"].astype(str)
        + " · "
        + households["village_id"].map(lambda v: areas.area_name(v, lang)),
        strict=True,
    )
)
house_code = st.selectbox(
    t("choose_household"),
    list(labels_by_code),
    key=f"household_{filters.area_code}",
    format_func=labels_by_code.get,
    index=None,
)
if house_code is None:
    st.stop()
row = households.set_index("house_code").loc[house_code]
visits_data.audit_once(viewer, "view_household", row["tambon"], 1, house_code)

left, right = st.columns([1.1, 1])
with left:
    st.subheader(f"{t('household')} {house_code}")
    st.markdown(
        f"{t('col_head')}: **{plain.md_escape(row['head_name'])}** · {t('col_citizen_id')}: `{row['head_citizen_id']}`"
        f"  \n{t('col_members')}: **{row['members']}** · {t('col_target_members')}: "
        f"**{row['target_members']}** · {t('col_failed')}: **{row['failed_codes'] or '–'}**"
    )
    st.subheader(t("timeline"))
    timeline = visits.household_timeline(engine, house_code)
    if timeline.empty:
        st.caption(t("no_visits_yet"))
    else:
        shown = timeline.assign(
            status=[visits_data.status_label(s, lang) for s in timeline["status"]]
        )
        st.dataframe(
            shown[
                [
                    "visit_date",
                    "version",
                    "status",
                    "team",
                    "help_given",
                    "menu_item",
                    "agency",
                    "next_visit_date",
                    "critical",
                    "recorded_by",
                    "current",
                ]
            ],
            hide_index=True,
            width="stretch",
            column_config={
                "visit_date": t("visit_date"),
                "version": t("version"),
                "status": t("status"),
                "team": t("team"),
                "help_given": t("help_given"),
                "menu_item": t("menu_item"),
                "agency": t("agency"),
                "next_visit_date": t("next_visit"),
                "critical": t("critical_flag"),
                "recorded_by": t("recorded_by"),
            },
        )

with right:
    st.subheader(t("record_visit"))
    if not viewer.records_visits:
        st.caption(t("records_field_only"))
        st.stop()
    with st.form(f"visit_{house_code}", clear_on_submit=True):
        visit_date = st.date_input(t("visit_date"), value=date.today(), format="DD/MM/YYYY")
        team = st.text_input(t("team"), value=viewer.name)
        status = st.selectbox(
            t("status"),
            visits.STATUSES,
            index=None,
            format_func=lambda s: visits_data.status_label(s, lang),
        )
        findings = {
            d: st.text_input(f"{t('findings')}: {labels.dimension_name(d, lang)}", key=f"f_{d}")
            for d in catalogue.dimension_codes()
        }
        help_given = st.text_area(t("help_given"), height=70)
        menu_item = st.text_input(t("menu_item"))
        agency = st.text_input(t("agency"))
        next_visit = st.date_input(t("next_visit"), value=None, format="DD/MM/YYYY")
        critical = st.checkbox(t("critical_flag"), value=bool(row["critical"]))
        notes = st.text_area(t("notes"), height=70)
        submitted = st.form_submit_button(t("save_visit"), type="primary")
    if submitted:
        data = {
            "house_code": house_code,
            "tambon_code": row["tambon"],
            "visit_date": visit_date,
            "team": team,
            "status": status,
            "findings": {k: v for k, v in findings.items() if v.strip()},
            "help_given": help_given,
            "menu_item": menu_item or None,
            "agency": agency or None,
            "next_visit_date": next_visit,
            "critical": critical,
            "notes": notes,
        }
        try:
            visits.record_visit(
                engine,
                data,
                user=viewer.username,
                known_household=set(households["house_code"]).__contains__,
            )
        except visits.VisitError as error:
            st.error(
                t("visit_not_saved")
                + "\n\n"
                + "\n".join(f"- **{field}**: {th} / {en}" for field, th, en in error.errors)
            )
        else:
            visits_data.audit_event(viewer, "record_visit", row["tambon"], 1)
            st.toast(t("visit_saved"))
            st.rerun()

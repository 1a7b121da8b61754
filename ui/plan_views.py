"""Drawing the plans page: the area's matches (memoised per session), area demand, one
household's suggestions and referral steps. The builder, result and pilot tabs live in
``ui.plan_builder_views`` and ``ui.plan_result_views``."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics.domain import access
from analytics.services import plans as plan_service
from analytics.text import formatting, labels
from analytics.text.bilingual import pick
from store import plans as plan_store
from store.db import StoreError
from ui import households, shared, visits_data

MEMO_KEY = "_plan_matches"
TAMBON_MEMO = "_plan_tambon_matches"  # ui.plan_hooks: one tambon's matches (card, visit form)
HANDOVER_KEY = "plan_household"  # the household card opens the plans page on this household
STEP_ROLES = ("field", "planner")
SAVED_KEY = "_plan_step_saved"


def area_matches(filters: shared.Filters, viewer: access.Viewer) -> plan_service.AreaMatches:
    """This session's matches of the area; recomputed when data, area, year or steps change."""
    key = (households.version(), filters.area_code, filters.year, viewer.username)
    memo = st.session_state.get(MEMO_KEY)
    if memo is None or memo[0] != key:
        found = plan_service.area_matches(
            households.source(), visits_data.engine(), viewer, filters.area_code, filters.year
        )
        st.session_state[MEMO_KEY] = memo = (key, found)
    return memo[1]


def forget_matches() -> None:
    """After a recorded step: receipt changed, so every memoised match is read again."""
    st.session_state.pop(MEMO_KEY, None)
    st.session_state.pop(TAMBON_MEMO, None)


def demand(area: plan_service.AreaMatches, lang: str) -> None:
    t = shared.t
    table = plan_service.demand(area, lang)
    table = table[table["households"] > 0]
    cost = [
        formatting.format_count(v) if pd.notna(v) else t("demand_cost_unknown")
        for v in table["cost"]
    ]
    shown = pd.DataFrame(
        {
            t("demand_col_name"): table["name"].to_numpy(),
            t("demand_col_households"): table["households"].to_numpy(),
            t("demand_col_persons"): table["persons"].to_numpy(),
            t("demand_col_suggested"): table["suggested"].to_numpy(),
            t("demand_col_not_receiving"): table["not_receiving"].to_numpy(),
            t("demand_col_moved"): table["moved"].to_numpy(),
            t("demand_col_cost"): cost,
            t("demand_col_agency"): table["agency"].to_numpy(),
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="plan_demand")
    st.caption(t("demand_note"))


def suggestions_table(area: plan_service.AreaMatches, house_code: str, lang: str) -> None:
    """One household's suggested help (also drawn on the household card)."""
    t = shared.t
    sug = plan_service.household_suggestions(area, house_code, lang)
    if sug.empty:
        st.caption(t("household_suggestions_none"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("sug_col_name"): sug["name"],
                t("sug_col_units"): sug["units"],
                t("sug_col_addresses"): sug["addresses"],
                t("sug_col_rule"): sug["rule"],
                t("sug_col_unknown"): sug["unknown"],
                t("sug_col_agency"): sug["agency"],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def household_panel(
    area: plan_service.AreaMatches, filters: shared.Filters, viewer: access.Viewer
) -> None:
    t, lang = shared.t, filters.lang
    codes = area.households["house_code"].astype(str).tolist()
    count = area.matches.suggested.sum(axis=1)
    wanted = st.session_state.pop(HANDOVER_KEY, None)
    index = codes.index(wanted) if wanted in codes else 0
    house = st.selectbox(
        t("household_pick"),
        codes,
        index=index,
        format_func=lambda c: f"{c} · {int(count[codes.index(c)])}",
        key="plan_house",
    )
    if house is None:
        return
    tambon = str(area.households.loc[codes.index(house), "tambon"])
    visits_data.audit_once(viewer, "view_household", tambon, 1, house)
    suggestions_table(area, house, lang)
    steps_panel(area, house, filters, viewer)


def steps_panel(
    area: plan_service.AreaMatches, house: str, filters: shared.Filters, viewer: access.Viewer
) -> None:
    t, lang = shared.t, filters.lang
    saved = st.session_state.pop(SAVED_KEY, None)
    if saved:
        st.success(t("step_saved", step=t(f"step_{saved}")))
    st.markdown(f"**{t('plan_steps_title')}**")
    names = {p.id: p.name(lang) for p in area.programmes}
    try:
        done = plan_store.steps(visits_data.engine(), [house])
    except StoreError as error:
        st.error(visits_data.store_message(error))
        return
    lines = [
        f"{formatting.date_label(when, lang)} · {names.get(str(p), str(p))} · {t(f'step_{s}')}"
        for when, p, s in zip(done["step_date"], done["programme_id"], done["step"], strict=True)
    ]
    st.markdown("  \n".join(lines) or t("plan_steps_none"))
    if viewer.role in STEP_ROLES:
        _step_form(area, house, names, lang)


def _step_form(
    area: plan_service.AreaMatches, house: str, names: dict[str, str], lang: str
) -> None:
    t = shared.t
    other = labels.t("step_any_programme", lang)
    i = area.households.index[area.households["house_code"].astype(str) == house][0]
    suggested = [area.programmes[j].id for j in area.matches.suggested[i].nonzero()[0]]
    others = [p for p in names if p not in suggested]
    with st.form(f"plan_step_{house}"):
        st.markdown(f"**{t('step_record_title')}**")
        programme = st.selectbox(  # keyed so the picked programme survives reruns
            t("step_programme"),
            suggested + others,
            format_func=lambda p: names[p] if p in suggested else f"{names[p]} ({other})",
        )
        step = st.selectbox(
            t("step_step"), plan_store.PLAN_STEPS, format_func=lambda s: labels.t(f"step_{s}", lang)
        )
        when = st.date_input(t("step_date"), value=date.today(), max_value=date.today())
        reason = st.text_input(t("step_reason"))
        if not st.form_submit_button(t("step_save"), type="primary"):
            return
    _record(area, house, programme, step, when, reason, suggested, lang)


def _record(area, house, programme, step, when, reason, suggested, lang: str) -> None:
    t = shared.t
    viewer = shared.current_viewer()
    entry = plan_store.StepInput(
        house_code=house,
        tambon_code="",  # taken from the data by the service
        programme_id=programme,
        step=step,
        step_date=when,
        from_match=programme in suggested,
        reason=reason.strip() or None,
    )
    try:
        plan_service.record_step(visits_data.engine(), area, viewer, entry)
    except access.AccessDenied as err:
        st.error(pick(lang, err.message_th, err.message_en))
    except plan_store.PlanError as err:
        st.error(t("step_error", problem=t(f"plan_problem_{err.problem}")))
    except StoreError as error:
        st.error(visits_data.store_message(error))
    else:
        forget_matches()
        st.session_state[SAVED_KEY] = step
        st.rerun()  # the list of steps above shows the new one

"""The import page's dataset panels: save a validated import as a named dataset, list the
datasets, retire / restore / replace them. The page lays out; ``store.datasets`` decides.

A confirmation step ("replace the active dataset?") lives in ``st.session_state`` between the
click that asked and the click that confirms, keyed on the file's SHA-256 or the dataset id.
"""

from __future__ import annotations

import logging

import streamlit as st
from sqlalchemy.engine import Engine

from analytics import settings
from analytics.domain import access, catalogue
from analytics.services import dataset_save
from store import datasets
from store.db import StoreError
from ui import cache, households, shared, visits_data, words

log = logging.getLogger(__name__)
PENDING_SAVE = "_dataset_pending_save"
PENDING_RESTORE = "_dataset_pending_restore"
NOTICE = "_dataset_notice"


def engine() -> Engine:
    return visits_data.engine()


def ensure_demo() -> None:
    """Register the generated demo once per server (and database, data home, scale)."""
    try:
        with st.spinner(shared.t("dataset_demo_registering")):
            eng = engine()
            cache.ensure_demo(
                eng, str(eng.url), str(settings.current().data_home), datasets.demo.demo_scale()
            )
    except (StoreError, OSError, datasets.DatasetError) as error:
        log.error("demo dataset not registered: %s", type(error).__name__)
        st.caption(shared.t("dataset_demo_unavailable"))


def year_inputs(default_name: str) -> tuple[str, int, int]:
    """Name, TPMAP year and survey year (defaults: the file's name, the latest year, year - 1)."""
    years = catalogue.survey_years()
    cols = st.columns([3, 1, 1])
    name = cols[0].text_input(shared.t("dataset_name"), value=default_name, max_chars=200)
    options = list(range(min(years), max(years) + 6))
    tpmap_year = cols[1].selectbox(
        shared.t("dataset_tpmap_year"),
        options,
        index=options.index(max(years)),
        key="ds_year",
        placeholder=shared.t("choose_option"),
    )
    survey_year = cols[2].selectbox(
        shared.t("dataset_survey_year"),
        [tpmap_year - 1, tpmap_year - 2, tpmap_year],
        key=f"ds_survey_{tpmap_year}",
        placeholder=shared.t("choose_option"),
    )
    return name, int(tpmap_year), int(survey_year)


def save_panel(viewer: access.Viewer, data: bytes, filename: str, result, show_report) -> None:
    """After a file validates: refuse rows outside the viewer's scope, then name and save."""
    st.subheader(shared.t("dataset_save_heading"))
    lang = words.lang()
    sha = dataset_save.file_sha256(data)
    try:
        same = dataset_save.already_saved(engine(), sha)
    except StoreError as error:
        st.error(error.shown())
        return
    if same is not None:
        if not show_notice():  # just saved here: the notice says so
            st.info(dataset_save.already_text(same, lang))
        return
    plan = dataset_save.plan_save(viewer, sha, filename, result, lang)
    if len(plan.refused):
        st.warning(
            shared.t("dataset_outside_rows", n=len(plan.refused), areas=", ".join(viewer.areas))
        )
        show_report(plan.refused)
    if plan.persons.empty:
        st.error(shared.t("dataset_nothing_in_scope"))
        return
    st.caption(plan.covers)
    st.caption(shared.t("dataset_save_help"))
    new = plan.dataset(*year_inputs(plan.default_name))
    if st.button(shared.t("dataset_save"), type="primary", key="ds_save"):
        st.session_state.pop(PENDING_SAVE, None)
        save(viewer, new, confirm=False)
    pending = st.session_state.get(PENDING_SAVE)
    if pending and pending[0] == plan.sha256:
        confirm_step(
            shared.t("dataset_confirm_replace", names=pending[1]),
            shared.t("dataset_confirm_button"),
            PENDING_SAVE,
            lambda: save(viewer, new, confirm=True),
        )
    show_notice()


def save(viewer: access.Viewer, new: datasets.NewDataset, *, confirm: bool) -> None:
    outcome = dataset_save.save(engine(), viewer, new, confirm, words.lang())
    if outcome.kind == "confirm":
        st.session_state[PENDING_SAVE] = (new.sha256, outcome.replaces)
        return
    if outcome.kind == "error":
        st.error(outcome.text)
        return
    st.session_state.pop(PENDING_SAVE, None)
    households.datasets_changed()  # every page reads the new set at once
    st.session_state[NOTICE] = (outcome.kind, outcome.text)


def confirm_step(question: str, label: str, state_key: str, action) -> None:
    """The "are you sure?" step: a warning with a confirm and a cancel button."""
    st.warning(question)
    cols = st.columns([2, 1, 4])
    if cols[0].button(label, type="primary", key=f"{state_key}_yes"):
        st.session_state.pop(state_key, None)
        action()
        st.rerun()
    if cols[1].button(shared.t("dataset_cancel"), key=f"{state_key}_no"):
        st.session_state.pop(state_key, None)
        st.session_state[NOTICE] = ("info", shared.t("dataset_cancelled"))
        st.rerun()


def show_notice() -> bool:
    """The outcome of the last save / retire / restore (kept across the rerun it caused)."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        getattr(st, notice[0])(notice[1])
    return bool(notice)

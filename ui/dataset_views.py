"""The import page's dataset panels: save a validated import as a named dataset, list the
datasets, retire / restore / replace them. The page lays out; ``store.datasets`` decides.

A confirmation step ("replace the active dataset?") lives in ``st.session_state`` between the
click that asked and the click that confirms, keyed on the file's SHA-256 or the dataset id.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from analytics import settings
from analytics.domain import access, catalogue
from analytics.text import formatting
from store import datasets
from store.db import StoreError
from ui import cache, households, shared, visits_data

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


def problem_text(error: Exception) -> str:
    """Thai and English on two lines, for st.error (messages of our own, no user input)."""
    return f"{error.message_th}  \n{error.message_en}"  # type: ignore[attr-defined]


def outside_report(refused: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows refused for scope, in the shape of the import report (row, field, value, reason)."""
    reason = [shared.t("dataset_outside_reason", code=code) for code in refused["village_code"]]
    return pd.DataFrame(
        {
            "row": refused["row"].to_numpy(),
            "field": shared.t("dataset_scope_field"),
            "value": refused["village_code"].to_numpy(),
            f"reason_{lang}": reason,
        }
    )


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
    return name.strip() or default_name, int(tpmap_year), int(survey_year)


def save_panel(viewer: access.Viewer, data: bytes, filename: str, result, show_report) -> None:
    """After a file validates: refuse rows outside the viewer's scope, then name and save."""
    st.subheader(shared.t("dataset_save_heading"))
    sha = hashlib.sha256(data).hexdigest()
    try:
        same = datasets.find_by_sha256(engine(), sha)
    except StoreError as error:
        st.error(visits_data.store_message(error))
        return
    if same is not None:
        if not show_notice():  # just saved here: the notice says so
            st.info(already_text(same))
        return
    persons, households, refused = datasets.split_by_scope(
        viewer, result.persons, result.households
    )
    if len(refused):
        st.warning(shared.t("dataset_outside_rows", n=len(refused), areas=", ".join(viewer.areas)))
        show_report(outside_report(refused, st.session_state.get("lang", "th")))
    if persons.empty:
        st.error(shared.t("dataset_nothing_in_scope"))
        return
    tambons = datasets.scope.tambons_of(households)
    st.caption(
        shared.t(
            "dataset_covers",
            provinces=", ".join(datasets.scope.provinces_of(tambons)),
            tambons=len(tambons),
            households=len(households),
            persons=len(persons),
        )
    )
    st.caption(shared.t("dataset_save_help"))
    name, tpmap_year, survey_year = year_inputs(Path(filename).stem[:200] or "import")
    new = datasets.NewDataset(
        name=name,
        kind="import",
        frames={tpmap_year: (households, persons)},
        tpmap_year=tpmap_year,
        survey_year=survey_year,
        source_name=filename,  # the catalogue keeps its last part, for display only
        sha256=sha,
        rows_read=result.rows_read,
        rows_kept=len(persons),
        rows_rejected=result.rows_rejected + len(refused),
    )
    if st.button(shared.t("dataset_save"), type="primary", key="ds_save"):
        st.session_state.pop(PENDING_SAVE, None)
        save(viewer, new, confirm=False)
    pending = st.session_state.get(PENDING_SAVE)
    if pending and pending[0] == sha:
        confirm_step(
            shared.t("dataset_confirm_replace", names=pending[1]),
            shared.t("dataset_confirm_button"),
            PENDING_SAVE,
            lambda: save(viewer, new, confirm=True),
        )
    show_notice()


def save(viewer: access.Viewer, new: datasets.NewDataset, *, confirm: bool) -> None:
    try:
        outcome = datasets.register(engine(), viewer, new, confirm=confirm)
    except (datasets.DatasetError, access.AccessDenied) as error:
        st.error(problem_text(error))
        return
    except StoreError as error:
        st.error(visits_data.store_message(error))
        return
    if isinstance(outcome, datasets.NeedsConfirmation):
        st.session_state[PENDING_SAVE] = (new.sha256, names_of(outcome.would_replace))
        return
    st.session_state.pop(PENDING_SAVE, None)
    households.datasets_changed()  # every page reads the new set at once
    if isinstance(outcome, datasets.AlreadyImported):
        st.session_state[NOTICE] = ("info", already_text(outcome.dataset))
        return
    info = outcome.dataset
    text = shared.t(
        "dataset_saved", name=info.name, households=info.households, persons=info.persons
    )
    if outcome.replaced:
        text += "  \n" + shared.t("dataset_saved_replaced", names=names_of(outcome.replaced))
    st.session_state[NOTICE] = ("success", text)


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


def display_name(info: datasets.DatasetInfo) -> str:
    return shared.t("dataset_demo_name") if info.kind == "demo" else info.name


def names_of(infos) -> str:
    return ", ".join(f"“{display_name(i)}” ({', '.join(i.provinces)})" for i in infos)


def when(info: datasets.DatasetInfo) -> str:
    """The import's date and time in the one date style (stored in UTC, shown in Thai time)."""
    stamp = pd.Timestamp(info.imported_at)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return formatting.date_label(stamp, st.session_state.get("lang", "th"), with_time=True)


def already_text(info: datasets.DatasetInfo) -> str:
    status = shared.t(f"dataset_status_{info.status}")
    return shared.t(
        "dataset_already",
        name=display_name(info),
        status=status,
        by=info.imported_by,
        when=when(info),
    )

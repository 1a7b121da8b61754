"""The import page's "datasets" table with retire / restore for those allowed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import access
from analytics.services import dataset_save
from store import datasets
from store.db import StoreError
from ui import dataset_views as views
from ui import households, shared, visits_data, words

# the important columns first; fits 1366 px beside the sidebar up to the file name
COLUMNS = ("name", "status", "provinces", "years", "households", "by", "rows", "kind", "file")
WIDTHS = {
    "name": 160,
    "status": 70,
    "provinces": 70,
    "years": 110,
    "households": 75,
    "by": 165,
    "rows": 125,
    "kind": 80,
    "file": 130,
}


def visible(viewer: access.Viewer, infos: list[datasets.DatasetInfo]) -> list:
    """Datasets with any household in the viewer's areas (all of them for the whole country)."""
    return [i for i in infos if not viewer.areas or any(viewer.covers(t) for t in i.tambons)]


def years_text(info: datasets.DatasetInfo) -> str:
    years = sorted(info.years)
    shown = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"{shown} ({info.survey_year})"


def table(infos: list[datasets.DatasetInfo]) -> pd.DataFrame:
    lang = words.lang()
    rows = [
        {
            "name": dataset_save.display_name(i, lang),
            "kind": shared.t(f"dataset_kind_{i.kind}"),
            "provinces": ", ".join(i.provinces),
            "years": years_text(i),
            "file": i.source_name,
            "by": f"{i.imported_by} · {dataset_save.when(i, lang)}",
            "rows": f"{i.rows_read:,} / {i.rows_kept:,} / {i.rows_rejected:,}",
            "households": i.households,
            "status": shared.t(f"dataset_status_{i.status}"),
        }
        for i in infos
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def datasets_panel(viewer: access.Viewer) -> None:
    """The datasets table, then the retire / restore controls for the viewer's datasets."""
    st.subheader(shared.t("datasets_heading"))
    st.caption(shared.t("datasets_help"))
    try:
        infos = visible(viewer, datasets.list_datasets(views.engine()))
    except StoreError as error:
        st.error(visits_data.store_message(error))
        return
    if not infos:
        st.info(shared.t("datasets_none"))
        return
    config = {
        c: st.column_config.Column(shared.t(f"col_dataset_{c}"), width=WIDTHS[c]) for c in COLUMNS
    }
    config["households"] = st.column_config.NumberColumn(
        shared.t("col_dataset_households"), format="localized", width=WIDTHS["households"]
    )
    st.dataframe(table(infos), hide_index=True, width="stretch", column_config=config)
    changeable = [i for i in infos if datasets.may_change(viewer, list(i.tambons))]
    if changeable:
        change_controls(viewer, changeable)
    views.show_notice()


def change_controls(viewer: access.Viewer, infos: list[datasets.DatasetInfo]) -> None:
    by_id = {i.id: i for i in infos}
    lang = words.lang()
    cols = st.columns([4, 2])
    picked = cols[0].selectbox(
        shared.t("dataset_pick"),
        list(by_id),
        format_func=lambda i: (
            f"{dataset_save.display_name(by_id[i], lang)} · {', '.join(by_id[i].provinces)} · "
            f"{shared.t('dataset_status_' + by_id[i].status)} · {dataset_save.when(by_id[i], lang)}"
        ),
        placeholder=shared.t("choose_option"),
        key="ds_pick",
    )
    info = by_id[picked]
    cols[1].write("")  # align the button with the select box
    if info.status == "active":
        if cols[1].button(shared.t("dataset_retire"), key="ds_retire"):
            show(dataset_save.retire(views.engine(), viewer, info.id, lang), info.id)
    elif cols[1].button(shared.t("dataset_restore"), key="ds_restore"):
        st.session_state.pop(views.PENDING_RESTORE, None)
        restore(viewer, info, confirm=False)
    pending = st.session_state.get(views.PENDING_RESTORE)
    if pending and pending[0] == info.id:
        views.confirm_step(
            shared.t("dataset_restore_confirm", names=pending[1]),
            shared.t("dataset_restore_confirm_button"),
            views.PENDING_RESTORE,
            lambda: restore(viewer, info, confirm=True),
        )


def show(outcome: dataset_save.Outcome, dataset_id: str) -> None:
    """A retire / restore's outcome, the question it raises or the problem, after the rerun."""
    if outcome.kind == "confirm":
        st.session_state[views.PENDING_RESTORE] = (dataset_id, outcome.replaces)
    else:
        st.session_state[views.NOTICE] = (outcome.kind, outcome.text)
    if outcome.kind != "error":
        households.datasets_changed()  # every page reads the new set at once
    st.rerun()


def restore(viewer: access.Viewer, info: datasets.DatasetInfo, *, confirm: bool) -> None:
    lang = words.lang()
    show(dataset_save.restore(views.engine(), viewer, info.id, confirm, lang), info.id)

"""Household reads at the app edge: the active datasets behind the query layer, cached on small
keys (the datasets' version, an area code, a year) so a new import shows on every page at once.

Pages never read a whole year of households: they ask for one area's (a province at most).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import settings
from analytics.data.queries import HouseholdData
from analytics.domain import areas
from analytics.domain.household_schema import DatasetFiles
from analytics.text import labels
from store import datasets
from store.db import StoreError
from ui import cache, words


def active_files() -> list[DatasetFiles]:
    """The active dataset-years; none (pages then say there are no households) without a
    database."""
    from ui import visits_data

    try:
        engine = visits_data.engine()
        return cache.active_files(engine, str(engine.url), str(settings.current().data_home))
    except StoreError as error:
        if not st.session_state.get(CATALOGUE_NOTE_SHOWN):
            st.session_state[CATALOGUE_NOTE_SHOWN] = True  # once per page run (page_frame resets)
            st.error(
                f"{labels.t('dataset_catalogue_unavailable', words.lang())}  \n"
                f"{visits_data.store_message(error)}"
            )
        return []


CATALOGUE_NOTE_SHOWN = "_catalogue_note_shown"


def datasets_changed() -> None:
    """Call after an import, retirement or restoration: every page reads the new set."""
    cache.active_files.clear()


def source() -> HouseholdData:
    """The household source of every page; registers the generated demo on first use."""
    return cache.household_source()


def version() -> str:
    return source().version()


def area_households(area_code: str, year: int) -> pd.DataFrame:
    """One area's households with their flags, reasons and priority (a province at most).

    Shared between sessions and never mutated: callers filter into new frames."""
    if area_code in ("", "TH"):
        raise ValueError("area_households(): name a province, amphoe or tambon")
    return cache.area_profile(version(), area_code, year)


def household_members(house_code: str, year: int) -> pd.DataFrame:
    """The members of one household (the visit card)."""
    return cache.members(version(), house_code, year)


def source_note(province: str | None, year: int, lang: str) -> str:
    """Which datasets the household figures of the area come from, and whether any is the
    generated demo (the overview and the briefing say so above every number)."""
    from ui import visits_data

    files = [f for f in active_files() if f.year == year]
    files = [f for f in files if province is None or province in f.provinces]
    if not files:
        return labels.t("source_households_none", lang)
    try:
        names = {d.id: d.name for d in datasets.list_datasets(visits_data.engine())}
    except StoreError:
        names = {}
    parts = [
        labels.t(
            "dataset_for_area",
            lang,
            name=labels.t("dataset_demo_name", lang)
            if f.demo
            else names.get(f.dataset_id, f.dataset_id),
            kind=labels.t("dataset_kind_demo" if f.demo else "dataset_kind_import", lang),
            provinces=", ".join(areas.area_name(p, lang) for p in f.provinces),
        )
        for f in files
    ]
    note = labels.t("source_households_note", lang, datasets="; ".join(parts))
    if any(f.demo for f in files):
        note += " " + labels.t("source_households_demo", lang)
    return note


def clear() -> None:
    """Forget every cached household read (tests; a changed data home)."""
    cache.clear_households()

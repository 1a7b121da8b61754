"""Every ``st.cache_*`` of the app, in one place, keyed on small arguments.

The cached bodies are one-line calls into ``analytics``, ``store`` and ``geodata`` (no Streamlit
below this edge); the ui modules that used to hold them call these. Modules of ``ui`` are
imported lazily inside the few bodies that need them (they import this module).
Other helpers who need a cached call add a small function at the END of this file.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

import geodata
from analytics.data import sources
from analytics.data.queries import HouseholdData
from analytics.domain.household_schema import DatasetFiles
from analytics.io import importers, tabular, thaiqm
from analytics.reports.briefing.sections import PlanFacts
from analytics.services import completeness as completeness_service
from analytics.services import households as household_service
from analytics.services import linkage as linkage_service
from analytics.services import map_spec
from analytics.services import plan_result as plan_result_service
from store import datasets, db
from store.db import StoreError

FILES_TTL_SECONDS = 5  # how stale the list of active datasets may be in another session


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """The database (SQLite file by default, PostgreSQL by CHIPAO_DATABASE_URL), migrated.

    Raises :class:`StoreError` when it cannot be reached; not cached then, so the next run
    tries again."""
    eng = db.get_engine()
    db.migrate(eng)
    return eng


@st.cache_resource(show_spinner=False)
def tpmap_source() -> sources.TpmapAggregates:
    return sources.TpmapAggregates()


@st.cache_data(ttl=FILES_TTL_SECONDS, show_spinner=False, max_entries=8)
def active_files(_engine: Engine, url: str, home: str) -> list[DatasetFiles]:
    """``_engine``'s active dataset-years (keyed on its ``url``: an engine is not hashed)."""
    return datasets.active_files(_engine, Path(home))


@st.cache_resource(show_spinner=False, max_entries=4)
def ensure_demo(_engine: Engine, url: str, home: str, scale: float) -> None:
    """Register the generated demo once per server (and database ``url``, home, scale)."""
    datasets.ensure_demo_dataset(_engine, scale=scale, home=Path(home))


@st.cache_resource(show_spinner=False)
def household_source() -> HouseholdData:
    """The household source of every page; registers the generated demo on first use."""
    from ui import dataset_views, households

    try:
        dataset_views.ensure_demo()
    except StoreError:
        pass  # no database: no datasets, and the pages say so
    return HouseholdData(households.active_files)


@st.cache_data(show_spinner=False, max_entries=256)
def area_table(
    kind: str,
    version: str,
    level: str,
    province: str | None,
    parent: str | None,
    year: int,
    dims: tuple[str, ...],
) -> pd.DataFrame:
    source = tpmap_source() if kind == "real" else household_source()
    return source.area_table(level, province, parent, year, dims)


@st.cache_data(show_spinner=False, max_entries=64)
def area_profile(version: str, area_code: str, year: int) -> pd.DataFrame:
    return household_service.area_profile(household_source(), area_code, year)


@st.cache_data(show_spinner=False, max_entries=64)
def members(version: str, house_code: str, year: int) -> pd.DataFrame:
    return household_source().members([house_code], year)


@st.cache_resource(show_spinner=False, max_entries=32)
def layer(level: str, provinces: tuple[str, ...] | None, amphoe: str | None) -> gpd.GeoDataFrame:
    """Simplified boundaries (cached on disk by geodata, in memory here). Never mutated."""
    return map_spec.layer(level, provinces, amphoe)


@st.cache_resource(show_spinner=False, max_entries=32)
def layer_json(level: str, provinces: tuple[str, ...] | None, amphoe: str | None) -> str:
    """The GeoJSON string sent to the browser: codes only, names travel in the tooltips."""
    return geodata.to_web_geojson(layer(level, provinces, amphoe), [map_spec.CODE_COLUMN[level]])


@st.cache_data(show_spinner=False, max_entries=64)
def household_points(tambon: str, year: int, version: str) -> pd.DataFrame:
    """Positions of a tambon's households (``version``: the active datasets'; a new import is
    a new key)."""
    rows = area_profile(version, tambon, year)
    return map_spec.household_points(rows, tambon, layer("tambon", (tambon[:2],), None))


@st.cache_resource(show_spinner=False, max_entries=2, ttl=900)
def import_households(data: bytes, name: str) -> importers.ImportResult:
    """The household import of one file, kept between reruns (never mutated by callers).

    Keyed on the file's bytes: a session only gets back the parse of a file it uploaded itself;
    few entries and a short life, since the results hold personal data."""
    return importers.import_households(data, name, tabular.Limits.from_settings())


@st.cache_resource(show_spinner=False, max_entries=2, ttl=900)
def import_thaiqm(data: bytes, name: str) -> thaiqm.ThaiQMImport:
    """The Thai QM import of one file (never mutated by callers)."""
    return thaiqm.import_thaiqm(data, name, tabular.Limits.from_settings())


@st.cache_resource(show_spinner=False)
def note_config_changes() -> None:
    """Once per server start: record changed rules / users files (see ``ui.audit_trail``)."""
    from ui import audit_trail

    audit_trail.check_config_files()


def clear_data() -> None:
    """What a server restart forgets of the data: the engine, the sources, every table read
    (tests; a changed database or data home). Boundary layers stay: they never change."""
    for cached in (engine, tpmap_source, household_source, area_table):
        cached.clear()
    clear_households()


def clear_households() -> None:
    """Forget every cached household read."""
    for cached in (active_files, area_profile, members, household_points):
        cached.clear()
    for view in (completeness_view, xray_view, duplicate_ids, plan_facts):
        view.clear()


# -- completeness (issue 14) -----------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=32)
def completeness_view(version: str, area: str, year: int) -> completeness_service.CompletenessView:
    from ui import households

    return completeness_service.completeness_view(households.source(), area, year)


@st.cache_data(show_spinner=False, max_entries=32)
def xray_view(version: str, area: str, year: int) -> completeness_service.XrayView:
    from ui import households

    return completeness_service.xray_view(households.source(), area, year)


@st.cache_data(show_spinner=False, max_entries=8)
def duplicate_ids(version: str, year: int) -> pd.DataFrame:
    """Every occurrence of a duplicated citizen ID in the year's active datasets (unmasked:
    callers cut it to the viewer with ``analytics.domain.linkage.visible_list``)."""
    from ui import households

    return linkage_service.duplicates(households.source(), year)


# -- plan against result (monitoring, briefing) -----------------------------------------------
@st.cache_data(show_spinner=False, max_entries=64)
def plan_facts(version: str, url: str, area: str, year: int, plans: str) -> PlanFacts:
    """Plan against result of ``area`` (``version``: the active datasets'; ``url``: the
    database's; ``plans``: ``store.plan_versions.plan_version``, so a recorded step or a saved
    plan is a new key at once). Raises ``StoreError`` (not cached) when the store is down."""
    return plan_result_service.plan_facts(engine(), household_source(), area, year)

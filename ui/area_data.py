"""Area tables at the app edge: the two sources and the cached area table every page reads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.data import sources
from analytics.domain import catalogue
from ui import cache
from ui.words import t

SOURCE_KINDS = ("real", "households")


def get_source(kind: str) -> sources.AreaSource:
    """The TPMAP 2561 aggregates ("real") or the active household datasets ("households")."""
    return cache.tpmap_source() if kind == "real" else cache.household_source()


def source_version(kind: str) -> str:
    """What the area tables of a source depend on: the active datasets for households."""
    if kind == "real":
        return "tpmap-2561"
    from ui import households

    return households.version()


def area_table(
    kind: str, level: str, province: str | None, parent: str | None, year: int, dims: tuple
) -> pd.DataFrame:
    """The area table every page reads. Applies the one dimension-subset rule
    (:func:`analytics.data.sources.resolve_dims`): where the source has no table for the chosen
    dimensions it uses all five and says so once per page run. Raises
    :class:`analytics.data.sources.DataNotAvailable` for a level the source does not have."""
    used = resolved_dims(kind, province, level, dims)
    return cache.area_table(kind, source_version(kind), level, province, parent, year, used)


def resolved_dims(kind: str, province: str | None, level: str, dims: tuple) -> tuple[str, ...]:
    """The dimensions a table at ``level`` will count (:func:`analytics.data.sources.resolve_dims`);
    says so once per page run when that is all five instead of the chosen ones. A page that
    compares several tables asks this once for the widest one and passes the result on."""
    used, fell_back = sources.resolve_dims(get_source(kind), province, level, dims)
    if fell_back and not st.session_state.get(SUBSET_NOTE_SHOWN):
        st.session_state[SUBSET_NOTE_SHOWN] = True
        st.info(t("subset_fallback"), icon=":material/info:")
    return tuple(used)


SUBSET_NOTE_SHOWN = "_subset_note_shown"


def year_choices(kind: str, province: str | None) -> list[int]:
    """Survey years of the source that hold the province (see :func:`ui.sidebar.year_choices`)."""
    from ui import sidebar

    return sidebar.year_choices(kind, province)


def all_dims() -> tuple[str, ...]:
    return tuple(catalogue.dimension_codes())

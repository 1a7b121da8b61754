"""What every page shares: the cached data sources and the sidebar filters.

Expensive work is cached here, at the page edge, keyed on small arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics import areas, catalogue, labels, sources

SOURCE_KINDS = ("real", "synthetic")


@dataclass(frozen=True)
class Filters:
    lang: str
    source: str
    year: int
    province: str | None
    amphoe: str | None
    tambon: str | None
    dims: tuple[str, ...]

    @property
    def area_code(self) -> str:
        return self.tambon or self.amphoe or self.province or "TH"

    @property
    def level(self) -> str:
        if self.area_code == "TH":
            return "country"
        return {2: "province", 4: "amphoe", 6: "tambon"}[len(self.area_code)]


@st.cache_resource(show_spinner=False)
def get_source(kind: str) -> sources.AreaSource:
    if kind == "real":
        return sources.TpmapAggregates()
    return sources.SyntheticHouseholds.from_environment()


@st.cache_data(show_spinner=False, max_entries=256)
def area_table(
    kind: str, level: str, province: str | None, parent: str | None, year: int, dims: tuple
) -> pd.DataFrame:
    return get_source(kind).area_table(level, province, parent, year, dims)


def t(key: str, **values) -> str:
    return labels.t(key, st.session_state.get("lang", "th"), **values)


def sidebar_filters() -> Filters:
    """Draw the shared sidebar (language, source, year, province -> amphoe -> tambon, dimensions)."""
    with st.sidebar:
        lang = st.radio(
            "ภาษา / Language",  # fixed label: a label change would make it a new widget
            options=list(labels.LANGUAGES),
            format_func=lambda code: {"th": "ไทย", "en": "English"}[code],
            key="lang",
            horizontal=True,
        )
        source = st.radio(
            labels.t("source", lang),
            SOURCE_KINDS,
            format_func=lambda k: labels.t(f"source_{k}", lang),
            key="source",
        )
        src = get_source(source)
        with st.spinner("…"):
            years = src.years()
        year = st.selectbox(labels.t("year", lang), years, index=0, key=f"year_{source}")
        provinces = list(catalogue.PILOT_PROVINCES)
        if source == "real":
            provinces += [
                p for p in sorted(sources.tpmap_tables.available_provinces()) if p not in provinces
            ]
        province = st.selectbox(
            labels.t("province", lang),
            [None, *provinces],
            format_func=lambda c: (
                labels.t("country", lang) if c is None else areas.area_name(c, lang)
            ),
            key=f"province_{source}",
        )
        amphoe = tambon = None
        if province:
            amphoe_codes = area_table(source, "amphoe", province, province, year, _all_dims())[
                "code"
            ]
            amphoe = st.selectbox(
                labels.t("amphoe", lang),
                [None, *amphoe_codes],
                format_func=lambda c: (
                    labels.t("all_areas", lang) if c is None else areas.area_name(c, lang)
                ),
                key=f"amphoe_{source}_{province}",
            )
        if amphoe:
            tambon_codes = area_table(source, "tambon", province, amphoe, year, _all_dims())["code"]
            tambon = st.selectbox(
                labels.t("tambon", lang),
                [None, *tambon_codes],
                format_func=lambda c: (
                    labels.t("all_areas", lang) if c is None else areas.area_name(c, lang)
                ),
                key=f"tambon_{source}_{amphoe}",
            )
        dims = st.multiselect(
            labels.t("dimensions", lang),
            catalogue.dimension_codes(),
            default=catalogue.dimension_codes(),
            format_func=lambda d: labels.dimension_name(d, lang),
            key="dims",
        )
    return Filters(lang, source, year, province, amphoe, tambon, tuple(dims) or _all_dims())


def _all_dims() -> tuple[str, ...]:
    return tuple(catalogue.dimension_codes())


def current_filters() -> Filters:
    """The filters drawn by dashboard.py for this run."""
    return st.session_state["filters"]

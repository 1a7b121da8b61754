"""The shared sidebar: language, data source, year, province -> amphoe -> tambon, a "go to area"
search, dimensions. Its keys are the session-state contract every page reads (see ui.shared)."""

from __future__ import annotations

import streamlit as st

from analytics.domain import areas, catalogue
from analytics.text import formatting, labels
from ui import shared

SOURCE_KINDS = ("real", "households")
AREA_SEARCH = "_go_to_area"


def sidebar_filters() -> shared.Filters:
    """Draw the shared sidebar (language, source, year, province -> amphoe -> tambon, dimensions)."""
    with st.sidebar:
        lang = st.radio(
            labels.t("language_switch"),  # one label in both: a new label is a new widget
            options=list(labels.LANGUAGES),
            format_func=lambda code: labels.t(f"language_name_{code}"),
            key="lang",
            horizontal=True,
        )
        source = st.radio(
            labels.t("source", lang),
            SOURCE_KINDS,
            format_func=lambda k: labels.t(f"source_{k}", lang),
            key="source",
        )
        provinces = shared.get_source(source).province_choices()
        _keep_valid(f"province_{source}", provinces)
        years = year_choices(source, st.session_state.get(f"province_{source}") or None)
        if st.session_state.get(f"year_{source}") not in years:
            st.session_state[f"year_{source}"] = years[-1]  # the latest survey the area has
        year = st.selectbox(
            labels.t("data_year", lang),
            years,
            key=f"year_{source}",
            format_func=lambda y: formatting.year_label(y, lang),
            placeholder=labels.t("choose_option", lang),
        )
        province = _area_select("province", provinces, "country", f"province_{source}", lang)
        amphoe = tambon = None
        amphoes: list[str] = []
        if province and shared.get_source(source).covers(province):
            table = shared.area_table(source, "amphoe", province, province, year, all_dims())
            amphoes = table["code"].tolist()
            amphoe = _area_select(
                "amphoe", amphoes, "all_areas", f"amphoe_{source}_{province}", lang
            )
        if amphoe:
            table = shared.area_table(source, "tambon", province, amphoe, year, all_dims())
            codes = table["code"].tolist()
            tambon = _area_select("tambon", codes, "all_areas", f"tambon_{source}_{amphoe}", lang)
        if amphoes:  # the province has data in this source
            _area_search(source, province, amphoes, year, lang)
        dims = st.multiselect(
            labels.t("dimensions", lang),
            catalogue.dimension_codes(),
            # a default beside a value kept in session state makes Streamlit warn on every run
            default=None if "dims" in st.session_state else catalogue.dimension_codes(),
            format_func=lambda d: catalogue.dimension_name(d, lang),
            placeholder=labels.t("choose_options", lang),
            key="dims",
        )
    return shared.Filters(lang, source, year, province, amphoe, tambon, tuple(dims) or all_dims())


def year_choices(kind: str, province: str | None) -> list[int]:
    """Survey years of the source that hold the province (every year at country level)."""
    source = shared.get_source(kind)
    years = source.years()
    if kind == "households" and province:
        years = [y for y in years if province in source.provinces(y)] or years  # type: ignore[attr-defined]
    return years or catalogue.survey_years()[:1]


def _keep_valid(key: str, codes) -> None:
    """A kept or linked value the select box cannot show becomes "the whole parent"."""
    value = st.session_state.get(key)
    if value and value not in set(codes):
        st.session_state[key] = ""


def _area_select(label: str, codes, none_label: str, key: str, lang: str) -> str | None:
    """A selectbox of area codes shown by name; the first option ("") means the whole parent.

    "" rather than None: a selectbox whose value is None shows its placeholder, not the label.
    """
    _keep_valid(key, codes)
    chosen = st.selectbox(
        labels.t(label, lang),
        ["", *codes],
        format_func=lambda c: areas.area_name(c, lang) if c else labels.t(none_label, lang),
        placeholder=labels.t("choose_option", lang),
        key=key,
    )
    return chosen or None


def _area_search(
    source: str, province: str | None, amphoes: list[str], year: int, lang: str
) -> None:
    """Every amphoe and tambon of the province in one searchable box: two clicks to any tambon."""
    table = shared.area_table(source, "tambon", province, province, year, all_dims())
    tambons = table["code"].tolist()

    def name(code: str) -> str:
        if len(code) == 6:
            return f"{areas.area_name(code, lang)} · {areas.area_name(code[:4], lang)}"
        return areas.area_name(code, lang)

    st.selectbox(
        labels.t("go_to_area", lang),
        [*amphoes, *tambons],
        index=None,
        format_func=name,
        key=AREA_SEARCH,
        placeholder=labels.t("go_to_area_placeholder", lang),
        help=labels.t("go_to_area_help", lang),
        on_change=_go_to_searched,
    )


def _go_to_searched() -> None:
    code = st.session_state.get(AREA_SEARCH)
    st.session_state[AREA_SEARCH] = None
    if code:
        shared.go_to_area(code)


def all_dims() -> tuple[str, ...]:
    return tuple(catalogue.dimension_codes())

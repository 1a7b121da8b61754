"""What every page shares: the frame (navigation, sidebar filters), cached data, area tables.

Expensive work is cached here, at the page edge, keyed on small arguments.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.data import sources
from analytics.domain import access, area_codes, areas, catalogue
from analytics.text import formatting, labels
from ui import audit_trail, auth, cache, errors, preferences, url_state

SOURCE_KINDS = ("real", "households")


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
        return area_codes.level_of(self.area_code)


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


def t(key: str, **values) -> str:
    return labels.t(key, st.session_state.get("lang", "th"), **values)


def sidebar_filters() -> Filters:
    """The shared sidebar (moved to :mod:`ui.sidebar`; kept here for the pages that import it)."""
    from ui import sidebar

    return sidebar.sidebar_filters()


def year_choices(kind: str, province: str | None) -> list[int]:
    """Survey years of the source that hold the province (see :func:`ui.sidebar.year_choices`)."""
    from ui import sidebar

    return sidebar.year_choices(kind, province)


def all_dims() -> tuple[str, ...]:
    return tuple(catalogue.dimension_codes())


PAGES = (
    ("dashboard.py", "overview", ":material/dashboard:"),
    ("pages/briefing.py", "briefing_page", ":material/summarize:"),
    ("pages/map.py", "map_page", ":material/map:"),
    ("pages/targets.py", "targets_page", ":material/my_location:"),
    ("pages/visits.py", "visits_page", ":material/home_pin:"),
    ("pages/pilots.py", "pilots_page", ":material/compare:"),
    ("pages/monitoring.py", "monitoring_page", ":material/trending_down:"),
    ("pages/import_data.py", "import_page", ":material/upload_file:"),
    ("pages/audit.py", "audit_page", ":material/policy:"),
)
# pages whose link only some roles see (the page checks the role itself as well)
PAGE_ROLES = {"pages/audit.py": ("admin",)}
FILTER_KEY_PREFIXES = ("lang", "source", "dims", "year_", "province_", "amphoe_", "tambon_")


def page_frame(home: bool = False) -> Filters:
    """Call first on every page: page config, translated navigation and the shared filters.

    Streamlit treats the top-level ``pages/`` folder as a multipage app on its own (an
    ``st.navigation`` router beside it loses widget state on every click), so the pages are
    Streamlit's own and this draws their links with Thai/English titles. ``home``: the overview,
    which a field team or an executive leaves for their own page when they sign in.
    """
    st.set_page_config(page_title="Chipao ชี้เป้า", page_icon="📍", layout="wide")
    errors.install()
    st.session_state[SUBSET_NOTE_SHOWN] = False
    st.session_state["_catalogue_note_shown"] = False  # ui.households says it once per run
    # widget values are dropped when a page does not draw the widget; re-assigning them keeps the
    # user's filters while they move between pages (Streamlit's documented pattern)
    for key in list(st.session_state.keys()):
        if key.startswith(FILTER_KEY_PREFIXES):
            st.session_state[key] = st.session_state[key]
    url_state.apply_language_early()
    viewer = auth.require_viewer(st.session_state.get("lang", "th"))  # else the sign-in page
    _open_view(viewer, home)
    lang = st.session_state.get("lang", "th")
    auth.demo_banner(lang)
    audit_trail.note_config_changes()
    navigation = st.sidebar.container()  # drawn after the filters, so links carry their values
    filters = sidebar_filters()
    url_state.check_requested(filters.area_code, filters.year)
    params = url_state.view_params(filters.area_code, filters.year, filters.lang, filters.source)
    with navigation:
        for path, label, icon in PAGES:
            if viewer.role in PAGE_ROLES.get(path, (viewer.role,)):
                st.page_link(path, label=labels.t(label, lang), icon=icon, query_params=params)
        auth.sidebar_account(viewer, lang)
        st.divider()
    url_state.write(params)
    url_state.show_ignored_note(lang)
    preferences.remember(viewer, filters.lang, filters.area_code, filters.source, filters.year)
    return filters


def _open_view(viewer: access.Viewer, home: bool) -> None:
    """A sign-in lands on the user's view; a link opened later in the session shows its view."""
    link = url_state.incoming()
    if preferences.land(viewer, link):
        # a bare address goes to the role's own page; a link to the overview opens the overview
        page = preferences.home_page(viewer) if home and link is None else None
        if page:
            st.switch_page(page)
    elif link is not None:
        url_state.apply(link, st.session_state.get("source", "real"))


def current_viewer() -> access.Viewer:
    return st.session_state["viewer"]


AF_COLUMNS = ("af_h", "af_a", "af_m0")  # M0 is never shown without H and A beside it
AREA_TABLE_COLUMNS = ("households", "persons", "mpi_poor", "target_poor", "rate", *AF_COLUMNS)
NUMBER_FORMATS = {"rate": "%.2f", "af_h": "%.4f", "af_a": "%.4f", "af_m0": "%.4f"}
NUMBER_DIGITS = {"rate": 2, "af_h": 4, "af_a": 4, "af_m0": 4}
# decimals of rate-like columns wherever a page shows them (the browser's format rounds on its
# own, half-to-even on the binary value: round half-up first, like the tiles)
DISPLAY_DIGITS = {
    **NUMBER_DIGITS,
    "mpi_rate": 2,
    "province_rate": 2,
    "national_rate": 2,
    "previous": 2,
    "change": 2,
    "share_assisted": 1,
}


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its rate-like columns rounded half-up for display (a copy)."""
    return formatting.round_columns(table, DISPLAY_DIGITS)


def show_area_table(table: pd.DataFrame) -> None:
    """An area table with names, most target poor first, numbers with thousands separators."""
    lang = st.session_state.get("lang", "th")
    shown = sources.with_names(table, lang)[["code", "name", *AREA_TABLE_COLUMNS]]
    shown = shown.sort_values("target_poor", ascending=False)
    # the browser's number format rounds on its own: round half-up here so tiles and table agree
    shown = formatting.round_columns(shown, NUMBER_DIGITS)
    if shown["af_m0"].isna().all():
        shown = shown.drop(columns=list(AF_COLUMNS))  # aggregates carry no household scores
    config = {"code": t("code"), "name": t("name")}
    for column in AREA_TABLE_COLUMNS:
        config[column] = st.column_config.NumberColumn(
            t(column), format=NUMBER_FORMATS.get(column, "localized")
        )
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)


def go_to_area(code: str | None) -> None:
    """Select an area in the sidebar filters. Call it from a widget callback: callbacks run
    before the sidebar is drawn, so the selectboxes pick the new values up."""
    url_state.select_area(code or "TH", st.session_state.get("source", "real"))


def breadcrumbs(filters: Filters) -> None:
    """Thailand › province › amphoe › tambon; each step selects that area."""
    trail = ["TH", filters.province, filters.amphoe, filters.tambon]
    trail = [c for c in trail if c]
    with st.container(horizontal=True, gap="small"):
        for i, code in enumerate(trail):
            last = i == len(trail) - 1
            st.button(
                ("" if i == 0 else "› ") + areas.area_name(code, filters.lang),
                key=f"crumb_{code}",
                type="primary" if last else "tertiary",
                on_click=go_to_area,
                args=(code,),
                disabled=last,
            )


def indicator_bars(series: list[tuple[str, list[float], str]], title: str, lang: str):
    """Grouped horizontal bars over the 17 indicators: (legend name, values, colour) per series.
    Indicator names are wrapped at word boundaries (never cut) beside a margin that fits them."""
    names = [
        wrapped(f"{i.code}\u00a0{labels.indicator_name(i.code, lang)}", 42)
        for i in catalogue.indicators()
    ]
    fig = go.Figure(
        [
            go.Bar(y=names, x=values, orientation="h", name=name, marker_color=colour)
            for name, values, colour in series
        ]
    )
    fig.update_layout(
        title=title,
        barmode="group",
        height=760,
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}},
        xaxis={"tickformat": ",d", "rangemode": "nonnegative"},
        legend={"orientation": "h", "y": -0.06},
        margin={"l": 10, "r": 10, "t": 60},
    )
    return fig


def wrapped(text: str, width: int) -> str:
    """``text`` in lines of about ``width`` characters joined by <br>, broken only at spaces
    (Thai puts spaces between phrases, not words: a phrase longer than ``width`` stays whole)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def require_household_access(filters: Filters, viewer: access.Viewer) -> None:
    """Stop the page unless it can show households: microdata, a role that sees households,
    and an area inside the viewer's scope (with buttons to jump to their areas)."""
    lang = filters.lang
    if filters.source != "households":
        st.info(t("needs_microdata"))
        st.stop()
    if not get_source("households").covers(filters.province):
        st.info(t("no_households_here", area=areas.area_name(filters.area_code, lang)))
        st.stop()
    if not viewer.sees_households:
        st.warning(t("executive_aggregates_only"))
        st.stop()
    if not viewer.covers(filters.area_code):
        st.warning(t("out_of_scope"))
        for code in viewer.areas:
            st.button(
                areas.area_name(code, lang), key=f"scope_{code}", on_click=go_to_area, args=(code,)
            )
        st.stop()
    if filters.province is None:  # one area at a time: never every household of the country
        st.info(t("choose_province_for_households"))
        st.stop()

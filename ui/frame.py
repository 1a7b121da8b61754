"""The frame every page starts with: page config, sign-in, translated navigation, filters."""

from __future__ import annotations

import streamlit as st

from analytics.domain import access
from analytics.services.filters import Filters
from analytics.text import labels
from ui import audit_trail, auth, errors, preferences, url_state, words
from ui.area_data import SUBSET_NOTE_SHOWN


def sidebar_filters() -> Filters:
    """The shared sidebar (:mod:`ui.sidebar`)."""
    from ui import sidebar

    return sidebar.sidebar_filters()


PAGES = (
    ("dashboard.py", "overview", ":material/dashboard:"),
    ("pages/briefing.py", "briefing_page", ":material/summarize:"),
    ("pages/map.py", "map_page", ":material/map:"),
    ("pages/targets.py", "targets_page", ":material/my_location:"),
    ("pages/visits.py", "visits_page", ":material/home_pin:"),
    ("pages/pilots.py", "pilots_page", ":material/compare:"),
    ("pages/monitoring.py", "monitoring_page", ":material/trending_down:"),
    ("pages/completeness.py", "completeness_page", ":material/fact_check:"),
    ("pages/plans.py", "plans_page", ":material/assignment:"),
    ("pages/menu.py", "menu_page", ":material/menu_book:"),
    ("pages/import_data.py", "import_page", ":material/upload_file:"),
    ("pages/audit.py", "audit_page", ":material/policy:"),
)
# pages whose link only some roles see (the page checks the role itself as well)
PAGE_ROLES = {
    "pages/audit.py": ("admin",),
    "pages/completeness.py": ("planner", "admin", "executive"),  # field: on the target list
}
FILTER_KEY_PREFIXES = ("lang", "source", "dims", "year_", "province_", "amphoe_", "tambon_")


def page_frame(home: bool = False) -> Filters:
    """Call first on every page: page config, translated navigation and the shared filters.

    Streamlit treats the top-level ``pages/`` folder as a multipage app on its own (an
    ``st.navigation`` router beside it loses widget state on every click), so the pages are
    Streamlit's own and this draws their links with Thai/English titles. ``home``: the overview,
    which a field team or an executive leaves for their own page when they sign in.
    """
    st.set_page_config(page_title=labels.t("app_page_title"), page_icon="📍", layout="wide")
    errors.install()
    st.session_state[SUBSET_NOTE_SHOWN] = False
    st.session_state["_catalogue_note_shown"] = False  # ui.households says it once per run
    # widget values are dropped when a page does not draw the widget; re-assigning them keeps the
    # user's filters while they move between pages (Streamlit's documented pattern)
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(FILTER_KEY_PREFIXES):
            st.session_state[key] = st.session_state[key]
    url_state.apply_language_early()
    viewer = auth.require_viewer(words.lang())  # else the sign-in page
    _open_view(viewer, home)
    lang = words.lang()
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

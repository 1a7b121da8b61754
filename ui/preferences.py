"""Where each user lands, and their last choices (area, source, year, language) remembered.

At sign-in (a new session's first run with a viewer) the view is, field by field: the link's
parameter, else the user's stored preference, else the role's default: their first area (the
country for users without a scope), household data where that area has it, the latest year.
A field team then goes to its target list and an executive to the briefing.
"""

from __future__ import annotations

import logging

import streamlit as st

from analytics.domain import access, area_codes, view_address
from analytics.domain.view_address import ViewAddress
from store.db import StoreError
from store.preferences import Preference, get_preference, save_preference
from ui import url_state
from ui.auth import LANDING_DUE  # set when a session gets its viewer from a sign-in

_SAVED = "_preference_saved"
HOME_PAGES = {"field": "pages/targets.py", "executive": "pages/briefing.py"}
log = logging.getLogger(__name__)


def _engine():
    from ui import visits_data  # which imports ui.shared, which imports this module

    return visits_data.engine()


def stored(username: str) -> Preference | None:
    try:
        return get_preference(_engine(), username)
    except StoreError:
        log.warning("preferences unavailable: %s", "read")  # no personal data in logs
        return None


def remember(viewer: access.Viewer, lang: str, area: str, source: str, year: int) -> None:
    """Save the user's choices when they differ from the last saved (cheap: one compare). An
    area outside the user's scope is shown (with the refusal) but not landed on next time."""
    if _SAVED not in st.session_state:
        return  # a session that did not land (a viewer put in place by a test) writes nothing
    saved = st.session_state[_SAVED]
    kept_area = area if viewer.covers(area) else saved.area
    preference = Preference(lang, kept_area, source, year)
    if saved == preference:
        return
    st.session_state[_SAVED] = preference
    try:
        save_preference(_engine(), viewer.username, preference)
    except StoreError:
        log.warning("preferences unavailable: %s", "write")


def default_area(viewer: access.Viewer) -> str:
    return viewer.areas[0] if viewer.areas else area_codes.COUNTRY


def has_households(area: str) -> bool:
    """Household data where ``area`` is (at country level: in any province)."""
    from ui import shared

    province = area_codes.parse(area).province
    return shared.get_source("households").covers(province)


def landing_view(viewer: access.Viewer, link: ViewAddress | None) -> ViewAddress:
    """The link's values, else the stored preference's, else the role's defaults."""
    link = link or ViewAddress()
    saved = stored(viewer.username) or Preference()
    saved_area = view_address.known_area(saved.area) if saved.area else None
    area = link.area or saved_area or default_area(viewer)
    source = link.source or _valid(saved.source, view_address.SOURCES)
    source = source or ("households" if has_households(area) else "real")
    year = link.year or (saved.year if saved.source == source else None)
    lang = link.lang or _valid(saved.lang, view_address.LANGS)
    st.session_state[_SAVED] = saved  # nothing to write until a choice changes
    return ViewAddress(area, year, lang, source, link.ignored)


def _valid(value: str | None, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


def land(viewer: access.Viewer, link: ViewAddress | None) -> bool:
    """Apply the landing view once per sign-in; True when it did (the caller may redirect)."""
    if not st.session_state.pop(LANDING_DUE, False):
        return False
    view = landing_view(viewer, link)
    url_state.apply(view, view.source or "real", requested=link or ViewAddress())
    return True


def home_page(viewer: access.Viewer) -> str | None:
    """The page a role starts on instead of the overview (None: the overview)."""
    return HOME_PAGES.get(viewer.role)

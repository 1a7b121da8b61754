"""The page's address carries the view: ``?area=…&year=…&lang=…&source=…`` (st.query_params).

Read when a page opens with parameters (applied to the sidebar's session keys before the widgets
are drawn), written back after the sidebar so the address bar always shows the current view.
Values that cannot be used are ignored with a small Thai+English note, never an error.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from analytics.domain import area_codes, view_address
from analytics.domain.view_address import ViewAddress
from analytics.text import labels

_WRITTEN = "_url_written"  # the parameters this session last put in the address
_REQUESTED = "_url_requested"  # what the opened link asked for, to check after the sidebar
_IGNORED = "_url_ignored"


def current_params() -> dict[str, str]:
    """The view parameters of the address (others, such as utm_*, are not ours to keep)."""
    raw = st.query_params.to_dict()
    return {k: v for k, v in raw.items() if k in view_address.PARAMS}


def query_suffix() -> str:
    """``?area=…`` of the current address, for sending the browser back to it after sign-in."""
    params = current_params()
    return f"?{urlencode(params)}" if params else ""


def incoming() -> ViewAddress | None:
    """The link's view when the address was not written by this session, else None."""
    params = current_params()
    if not params or params == st.session_state.get(_WRITTEN):
        return None
    return view_address.parse(params)


def apply_language_early() -> None:
    """A link's ``lang`` before the sign-in page is drawn, so it speaks the link's language."""
    address = incoming()
    if address is not None and address.lang:
        st.session_state["lang"] = address.lang


def apply(address: ViewAddress, current_source: str, requested: ViewAddress | None = None) -> str:
    """Set the sidebar's keys from ``address`` (before the widgets are drawn): the source used.
    ``requested`` (default ``address``) is what a link asked for, checked after the sidebar."""
    state = st.session_state
    source = address.source or current_source
    if address.lang:
        state["lang"] = address.lang
    state["source"] = source
    if address.area:
        select_area(address.area, source)
    if address.year:
        state[f"year_{source}"] = address.year
    state[_REQUESTED] = address if requested is None else requested
    if address.ignored:
        state[_IGNORED] = address.ignored
    return source


def select_area(code: str, source: str) -> None:
    """The province, amphoe and tambon keys of ``source`` for ``code`` (a village: its tambon)."""
    state = st.session_state
    parsed = area_codes.parse(code)
    province = parsed.province or ""
    state[f"province_{source}"] = province
    if province:
        amphoe = parsed.amphoe or ""
        state[f"amphoe_{source}_{province}"] = amphoe
        if amphoe:
            state[f"tambon_{source}_{amphoe}"] = parsed.tambon or ""


def check_requested(area_code: str, year: int) -> None:
    """After the sidebar: name the link's values the sidebar could not show (area, year)."""
    requested: ViewAddress | None = st.session_state.pop(_REQUESTED, None)
    if requested is None:
        return
    ignored = list(st.session_state.get(_IGNORED, ()))
    if requested.area:
        wanted = area_codes.parse(requested.area)
        shown = wanted.tambon or wanted.code  # the sidebar stops at tambons
        if shown != area_code and "area" not in ignored:
            ignored.append("area")
    if requested.year and requested.year != year and "year" not in ignored:
        ignored.append("year")
    if ignored:
        st.session_state[_IGNORED] = tuple(ignored)


def show_ignored_note(lang: str) -> None:
    """The small Thai+English note naming the link's parameters that were not used (once)."""
    ignored = st.session_state.pop(_IGNORED, ())
    if ignored:
        st.caption(labels.t("link_ignored", lang, names=", ".join(ignored)))


def view_params(area_code: str, year: int, lang: str, source: str) -> dict[str, str]:
    return view_address.to_params(area_code, year, lang, source)


def write(params: dict[str, str]) -> None:
    """Put the view in the address bar (only when it changed)."""
    if current_params() != params or st.session_state.get(_WRITTEN) != params:
        st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = params

"""Screen words in the session's language (the one lookup every ui module uses)."""

from __future__ import annotations

import streamlit as st

from analytics.domain import areas
from analytics.text import labels


def t(key: str, **values: object) -> str:
    return labels.t(key, st.session_state.get("lang", "th"), **values)


def area_name(code: str, lang: str | None = None) -> str:
    """An area's name (the country for "TH") in ``lang`` (the session's by default)."""
    return areas.area_name(code, lang or st.session_state.get("lang", "th"))

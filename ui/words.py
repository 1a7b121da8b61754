"""Screen words in the session's language (the one lookup every ui module uses)."""

from __future__ import annotations

import streamlit as st

from analytics.domain import areas
from analytics.text import labels


def lang() -> str:
    """The session's language (Thai until the person chooses)."""
    return str(st.session_state.get("lang", "th"))


def t(key: str, **values: object) -> str:
    return labels.t(key, lang(), **values)


def area_name(code: str, language: str | None = None) -> str:
    """An area's name (the country for "TH") in ``language`` (the session's by default)."""
    return areas.area_name(code, language or lang())

"""Screen words in the session's language (the one lookup every ui module uses)."""

from __future__ import annotations

import streamlit as st

from analytics.text import labels


def t(key: str, **values: object) -> str:
    return labels.t(key, st.session_state.get("lang", "th"), **values)

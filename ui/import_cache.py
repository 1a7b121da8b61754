"""Parsed uploads, kept between reruns of the import page.

Without this, every widget change on the page re-reads the whole file (about 25 s for a file at
the 1,000,000-row limit). Keyed on the file's bytes, so a session only ever gets back the parse
of a file it uploaded itself; few entries and a short life, since the results hold personal data.
"""

from __future__ import annotations

import streamlit as st

from analytics.io import importers, tabular, thaiqm


@st.cache_resource(show_spinner=False, max_entries=2, ttl=900)
def households(data: bytes, name: str) -> importers.ImportResult:
    """The household import of one file (never mutated by callers)."""
    return importers.import_households(data, name, tabular.Limits.from_settings())


@st.cache_resource(show_spinner=False, max_entries=2, ttl=900)
def thaiqm_cases(data: bytes, name: str) -> thaiqm.ThaiQMImport:
    """The Thai QM import of one file (never mutated by callers)."""
    return thaiqm.import_thaiqm(data, name, tabular.Limits.from_settings())

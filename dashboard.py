"""Chipao (ชี้เป้า): entry point. Routes to the pages and draws the shared sidebar filters.

Run with ``streamlit run dashboard.py``.
"""

import streamlit as st

from analytics import labels
from pages import shared

st.set_page_config(page_title="Chipao ชี้เป้า", page_icon="📍", layout="wide")

filters = shared.sidebar_filters()
st.session_state["filters"] = filters

navigation = st.navigation(
    [
        st.Page(
            "pages/overview.py", title=labels.t("overview", filters.lang), icon="📊", default=True
        ),
        st.Page("pages/import_data.py", title=labels.t("import_page", filters.lang), icon="📥"),
    ]
)
navigation.run()

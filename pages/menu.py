"""The poverty-solving menu (เมนูแก้จน): browse the province's catalogue; an administrator,
or a planner for their own province, edits it (every change versioned)."""

from __future__ import annotations

import streamlit as st

from ui import menu_views, shared

filters = shared.page_frame()
viewer = shared.current_viewer()
t = shared.t
st.title(t("menu_page"))
st.caption(t("menu_intro"))
menu_views.show(filters, viewer)

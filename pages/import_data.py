"""Import files a province brings: a BMN/TPMAP household export, a Thai QM case export to
reconcile with TPMAP, and a boundary layer. Planners and administrators only.

Uploads are read in memory (the boundary layer under a generated name), within the limits of
settings.toml [imports]; every import and reconciliation is audited with its counts. A validated
household file is saved as a named dataset (``store.datasets``); the datasets table lists them
with retire / restore for those allowed.
"""

from __future__ import annotations

import streamlit as st

from analytics.services import import_data
from ui import frame, import_tabs
from ui.words import t

filters = frame.page_frame()
viewer = frame.current_viewer()
st.title(t("import_page"))
if not import_data.may_import(viewer):
    st.warning(t("import_not_allowed"))
    st.stop()

households_tab, thaiqm_tab, boundary_tab = st.tabs(
    [t("import_households_tab"), t("import_thaiqm_tab"), t("import_boundaries_tab")]
)
with households_tab:
    import_tabs.households_tab(viewer, filters)
with thaiqm_tab:
    import_tabs.thaiqm_tab(viewer, filters)
with boundary_tab:
    import_tabs.boundary_tab(viewer, filters)

"""The administrators' pilot editor: rows to edit, saved as a new version and audited."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.domain import access, pilots
from analytics.services import pilot_page
from ui import audit_trail, cache
from ui.words import t


def editor(viewer: access.Viewer, pilot_areas: tuple[pilots.PilotArea, ...]) -> None:
    editable = pd.DataFrame(
        {
            "name": [p.name for p in pilot_areas],
            "province": [p.province for p in pilot_areas],
            "tambons": [", ".join(p.tambons) for p in pilot_areas],
        }
    )
    edited = st.data_editor(
        editable,
        num_rows="dynamic",
        width="stretch",
        key="pilot_editor",
        column_config={
            "name": t("pilot"),
            "province": t("pilot_province_code"),
            "tambons": t("pilot_tambons"),
        },
    )
    if not st.button(t("save_pilots"), type="primary"):
        return
    try:
        version, new = pilot_page.save_pilots(cache.engine, edited, viewer.username)
    except ValueError as error:
        st.error(str(error))
        return
    audit_trail.record(
        viewer.username, viewer.role, "pilots_changed", "", len(new), f"version={version}"
    )
    st.success(t("pilots_saved"))
    st.rerun()

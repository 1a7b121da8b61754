"""Every ``st.cache_*`` of the app edge lives here (house rule 3), keyed on small arguments.

Completeness (issue 14): views keyed on the active datasets' version, an area code and a year.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.services import completeness as completeness_service
from analytics.services import linkage as linkage_service


# -- completeness (issue 14) -----------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=32)
def completeness_view(version: str, area: str, year: int) -> completeness_service.CompletenessView:
    from ui import households

    return completeness_service.completeness_view(households.source(), area, year)


@st.cache_data(show_spinner=False, max_entries=32)
def xray_view(version: str, area: str, year: int) -> completeness_service.XrayView:
    from ui import households

    return completeness_service.xray_view(households.source(), area, year)


@st.cache_data(show_spinner=False, max_entries=8)
def duplicate_ids(version: str, year: int) -> pd.DataFrame:
    """Every occurrence of a duplicated citizen ID in the year's active datasets (unmasked:
    callers cut it to the viewer with ``analytics.domain.linkage.visible_list``)."""
    from ui import households

    return linkage_service.duplicates(households.source(), year)

"""The visit page's panels: the store gate, the progress line, a household's summary and
timeline."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.services import visits
from analytics.services.visits import VisitsView
from analytics.text import plain
from store.db import StoreError
from ui import context, visits_data
from ui.words import t


def require_store() -> None:
    """Stop the page with the database problem in Thai and English when it is unreachable."""
    try:
        visits_data.engine()
    except StoreError as error:
        st.error(f"**{t('visit_store_unavailable')}**  \n{visits_data.store_message(error)}")
        st.stop()


def progress_caption(view: VisitsView) -> None:
    if view.progress_error is not None:
        st.caption(
            f"{t('visit_progress_unavailable')}  \n{visits_data.store_message(view.progress_error)}"
        )
    elif view.progress_line:
        st.caption(view.progress_line)


def household_summary(house_code: str, row: pd.Series) -> None:
    st.subheader(f"{t('household')} {house_code}")
    st.markdown(
        f"{t('col_head')}: **{plain.plain(row['head_name'])}** · "
        f"{t('col_citizen_id')}: `{row['head_citizen_id']}`"
        f"  \n{t('col_members')}: **{row['members']}** · {t('col_target_members')}: "
        f"**{row['target_members']}** · {t('col_failed')}: **{row['failed_codes'] or '–'}**"
    )


def timeline_section(house_code: str, lang: str) -> None:
    from ui import visit_views

    st.subheader(t("timeline"))
    try:
        timeline = visits.timeline(context.context(), house_code)
    except StoreError as error:
        st.warning(visits_data.store_message(error))
        return
    if timeline.empty:
        st.caption(t("no_visits_yet"))
    else:
        visit_views.timeline_cards(timeline, lang)

"""Executive briefing: headline numbers and change, where the target poor are, pilot ranking,
visit progress, and a narrative generated from the numbers; one click for an A4 PDF."""

from __future__ import annotations

import streamlit as st

from analytics.services import briefing
from analytics.text import plain
from ui import (
    area_nav,
    briefing_sections,
    briefing_views,
    context,
    frame,
    pilot_views,
    words,
)
from ui.words import t

filters = frame.page_frame()
viewer = frame.current_viewer()
lang = filters.lang
st.title(f"{t('briefing_page')} — {words.area_name(filters.area_code)}")
area_nav.breadcrumbs(filters)
sections = briefing_sections.sections(filters)  # completeness, plan against result: read once
view = briefing.briefing_view(context.context(), filters, viewer, *sections)

briefing_views.tiles(view.tiles)
for paragraph in view.paragraphs:
    st.markdown(plain.md_escape(paragraph))

left, right = st.columns(2)
left.plotly_chart(
    briefing_views.top_chart(view.data.top_count, "target_poor", t("top_count_title"), lang),
    width="stretch",
)
right.plotly_chart(
    briefing_views.top_chart(view.data.top_rate, "rate", t("top_rate_title"), lang),
    width="stretch",
)

left, right = st.columns(2)
left.subheader(t("pilot_rank_title"))
pilot_views.show_ranking(view.data.pilot_ranking, lang, left, compact=True)
right.subheader(t("visit_progress_title"))
briefing_views.progress_table(view.progress, view.data.area_name(lang), lang, right)

briefing_sections.show(view.data, lang)  # the same numbers go into the PDF below

briefing_views.pdf_button(view.data, viewer, filters.area_code, lang)

"""The briefing's data-completeness and plan-against-result sections: read once (through
``ui.cache``), drawn on the page and passed into the PDF's ``BriefingData`` unchanged."""

from __future__ import annotations

import streamlit as st

from analytics.domain import areas
from analytics.reports.briefing import BriefingData
from analytics.reports.briefing.sections import Absent, CompletenessFacts, PlanFacts, section_text
from analytics.services import completeness_paragraph
from ui import completeness_views, plan_result_views, shared
from ui.words import t

Sections = tuple[CompletenessFacts | Absent, PlanFacts | Absent]


def completeness(filters: shared.Filters) -> CompletenessFacts | Absent:
    """The completeness paragraph's numbers, or the one line saying why there are none: the
    area has no household dataset, or the briefing reads TPMAP's aggregates."""
    code = filters.area_code
    covered = code == "TH" or shared.get_source("households").covers(filters.province)
    if not covered:
        names = areas.area_name(code, "th"), areas.area_name(code, "en")
        return Absent("bpdf_cp_no_households", *names)
    if filters.source != "households":
        return Absent("bpdf_cp_aggregates")
    return completeness_paragraph.facts(completeness_views.view(filters))


def sections(filters: shared.Filters) -> Sections:
    return completeness(filters), plan_result_views.section(filters)


def show(data: BriefingData, lang: str) -> None:
    """Completing the data (line 1), then solving: plan against result (line 3)."""
    if data.completeness is not None:
        st.subheader(t("cp_briefing_title"))
        st.markdown(section_text(data.completeness, lang))
    if data.plan is not None:
        st.subheader(t("monitoring_plan_title"))
        plan_result_views.show(data.plan, lang)

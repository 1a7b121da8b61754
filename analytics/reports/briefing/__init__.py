"""Executive briefing of an area: numbers in, narrative paragraphs and a one-to-two-page A4 PDF out.

``data`` holds the figures (``BriefingData``) and how they are printed, ``narrative`` writes the
paragraphs from them with words from the catalogue, ``layout`` sets the PDF (``canvas`` and
``figures`` draw it; Thai fonts and shaping from :mod:`analytics.io.pdf`).
"""

from analytics.reports.briefing.canvas import BAR_HEIGHT_MM
from analytics.reports.briefing.data import (
    RESOLVED_LABELS,
    RESOLVED_STATUSES,
    BriefingData,
    direction,
    format_count,
    format_rate,
    visit_counts,
)
from analytics.reports.briefing.layout import briefing_pdf
from analytics.reports.briefing.narrative import narrative

__all__ = [
    "BAR_HEIGHT_MM",
    "RESOLVED_LABELS",
    "RESOLVED_STATUSES",
    "BriefingData",
    "briefing_pdf",
    "direction",
    "format_count",
    "format_rate",
    "narrative",
    "visit_counts",
]

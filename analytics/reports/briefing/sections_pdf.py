"""The briefing PDF's data-completeness and plan-against-result sections: the page's
paragraphs (written by :mod:`analytics.reports.briefing.sections` from the same numbers), and
a grouped bar chart of planned, referred and received households per programme."""

from __future__ import annotations

import pandas as pd

from analytics.reports.briefing.canvas import BODY_PT, INK, MARGIN_MM, MUTED, Canvas
from analytics.reports.briefing.data import BriefingData, format_count
from analytics.reports.briefing.sections import PlanFacts, section_text
from analytics.text import labels

PDF_PLAN_ROWS = 8  # programmes drawn; the rest are counted in one line
SERIES = (  # column, fill grey, outlined: tell apart in black-and-white print
    ("planned", 60, False),
    ("referred", 235, True),
    ("received", 150, False),
)
PLAN_BAR_MM = 2.8
PLAN_ROW_GAP_MM = 2.4
LABEL_W = 58
VALUE_W = 18


def _paragraph_height(doc: Canvas, text: str) -> float:
    doc.font(BODY_PT)
    lines = doc.pdf.get_string_width(text) / (doc.width - 1) + 1
    return 9 + 5.6 * lines


def _section(doc: Canvas, title_key: str, text: str) -> None:
    doc.keep(min(_paragraph_height(doc, text), 40))
    doc.section_title(labels.t(title_key, doc.lang))
    doc.paragraph(text, BODY_PT, 5.6)
    doc.pdf.ln(1.6)


def _legend(doc: Canvas) -> None:
    pdf = doc.pdf
    x: float = MARGIN_MM + LABEL_W + 2
    y = pdf.get_y() + 0.5
    for column, grey, outlined in SERIES:
        _swatch(doc, x, y + 1.2, 4, grey, outlined)
        pdf.set_xy(x + 5, y)
        doc.font(8, grey=MUTED)
        text = labels.t(f"result_col_{column}", doc.lang)
        pdf.cell(pdf.get_string_width(text) + 1, 4.5, text)
        x += 5 + pdf.get_string_width(text) + 6
    pdf.set_xy(MARGIN_MM, y + 6)


def _swatch(doc: Canvas, x: float, y: float, w: float, grey: int, outlined: bool) -> None:
    pdf = doc.pdf
    pdf.set_fill_color(grey)
    pdf.set_draw_color(INK)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, w, PLAN_BAR_MM, style="DF" if outlined else "F")


def plan_chart_height(rows: int) -> float:
    return 16 + rows * (3 * PLAN_BAR_MM + PLAN_ROW_GAP_MM)


def plan_chart(doc: Canvas, chart: pd.DataFrame) -> None:
    """Three bars per programme from one zero line, one scale for all (largest = full room)."""
    pdf, lang = doc.pdf, doc.lang
    rows = chart.head(PDF_PLAN_ROWS)
    doc.keep(plan_chart_height(len(rows)))
    doc.font(9, bold=True)
    pdf.cell(doc.width, 5, labels.t("plan_result_chart", lang))
    pdf.set_xy(MARGIN_MM, pdf.get_y() + 5)
    _legend(doc)
    bar_x = MARGIN_MM + LABEL_W + 2
    room = doc.width - LABEL_W - 2 - VALUE_W
    largest = float(rows[[c for c, _, _ in SERIES]].to_numpy().max()) or 1.0
    first = y = pdf.get_y()
    for _, row in rows.iterrows():
        name = str(row[f"name_{lang}"])
        pdf.set_xy(MARGIN_MM, y + PLAN_BAR_MM * 1.5 - 2.5)
        pdf.cell(LABEL_W, 5, doc.shorten(name, LABEL_W - 1, 9, smallest=7.5), align="R")
        for i, (column, grey, outlined) in enumerate(SERIES):
            top = y + i * PLAN_BAR_MM
            length = max(float(row[column]), 0.0) / largest * room
            if length > 0:
                _swatch(doc, bar_x, top, length, grey, outlined)
            pdf.set_xy(bar_x + length + 1, top - 0.6)
            doc.font(7.5)
            pdf.cell(VALUE_W, PLAN_BAR_MM + 1.2, format_count(row[column]))
        y += 3 * PLAN_BAR_MM + PLAN_ROW_GAP_MM
    pdf.set_draw_color(INK)
    pdf.set_line_width(0.3)
    pdf.line(bar_x, first - 0.5, bar_x, y - PLAN_ROW_GAP_MM + 0.5)
    pdf.set_xy(MARGIN_MM, y)
    if len(chart) > len(rows):
        doc.font(8, grey=MUTED)
        more = labels.t("bpdf_plan_more", lang, n=format_count(len(chart) - len(rows)))
        pdf.cell(doc.width, 4.5, more)
        pdf.set_xy(MARGIN_MM, y + 5)


def sections(doc: Canvas, data: BriefingData) -> None:
    """Data completeness, then plan against result (paragraph, then chart when any plan or
    referral is recorded); an absent section is its one line; ``None`` is left out."""
    if data.completeness is not None:
        _section(doc, "cp_briefing_title", section_text(data.completeness, doc.lang))
    if data.plan is None:
        return
    text = section_text(data.plan, doc.lang)
    chart = data.plan.chart if isinstance(data.plan, PlanFacts) else None
    if chart is not None and not chart.empty:  # the paragraph stays with its chart
        rows = min(len(chart), PDF_PLAN_ROWS)
        doc.keep(_paragraph_height(doc, text) + plan_chart_height(rows) + 5)
    _section(doc, "monitoring_plan_title", text)
    if chart is not None and not chart.empty:
        plan_chart(doc, chart)

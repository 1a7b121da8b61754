"""An area action plan in the shape it is filed: Excel with Thai headers and an A4 PDF.

Headers and page words come from the label catalogue (``labels/menu.toml``), in the chosen
language. The Thai font and text shaping are the visit sheet's (``analytics.io.exports``),
imported, not copied. Unknown amounts and costs print as the missing mark, never as zero.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from analytics.io import pdf as thai_pdf
from analytics.text import formatting, labels

if TYPE_CHECKING:
    from fpdf import FPDF

COLUMNS = (
    ("name", "plan_head_programme", 62.0),
    ("agency", "plan_head_agency", 60.0),
    ("quarter", "plan_head_quarter", 14.0),
    ("households", "plan_head_households", 22.0),
    ("units", "plan_head_units", 20.0),
    ("months", "plan_head_months", 16.0),
    ("amount", "plan_head_amount", 20.0),
    ("cost", "plan_head_cost", 28.0),
    ("moved", "plan_head_moved", 25.0),
)
MARGIN_MM = 10.0


@dataclass(frozen=True)
class PlanHeader:
    area_name: str
    budget_year: int
    ceiling: float
    fitting_cost: float
    unknown_rows: int
    prepared_by: str
    prepared_at: datetime


def _cell(key: str, value: object) -> object:
    if key in ("amount", "cost"):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None  # unknown, never zero
        return float(value)  # type: ignore[arg-type]
    if key in ("quarter", "households", "units", "months", "moved"):
        return int(value)  # type: ignore[call-overload]
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The plan rows with the filed headers (in ``lang``), cells typed for the sheet."""
    return pd.DataFrame({labels.t(h, lang): [_cell(k, v) for v in rows[k]] for k, h, _ in COLUMNS})


def _lines(header: PlanHeader, lang: str) -> tuple[str, list[str]]:
    title = labels.t("plan_title", lang, area=header.area_name, year=header.budget_year)
    ceiling = labels.t(
        "plan_ceiling_line",
        lang,
        ceiling=formatting.format_count(header.ceiling),
        cost=formatting.format_count(header.fitting_cost),
        unknown=header.unknown_rows,
    )
    when = formatting.date_label(header.prepared_at, lang, with_time=True)
    printed = labels.t("plan_printed", lang, user=header.prepared_by, when=when)
    return title, [ceiling, printed]


def to_excel(rows: pd.DataFrame, header: PlanHeader, lang: str = "th") -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]
    from openpyxl.styles import Font  # type: ignore[import-untyped,unused-ignore]

    title, lines = _lines(header, lang)
    sheet_table = table(rows, lang)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = labels.t("plan_sheet", lang)[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in lines:
        sheet.append([line])
    sheet.append([])
    sheet.append(list(sheet_table.columns))
    head_row = sheet.max_row
    for cell in sheet[head_row]:
        cell.font = Font(bold=True)
    for record in sheet_table.itertuples(index=False, name=None):
        sheet.append(list(record))
    for (cell,) in sheet.iter_rows(min_row=head_row + 1, min_col=8, max_col=8):
        cell.number_format = "#,##0"
    for i, (_, _, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + i)].width = width / 2.2
    sheet.freeze_panes = f"A{head_row + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(key: str, value: object) -> str:
    if key in ("amount", "cost"):
        return formatting.format_count(value) if value is not None else formatting.MISSING
    return str(value)


def to_pdf(rows: pd.DataFrame, header: PlanHeader, lang: str = "th") -> bytes:
    """A4 landscape; raises ``exports.ThaiFontNotFoundError`` without a Thai font."""
    font = thai_pdf.find_thai_font()
    page_word = labels.t("plan_page", lang, page="{page}")

    def footer(pdf: FPDF) -> None:
        pdf.set_y(-MARGIN_MM - 2)
        pdf.set_font(font.family, size=8)
        pdf.cell(0, 5, page_word.format(page=pdf.page_no()), align="R")

    pdf = thai_pdf.new_document(
        font, footer, orientation="L", margin=MARGIN_MM, bottom=MARGIN_MM + 6
    )
    pdf.add_page()
    title, lines = _lines(header, lang)
    thai_pdf.heading(pdf, font, title, lines, title_pt=15, body_pt=10)
    pdf.set_font(font.family, size=9)
    widths = tuple(w for _, _, w in COLUMNS)
    with pdf.table(col_widths=widths, line_height=5, first_row_as_headings=True) as grid:
        heading = grid.row()
        for _, key, _ in COLUMNS:
            heading.cell(labels.t(key, lang))
        for record in rows.to_dict("records"):
            grid_row = grid.row()
            for key, _, _ in COLUMNS:
                grid_row.cell(_text(key, _cell(key, record[key])))
    return bytes(pdf.output())

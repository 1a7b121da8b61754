"""The old visit-sheet table (fpdf2's table, each cell measured per character): kept only as
the baseline of ``python -m benchmarks.visit_sheet``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analytics.io.exports.visit_sheet import (
    BODY_PT,
    CELL_PADDING_MM,
    HEADING_FILL,
    PAGE_MARGIN_MM,
    WRITE_IN_ROW_MM,
    sheet_columns,
    sheet_text,
)
from analytics.io.pdf import ThaiFont

if TYPE_CHECKING:
    from fpdf import FPDF


def sheet_table_fpdf(pdf: FPDF, font: ThaiFont, table: pd.DataFrame, lang: str) -> None:
    """The visit table through ``pdf.table``: same words as the fast layout, 10x slower."""
    from fpdf.fonts import FontFace

    usable = pdf.w - 2 * PAGE_MARGIN_MM
    columns = sheet_columns(table, usable)

    def width(style: str, text: str) -> float:
        pdf.set_font(font.family, style, BODY_PT)
        return float(pdf.get_string_width(text))

    heading, *body = sheet_text(width, table, columns, lang, memo=False)
    pdf.set_font(font.family, "", BODY_PT)
    bold = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=[w for _, w in columns],
        width=usable,
        text_align=[c.align for c, _ in columns],
        v_align="TOP",
        line_height=pdf.font_size * 1.5,
        padding=CELL_PADDING_MM,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        repeat_headings=1,
        min_row_height=WRITE_IN_ROW_MM,
    ) as grid:
        grid.row(heading)
        for texts in body:
            line = grid.row()
            for (column, _), text in zip(columns, texts, strict=True):
                line.cell(text, style=bold if column.key == "critical" else None)

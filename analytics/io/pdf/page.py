"""Page setup shared by the PDFs: an A4 fpdf2 document with the Thai font and a footer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from analytics.io.pdf.fonts import ThaiFont, add_thai_font
from analytics.text import formatting

if TYPE_CHECKING:
    from fpdf import FPDF


def format_printed_at(printed_at: date | datetime | str, lang: str = "th") -> str:
    """A print date in the one date style (:func:`analytics.text.formatting.date_label`);
    text is printed as given."""
    if isinstance(printed_at, str):
        return printed_at
    return formatting.date_label(printed_at, lang, with_time=isinstance(printed_at, datetime))


def new_document(
    font: ThaiFont,
    footer: Callable[[FPDF], None],
    *,
    orientation: str,
    margin: float,
    bottom: float,
) -> FPDF:
    """An A4 document in mm with ``margin`` on every side, a page break ``bottom`` mm above the
    edge, the Thai font registered (shaping on) and ``footer(pdf)`` drawn on every page."""
    import fpdf  # imported when a PDF is made: the app starts without it

    class Document(fpdf.FPDF):
        def footer(self) -> None:
            footer(self)

    pdf = Document(orientation=orientation, unit="mm", format="A4")
    pdf.set_margins(margin, margin, margin)
    pdf.set_auto_page_break(True, margin=bottom)
    add_thai_font(pdf, font)
    return pdf


def heading(
    pdf: FPDF, font: ThaiFont, title: str, lines: list[str], *, title_pt: int, body_pt: int
) -> None:
    """A document's title in bold, then its lines (area, team, date…), then a small gap."""
    pdf.set_font(font.family, "B", title_pt)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font.family, size=body_pt)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

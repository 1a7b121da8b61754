"""Drawing helpers around an fpdf2 document (A4 portrait, mm) for the briefing: text that fits,
section titles, headline tiles with arrows, horizontal bar charts and a small ruled table.
Fonts and page setup come from :mod:`analytics.io.pdf`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from analytics.io import pdf as thai_pdf

if TYPE_CHECKING:
    from fpdf import FPDF

MARGIN_MM = 15
TILE_GAP_MM = 4
TILE_HEIGHT_MM = 27
BAR_HEIGHT_MM = 5.2
BAR_GAP_MM = 2.2
BODY_PT = 10.5
INK = 0  # black text
MUTED = 80  # grey for secondary text, still dark enough to photocopy
BAR_FILL = 90  # dark grey bars: solid in black-and-white print
TILE_FILL = 242
RULE = 150
TABLE_ROW_MM = 5.6


class Tile(NamedTuple):
    label: str
    value: str  # the big number, formatted
    change: str  # direction word and amount, or "no previous survey"
    since: str  # "จากปี 2561"; empty without a previous survey
    sign: int | None  # +1, -1, 0; None without a previous survey


class Canvas:
    """The briefing's document and the text helpers every figure uses."""

    def __init__(self, font: thai_pdf.ThaiFont, lang: str, footer: str, page_label: str):
        family = font.family

        def draw_footer(pdf: FPDF) -> None:
            pdf.set_y(-MARGIN_MM + 2)
            pdf.set_draw_color(RULE)
            pdf.line(MARGIN_MM, pdf.get_y() - 1, pdf.w - MARGIN_MM, pdf.get_y() - 1)
            pdf.set_font(family, size=8)
            pdf.set_text_color(MUTED)
            pdf.cell(0, 5, footer, align="L")
            pdf.set_x(MARGIN_MM)
            pdf.cell(0, 5, page_label.format(page=pdf.page_no()), align="R")
            pdf.set_text_color(INK)

        self.pdf = thai_pdf.new_document(
            font, draw_footer, orientation="P", margin=MARGIN_MM, bottom=MARGIN_MM + 4
        )
        self.family = family
        self.lang = lang

    @property
    def width(self) -> float:
        return float(self.pdf.w - 2 * MARGIN_MM)

    def font(self, size: float, bold: bool = False, grey: int = INK) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_text_color(grey)

    def fits(self, room: float, size: float, bold: bool = False) -> Callable[[str], bool]:
        def check(text: str) -> bool:
            self.font(size, bold)
            return bool(self.pdf.get_string_width(text) <= room)

        return check

    def paragraph(
        self, text: str, size: float, line: float, bold: bool = False, grey: int = INK
    ) -> None:
        text = thai_pdf.thai_break_hints(text, self.fits(self.width - 1, size, bold))
        self.font(size, bold, grey)
        self.pdf.multi_cell(self.width, line, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.pdf.will_page_break(height):
            self.pdf.add_page()

    def section_title(self, text: str, x: float = MARGIN_MM, width: float | None = None) -> None:
        """A bold heading over a thin rule, at ``x`` across ``width`` mm (the page by default)."""
        width = self.width if width is None else width
        self.pdf.ln(2)
        self.pdf.set_x(x)
        self.font(12, bold=True)
        self.pdf.cell(width, 7, self.shorten(text, width, 12, bold=True))
        y = self.pdf.get_y() + 7
        self.pdf.set_draw_color(RULE)
        self.pdf.set_line_width(0.2)
        self.pdf.line(x, y, x + width, y)
        self.pdf.set_xy(x, y + 1.5)

    def shorten(
        self, text: str, room: float, size: float, bold: bool = False, smallest: float | None = None
    ) -> str:
        """``text`` at ``size`` pt, else at a smaller size down to ``smallest``, else cut with
        "..." so it fits ``room`` mm: labels never run into bars or columns. Sets the font."""
        while (
            smallest is not None
            and size - 0.5 >= smallest
            and not self.fits(room, size, bold)(text)
        ):
            size -= 0.5
        self.font(size, bold)
        if self.pdf.get_string_width(text) <= room:
            return text
        while text and self.pdf.get_string_width(text + "...") > room:
            text = text[:-1]
        return text.rstrip() + "..."

    def arrow(self, x: float, y: float, sign: int | None, size: float = 2.6) -> None:
        """A filled triangle up (increase) or down (decrease); two bars for no change."""
        pdf = self.pdf
        pdf.set_fill_color(INK)
        pdf.set_draw_color(INK)
        if sign == 1:
            pdf.polygon([(x, y + size), (x + size, y + size), (x + size / 2, y)], style="F")
        elif sign == -1:
            pdf.polygon([(x, y), (x + size, y), (x + size / 2, y + size)], style="F")
        elif sign == 0:
            pdf.rect(x, y + size * 0.2, size, size * 0.18, style="F")
            pdf.rect(x, y + size * 0.62, size, size * 0.18, style="F")

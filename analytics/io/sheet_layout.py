"""Fast table layout for the A4 visit sheet: each distinct line of text is shaped once.

fpdf2's ``table()`` measures every cell character by character with HarfBuzz shaping and
bidi resolution in pure Python (cProfile: ~90 % of the 40 s an amphoe of 1,179 households
took). A visit sheet repeats the same few lines on every row (indicator names, villages,
column heads), so this layout breaks lines itself with cached word widths and shapes each
distinct line once (fpdf2's own ``cell``), then stamps the recorded drawing operators at every
place the line appears (a translation, ``q 1 0 0 1 dx dy cm ... Q``). What is drawn is byte for
byte what ``cell`` draws there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.enums import PDFResourceType

BREAKS = re.compile(r"( |\u200b)")
FONT_REF = re.compile(rb"/F(\d+) ")


@dataclass(frozen=True)
class Column:
    width: float  # mm
    align: str  # "L" or "C"
    bold: bool = False


@dataclass
class Stamps:
    """Shaped lines, recorded once and drawn anywhere (same font size, any page)."""

    pdf: FPDF
    family: str
    size: float
    line_height: float
    _widths: dict = field(default_factory=dict)
    _ops: dict = field(default_factory=dict)

    def width(self, style: str, text: str) -> float:
        """Shaped width in mm, cached (HarfBuzz only: a line of one direction needs no bidi)."""
        key = (style, text)
        if key not in self._widths:
            pdf = self.pdf
            pdf.set_font(self.family, style, self.size)
            shaping = pdf.text_shaping if not text.isascii() else None
            font = pdf.current_font
            assert font is not None  # set just above
            points = font.get_text_width(text, self.size, shaping)[1]
            self._widths[key] = points / pdf.k
        return self._widths[key]

    def _plain(self, style: str, text: str, x: float, y: float, room: float, align: str) -> None:
        """Latin letters and digits (codes, counts) need no shaping: placed as ``cell`` would."""
        pdf = self.pdf
        pdf.set_font(self.family, style, self.size)
        left = (room - self.width(style, text)) / 2 if align == "C" else pdf.c_margin
        pdf.current_font_is_set_on_page = False  # a stamp's "Q" may have restored another font
        pdf.text(x + left, y + 0.5 * self.line_height + 0.3 * pdf.font_size, text)

    def _record(self, style: str, text: str, room: float, align: str) -> tuple[bytes, set[int]]:
        pdf = self.pdf
        pdf.set_font(self.family, style, self.size)
        contents: bytearray = pdf.pages[pdf.page].contents  # type: ignore[assignment]
        start = len(contents)
        x, y = pdf.get_x(), pdf.get_y()
        pdf.set_xy(0, 0)
        pdf.current_font_is_set_on_page = False  # so the recording selects its font itself
        pdf.cell(room, self.line_height, text, align=align)
        ops = bytes(contents[start:])
        del contents[start:]
        pdf.set_xy(x, y)
        return ops, {int(i) for i in FONT_REF.findall(ops)}

    def draw(self, style: str, text: str, x: float, y: float, room: float, align: str) -> None:
        """``text`` in a line box of width ``room`` whose top-left corner is (x, y) mm."""
        if not text:
            return
        if text.isascii():
            self._plain(style, text, x, y, room, align)
            return
        key = (style, text, room, align)
        if key not in self._ops:
            self._ops[key] = self._record(style, text, room, align)
        ops, fonts = self._ops[key]
        pdf = self.pdf
        for font in fonts:  # the page's resources must list every font its text uses
            pdf._resource_catalog.add(PDFResourceType.FONT, font, pdf.page)
        shift = f"q 1 0 0 1 {x * pdf.k:.2f} {-y * pdf.k:.2f} cm\n".encode()
        pdf._out(shift + ops + b"Q")

    def wrap(self, style: str, text: str, room: float) -> list[str]:
        """Greedy line breaking at spaces and zero-width spaces (Thai break hints)."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for token in BREAKS.split(paragraph):
                if not token or token == "\u200b":
                    continue
                wide = self.width(style, token)
                if line and used + wide > room and token != " ":
                    lines.append(line.rstrip())
                    line, used = "", 0.0
                if token == " " and not line:
                    continue
                line, used = line + token, used + wide
            lines.append(line.rstrip())
        return lines


@dataclass
class Grid:
    """A bordered table that repeats its heading row on every page."""

    stamps: Stamps
    columns: Sequence[Column]
    padding: tuple[float, float]  # vertical, horizontal mm
    min_row_height: float
    heading_fill: tuple[int, int, int]

    def _lines(self, texts: Sequence[str], bold_all: bool) -> list[list[str]]:
        pad_x = self.padding[1]
        return [
            self.stamps.wrap("B" if bold_all or c.bold else "", text, c.width - 2 * pad_x)
            for c, text in zip(self.columns, texts, strict=True)
        ]

    def _row(self, texts: Sequence[str], heading: bool) -> None:
        pdf, stamps = self.stamps.pdf, self.stamps
        pad_y, pad_x = self.padding
        lines = self._lines(texts, heading)
        tallest = max((len(cell) for cell in lines), default=1)
        height = max(self.min_row_height, tallest * stamps.line_height + 2 * pad_y)
        if not heading and pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            self.heading(self._heading_texts)
        x, y = pdf.l_margin, pdf.get_y()
        if heading:
            pdf.set_fill_color(*self.heading_fill)
        self._borders(x, y, height, "B" if heading else "S")
        for column, cell in zip(self.columns, lines, strict=True):
            style = "B" if heading or column.bold else ""
            align = "C" if column.align == "CENTER" else "L"
            for i, line in enumerate(cell):
                top = y + pad_y + i * stamps.line_height
                stamps.draw(style, line, x + pad_x, top, column.width - 2 * pad_x, align)
            x += column.width
        pdf.set_y(y + height)

    def _borders(self, x: float, y: float, height: float, paint: str) -> None:
        """Every cell's frame of a row in one drawing instruction ("B": filled, "S": not)."""
        pdf = self.stamps.pdf
        boxes = []
        for column in self.columns:
            boxes.append(
                f"{x * pdf.k:.2f} {(pdf.h - y) * pdf.k:.2f} "
                f"{column.width * pdf.k:.2f} {-height * pdf.k:.2f} re"
            )
            x += column.width
        pdf._out(" ".join(boxes) + f" {paint}")

    def heading(self, texts: Sequence[str]) -> None:
        self._heading_texts = list(texts)
        self._row(texts, heading=True)

    def row(self, texts: Sequence[str]) -> None:
        self._row(texts, heading=False)

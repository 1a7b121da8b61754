"""The briefing's figures on a :class:`Canvas`: headline tiles, bar charts and the visit table."""

from __future__ import annotations

from analytics.reports.briefing.canvas import (
    BAR_FILL,
    BAR_GAP_MM,
    BAR_HEIGHT_MM,
    INK,
    MARGIN_MM,
    MUTED,
    RULE,
    TABLE_ROW_MM,
    TILE_FILL,
    TILE_GAP_MM,
    TILE_HEIGHT_MM,
    Canvas,
    Tile,
)
from analytics.reports.briefing.data import missing
from analytics.text import labels

BarRow = tuple[str, float, str]  # label, value, value as printed


def _tile(doc: Canvas, tile: Tile, x: float, top: float, tile_w: float, with_since: bool) -> None:
    pdf = doc.pdf
    inner = tile_w - 4
    arrow_room = 3.6
    pdf.set_fill_color(TILE_FILL)
    pdf.set_draw_color(INK)
    pdf.set_line_width(0.35)
    pdf.rect(x, top, tile_w, TILE_HEIGHT_MM, style="DF")
    pdf.set_xy(x + 2, top + 2)
    doc.font(8.5, grey=MUTED)
    pdf.cell(inner, 4.5, doc.shorten(tile.label, inner, 8.5))
    size = 20
    while size > 11 and not doc.fits(inner - 1.5, size, bold=True)(tile.value):
        size -= 1
    pdf.set_xy(x + 2, top + 8)
    doc.font(size, bold=True)
    pdf.cell(inner, 9, tile.value)
    room = inner - (arrow_room if tile.sign is not None else 0)
    doc.arrow(x + 2, top + TILE_HEIGHT_MM - 7.1, tile.sign)
    pdf.set_xy(x + 2 + inner - room, top + TILE_HEIGHT_MM - 8)
    text = f"{tile.change} {tile.since}".strip() if with_since else tile.change
    doc.font(8)
    pdf.cell(room, 4.5, doc.shorten(text, room, 8))


def tiles(doc: Canvas, row: list[Tile]) -> None:
    """Boxes side by side: small label, big number, arrow and change. When a change with
    its "since" does not fit a tile, every tile drops it and one note under them says it."""
    pdf = doc.pdf
    n = len(row)
    tile_w = (doc.width - TILE_GAP_MM * (n - 1)) / n
    fits = doc.fits(tile_w - 4 - 3.6, 8)
    with_since = all(fits(f"{t.change} {t.since}".strip()) for t in row)
    since = next((t.since for t in row if t.since), "")
    note = bool(since) and not with_since
    doc.keep(TILE_HEIGHT_MM + (7 if note else 2))
    top = pdf.get_y()
    for i, tile in enumerate(row):
        _tile(doc, tile, MARGIN_MM + i * (tile_w + TILE_GAP_MM), top, tile_w, with_since)
    pdf.set_xy(MARGIN_MM, top + TILE_HEIGHT_MM + 1)
    if note:
        doc.font(8, grey=MUTED)
        pdf.cell(doc.width, 4.5, labels.t("brief_pdf_tile_note", doc.lang, since=since))
    pdf.set_xy(MARGIN_MM, pdf.get_y() + (5 if note else 2))


def chart_height(rows: int, note: bool) -> float:
    return 12.5 + (5 if note else 0) + max(rows, 1) * (BAR_HEIGHT_MM + BAR_GAP_MM)


def bar_chart(
    doc: Canvas,
    title: str,
    rows: list[BarRow],
    note: str = "",
    x: float = MARGIN_MM,
    width: float | None = None,
    label_w: float = 58,
    value_w: float = 30,
) -> float:
    """Horizontal bars from one zero line, proportional to the values (largest = full
    width); labels right-aligned on the left, values after each bar. Returns the bottom."""
    pdf = doc.pdf
    width = doc.width if width is None else width
    doc.section_title(title, x, width)
    if note:
        doc.font(8, grey=MUTED)
        pdf.set_x(x)
        pdf.cell(width, 4.5, doc.shorten(note, width, 8))
        pdf.set_xy(x, pdf.get_y() + 5)
    if not rows:
        doc.font(9, grey=MUTED)
        pdf.set_x(x)
        pdf.cell(width, 6, labels.t("brief_pdf_no_data", doc.lang))
        return float(pdf.get_y() + 6)
    step = BAR_HEIGHT_MM + BAR_GAP_MM
    bar_x = x + label_w + 2
    bar_room = width - label_w - 2 - value_w
    largest = max((float(v) for _, v, _ in rows if not missing(v)), default=0) or 1
    top = pdf.get_y() + 1
    for i, (label, value, value_text) in enumerate(rows):
        y = top + i * step
        pdf.set_xy(x, y)
        pdf.cell(
            label_w, BAR_HEIGHT_MM, doc.shorten(label, label_w - 1, 9, smallest=7.5), align="R"
        )
        length = 0.0 if missing(value) else max(float(value), 0.0) / largest * bar_room
        if length > 0:
            pdf.set_fill_color(BAR_FILL)
            pdf.rect(bar_x, y + 0.4, length, BAR_HEIGHT_MM - 0.8, style="F")
        pdf.set_xy(bar_x + length + 1.5, y)
        doc.font(9, bold=True)
        pdf.cell(value_w + bar_room - length - 1.5, BAR_HEIGHT_MM, value_text)
    bottom = top + len(rows) * step - BAR_GAP_MM
    pdf.set_draw_color(INK)
    pdf.set_line_width(0.3)
    pdf.line(bar_x, top - 0.8, bar_x, bottom + 0.8)
    return float(bottom + 1)


def table_height(rows: int) -> float:
    return 12.5 + (rows + 1) * TABLE_ROW_MM


def _column_widths(doc: Canvas, lines: list[list[str]], width: float) -> tuple[float, ...]:
    """The two number columns as wide as their longest text (within bounds), the rest first."""

    def needed(column: int) -> float:
        doc.font(9, bold=True)
        return max(float(doc.pdf.get_string_width(row[column])) for row in lines) + 3

    numbers = [min(max(needed(1), 14.0), width / 3), min(max(needed(2), 12.0), width / 4)]
    return (width - sum(numbers), *numbers)


def table(
    doc: Canvas,
    title: str,
    heading: list[str],
    rows: list[list[str]],
    x: float = MARGIN_MM,
    width: float | None = None,
) -> float:
    """A small ruled table (first column text, the others numbers; last row the total).
    Returns the bottom."""
    pdf = doc.pdf
    width = doc.width if width is None else width
    doc.section_title(title, x, width)
    widths = _column_widths(doc, [heading, *rows], width)
    y = pdf.get_y() + 1
    pdf.set_fill_color(TILE_FILL)
    pdf.rect(x, y, width, TABLE_ROW_MM, style="F")
    for i, texts in enumerate([heading, *rows]):
        bold = i == 0 or i == len(rows)
        if i == len(rows):
            pdf.set_draw_color(INK)
            pdf.set_line_width(0.35)
            pdf.line(x, y, x + width, y)
        pdf.set_xy(x, y)
        for text, w, align in zip(texts, widths, ("L", "R", "R"), strict=True):
            pdf.cell(w, TABLE_ROW_MM, doc.shorten(text, w - 2, 9, bold, smallest=7.5), align=align)
        y += TABLE_ROW_MM
        if 0 < i < len(rows) - 1:
            pdf.set_draw_color(RULE)
            pdf.set_line_width(0.15)
            pdf.line(x, y, x + width, y)
    pdf.set_draw_color(INK)
    pdf.set_line_width(0.35)
    pdf.line(x, y, x + width, y)
    return y + 1

"""The printable A4 (landscape) visit sheet: the list in visiting order with columns to fill in
by hand. Fonts, shaping and page setup come from :mod:`analytics.io.pdf`; the table is laid out
by :mod:`analytics.io.sheet_layout` (the old fpdf2 table path stays as the benchmark baseline)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import pandas as pd

from analytics.io import pdf as thai_pdf
from analytics.io.exports.table import YES_NO, cell_value, headers, visit_table
from analytics.text import labels

if TYPE_CHECKING:
    from fpdf import FPDF


@dataclass(frozen=True)
class SheetColumn:
    key: str  # its header is the label ``sheet_column_<key>``
    width: float  # mm; the reasons column takes what is left
    align: str = "LEFT"

    def header(self, lang: str) -> str:
        return labels.t(f"sheet_column_{self.key}", lang)


SHEET_COLUMNS = (
    SheetColumn("order", 12, "CENTER"),
    SheetColumn("house_code", 24),
    SheetColumn("village", 28),
    SheetColumn("head_name", 30),
    SheetColumn("members", 20, "CENTER"),
    SheetColumn("reasons", 0),
    SheetColumn("critical", 14, "CENTER"),
    SheetColumn("visit_date", 20),
    SheetColumn("outcome", 32),
    SheetColumn("signature", 21),
)
PAGE_MARGIN_MM = 10
WRITE_IN_ROW_MM = 13  # room to write by hand in the empty columns
BODY_PT = 9.5
CELL_PADDING_MM = (1.2, 1.2)  # vertical, horizontal: room for stacked Thai marks
HEADING_FILL = (225, 235, 247)
Width = Callable[[str, str], float]  # (style, text) -> mm


def _sheet_cells(row: Mapping, lang: str, show_tambon: bool) -> dict[str, str]:
    """The text of one visit-sheet row, by ``SheetColumn.key``."""

    def get(key: str) -> str:
        value = row.get(key)
        return "" if cell_value(value) is None else str(value)

    village = get("village_name")
    if show_tambon and get("tambon_name"):
        tambon = labels.t("sheet_tambon_line", lang, name=get("tambon_name"))
        village = f"{village}\n{tambon}".strip()
    members = get("members")
    if get("target_members"):
        members = f"{members} ({get('target_members')})"
    reasons = [part.strip() for part in get("reasons").split(";") if part.strip()]
    if get("failed_indicators"):
        reasons.append(f"{headers(lang)['failed_indicators']}: {get('failed_indicators')}")
    return {
        "order": get("order"),
        "house_code": get("house_code"),
        "village": village,
        "head_name": get("head_name"),
        "members": members,
        "reasons": "\n".join(reasons),
        "critical": YES_NO[lang][0] if row.get("critical") else "",
    }


def sheet_columns(table: pd.DataFrame, usable_width: float) -> list[tuple[SheetColumn, float]]:
    """The columns to print (no head-of-household column when no name is shown), with widths."""
    has_head = "head_name" in table.columns and table["head_name"].notna().any()
    columns = [c for c in SHEET_COLUMNS if c.key != "head_name" or has_head]
    fixed = sum(c.width for c in columns)
    return [(c, c.width or usable_width - fixed) for c in columns]


def _fits(width: Width, style: str, room: float) -> Callable[[str], bool]:
    """Whether a word fits ``room`` mm (``width(style, text)``, cached by the caller)."""

    def fits(text: str) -> bool:
        return width(style, text) <= room

    return fits


def sheet_text(
    width: Width,
    table: pd.DataFrame,
    columns: list[tuple[SheetColumn, float]],
    lang: str,
    memo: bool = True,
) -> list[list[str]]:
    """Heading and body rows as cell text, with Thai break hints for each column's width
    (``memo``: hint each distinct text once)."""
    rooms = [w - 2 * CELL_PADDING_MM[1] - 0.5 for _, w in columns]
    keys = [c.key for c, _ in columns]
    heading_fits = [_fits(width, "B", room) for room in rooms]
    body_fits = [_fits(width, "", room) for room in rooms]
    heading = [c.header(lang) for c, _ in columns]
    show_tambon = "tambon_name" in table.columns and table["tambon_name"].nunique() > 1
    hinted: dict[tuple[str, Callable[[str], bool]], str] = {}

    def hint(text: str, fits: Callable[[str], bool]) -> str:
        if not memo:
            return thai_pdf.thai_break_hints(text, fits)
        if (text, fits) not in hinted:
            hinted[text, fits] = thai_pdf.thai_break_hints(text, fits)
        return hinted[text, fits]

    rows = [[hint(text, fits) for text, fits in zip(heading, heading_fits, strict=True)]]
    for row in table.to_dict("records"):
        cells = _sheet_cells(row, lang, show_tambon)
        texts = [cells.get(key, "") for key in keys]
        rows.append([hint(text, fits) for text, fits in zip(texts, body_fits, strict=True)])
    return rows


def _sheet_table(pdf: FPDF, font: thai_pdf.ThaiFont, table: pd.DataFrame, lang: str) -> None:
    """The visit table, laid out by :mod:`analytics.io.sheet_layout` (each distinct line shaped
    once: an amphoe's 1,200 households in seconds instead of 40)."""
    from analytics.io import sheet_layout

    usable = pdf.w - 2 * PAGE_MARGIN_MM
    columns = sheet_columns(table, usable)
    pdf.set_font(font.family, "", BODY_PT)
    stamps = sheet_layout.Stamps(pdf, font.family, BODY_PT, pdf.font_size * 1.5)
    heading, *body = sheet_text(stamps.width, table, columns, lang)
    grid = sheet_layout.Grid(
        stamps,
        [sheet_layout.Column(w, c.align, c.key == "critical") for c, w in columns],
        CELL_PADDING_MM,
        WRITE_IN_ROW_MM,
        HEADING_FILL,
    )
    grid.heading(heading)
    for texts in body:
        grid.row(texts)


def _new_pdf(font: thai_pdf.ThaiFont, footer_text: Callable[[int], str]) -> FPDF:
    def footer(pdf: FPDF) -> None:
        pdf.set_y(-PAGE_MARGIN_MM - 2)
        pdf.set_font(font.family, size=8)
        pdf.set_text_color(90)
        pdf.cell(0, 5, footer_text(pdf.page_no()), align="R")
        pdf.set_text_color(0)

    return thai_pdf.new_document(
        font, footer, orientation="L", margin=PAGE_MARGIN_MM, bottom=PAGE_MARGIN_MM + 6
    )


def visit_sheet_pdf(
    df: pd.DataFrame,
    *,
    title_th: str,
    area_name: str,
    team: str,
    printed_at: date | datetime | str,
    lang: str = "th",
    legacy: bool = False,
) -> bytes:
    """A printable A4 (landscape) visit sheet in visiting order, with columns to fill in by hand.

    ``title_th`` is printed as given (also when ``lang="en"``, which switches the headers and
    labels). The table header repeats on every page and each page is numbered "หน้า X/Y".
    Raises ``ThaiFontNotFoundError`` when no Thai font is found (see ``find_thai_font``).
    """
    headers(lang)  # validates lang
    font = thai_pdf.find_thai_font()
    table = visit_table(df)
    if "order" not in table.columns:
        numbers = pd.array(range(1, len(table) + 1), dtype="Int64")
        table.insert(0, "order", numbers)  # type: ignore[arg-type]
    n_critical = int(table["critical"].map(bool).sum()) if "critical" in table.columns else 0
    page_word = labels.t("sheet_page", lang)
    pdf = _new_pdf(font, lambda page: f"{title_th} · {area_name}    {page_word} {page}/{{nb}}")
    pdf.set_title(title_th)
    pdf.set_creator("Chipao")
    pdf.set_lang(lang)
    pdf.add_page()
    when = thai_pdf.format_printed_at(printed_at, lang)
    word = {key: labels.t(f"sheet_{key}", lang) for key in ("area", "team", "printed")}
    heading = [
        f"{word['area']}: {area_name}    {word['team']}: {team}    {word['printed']}: {when}",
        labels.t("sheet_count", lang, n=len(table), critical=n_critical),
    ]
    thai_pdf.heading(pdf, font, title_th, heading, title_pt=16, body_pt=11)
    if legacy:
        from analytics.io.exports.legacy_sheet import sheet_table_fpdf

        sheet_table_fpdf(pdf, font, table, lang)
    else:
        _sheet_table(pdf, font, table, lang)
    return bytes(pdf.output())

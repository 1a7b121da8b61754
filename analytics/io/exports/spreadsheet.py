"""CSV and Excel files of a visit list (``table.export_table``), safe to open in Excel."""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd

from analytics.io.exports.table import (
    CODE_WIDTHS,
    EXPORT_COLUMNS,
    FLOAT_COLUMNS,
    cell_value,
    export_table,
    headers,
)
from analytics.io.pdf.breaks import THAI_MARKS, ZWSP
from analytics.text import labels

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_COMBINING = re.compile("[" + "".join(sorted(THAI_MARKS)) + ZWSP + "]")  # take no width
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_EXCEL_WIDTH = 60
WRAPPED = ("reasons", "failed_indicators")


def _defuse_formula(value: object) -> object:
    """Quote text that a spreadsheet would run as a formula (CSV injection); numbers untouched."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv_bytes(df: pd.DataFrame, lang: str = "th") -> bytes:
    """CSV in UTF-8 *with* a byte-order mark: without it Excel reads Thai as mojibake.

    Text cells starting with = + - @ get a leading apostrophe so Excel shows, not runs, them.
    """
    table = export_table(df, lang)
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]):
            table[column] = table[column].map(_defuse_formula)
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _display_width(text: str) -> int:
    """Characters that take horizontal space: Thai vowel and tone marks sit above or below."""
    longest_line = max(str(text).split("\n"), key=len)
    return len(_COMBINING.sub("", longest_line))


def _sheet_title(title: str) -> str:
    return _SHEET_TITLE_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet1"


def to_excel_bytes(df: pd.DataFrame, lang: str = "th", sheet_title: str | None = None) -> bytes:
    """An .xlsx with a frozen, filterable header row; codes stored as text so zeros survive.

    ``sheet_title`` defaults to the Thai list title (``export_list_title``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    table = export_table(df, lang)
    book = Workbook()
    sheet = book.active
    if sheet_title is None:
        sheet_title = labels.t("export_list_title", "th")
    sheet.title = _sheet_title(sheet_title)
    sheet.append(list(table.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in table.itertuples(index=False, name=None):
        sheet.append([cell_value(v) for v in row])
    keys = _format_columns(sheet, table, lang)
    sheet.freeze_panes = "A2"
    if keys:
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _format_columns(sheet: Any, table: pd.DataFrame, lang: str) -> list[str]:
    """Width, number format and wrapping per column; returns the column keys in sheet order."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    names = headers(lang)
    keys = [k for k in EXPORT_COLUMNS if names[k] in table.columns]
    for col, key in enumerate(keys, start=1):
        values = [str(v) for v in table.iloc[:, col - 1] if cell_value(v) is not None]
        width = max([_display_width(names[key]), *map(_display_width, values)]) + 2
        sheet.column_dimensions[get_column_letter(col)].width = min(width, MAX_EXCEL_WIDTH)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            if cell.data_type == "f":  # openpyxl takes any "=..." text for a formula
                cell.data_type = "s"
            if key in CODE_WIDTHS:
                cell.number_format = "@"
            elif key in FLOAT_COLUMNS:
                cell.number_format = "0.000000"
            if key in WRAPPED:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            else:
                cell.alignment = Alignment(vertical="top")
    return keys

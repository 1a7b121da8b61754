"""PDF with Thai text, once for every document: fonts, line-break hints and page setup.

Used by the visit sheet (``analytics.io.exports.visit_sheet``) and the executive briefing
(``analytics.reports.briefing.layout``).
"""

from analytics.io.pdf.breaks import ZWSP, thai_break_hints
from analytics.io.pdf.fonts import (
    DEFAULT_FONT_DIR,
    FONT_DIR_ENV,
    THAI_FONT_FAMILIES,
    ThaiFont,
    ThaiFontNotFoundError,
    add_thai_font,
    find_thai_font,
    font_dir,
)
from analytics.io.pdf.page import format_printed_at, heading, new_document

__all__ = [
    "DEFAULT_FONT_DIR",
    "FONT_DIR_ENV",
    "THAI_FONT_FAMILIES",
    "ZWSP",
    "ThaiFont",
    "ThaiFontNotFoundError",
    "add_thai_font",
    "find_thai_font",
    "font_dir",
    "format_printed_at",
    "heading",
    "new_document",
    "thai_break_hints",
]

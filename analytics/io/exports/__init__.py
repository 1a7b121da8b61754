"""Field exports of a visit list: CSV, Excel, GeoJSON, KML and a printable A4 visit sheet (PDF).

``table`` normalises the list (known columns only, typed, visiting order); ``spreadsheet``
writes CSV and Excel, ``geo`` GeoJSON and KML, ``visit_sheet`` the PDF (Thai fonts, shaping and
page setup from :mod:`analytics.io.pdf`, re-exported here for the callers of the visit sheet).
"""

from analytics.io.exports.geo import (
    coordinates_mask,
    skipped_without_coordinates,
    to_geojson_bytes,
    to_kml_bytes,
)
from analytics.io.exports.spreadsheet import to_csv_bytes, to_excel_bytes
from analytics.io.exports.table import (
    EXPORT_COLUMNS,
    EXPORT_HEADERS_EN,
    EXPORT_HEADERS_TH,
    export_table,
    headers,
    visit_table,
)
from analytics.io.exports.visit_sheet import visit_sheet_pdf
from analytics.io.pdf import (
    DEFAULT_FONT_DIR,
    ZWSP,
    ThaiFont,
    ThaiFontNotFoundError,
    add_thai_font,
    find_thai_font,
    format_printed_at,
    thai_break_hints,
)

__all__ = [
    "DEFAULT_FONT_DIR",
    "EXPORT_COLUMNS",
    "EXPORT_HEADERS_EN",
    "EXPORT_HEADERS_TH",
    "ZWSP",
    "ThaiFont",
    "ThaiFontNotFoundError",
    "add_thai_font",
    "coordinates_mask",
    "export_table",
    "find_thai_font",
    "format_printed_at",
    "headers",
    "skipped_without_coordinates",
    "thai_break_hints",
    "to_csv_bytes",
    "to_excel_bytes",
    "to_geojson_bytes",
    "to_kml_bytes",
    "visit_sheet_pdf",
    "visit_table",
]

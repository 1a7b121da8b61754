"""Field exports of a visit list: CSV, Excel, GeoJSON, KML and a printable A4 visit sheet (PDF).

Input is a DataFrame with one row per household to visit and (any of) the columns in
``EXPORT_COLUMNS``; other columns are left out, so a caller cannot leak a column by accident.
The exports write what they are given: mask or drop ``head_name`` / ``citizen_id`` *before*
calling when the reader may not see them. Rows come out in visiting order (``order``).
"""

from __future__ import annotations

import html
import io
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from analytics import settings
from analytics.text import formatting

EXPORT_COLUMNS: tuple[str, ...] = (
    "order",
    "house_code",
    "village_id",
    "village_name",
    "tambon_code",
    "tambon_name",
    "head_name",
    "citizen_id",
    "members",
    "target_members",
    "failed_indicators",
    "reasons",
    "critical",
    "stage",
    "status",
    "lat",
    "lon",
)

EXPORT_HEADERS_TH: dict[str, str] = {
    "order": "ลำดับ",
    "house_code": "รหัสบ้าน",
    "village_id": "รหัสหมู่บ้าน",
    "village_name": "หมู่บ้าน",
    "tambon_code": "รหัสตำบล",
    "tambon_name": "ตำบล",
    "head_name": "หัวหน้าครัวเรือน",
    "citizen_id": "เลขประจำตัวประชาชน",
    "members": "จำนวนสมาชิก",
    "target_members": "สมาชิกเป้าหมาย",
    "failed_indicators": "ตัวชี้วัดที่ไม่ผ่าน",
    "reasons": "เหตุผล",
    "critical": "วิกฤต",
    "stage": "ขั้นการพัฒนา",
    "status": "สถานะ",
    "lat": "ละติจูด",
    "lon": "ลองจิจูด",
}

EXPORT_HEADERS_EN: dict[str, str] = {
    "order": "Order",
    "house_code": "House code",
    "village_id": "Village code",
    "village_name": "Village",
    "tambon_code": "Subdistrict code",
    "tambon_name": "Subdistrict",
    "head_name": "Head of household",
    "citizen_id": "Citizen ID",
    "members": "Members",
    "target_members": "Target members",
    "failed_indicators": "Failed indicators",
    "reasons": "Reasons",
    "critical": "Critical",
    "stage": "Development stage",
    "status": "Status",
    "lat": "Latitude",
    "lon": "Longitude",
}

# Codes are text: zero-padded back to their width when they arrive as numbers.
CODE_WIDTHS: dict[str, int | None] = {
    "house_code": 11,
    "village_id": 10,
    "tambon_code": 6,
    "citizen_id": None,  # may be masked ("9-xxxx-xxxxx-12-3"): never padded
}
INTEGER_COLUMNS = ("order", "members", "target_members")
FLOAT_COLUMNS = ("lat", "lon")
YES_NO = {"th": ("ใช่", "ไม่ใช่"), "en": ("Yes", "No")}


def headers(lang: str = "th") -> dict[str, str]:
    """Column name → header in ``lang`` ("th" or "en")."""
    if lang not in ("th", "en"):
        raise ValueError(f"lang must be 'th' or 'en', not {lang!r}")
    return EXPORT_HEADERS_TH if lang == "th" else EXPORT_HEADERS_EN


# ---------------------------------------------------------------------------------------------
# Normalised table


def _code_text(value: object, width: int | None) -> str | None:
    if value is None or (np.ndim(value) == 0 and pd.isna(value)):
        return None
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        text = str(int(value))
    elif isinstance(value, (float, np.floating)) and float(value).is_integer():
        text = str(int(value))
    else:
        text = str(value).strip()
    if width and text.isdigit() and len(text) < width:
        text = text.zfill(width)
    return text or None


def _flag(value: object) -> bool | None:
    if value is None or (np.ndim(value) == 0 and pd.isna(value)):
        return None
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "y", "ใช่", "วิกฤต")
    return bool(value)


def _text(value: object) -> str | None:
    if value is None or (np.ndim(value) == 0 and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _normalise_column(name: str, values: pd.Series) -> pd.Series:
    if name in CODE_WIDTHS:
        return values.map(lambda v: _code_text(v, CODE_WIDTHS[name])).astype(object)
    if name in INTEGER_COLUMNS:
        return pd.to_numeric(values, errors="coerce").round().astype("Int64")
    if name in FLOAT_COLUMNS:
        return pd.to_numeric(values, errors="coerce").astype(float)
    if name == "critical":
        return values.map(_flag).astype(object)
    return values.map(_text).astype(object)


def visit_table(df: pd.DataFrame) -> pd.DataFrame:
    """The known columns of ``df`` in ``EXPORT_COLUMNS`` order, typed, sorted by ``order``.

    Codes become strings (leading zeros restored), counts nullable integers, ``critical`` a
    True/False/None object column and missing text None.
    """
    columns = [c for c in EXPORT_COLUMNS if c in df.columns]
    table = pd.DataFrame({c: _normalise_column(c, df[c]) for c in columns}, index=df.index)
    if "order" in table.columns:
        table = table.sort_values("order", kind="stable", na_position="last")
    return table.reset_index(drop=True)


def export_table(df: pd.DataFrame, lang: str = "th") -> pd.DataFrame:
    """What the CSV and Excel files hold: ``visit_table`` with headers and yes/no in ``lang``."""
    names = headers(lang)
    table = visit_table(df)
    if "critical" in table.columns:
        yes, no = YES_NO[lang]
        table["critical"] = table["critical"].map(lambda v: None if v is None else yes if v else no)
    return table.rename(columns=names)


# ---------------------------------------------------------------------------------------------
# CSV and Excel


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


_COMBINING = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u200b]")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_EXCEL_WIDTH = 60


def _display_width(text: str) -> int:
    """Characters that take horizontal space: Thai vowel and tone marks sit above or below."""
    longest_line = max(str(text).split("\n"), key=len)
    return len(_COMBINING.sub("", longest_line))


def _sheet_title(title: str) -> str:
    return _SHEET_TITLE_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet1"


def _cell_value(value: object) -> object:
    if value is None or (np.ndim(value) == 0 and pd.isna(value)):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def to_excel_bytes(df: pd.DataFrame, lang: str = "th", sheet_title: str = "รายการเยี่ยมบ้าน") -> bytes:
    """An .xlsx with a frozen, filterable header row; codes stored as text so zeros survive."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    names = headers(lang)
    table = export_table(df, lang)
    keys = [k for k in EXPORT_COLUMNS if names[k] in table.columns]
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(sheet_title)
    sheet.append(list(table.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in table.itertuples(index=False, name=None):
        sheet.append([_cell_value(v) for v in row])
    for col, key in enumerate(keys, start=1):
        letter = get_column_letter(col)
        values = [str(v) for v in table.iloc[:, col - 1] if _cell_value(v) is not None]
        width = max([_display_width(names[key]), *map(_display_width, values)]) + 2
        sheet.column_dimensions[letter].width = min(width, MAX_EXCEL_WIDTH)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            if cell.data_type == "f":  # openpyxl takes any "=..." text for a formula
                cell.data_type = "s"
            if key in CODE_WIDTHS:
                cell.number_format = "@"
            elif key in FLOAT_COLUMNS:
                cell.number_format = "0.000000"
            if key in ("reasons", "failed_indicators"):
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            else:
                cell.alignment = Alignment(vertical="top")
    sheet.freeze_panes = "A2"
    if keys:
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# GeoJSON and KML


def coordinates_mask(df: pd.DataFrame) -> np.ndarray:
    """True for rows with a usable lat/lon (finite and in range)."""
    if "lat" not in df.columns or "lon" not in df.columns:
        return np.zeros(len(df), dtype=bool)
    lat = pd.to_numeric(df["lat"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lon = pd.to_numeric(df["lon"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        return np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)


def skipped_without_coordinates(df: pd.DataFrame) -> int:
    """How many rows the GeoJSON and KML exports leave out for lack of coordinates."""
    return int((~coordinates_mask(df)).sum())


def _json_value(value: object) -> object:
    value = _cell_value(value)
    return bool(value) if isinstance(value, np.bool_) else value


def to_geojson_bytes(df: pd.DataFrame) -> bytes:
    """RFC 7946 FeatureCollection of Points, coordinates [lon, lat] (WGS 84), UTF-8.

    Property keys are the English column names (``house_code``, ``reasons``, ...): stable keys
    that GIS tools and scripts can rely on; the values stay Thai. ``EXPORT_HEADERS_TH`` gives
    the Thai label of each key. Rows without coordinates are left out: see
    ``skipped_without_coordinates``.
    """
    table = visit_table(df)
    located = table[coordinates_mask(table)]
    props = [c for c in located.columns if c not in FLOAT_COLUMNS]
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(float(row["lon"]), 7), round(float(row["lat"]), 7)],
            },
            "properties": {c: _json_value(row[c]) for c in props},
        }
        for _, row in located.iterrows()
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


KML_ICON = "http://maps.google.com/mapfiles/kml/pushpin/wht-pushpin.png"


def _placemark_name(row: pd.Series) -> str:
    parts = [f"{row['order']}." if pd.notna(row.get("order")) else None, row.get("house_code")]
    return " ".join(p for p in parts if p) or "-"


def _placemark_description(row: pd.Series, lang: str) -> str:
    """HTML lines (escaped), which Google Earth, Organic Maps and OsmAnd show as text."""
    names = headers(lang)
    lines = []
    for key in ("village_name", "tambon_name", "head_name", "members", "target_members"):
        if _cell_value(row.get(key)) is not None:
            lines.append(f"{names[key]}: {row[key]}")
    if row.get("critical"):
        lines.append(f"{names['critical']}: {YES_NO[lang][0]}")
    if row.get("reasons"):
        lines.extend(part.strip() for part in str(row["reasons"]).split(";") if part.strip())
    if row.get("failed_indicators"):
        lines.append(f"{names['failed_indicators']}: {row['failed_indicators']}")
    return "<br/>".join(html.escape(line) for line in lines)


def to_kml_bytes(df: pd.DataFrame, name: str = "รายการเยี่ยมบ้าน", lang: str = "th") -> bytes:
    """KML 2.2 placemarks "order. house_code" in visiting order; critical households in red.

    Rows without coordinates are left out (see ``skipped_without_coordinates``).
    """
    import simplekml

    kml = simplekml.Kml(name=name)
    styles = {}
    for critical, colour in ((True, simplekml.Color.red), (False, simplekml.Color.blue)):
        style = simplekml.Style()
        style.iconstyle.icon.href = KML_ICON
        style.iconstyle.color = colour
        styles[critical] = style
    table = visit_table(df)
    for _, row in table[coordinates_mask(table)].iterrows():
        point = kml.newpoint(
            name=_placemark_name(row), coords=[(float(row["lon"]), float(row["lat"]))]
        )
        point.description = _placemark_description(row, lang)
        point.style = styles[bool(row.get("critical"))]
    return kml.kml().encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Thai line-break hints

ZWSP = "\u200b"
_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
_FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46")  # ะ า ำ ๅ ๆ: never start a line
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ: start a syllable
_SYLLABLE_ENDS = frozenset("\u0e30\u0e33\u0e46\u0e2f\u0e4c")  # ะ ำ ๆ ฯ ์: end a syllable


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _cluster_safe(word: str, i: int) -> bool:
    """A break between word[i-1] and word[i] keeps every vowel and tone mark on its consonant."""
    return word[i] not in _MARKS | _FOLLOWING_VOWELS and word[i - 1] not in _LEADING_VOWELS


def _syllable_break(word: str, i: int) -> bool:
    if not _cluster_safe(word, i):
        return False
    before, after = word[i - 1], word[i]
    return (
        after in _LEADING_VOWELS
        or before in _SYLLABLE_ENDS
        or (_is_thai(before) != _is_thai(after) and after not in ".,;:)")
    )


def _split_at(word: str, allowed: Callable[[str, int], bool]) -> list[str]:
    cuts = [0, *(i for i in range(1, len(word)) if allowed(word, i)), len(word)]
    return [word[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def _hint_word(word: str, fits: Callable[[str], bool]) -> str:
    if fits(word):
        return word
    pieces = []
    for piece in _split_at(word, _syllable_break):
        pieces.extend([piece] if fits(piece) else _split_at(piece, _cluster_safe))
    return ZWSP.join(pieces)


def thai_break_hints(text: str, fits: Callable[[str], bool]) -> str:
    """Add zero-width spaces where a too-long Thai run may wrap.

    Thai writes no spaces between words, and fpdf2 otherwise cuts an over-long run at any
    character, which can strand a vowel or tone mark at the start of a line. Words that fit
    are left alone; the others get break chances before leading vowels and after syllable
    ends, and only a piece that still does not fit is opened at every cluster boundary.
    """
    return "\n".join(
        " ".join(_hint_word(word, fits) if word else word for word in line.split(" "))
        for line in text.split("\n")
    )


# ---------------------------------------------------------------------------------------------
# Thai font

DEFAULT_FONT_DIR = settings.DEFAULT_FONT_DIR
FONT_DIR_ENV = "CHIPAO_FONT_DIR"
THAI_FONT_FAMILIES = ("Garuda", "Loma", "Waree", "Umpush", "Norasi", "Kinnari", "Sawasdee")
# Glyphs the Thai fonts may lack (Garuda has no "≥"), looked up in this order; names are
# relative to the font directory, the absolute path is Debian's fonts-dejavu-core.
FALLBACK_FONT_FILES = (
    "Waree.ttf",
    "DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


class ThaiFontNotFoundError(FileNotFoundError):
    """No Thai TrueType font to draw the visit sheet with."""


@dataclass(frozen=True)
class ThaiFont:
    family: str
    regular: Path
    bold: Path
    fallbacks: tuple[Path, ...] = ()


def font_dir() -> Path:
    """``$CHIPAO_FONT_DIR`` when set, else Debian's fonts-thai-tlwg directory."""
    return settings.current().font_dir


def find_thai_font(directory: Path | str | None = None) -> ThaiFont:
    """The first of ``THAI_FONT_FAMILIES`` found in ``directory`` (bold falls back to regular)."""
    directory = Path(directory) if directory is not None else font_dir()
    for family in THAI_FONT_FAMILIES:
        regular = directory / f"{family}.ttf"
        if regular.is_file():
            bold = directory / f"{family}-Bold.ttf"
            fallbacks = tuple(
                path
                for path in (directory / name for name in FALLBACK_FONT_FILES)
                if path.is_file() and path != regular
            )
            return ThaiFont(family, regular, bold if bold.is_file() else regular, fallbacks)
    wanted = ", ".join(f"{f}.ttf" for f in THAI_FONT_FAMILIES)
    raise ThaiFontNotFoundError(
        f"No Thai font in {directory} (looked for {wanted}). Install Debian's fonts-thai-tlwg "
        f"(apt-get install fonts-thai-tlwg) or set {FONT_DIR_ENV} to a folder holding one of them."
    )


# ---------------------------------------------------------------------------------------------
# Visit sheet (PDF)

SHEET_TEXT = {
    "th": {
        "area": "พื้นที่",
        "team": "ทีม",
        "printed": "พิมพ์เมื่อ",
        "count": "{n} ครัวเรือน (วิกฤต {critical})",
        "page": "หน้า",
        "tambon": "ต.",
        "indicators": "ตัวชี้วัดที่ไม่ผ่าน",
    },
    "en": {
        "area": "Area",
        "team": "Team",
        "printed": "Printed",
        "count": "{n} households ({critical} critical)",
        "page": "Page",
        "tambon": "",
        "indicators": "Failed indicators",
    },
}


@dataclass(frozen=True)
class SheetColumn:
    key: str
    th: str
    en: str
    width: float  # mm; the reasons column takes what is left
    align: str = "LEFT"


SHEET_COLUMNS = (
    SheetColumn("order", "ลำดับ", "No.", 12, "CENTER"),
    SheetColumn("house_code", "รหัสบ้าน", "House code", 24),
    SheetColumn("village", "หมู่บ้าน", "Village", 28),
    SheetColumn("head_name", "หัวหน้าครัวเรือน", "Head of household", 30),
    SheetColumn("members", "สมาชิก (เป้าหมาย)", "Members (target)", 20, "CENTER"),
    SheetColumn("reasons", "เหตุผล / ตัวชี้วัดที่ไม่ผ่าน", "Reasons / failed indicators", 0),
    SheetColumn("critical", "วิกฤต", "Critical", 14, "CENTER"),
    SheetColumn("visit_date", "วันที่เยี่ยม", "Visit date", 20),
    SheetColumn("outcome", "ผลการเยี่ยม", "Visit outcome", 32),
    SheetColumn("signature", "ลายมือชื่อ", "Signature", 21),
)
PAGE_MARGIN_MM = 10
WRITE_IN_ROW_MM = 13  # room to write by hand in the empty columns
BODY_PT = 9.5
CELL_PADDING_MM = (1.2, 1.2)  # vertical, horizontal: room for stacked Thai marks


def format_printed_at(printed_at: date | datetime | str, lang: str = "th") -> str:
    """The sheet's print date in the one date style (:func:`analytics.text.formatting.date_label`);
    text is printed as given."""
    if isinstance(printed_at, str):
        return printed_at
    return formatting.date_label(printed_at, lang, with_time=isinstance(printed_at, datetime))


def _sheet_cells(row: dict | pd.Series, lang: str, show_tambon: bool) -> dict[str, str]:
    """The text of one visit-sheet row, by ``SheetColumn.key``."""
    words = SHEET_TEXT[lang]

    def get(key: str) -> str:
        value = row.get(key)
        return "" if _cell_value(value) is None else str(value)

    village = get("village_name")
    if show_tambon and get("tambon_name"):
        village = f"{village}\n{words['tambon']}{get('tambon_name')}".strip()
    members = get("members")
    if get("target_members"):
        members = f"{members} ({get('target_members')})"
    reasons = [part.strip() for part in get("reasons").split(";") if part.strip()]
    if get("failed_indicators"):
        reasons.append(f"{words['indicators']}: {get('failed_indicators')}")
    return {
        "order": get("order"),
        "house_code": get("house_code"),
        "village": village,
        "head_name": get("head_name"),
        "members": members,
        "reasons": "\n".join(reasons),
        "critical": YES_NO[lang][0] if row.get("critical") else "",
    }


def _sheet_columns(table: pd.DataFrame, usable_width: float) -> list[tuple[SheetColumn, float]]:
    has_head = "head_name" in table.columns and table["head_name"].notna().any()
    columns = [c for c in SHEET_COLUMNS if c.key != "head_name" or has_head]
    fixed = sum(c.width for c in columns)
    return [(c, c.width or usable_width - fixed) for c in columns]


def _new_pdf(font: ThaiFont, footer_text: Callable[[int], str]):
    from fpdf import FPDF

    class VisitSheetPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-PAGE_MARGIN_MM - 2)
            self.set_font(font.family, size=8)
            self.set_text_color(90)
            self.cell(0, 5, footer_text(self.page_no()), align="R")
            self.set_text_color(0)

    pdf = VisitSheetPDF(orientation="L", unit="mm", format="A4")
    pdf.set_margins(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    pdf.set_auto_page_break(True, margin=PAGE_MARGIN_MM + 6)
    add_thai_font(pdf, font)
    return pdf


def add_thai_font(pdf, font: ThaiFont) -> None:
    """Register ``font`` (regular, bold, fallbacks for missing glyphs) and turn on shaping."""
    pdf.add_font(font.family, "", str(font.regular))
    pdf.add_font(font.family, "B", str(font.bold))
    fallback_names = []
    for i, path in enumerate(font.fallbacks):
        pdf.add_font(f"fallback{i}", "", str(path))
        fallback_names.append(f"fallback{i}")
    if fallback_names:
        pdf.set_fallback_fonts(fallback_names, exact_match=False)
    _enable_text_shaping(pdf)


def _enable_text_shaping(pdf) -> None:
    """Thai vowels and tone marks need OpenType shaping (uharfbuzz) to sit in the right place."""
    try:
        pdf.set_text_shaping(True)
    except Exception as error:  # fpdf2 raises FPDFException when uharfbuzz is missing
        warnings.warn(
            f"Thai text shaping is off ({error}); install uharfbuzz for correctly placed marks",
            stacklevel=3,
        )


def _sheet_heading(pdf, font: ThaiFont, title: str, lines: list[str]) -> None:
    pdf.set_font(font.family, "B", 16)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font.family, size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _fits(width: Callable[[str, str], float], style: str, room: float) -> Callable[[str], bool]:
    """Whether a word fits ``room`` mm (``width(style, text)``, cached by the caller)."""

    def fits(text: str) -> bool:
        return width(style, text) <= room

    return fits


def _sheet_text(
    width: Callable[[str, str], float],
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
    heading = [c.th if lang == "th" else c.en for c, _ in columns]
    show_tambon = "tambon_name" in table.columns and table["tambon_name"].nunique() > 1
    hinted: dict = {}

    def hint(text: str, fits: Callable[[str], bool]) -> str:
        if not memo:
            return thai_break_hints(text, fits)
        if (text, fits) not in hinted:
            hinted[text, fits] = thai_break_hints(text, fits)
        return hinted[text, fits]

    rows = [[hint(text, fits) for text, fits in zip(heading, heading_fits, strict=True)]]
    for row in table.to_dict("records"):
        cells = _sheet_cells(row, lang, show_tambon)
        texts = [cells.get(key, "") for key in keys]
        rows.append([hint(text, fits) for text, fits in zip(texts, body_fits, strict=True)])
    return rows


def _sheet_table(pdf, font: ThaiFont, table: pd.DataFrame, lang: str) -> None:
    """The visit table, laid out by :mod:`analytics.io.sheet_layout` (each distinct line shaped
    once: an amphoe's 1,200 households in seconds instead of 40)."""
    from analytics.io import sheet_layout

    usable = pdf.w - 2 * PAGE_MARGIN_MM
    columns = _sheet_columns(table, usable)
    pdf.set_font(font.family, "", BODY_PT)
    stamps = sheet_layout.Stamps(pdf, font.family, BODY_PT, pdf.font_size * 1.5)
    heading, *body = _sheet_text(stamps.width, table, columns, lang)
    grid = sheet_layout.Grid(
        stamps,
        [sheet_layout.Column(w, c.align, c.key == "critical") for c, w in columns],
        CELL_PADDING_MM,
        WRITE_IN_ROW_MM,
        (225, 235, 247),
    )
    grid.heading(heading)
    for texts in body:
        grid.row(texts)


def _sheet_table_fpdf(pdf, font: ThaiFont, table: pd.DataFrame, lang: str) -> None:
    """The old layout (fpdf2 table, each cell measured per character): the benchmark baseline."""
    from fpdf.fonts import FontFace

    usable = pdf.w - 2 * PAGE_MARGIN_MM
    columns = _sheet_columns(table, usable)

    def width(style: str, text: str) -> float:
        pdf.set_font(font.family, style, BODY_PT)
        return pdf.get_string_width(text)

    heading, *body = _sheet_text(width, table, columns, lang, memo=False)
    pdf.set_font(font.family, "", BODY_PT)
    bold = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=[w for _, w in columns],
        width=usable,
        text_align=[c.align for c, _ in columns],
        v_align="TOP",
        line_height=pdf.font_size * 1.5,
        padding=CELL_PADDING_MM,
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 235, 247)),
        repeat_headings=1,
        min_row_height=WRITE_IN_ROW_MM,
    ) as grid:
        grid.row(heading)
        for texts in body:
            line = grid.row()
            for (column, _), text in zip(columns, texts, strict=True):
                line.cell(text, style=bold if column.key == "critical" else None)


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
    words = SHEET_TEXT[lang]
    font = find_thai_font()
    table = visit_table(df)
    if "order" not in table.columns:
        table.insert(0, "order", pd.array(range(1, len(table) + 1), dtype="Int64"))
    n_critical = int(table["critical"].map(bool).sum()) if "critical" in table.columns else 0
    pdf = _new_pdf(font, lambda page: f"{title_th} · {area_name}    {words['page']} {page}/{{nb}}")
    pdf.set_title(title_th)
    pdf.set_creator("Chipao")
    pdf.set_lang(lang)
    pdf.add_page()
    when = format_printed_at(printed_at, lang)
    heading = [
        f"{words['area']}: {area_name}    {words['team']}: {team}    {words['printed']}: {when}",
        words["count"].format(n=len(table), critical=n_critical),
    ]
    _sheet_heading(pdf, font, title_th, heading)
    (_sheet_table_fpdf if legacy else _sheet_table)(pdf, font, table, lang)
    return bytes(pdf.output())


__all__ = [
    "EXPORT_COLUMNS",
    "EXPORT_HEADERS_EN",
    "EXPORT_HEADERS_TH",
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

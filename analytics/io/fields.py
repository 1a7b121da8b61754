"""Field checks shared by both importers: codes, IDs, numbers, and how a rejected value is shown.

Every check takes the cell text and returns ``(value, problem)``: the cleaned value, and None
or a ``Problem`` (a label key in catalogue/labels/imports.toml with its format values). Digits
in any script (Thai ``๑๒๓``, full-width ``１２３``...) are read as Arabic digits; look-alikes that
are not decimal digits (``²``, ``①``) are refused, never passed to ``int()``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from analytics.domain import area_codes, citizen_id
from analytics.text import labels

MAX_AGE = 120
MAX_SHOWN = 40  # characters of a rejected value shown in a report
_UNICODE_DIGIT = re.compile(r"\d")  # str patterns match every Unicode decimal digit (Nd)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—−_.'/]")
_ASCII_DIGITS = re.compile(r"[0-9]+")
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]+)?[eE][+]?[0-9]+")
_LONG_NUMBER = re.compile(r"[0-9](?:[\s-]?[0-9]){11,}")  # 12+ digits: could be a citizen ID
_VILLAGE = re.compile(r"([0-9]{6})([0-9A-Z]{2})([0-9]{2})?")  # TPMAP has letters: 410151A901
_NUMBER = re.compile(r"[+]?[0-9]+(?:\.[0-9]*)?|[+]?\.[0-9]+")


@dataclass(frozen=True)
class Problem:
    key: str  # label key (imports.toml)
    values: dict = field(default_factory=dict)

    def texts(self) -> tuple[str, str]:
        return labels.t(self.key, "th", **self.values), labels.t(self.key, "en", **self.values)


def ascii_digits(text: str) -> str:
    """``text`` with every Unicode decimal digit written as 0-9 (``๑๒`` and ``１２`` -> ``12``)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    return _UNICODE_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)


def code_text(text: str) -> str:
    """A code as typed with its digits normalised and spaces/dashes dropped: ``1-2345-...``."""
    return _SEPARATORS.sub("", ascii_digits(text.strip()))


def excel_damaged(text: str, digits: int) -> bool:
    """True when Excel turned a long code into a number shown with 6 significant digits.

    ``1.23457E+12`` (the text Excel writes to CSV), or the number it stands for once re-saved
    as .xlsx: ``1234570000000`` (a code of ``digits`` digits ending in a run of zeros).
    """
    text = ascii_digits(text.strip())
    if _SCIENTIFIC.fullmatch(text):
        return True
    return digits >= 12 and len(text) == digits and text.isdigit() and len(text.rstrip("0")) <= 6


def _plain_code(text: str, digits: int) -> bool:
    """The common case, checked first: exactly ``digits`` ASCII digits, nothing else."""
    return len(text) == digits and text.isascii() and text.isdigit()


def citizen_id_check(text: str) -> tuple[str, Problem | None]:
    if _plain_code(text, 13) and len(text.rstrip("0")) > 6 and citizen_id.is_valid(text):
        return text, None
    if excel_damaged(text, 13):
        return text, Problem("fault_excel_id", {"shown": text.strip()[:20]})
    value = code_text(text)
    if not _plain_code(value, 13):
        return value, Problem("fault_id_digits")
    if not citizen_id.is_valid(value):
        return value, Problem("fault_id_checksum")
    return value, None


def house_code_check(text: str) -> tuple[str, Problem | None]:
    if _plain_code(text, 11):
        return text, None
    if excel_damaged(text, 11):
        return text, Problem("fault_excel_code", {"shown": text.strip()[:20]})
    value = code_text(text)
    if not _plain_code(value, 11):
        return value, Problem("fault_house_digits")
    return value, None


def village_code_check(text: str) -> tuple[str, Problem | None]:
    """8 characters (tambon 6 + หมู่ 2) or TPMAP's 10; หมู่ may hold letters (``410151A9``)."""
    value = text if text.isascii() and text.isalnum() else code_text(text)
    value = value.upper()
    match = _VILLAGE.fullmatch(value) if value.isascii() else None
    if match is None:
        return value, Problem("fault_village_format")
    if not known_tambon(match.group(1)):
        return value, Problem("fault_unknown_tambon", {"code": match.group(1)})
    return value, None


def tambon_code_check(text: str) -> tuple[str, Problem | None]:
    value = code_text(text)
    if not (len(value) == 6 and value.isascii() and value.isdigit()):
        return value, Problem("fault_tambon_format")
    if not known_tambon(value):
        return value, Problem("fault_unknown_tambon", {"code": value})
    return value, None


def known_tambon(code: str) -> bool:
    """A DOPA tambon, or a municipal pseudo-tambon of a known amphoe (:mod:`analytics.domain.area_codes`,
    the one parser: 51–59, but also 400165, 400190–400199, 300161)."""
    if not _ASCII_DIGITS.fullmatch(code):
        return False
    return area_codes.is_dopa_tambon(code) or area_codes.is_municipal(code)


def whole_number_check(text: str, low: int, high: int) -> tuple[int | None, Problem | None]:
    value = ascii_digits(text.strip())
    if value.endswith(".0"):
        value = value[:-2]
    if not (_ASCII_DIGITS.fullmatch(value) and len(value) <= 6 and low <= int(value) <= high):
        return None, Problem("fault_whole_number", {"low": low, "high": high})
    return int(value), None


def amount_check(text: str) -> tuple[float | None, Problem | None]:
    """A finite, non-negative amount (``12,500.50``); ``nan``, ``inf`` and ``1e999`` are refused."""
    value = ascii_digits(text.strip()).replace(",", "").replace(" ", "")
    if not _NUMBER.fullmatch(value):
        return None, Problem("fault_amount")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        return None, Problem("fault_amount")
    return number, None


def shown(value: str, column: str) -> str:
    """A rejected value as a report may show it: IDs masked wherever they sit, long text cut."""
    text = ascii_digits(value.strip()) if value else ""
    if column in ("citizen_id", "head_citizen_id"):
        if _SCIENTIFIC.fullmatch(text):
            return text  # what Excel left: 6 digits, not an ID
        digits = re.sub(r"[^0-9]", "", text)
        if len(digits) == 13:
            return citizen_id.mask(digits)
        if len(text) > 2:
            return text[0] + "x" * min(len(text) - 2, MAX_SHOWN) + text[-1]
        return "x" * len(text)
    text = _LONG_NUMBER.sub(_mask_run, text)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def _mask_run(match: re.Match) -> str:
    digits = re.sub(r"[^0-9]", "", match.group())
    return citizen_id.mask(digits) if len(digits) == 13 else "x" * len(digits)


def report(row: int, column: str, header: str, value: str, problem: Problem) -> dict[str, object]:
    """One line of an error or warning table: row as Excel shows it, the user's own header."""
    reason_th, reason_en = problem.texts()
    return {
        "row": row,
        "field": header,
        "column": column,
        "value": shown(value, column),
        "reason_th": reason_th,
        "reason_en": reason_en,
    }


REPORT_COLUMNS = ["row", "field", "column", "value", "reason_th", "reason_en"]


def row_reports(
    line: int, row: tuple[int, int], cell: dict[str, str], names: dict[str, str], problems: list
) -> list[dict]:
    """Reports for a row whose fields failed: one "shifted row" report when the row has more
    cells than the header (``row`` = (cells, headers): its values sit in the wrong columns),
    else one per ``(column, Problem)`` under the file's own header."""
    cells, width = row
    if cells > width:
        shifted = Problem("fault_row_long", {"n": cells, "width": width})
        return [report(line, "(row)", "(row)", f"{cells}/{width}", shifted)]
    return [report(line, c, names[c], cell.get(c, ""), p) for c, p in problems]


def row_shape_problem(cells: list[str], width: int) -> Problem | None:
    """Fewer cells than headers, or more non-blank ones (an unquoted comma in a name?)."""
    if len(cells) < width:
        return Problem("fault_row_short", {"n": len(cells), "width": width})
    if any(c.strip() for c in cells[width:]):
        return Problem("fault_row_long", {"n": len(cells), "width": width})
    return None

"""Import a province's จปฐ./TPMAP household export (CSV or Excel) into Chipao's microdata schema.

Every row is validated; valid rows are kept and each rejected row is reported with its row
number (as the user sees it in Excel: the header is row 1), field and reason, in Thai and English.
A file that cannot be read at all raises ``ImportFileError`` with one clear message.
The accepted format is documented in README.md ("Importing a household export").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geothai
import numpy as np
import pandas as pd

from analytics import catalogue, citizen_id

ENCODINGS = (
    "utf-8-sig",
    "cp874",
)  # utf-8-sig also reads plain UTF-8; cp874 is a superset of TIS-620
MAX_AGE = 120

# accepted header -> canonical name (Thai headers as they appear in common exports)
HEADER_ALIASES = {
    "citizen_id": "citizen_id",
    "เลขประจำตัวประชาชน": "citizen_id",
    "house_code": "house_code",
    "รหัสบ้าน": "house_code",
    "village_code": "village_code",
    "รหัสหมู่บ้าน": "village_code",
    "name": "name",
    "ชื่อ-สกุล": "name",
    "sex": "sex",
    "เพศ": "sex",
    "age": "age",
    "อายุ": "age",
    "household_income": "income",
    "รายได้ครัวเรือนต่อปี": "income",
    "welfare_registered": "registered",
    "ลงทะเบียนบัตรสวัสดิการ": "registered",
    "welfare_verified": "verified",
    "ผ่านการตรวจสอบสิทธิ์": "verified",
    "disabled": "disabled",
    "ผู้พิการ": "disabled",
}
REQUIRED = ("citizen_id", "house_code", "village_code", "sex", "age", "income")
PASS_VALUES = {"1", "pass", "ผ่าน", "y", "yes"}
FAIL_VALUES = {"0", "fail", "ไม่ผ่าน", "n", "no"}
EMPTY_VALUES = {"", "-", "na", "n/a", "ไม่เกี่ยวข้อง"}
SEX_VALUES = {"1": 1, "ชาย": 1, "m": 1, "male": 1, "2": 2, "หญิง": 2, "f": 2, "female": 2}


class ImportFileError(ValueError):
    """The whole file is unreadable; ``message_th`` and ``message_en`` say why."""

    def __init__(self, message_th: str, message_en: str):
        super().__init__(f"{message_th} / {message_en}")
        self.message_th = message_th
        self.message_en = message_en


@dataclass
class ImportResult:
    persons: pd.DataFrame
    households: pd.DataFrame
    errors: pd.DataFrame  # row, field, value_shown, reason_th, reason_en
    encoding: str
    rows_read: int
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_rejected(self) -> int:
        return int(self.errors["row"].nunique()) if len(self.errors) else 0


def indicator_headers() -> dict[str, str]:
    """Indicator answer columns: the TPMAP code (``2.1``) or ``bmn8`` -> canonical column name."""
    headers = {}
    for ind in catalogue.indicators():
        if ind.code == "4.3":
            continue  # derived from household income and the threshold setting
        headers[ind.code] = ind.column
        headers[f"bmn{ind.bmn}"] = ind.column
    return headers


def _decode(raw: bytes) -> tuple[str, str]:
    if not raw.strip():
        raise ImportFileError("ไฟล์ว่างเปล่า ไม่มีข้อมูล", "The file is empty.")
    if b"\x00" in raw[:4096]:
        raise ImportFileError(
            "ไฟล์นี้ไม่ใช่ CSV หรือ Excel (.xlsx) ที่อ่านได้",
            "This is not a readable CSV or Excel (.xlsx) file.",
        )
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        "อ่านรหัสอักขระของไฟล์ไม่ได้ (รองรับ UTF-8 และ TIS-620/cp874)",
        "Cannot decode the file (UTF-8 and TIS-620/cp874 are supported).",
    )


def _read_rows(raw: bytes, filename: str) -> tuple[list[str], list[list[str]], str]:
    if filename.lower().endswith((".xlsx", ".xlsm")) or raw[:4] == b"PK\x03\x04":
        try:
            sheet = pd.read_excel(io.BytesIO(raw), dtype=str, header=None, keep_default_na=False)
        except Exception as exc:  # openpyxl raises many types for a broken workbook
            raise ImportFileError(
                "เปิดไฟล์ Excel ไม่ได้ (ไฟล์เสียหรือไม่ใช่ .xlsx)",
                f"Cannot open the Excel file (damaged or not .xlsx): {type(exc).__name__}",
            ) from None
        if sheet.empty:
            raise ImportFileError("ไฟล์ว่างเปล่า ไม่มีข้อมูล", "The file is empty.")
        rows = sheet.astype(str).values.tolist()
        return [str(h) for h in rows[0]], [list(map(str, r)) for r in rows[1:]], "xlsx"
    text, encoding = _decode(raw)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ImportFileError("ไฟล์ว่างเปล่า ไม่มีข้อมูล", "The file is empty.")
    return rows[0], rows[1:], encoding


def _canonical_headers(headers: list[str]) -> list[str]:
    """Map each header to its canonical name (case-insensitive); unknown headers pass through."""
    aliases = {**HEADER_ALIASES, **indicator_headers()}
    return [aliases.get(h.strip().lower(), h.strip()) for h in headers]


@lru_cache(maxsize=20_000)
def known_tambon(code: str) -> bool:
    """A tambon code in geothai, or a municipal pseudo-tambon (51-59) of a known amphoe."""
    if geothai.subdistrict(code) is not None:
        return True
    return (
        code[4:6].isdigit()
        and 51 <= int(code[4:6]) <= 59
        and geothai.district(code[:4]) is not None
    )


def _error(row: int, field_name: str, value: str, th: str, en: str) -> dict:
    shown = value if field_name != "citizen_id" else citizen_id.mask(value)  # no IDs in reports
    return {"row": row, "field": field_name, "value": shown, "reason_th": th, "reason_en": en}


def truncated_row_error(line: int, row: list[str], headers: list[str]) -> dict | None:
    """The report for a row with fewer fields than the header, else None."""
    if len(row) >= len(headers):
        return None
    return _error(
        line,
        "(row)",
        f"{len(row)}/{len(headers)}",
        f"แถวไม่ครบ มี {len(row)} ช่อง จาก {len(headers)} ช่อง",
        f"Truncated row: {len(row)} of {len(headers)} fields",
    )


def _answer(value: str) -> bool | None:
    """True = fails, False = passes, None = not applicable; raises ValueError otherwise."""
    text = value.strip().lower()
    if text in FAIL_VALUES:
        return True
    if text in PASS_VALUES:
        return False
    if text in EMPTY_VALUES:
        return None
    raise ValueError(text)


def _flag(value: str) -> bool:
    text = value.strip().lower()
    if text in {"1", "y", "yes", "true", "ใช่", "มี"}:
        return True
    if text in {"0", "n", "no", "false", "ไม่", "ไม่มี", ""}:
        return False
    raise ValueError(text)


def import_households(source: bytes | str | Path, filename: str | None = None) -> ImportResult:
    """Read and validate a household export; return valid persons/households and row errors."""
    if isinstance(source, (str, Path)):
        filename = filename or Path(source).name
        raw = Path(source).read_bytes()
    else:
        raw = source
    headers, rows, encoding = _read_rows(raw, filename or "upload.csv")
    columns = _canonical_headers(headers)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportFileError(
            f"ไม่พบคอลัมน์ที่จำเป็น: {', '.join(missing)}",
            f"Required column(s) missing: {', '.join(missing)}. See README for the accepted format.",
        )
    position = {name: i for i, name in enumerate(columns)}
    answer_columns = [c for c in dict.fromkeys(indicator_headers().values()) if c in position]
    errors: list[dict] = []
    records: list[dict] = []
    seen_ids: dict[str, int] = {}
    for offset, row in enumerate(rows):
        line = offset + 2  # header is line 1
        if truncated := truncated_row_error(line, row, headers):
            errors.append(truncated)
            continue
        cell = {name: row[i].strip() for name, i in position.items()}
        row_errors = _validate_row(line, cell, answer_columns)
        cid = cell["citizen_id"]
        if not row_errors and cid in seen_ids:
            row_errors.append(
                _error(
                    line,
                    "citizen_id",
                    cid,
                    f"เลขประจำตัวซ้ำกับแถว {seen_ids[cid]}",
                    f"Duplicate citizen ID (first seen on row {seen_ids[cid]})",
                )
            )
        if row_errors:
            errors.extend(row_errors)
            continue
        seen_ids[cid] = line
        records.append(_record(cell, answer_columns, line))
    persons, households = _to_microdata(records, answer_columns)
    error_frame = pd.DataFrame(errors, columns=["row", "field", "value", "reason_th", "reason_en"])
    return ImportResult(persons, households, error_frame, encoding, len(rows))


def _validate_row(line: int, cell: dict[str, str], answer_columns: list[str]) -> list[dict]:
    errors = []
    cid = cell["citizen_id"]
    if not (len(cid) == 13 and cid.isdigit()):
        errors.append(
            _error(
                line,
                "citizen_id",
                cid,
                "เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก",
                "Citizen ID must be 13 digits",
            )
        )
    elif not citizen_id.is_valid(cid):
        errors.append(
            _error(
                line,
                "citizen_id",
                cid,
                "เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบผิด)",
                "Citizen ID fails its checksum",
            )
        )
    house = cell["house_code"]
    if not (len(house) == 11 and house.isdigit()):
        errors.append(
            _error(
                line,
                "house_code",
                house,
                "รหัสบ้านต้องเป็นตัวเลข 11 หลัก",
                "House code must be 11 digits",
            )
        )
    village = cell["village_code"]
    if not (len(village) == 8 and village.isdigit()):
        errors.append(
            _error(
                line,
                "village_code",
                village,
                "รหัสหมู่บ้านต้องเป็นตัวเลข 8 หลัก",
                "Village code must be 8 digits",
            )
        )
    elif not known_tambon(village[:6]):
        errors.append(
            _error(
                line,
                "village_code",
                village,
                f"ไม่พบรหัสตำบล {village[:6]} ในทะเบียนกรมการปกครอง",
                f"Unknown tambon code {village[:6]} (not in DOPA codes)",
            )
        )
    age = cell["age"]
    if not age.isdigit() or int(age) > MAX_AGE:
        errors.append(
            _error(
                line,
                "age",
                age,
                f"อายุต้องเป็นจำนวนเต็ม 0–{MAX_AGE}",
                f"Age must be a whole number 0–{MAX_AGE}",
            )
        )
    if cell["sex"].lower() not in SEX_VALUES:
        errors.append(
            _error(
                line,
                "sex",
                cell["sex"],
                "เพศต้องเป็น 1/ชาย หรือ 2/หญิง",
                "Sex must be 1/male or 2/female",
            )
        )
    try:
        if float(cell["income"].replace(",", "")) < 0:
            raise ValueError
    except ValueError:
        errors.append(
            _error(
                line,
                "income",
                cell["income"],
                "รายได้ต้องเป็นตัวเลขไม่ติดลบ",
                "Income must be a non-negative number",
            )
        )
    for column in answer_columns:
        try:
            _answer(cell[column])
        except ValueError:
            errors.append(
                _error(
                    line,
                    column,
                    cell[column],
                    "คำตอบตัวชี้วัดต้องเป็น 1/ผ่าน, 0/ไม่ผ่าน หรือว่าง (ไม่เกี่ยวข้อง)",
                    "Indicator answer must be 1/pass, 0/fail or blank (not applicable)",
                )
            )
    for flag in ("registered", "verified", "disabled"):
        if flag in cell:
            try:
                _flag(cell[flag])
            except ValueError:
                errors.append(
                    _error(line, flag, cell[flag], "ค่าต้องเป็น 1 หรือ 0", "Value must be 1 or 0")
                )
    return errors


def _record(cell: dict[str, str], answer_columns: list[str], line: int) -> dict:
    record = {
        "row": line,
        "citizen_id": cell["citizen_id"],
        "name": cell.get("name", ""),
        "house_code": cell["house_code"],
        "village_code": cell["village_code"],
        "sex": SEX_VALUES[cell["sex"].lower()],
        "age": int(cell["age"]),
        "income": float(cell["income"].replace(",", "")),
        "registered": _flag(cell.get("registered", "0")),
        "verified": _flag(cell.get("verified", "0")),
        "disabled": _flag(cell.get("disabled", "0")),
    }
    for column in answer_columns:
        record[column] = bool(_answer(cell[column]))
    return record


def _to_microdata(records: list[dict], answer_columns: list[str]):
    """Split person rows into the persons and households frames that ``measures`` reads."""
    frame = pd.DataFrame(records)
    household_columns = [i.column for i in catalogue.household_indicators() if i.code != "4.3"]
    person_columns = [i.column for i in catalogue.person_indicators()]
    if frame.empty:
        persons = pd.DataFrame(columns=["citizen_id", "household_row", *person_columns])
        households = pd.DataFrame(columns=["house_code", "village_id", "members", "income"])
        return persons, households
    for column in household_columns + person_columns:
        if column not in frame.columns:
            frame[column] = False
    codes, household_row = np.unique(frame["house_code"].to_numpy(), return_inverse=True)
    frame["household_row"] = household_row.astype(np.int32)
    grouped = frame.groupby("household_row", sort=True)
    households = grouped.agg(
        house_code=("house_code", "first"),
        village_id=("village_code", "first"),
        income=("income", "first"),
        **{c: (c, "any") for c in household_columns},
    ).reset_index(drop=True)
    households["members"] = grouped.size().to_numpy().astype(np.int16)
    households["village_id"] = households["village_id"] + "01"  # TPMAP's 10-digit village id
    households["tambon"] = households["village_id"].str[:6]
    households["amphoe"] = households["village_id"].str[:4]
    households["province"] = households["village_id"].str[:2]
    persons = frame[
        [
            "row",
            "citizen_id",
            "name",
            "house_code",
            "household_row",
            "sex",
            "age",
            "disabled",
            "registered",
            "verified",
            *person_columns,
        ]
    ].copy()
    persons["verified"] = persons["verified"] & persons["registered"]
    return persons.reset_index(drop=True), households

"""Import a Thai QM household export (Ministry of Interior case system) and reconcile it with TPMAP.

``import_thaiqm`` reads a CSV (UTF-8, UTF-8 with BOM or TIS-620/cp874) or Excel (.xlsx) export
with one row per household case. Like the household importer (``analytics.importers``), every
row is validated: valid rows are kept, each rejected row is reported with its row number (the
header is row 1), field, value (citizen IDs masked) and reason in Thai and English, and a file
that cannot be read at all raises one ``ImportFileError``.

Accepted columns (headers in English or Thai, any order, English case-insensitive; other
columns are ignored):

| Column (English) | Column (Thai) | Required | Accepted values |
|---|---|---|---|
| `house_code` | `รหัสบ้าน` | one of `house_code` / `citizen_id` per row | 11 digits (dashes and spaces are ignored) |
| `citizen_id` | `เลขประจำตัวประชาชน` | one of `house_code` / `citizen_id` per row | 13 digits with a valid check digit (dashes and spaces are ignored); masked in error reports |
| `tambon_code` | `รหัสตำบล` | yes | 6-digit DOPA tambon code, or a municipal pseudo-code 51–59 of a known amphoe (e.g. `600151`) |
| `problem` | `ปัญหา` | no | free text |
| `status` | `สถานะ` | yes | `เป้าหมาย` / `target`, `อยู่ระหว่างดำเนินการ` / `in_progress`, `ช่วยเหลือแล้ว` / `assisted`, `แก้ไขได้ด้วยตนเอง` / `self_resolved`, `ส่งต่อ/แก้ไขไม่ได้` (or `ส่งต่อ`, `แก้ไขไม่ได้`) / `referred` |
| `updated` | `วันที่ปรับปรุง` | no | `DD/MM/YYYY` (Buddhist-era year, e.g. `25/11/2569` = 2026-11-25; a year below 2400 is read as Gregorian) or ISO `YYYY-MM-DD`, optionally followed by a time `HH:MM[:SS]`; blank = unknown |

Rows with the same household key (the house code, or the citizen ID for a row without a house
code) are duplicates: the row with the latest ``updated`` is kept (a blank date counts as oldest;
on a tie the lower row in the file wins) and the others are reported as duplicates.

``reconcile`` then matches a TPMAP household table with the cleaned Thai QM frame, by house code
first and by the household head's citizen ID for the households still unmatched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from analytics import catalogue, citizen_id
from analytics.importers import (
    ImportFileError,
    _error,
    _read_rows,
    known_tambon,
    truncated_row_error,
)

__all__ = [
    "ImportFileError",
    "Reconciliation",
    "STATUSES",
    "STATUS_LABELS",
    "ThaiQMImport",
    "import_thaiqm",
    "parse_date",
    "parse_status",
    "reconcile",
]

# The ศจพ. vocabulary, shared with the visit logbook (analytics/catalogue/case_statuses.csv).
STATUSES: tuple[str, ...] = catalogue.case_status_codes()
STATUS_LABELS: dict[str, tuple[str, str]] = catalogue.case_status_labels()


def _word(text: str) -> str:
    """Lower case without spaces, ``-`` or ``_``: ``Self-Resolved`` -> ``selfresolved``."""
    return re.sub(r"[\s_-]+", "", text.strip().lower())


# accepted status word (normalised by ``_word``) -> status code
STATUS_WORDS: dict[str, str] = {
    **{_word(code): code for code in STATUSES},
    **{_word(th): code for code, (th, _) in STATUS_LABELS.items()},
    "ส่งต่อ": "referred",
    "แก้ไขไม่ได้": "referred",
}
NOT_VISITED = "not_visited"  # TPMAP visit status of a household nobody has visited yet
TOTAL = "total"
UNKNOWN_TAMBON = "unknown"
CATEGORIES = ("matched", "tpmap_only", "thaiqm_only")

HEADER_ALIASES = {
    "house_code": "house_code",
    "รหัสบ้าน": "house_code",
    "citizen_id": "citizen_id",
    "เลขประจำตัวประชาชน": "citizen_id",
    "tambon_code": "tambon_code",
    "รหัสตำบล": "tambon_code",
    "problem": "problem",
    "ปัญหา": "problem",
    "status": "status",
    "สถานะ": "status",
    "updated": "updated",
    "วันที่ปรับปรุง": "updated",
}
REQUIRED = ("tambon_code", "status")
COLUMNS = ("row", "house_code", "citizen_id", "tambon", "problem", "status", "updated")
ERROR_COLUMNS = ["row", "field", "value", "reason_th", "reason_en"]
TPMAP_COLUMNS = ("house_code", "head_citizen_id", "tambon", "target", "visit_status")

BE_OFFSET = 543
_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME)
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_SEPARATORS = re.compile(r"[\s-]")


@dataclass
class ThaiQMImport:
    """Result of ``import_thaiqm``: the kept households and one error row per problem found."""

    households: pd.DataFrame  # row, house_code, citizen_id, tambon, problem, status, updated
    errors: pd.DataFrame  # row, field, value, reason_th, reason_en
    encoding: str
    rows_read: int
    rows_duplicate: int = 0

    @property
    def rows_rejected(self) -> int:
        """Rows not kept: invalid rows plus duplicates."""
        return int(self.errors["row"].nunique()) if len(self.errors) else 0


def parse_date(text: str) -> datetime | None:
    """``DD/MM/YYYY`` (Buddhist era if the year is 2400 or more) or ISO ``YYYY-MM-DD``.

    An optional time ``HH:MM[:SS]`` may follow. Blank gives None; anything else raises ValueError.
    """
    text = text.strip()
    if not text:
        return None
    if match := _DMY.fullmatch(text):
        day, month, year, *clock = match.groups()
    elif match := _YMD.fullmatch(text):
        year, month, day, *clock = match.groups()
    else:
        raise ValueError(text)
    year_number = int(year)
    if year_number >= 2400:
        year_number -= BE_OFFSET
    if not 1900 <= year_number <= 2100:
        raise ValueError(text)
    hour, minute, second = (int(c) if c else 0 for c in clock)
    return datetime(year_number, int(month), int(day), hour, minute, second)  # may raise


def parse_status(text: str) -> str:
    """The status code for a Thai word or English code; raises ValueError for anything else."""
    code = STATUS_WORDS.get(_word(text))
    if code is None:
        raise ValueError(text)
    return code


def import_thaiqm(source: bytes | str | Path, filename: str | None = None) -> ThaiQMImport:
    """Read and validate a Thai QM household export; return kept households and row errors."""
    if isinstance(source, (str, Path)):
        filename = filename or Path(source).name
        raw = Path(source).read_bytes()
    else:
        raw = source
    headers, rows, encoding = _read_rows(raw, filename or "upload.csv")
    columns = [HEADER_ALIASES.get(h.strip().lower(), h.strip()) for h in headers]
    _check_headers(columns)
    position = {name: i for i, name in enumerate(columns) if name in HEADER_ALIASES.values()}
    errors: list[dict] = []
    records: list[dict] = []
    for offset, row in enumerate(rows):
        line = offset + 2  # header is line 1
        if truncated := truncated_row_error(line, row, headers):
            errors.append(truncated)
            continue
        cell = {name: row[i].strip() for name, i in position.items()}
        record, row_errors = _validate_row(line, cell)
        if row_errors:
            errors.extend(row_errors)
        else:
            records.append(record)
    kept, duplicates = _drop_duplicates(records)
    errors.extend(duplicates)
    households = pd.DataFrame(kept, columns=list(COLUMNS))
    households["row"] = households["row"].astype("int64")
    households["updated"] = pd.to_datetime(households["updated"])
    error_frame = pd.DataFrame(errors, columns=ERROR_COLUMNS)
    error_frame = error_frame.sort_values("row", kind="stable").reset_index(drop=True)
    return ThaiQMImport(households, error_frame, encoding, len(rows), len(duplicates))


def _check_headers(columns: list[str]) -> None:
    missing = [c for c in REQUIRED if c not in columns]
    if "house_code" not in columns and "citizen_id" not in columns:
        missing.insert(0, "house_code / citizen_id")
    if missing:
        raise ImportFileError(
            f"ไม่พบคอลัมน์ที่จำเป็น: {', '.join(missing)}",
            f"Required column(s) missing: {', '.join(missing)}. "
            "See README for the accepted Thai QM format.",
        )
    repeated = sorted({c for c in columns if c in HEADER_ALIASES.values() and columns.count(c) > 1})
    if repeated:
        raise ImportFileError(
            f"คอลัมน์ซ้ำกัน: {', '.join(repeated)}",
            f"Column(s) given twice (English and Thai header?): {', '.join(repeated)}",
        )


def _report(line: int, field_name: str, value: str, th: str, en: str) -> dict:
    """``importers._error``, also masking a citizen ID typed into the house-code column."""
    if field_name == "house_code" and len(value) == 13 and value.isdigit():
        value = citizen_id.mask(value)
    return _error(line, field_name, value, th, en)


def _validate_row(line: int, cell: dict[str, str]) -> tuple[dict, list[dict]]:
    errors: list[dict] = []
    house = _SEPARATORS.sub("", cell.get("house_code", ""))
    cid = _SEPARATORS.sub("", cell.get("citizen_id", ""))
    if not house and not cid:
        errors.append(
            _report(
                line,
                "house_code",
                "",
                "ต้องมีรหัสบ้านหรือเลขประจำตัวประชาชนอย่างน้อยหนึ่งอย่าง",
                "A house code or a citizen ID is required (at least one)",
            )
        )
    if house and not (len(house) == 11 and house.isdigit()):
        errors.append(
            _report(
                line,
                "house_code",
                house,
                "รหัสบ้านต้องเป็นตัวเลข 11 หลัก",
                "House code must be 11 digits",
            )
        )
    if cid and not (len(cid) == 13 and cid.isdigit()):
        errors.append(
            _report(
                line,
                "citizen_id",
                cid,
                "เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก",
                "Citizen ID must be 13 digits",
            )
        )
    elif cid and not citizen_id.is_valid(cid):
        errors.append(
            _report(
                line,
                "citizen_id",
                cid,
                "เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบผิด)",
                "Citizen ID fails its checksum",
            )
        )
    tambon = cell["tambon_code"]
    if not (len(tambon) == 6 and tambon.isdigit()):
        errors.append(
            _report(
                line,
                "tambon_code",
                tambon,
                "รหัสตำบลต้องเป็นตัวเลข 6 หลัก",
                "Tambon code must be 6 digits",
            )
        )
    elif not known_tambon(tambon):
        errors.append(
            _report(
                line,
                "tambon_code",
                tambon,
                f"ไม่พบรหัสตำบล {tambon} ในทะเบียนกรมการปกครอง",
                f"Unknown tambon code {tambon} (not in DOPA codes)",
            )
        )
    status = None
    try:
        status = parse_status(cell["status"])
    except ValueError:
        thai_words = ", ".join(th for th, _ in STATUS_LABELS.values())
        errors.append(
            _report(
                line,
                "status",
                cell["status"],
                f"สถานะไม่ถูกต้อง ต้องเป็นหนึ่งใน: {thai_words}" if cell["status"] else "ไม่ได้ระบุสถานะ",
                f"Unknown status {cell['status']!r}; use one of: {', '.join(STATUSES)} "
                "(or the Thai words)"
                if cell["status"]
                else "Status is missing",
            )
        )
    updated = None
    try:
        updated = parse_date(cell.get("updated", ""))
    except ValueError:
        errors.append(
            _report(
                line,
                "updated",
                cell["updated"],
                "วันที่ไม่ถูกต้อง ใช้ วว/ดด/ปปปป (พ.ศ.) เช่น 25/11/2569 หรือ ปปปป-ดด-วว",
                "Invalid date; use DD/MM/YYYY (Buddhist era, e.g. 25/11/2569) or YYYY-MM-DD",
            )
        )
    record = {
        "row": line,
        "house_code": house or None,
        "citizen_id": cid or None,
        "tambon": tambon,
        "problem": cell.get("problem", ""),
        "status": status,
        "updated": updated,
    }
    return record, errors


def _drop_duplicates(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """Keep the latest row per household key (house code, else citizen ID); report the rest."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        key = (
            ("house_code", record["house_code"])
            if record["house_code"]
            else ("citizen_id", record["citizen_id"])
        )
        groups.setdefault(key, []).append(record)
    kept: list[dict] = []
    reports: list[dict] = []
    for (field_name, value), group in groups.items():
        latest = max(group, key=lambda r: (r["updated"] or datetime.min, r["row"]))
        kept.append(latest)
        for record in group:
            if record is latest:
                continue
            if field_name == "house_code":
                th, en = "รหัสบ้านซ้ำ", "Duplicate house code"
            else:
                th, en = "เลขประจำตัวประชาชนซ้ำ", "Duplicate citizen ID"
            reports.append(
                _report(
                    record["row"],
                    field_name,
                    value,
                    f"{th} ใช้แถว {latest['row']} ที่ปรับปรุงล่าสุดแทน",
                    f"{en}: row {latest['row']} (latest update) kept",
                )
            )
    kept.sort(key=lambda r: r["row"])
    return kept, reports


@dataclass
class Reconciliation:
    """TPMAP households matched with Thai QM households, and those found in one system only.

    ``matched`` has the TPMAP columns (index = TPMAP index) then every Thai QM column prefixed
    ``thaiqm_`` (so the two statuses are ``visit_status`` and ``thaiqm_status``) and
    ``matched_by`` ("house_code" or "citizen_id"). ``tpmap_only`` and ``thaiqm_only`` are the
    unmatched rows of each input, with their original columns and index.
    """

    matched: pd.DataFrame
    tpmap_only: pd.DataFrame
    thaiqm_only: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """Households per tambon: matched, tpmap_only, thaiqm_only, total, and TPMAP target
        households among the matched (``matched_target``) and the TPMAP-only
        (``tpmap_only_target``); a last row with tambon ``"total"`` adds them up.

        A matched household counts in its TPMAP tambon (the Thai QM one if TPMAP has none).
        """
        matched_tambon = self.matched["tambon"].fillna(self.matched["thaiqm_tambon"])
        parts = [
            (matched_tambon, "matched", self.matched["target"]),
            (self.tpmap_only["tambon"], "tpmap_only", self.tpmap_only["target"]),
            (self.thaiqm_only["tambon"], "thaiqm_only", pd.Series(False, self.thaiqm_only.index)),
        ]
        long = pd.concat(
            [
                pd.DataFrame(
                    {
                        "tambon": tambon.astype(object).fillna(UNKNOWN_TAMBON).astype(str).values,
                        "category": category,
                        "target": target.fillna(False).astype(bool).values,
                    }
                )
                for tambon, category, target in parts
            ],
            ignore_index=True,
        )
        counts = pd.crosstab(long["tambon"], long["category"]).reindex(
            columns=list(CATEGORIES), fill_value=0
        )
        counts["total"] = counts.sum(axis=1)
        targets = pd.crosstab(
            long["tambon"], long["category"], values=long["target"], aggfunc="sum"
        )
        for category in ("matched", "tpmap_only"):
            column = targets[category] if category in targets else 0
            counts[f"{category}_target"] = pd.Series(column, index=counts.index).fillna(0)
        counts = counts.astype(int).sort_index()
        counts.loc[TOTAL] = counts.sum()
        counts.columns.name = None
        return counts.rename_axis("tambon").reset_index()

    def status_crosstab(self, margins: bool = False) -> pd.DataFrame:
        """Matched households by TPMAP visit status (rows) × Thai QM status (columns).

        Rows are ``not_visited`` and the five status codes, columns the five codes (any other
        value found is appended); a missing visit status counts as ``not_visited``. With
        ``margins`` a ``total`` row and column are added.
        """
        visit = self.matched["visit_status"].astype(object).fillna(NOT_VISITED).astype(str)
        thaiqm = self.matched["thaiqm_status"].astype(object).fillna("").astype(str)
        rows = [NOT_VISITED, *STATUSES]
        rows += sorted(set(visit) - set(rows))
        columns = [*STATUSES, *sorted(set(thaiqm) - set(STATUSES))]
        table = pd.crosstab(visit.values, thaiqm.values).reindex(
            index=rows, columns=columns, fill_value=0
        )
        table = table.astype(int).rename_axis(index="visit_status", columns="thaiqm_status")
        if margins:
            table[TOTAL] = table.sum(axis=1)
            table.loc[TOTAL] = table.sum()
        return table


def _keys(values: pd.Series) -> pd.Series:
    """Identifiers as digit strings (spaces and dashes dropped); blank -> NA."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        values = values.astype("Int64")  # codes read as numbers, e.g. 60010000001.0
    text = values.astype("string").str.replace(_SEPARATORS.pattern, "", regex=True)
    return text.mask(text == "")


def _require(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} frame lacks column(s): {', '.join(missing)}")


def _unique_keys(keys: pd.Series, name: str) -> None:
    repeated = keys.dropna()[keys.dropna().duplicated()]
    if len(repeated):
        raise ValueError(
            f"{name} has {len(repeated)} repeated house code(s), e.g. {repeated.iloc[0]}; "
            "reconcile needs one row per household"
        )


def _pairs(left: pd.Series, right: pd.Series) -> pd.DataFrame:
    """Positions (``tp``, ``qm``) of equal non-missing keys, one-to-one keys only."""
    left = left.dropna()
    right = right.dropna()
    left = left[~left.duplicated(keep=False)]
    right = right[~right.duplicated(keep=False)]
    return pd.merge(
        pd.DataFrame({"tp": left.index, "key": left.to_numpy()}),
        pd.DataFrame({"qm": right.index, "key": right.to_numpy()}),
        on="key",
    )[["tp", "qm"]]


def reconcile(tpmap: pd.DataFrame, thaiqm: pd.DataFrame) -> Reconciliation:
    """Match TPMAP households with Thai QM households: by house code, then by citizen ID.

    ``tpmap``: one row per household with ``house_code``, ``head_citizen_id``, ``tambon``,
    ``target`` (bool) and ``visit_status``. ``thaiqm``: ``ThaiQMImport.households``. The
    citizen-ID pass compares the TPMAP head's ID with the Thai QM citizen ID among households
    the house-code pass left unmatched, and only uses IDs that occur once on each side.
    Raises ValueError if a column is missing or a house code repeats within one input.
    """
    _require(tpmap, TPMAP_COLUMNS, "tpmap")
    _require(thaiqm, ("house_code", "citizen_id", "tambon", "status"), "thaiqm")
    tp = tpmap.reset_index(drop=True)
    qm = thaiqm.reset_index(drop=True)
    tp_house, qm_house = _keys(tp["house_code"]), _keys(qm["house_code"])
    _unique_keys(tp_house, "tpmap")
    _unique_keys(qm_house, "thaiqm")
    by_house = _pairs(tp_house, qm_house).assign(matched_by="house_code")
    tp_left = tp.index.difference(by_house["tp"])
    qm_left = qm.index.difference(by_house["qm"])
    by_id = _pairs(
        _keys(tp.loc[tp_left, "head_citizen_id"]), _keys(qm.loc[qm_left, "citizen_id"])
    ).assign(matched_by="citizen_id")
    pairs = pd.concat([by_house, by_id], ignore_index=True).sort_values("tp")
    tp_rows = pairs["tp"].to_numpy()
    qm_rows = pairs["qm"].to_numpy()
    matched = pd.concat(
        [
            tp.iloc[tp_rows].reset_index(drop=True),
            qm.iloc[qm_rows].add_prefix("thaiqm_").reset_index(drop=True),
            pairs[["matched_by"]].reset_index(drop=True),
        ],
        axis=1,
    )
    matched.index = tpmap.index[tp_rows]
    tpmap_only = tpmap.iloc[tp.index.difference(tp_rows)]
    thaiqm_only = thaiqm.iloc[qm.index.difference(qm_rows)]
    return Reconciliation(matched, tpmap_only, thaiqm_only)

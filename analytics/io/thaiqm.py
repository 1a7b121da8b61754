"""Import a Thai QM household export (Ministry of Interior case system) and reconcile it with TPMAP.

``import_thaiqm`` reads a CSV (UTF-8, UTF-8 with BOM, TIS-620/cp874 or UTF-16) or Excel (.xlsx)
export with one row per household case, through the same reader (``analytics.io.tabular``), row
checks (``analytics.io.row_checks``) and field checks (``analytics.io.fields``) as the household
importer: valid rows are kept, each rejected row is
reported with its row number as Excel shows it, the user's header, the value (citizen IDs masked
wherever they sit) and the reason in Thai and English; a file that cannot be read at all, or is
over the limits, raises one ``ImportFileError``. Digits may be Thai or full-width.

Accepted columns (headers in English or Thai, any order, English case-insensitive; other
columns are ignored with a warning):

| Column (English) | Column (Thai) | Required | Accepted values |
|---|---|---|---|
| `house_code` | `รหัสบ้าน` | one of `house_code` / `citizen_id` per row | 11 digits (dashes and spaces are ignored) |
| `citizen_id` | `เลขประจำตัวประชาชน` | one of `house_code` / `citizen_id` per row | 13 digits with a valid check digit (dashes and spaces are ignored); masked in error reports |
| `tambon_code` | `รหัสตำบล` | yes | 6-digit DOPA tambon code, or a municipal pseudo-code of a known amphoe (e.g. `600151`, `400165`) |
| `problem` | `ปัญหา` | no | free text |
| `status` | `สถานะ` | yes | `เป้าหมาย` / `target`, `อยู่ระหว่างดำเนินการ` / `in_progress`, `ช่วยเหลือแล้ว` / `assisted`, `แก้ไขได้ด้วยตนเอง` / `self_resolved`, `ส่งต่อ/แก้ไขไม่ได้` (or `ส่งต่อ`, `แก้ไขไม่ได้`) / `referred` |
| `updated` | `วันที่ปรับปรุง` | no | `DD/MM/YYYY` (Buddhist-era year, e.g. `25/11/2569` = 2026-11-25; a year below 2400 is read as Gregorian) or ISO `YYYY-MM-DD`, optionally followed by a time `HH:MM[:SS]`; blank = unknown |

Rows with the same household key (the house code, or the citizen ID for a row without a house
code) are duplicates: the row with the latest ``updated`` is kept (a blank date counts as oldest;
on a tie the lower row in the file wins) and the others are reported as duplicates.

``reconcile`` (``analytics.domain.reconciliation``) then matches a TPMAP household table with the cleaned
Thai QM frame by house code, and by the head's citizen ID only for callers that may see IDs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from analytics.domain import catalogue
from analytics.domain.reconciliation import (  # noqa: F401  (re-exported)
    CATEGORIES,
    TOTAL,
    TPMAP_COLUMNS,
    UNKNOWN_TAMBON,
    Reconciliation,
    reconcile,
)
from analytics.io import fields, tabular, vocabulary
from analytics.io.fields import Problem
from analytics.io.row_checks import RowChecks, read_source
from analytics.io.tabular import ImportFileError, Limits

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
STATUS_LABELS: Mapping[str, tuple[str, str]] = catalogue.case_status_labels()


def _word(text: str) -> str:
    """Lower case without spaces, ``-`` or ``_``: ``Self-Resolved`` -> ``selfresolved``."""
    return re.sub(r"[\s_-]+", "", text.strip().lower())


# accepted status word (normalised by ``_word``) -> status code
STATUS_WORDS: dict[str, str] = {
    **{_word(code): code for code in STATUSES},
    **{_word(th): code for code, (th, _) in STATUS_LABELS.items()},
    **{_word(word): code for word, code in vocabulary.status_words().items()},
}

HEADER_ALIASES = vocabulary.header_aliases("thaiqm")  # catalogue/import_words.toml
REQUIRED = ("tambon_code", "status")
COLUMNS = ("row", "house_code", "citizen_id", "tambon", "problem", "status", "updated")
ERROR_COLUMNS = fields.REPORT_COLUMNS

BE_OFFSET = 543
_TIME = r"(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?)?"
_DMY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})" + _TIME)
_YMD = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + _TIME)


@dataclass
class ThaiQMImport:
    """Result of ``import_thaiqm``: the kept households and one error row per problem found."""

    households: pd.DataFrame  # row, house_code, citizen_id, tambon, problem, status, updated
    errors: pd.DataFrame  # fields.REPORT_COLUMNS
    encoding: str
    rows_read: int
    rows_duplicate: int = 0
    warnings: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=fields.REPORT_COLUMNS)
    )

    @property
    def rows_rejected(self) -> int:
        """Rows not kept: invalid rows plus duplicates."""
        return int(self.errors["row"].nunique()) if len(self.errors) else 0


def parse_date(text: str) -> datetime | None:
    """``DD/MM/YYYY`` (Buddhist era if the year is 2400 or more) or ISO ``YYYY-MM-DD``.

    An optional time ``HH:MM[:SS]`` may follow. Blank gives None; anything else raises ValueError.
    """
    text = fields.ascii_digits(text.strip())
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


def import_thaiqm(
    source: bytes | str | Path, filename: str | None = None, limits: Limits | None = None
) -> ThaiQMImport:
    """Read and validate a Thai QM household export; return kept households and row errors."""
    raw, filename = read_source(source, filename)
    table = tabular.read_table(raw, filename, limits)
    rows = RowChecks(table, HEADER_ALIASES, REQUIRED)
    if "house_code" not in rows.position and "citizen_id" not in rows.position:
        raise ImportFileError.of("import_missing_columns", columns="house_code / citizen_id")
    records = [{"row": line, **record} for line, record in rows.valid_rows(check_row)]
    kept, duplicates = _drop_duplicates(records, rows.names)
    households = pd.DataFrame(kept, columns=list(COLUMNS))
    households["row"] = households["row"].astype("int64")
    households["updated"] = pd.to_datetime(households["updated"])
    error_frame = pd.DataFrame(rows.errors + duplicates, columns=ERROR_COLUMNS)
    error_frame = error_frame.sort_values("row", kind="stable").reset_index(drop=True)
    return ThaiQMImport(
        households,
        error_frame,
        table.encoding,
        rows.rows_read,
        len(duplicates),
        pd.DataFrame(rows.warnings, columns=fields.REPORT_COLUMNS),
    )


def check_row(cell: dict[str, str]) -> tuple[dict, list[tuple[str, Problem]]]:
    """The cleaned record and ``(column, Problem)`` for every field that fails its check."""
    problems: list[tuple[str, Problem]] = []
    house, cid = cell.get("house_code", "").strip(), cell.get("citizen_id", "").strip()
    if not house and not cid:
        column = "house_code" if "house_code" in cell else "citizen_id"
        problems.append((column, Problem("fault_house_or_id")))
    if house:
        house, problem = fields.house_code_check(house)
        if problem:
            problems.append(("house_code", problem))
    if cid:
        cid, problem = fields.citizen_id_check(cid)
        if problem:
            problems.append(("citizen_id", problem))
    tambon, problem = fields.tambon_code_check(cell["tambon_code"])
    if problem:
        problems.append(("tambon_code", problem))
    status = STATUS_WORDS.get(_word(cell["status"]))
    if status is None:
        key = "fault_status" if cell["status"].strip() else "fault_status_missing"
        words = {"th": ", ".join(th for th, _ in STATUS_LABELS.values()), "en": ", ".join(STATUSES)}
        problems.append(("status", Problem(key, words)))
    updated = None
    try:
        updated = parse_date(cell.get("updated", ""))
    except ValueError:
        problems.append(("updated", Problem("fault_date")))
    record = {
        "house_code": house or None,
        "citizen_id": cid or None,
        "tambon": tambon,
        "problem": cell.get("problem", "").strip(),
        "status": status,
        "updated": updated,
    }
    return record, problems


def _drop_duplicates(records: list[dict], names: dict[str, str]) -> tuple[list[dict], list[dict]]:
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
    for (column, value), group in groups.items():
        latest = max(group, key=lambda r: (r["updated"] or datetime.min, r["row"]))
        kept.append(latest)
        fault = "fault_duplicate_house" if column == "house_code" else "fault_duplicate_qm_id"
        for record in group:
            if record is not latest:
                problem = Problem(fault, {"row": latest["row"]})
                reports.append(fields.report(record["row"], column, names[column], value, problem))
    kept.sort(key=lambda r: r["row"])
    return kept, reports

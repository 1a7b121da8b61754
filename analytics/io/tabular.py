"""Read an uploaded CSV or Excel file as rows, streaming and within the limits in settings.toml.

Both importers (``analytics.io.importers``, ``analytics.io.thaiqm``) read through ``read_table``:
line ends of every kind (``\\r\\n``, ``\\n`` and the lone ``\\r`` of "CSV (Macintosh)"), fields of
any length, UTF-8 (with or without BOM) or TIS-620/cp874, comma/semicolon/tab/bar delimiters,
and ``.xlsx`` read row by row (openpyxl read-only) after a decompressed-size check (zip bombs).
Row numbers are the ones Excel shows: an empty line keeps its number. Anything unreadable
raises ``ImportFileError`` with a Thai and an English message; nothing else escapes.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from analytics.domain import catalogue
from analytics.text import labels

ENCODINGS = ("utf-8-sig", "cp874")  # utf-8-sig also reads plain UTF-8; cp874 ⊇ TIS-620
DELIMITERS = ",;\t|"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode Text": UTF-16, tab-separated
_CHUNK = 1 << 20
MB = 1 << 20

csv.field_size_limit(sys.maxsize)  # a field is bounded by the upload size, not by 128 KiB

log = logging.getLogger(__name__)


class ImportFileError(ValueError):
    """The whole file is unreadable; ``message_th`` and ``message_en`` say why."""

    def __init__(self, message_th: str, message_en: str):
        super().__init__(f"{message_th} / {message_en}")
        self.message_th = message_th
        self.message_en = message_en

    @classmethod
    def of(cls, key: str, **values) -> ImportFileError:
        """The error whose words are the label ``key`` (catalogue/labels/imports.toml)."""
        return cls(labels.t(key, "th", **values), labels.t(key, "en", **values))


@dataclass(frozen=True)
class Limits:
    """Upload bounds ([imports] in settings.toml); Streamlit's maxUploadSize matches max_upload_mb."""

    max_upload_mb: int = 200
    max_rows: int = 1_000_000
    max_columns: int = 300
    max_xlsx_uncompressed_mb: int = 400

    @classmethod
    def from_settings(cls) -> Limits:
        section = catalogue.settings().get("imports", {})
        return cls(**{k: int(v) for k, v in section.items() if k in cls.__dataclass_fields__})


@dataclass
class Table:
    """A file's header row and a one-pass iterator of ``(row number, cells)`` data rows."""

    headers: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[str]]]
    encoding: str
    replaced: int = 0  # undecodable bytes read as U+FFFD (a few damaged bytes lose no rows)


def read_table(raw: bytes, filename: str, limits: Limits | None = None) -> Table:
    """Open ``raw`` as CSV or .xlsx; rows are produced lazily (blank rows skipped, numbers kept)."""
    limits = limits or Limits.from_settings()
    if len(raw) > limits.max_upload_mb * MB:
        raise ImportFileError.of("import_too_big", size=len(raw) / MB, limit=limits.max_upload_mb)
    if not raw or raw.isspace():  # (raw.strip() would copy the whole upload)
        raise ImportFileError.of("import_empty")
    if raw[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        records, encoding, replaced = _xlsx_records(raw, limits), "xlsx", 0
    elif raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError.of("import_old_excel")
    elif raw[:2] in UTF16_BOMS:
        records, encoding, replaced = _csv_records(raw, "utf-16", "replace"), "utf-16", 0
    elif b"\x00" in raw[:4096]:
        raise ImportFileError.of("import_not_table")
    else:
        _check_row_bound(raw, limits)
        encoding, replaced = _detect_encoding(raw)
        records = _csv_records(raw, encoding, "replace" if replaced else "strict")
    records = _bounded(records, limits)
    for number, cells in records:
        if any(c.strip() for c in cells):
            headers = [c.strip() for c in cells]
            return Table(headers, number, _data_rows(records), encoding, replaced)
    raise ImportFileError.of("import_empty")


def _data_rows(records: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    for number, cells in records:
        if any(c.strip() for c in cells):
            yield number, cells


def _bounded(records, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """Stop with a clear message at the row limit (blank rows count: they cost time too)."""
    for number, cells in records:
        if number > limits.max_rows + 1:
            raise ImportFileError.of("import_too_many_rows", limit=limits.max_rows)
        if len(cells) > limits.max_columns:
            raise ImportFileError.of("import_too_many_columns", limit=limits.max_columns)
        yield number, cells


def _detect_encoding(raw: bytes) -> tuple[str, int]:
    """The first of ENCODINGS that decodes the whole file, and 0 bytes replaced.

    If none does, the one with the fewest undecodable bytes when they are few (a damaged byte
    or two should not lose a file), with their count; otherwise ImportFileError.
    """
    bad = {encoding: _undecodable(raw, encoding) for encoding in ENCODINGS}
    for encoding in ENCODINGS:
        if bad[encoding] == 0:
            return encoding, 0
    encoding = min(ENCODINGS, key=bad.__getitem__)
    if bad[encoding] <= max(3, len(raw) // 10_000):
        return encoding, bad[encoding]
    raise ImportFileError.of("import_bad_encoding")


def _undecodable(raw: bytes, encoding: str) -> int:
    """Bytes of ``raw`` that ``encoding`` cannot decode (read in chunks, nothing kept)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        for start in range(0, len(raw), _CHUNK):
            decoder.decode(raw[start : start + _CHUNK])
        decoder.decode(b"", final=True)
        return 0
    except UnicodeDecodeError:
        pass
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    count = sum(
        decoder.decode(raw[start : start + _CHUNK]).count("\ufffd")
        for start in range(0, len(raw), _CHUNK)
    )
    return count + decoder.decode(b"", final=True).count("\ufffd")


def _check_row_bound(raw: bytes, limits: Limits) -> None:
    """Refuse a file with more records than allowed before parsing it.

    Line breaks bound the number of records from above (a quoted field may hold a break), so the
    exact count is only taken when the cheap bound is over the limit but below twice the limit.
    """
    breaks = max(raw.count(b"\n"), raw.count(b"\r"))
    if breaks <= limits.max_rows + 1:
        return
    if breaks > 2 * limits.max_rows:
        raise ImportFileError.of("import_too_many_rows", limit=limits.max_rows)
    records = sum(1 for _ in _csv_records(raw, "latin-1", "strict"))  # same breaks, faster
    if records > limits.max_rows + 1:
        raise ImportFileError.of("import_too_many_rows", limit=limits.max_rows)


def _delimiter(text: io.TextIOBase) -> str:
    """The candidate delimiter seen most often on the first non-blank line."""
    head = text.read(1 << 16)
    text.seek(0)
    for line in head.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            counts = {d: line.count(d) for d in DELIMITERS}
            best = max(counts, key=counts.__getitem__)
            return best if counts[best] else ","
    return ","


def _csv_records(raw: bytes, encoding: str, errors: str) -> Iterator[tuple[int, list[str]]]:
    # newline="" lets csv see \r, \n and \r\n alike (a lone \r used to crash the reader)
    text = io.TextIOWrapper(io.BytesIO(raw), encoding=encoding, errors=errors, newline="")
    reader = csv.reader(text, delimiter=_delimiter(text), strict=False)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error:
        raise ImportFileError.of("import_bad_csv", row=number + 1) from None


def _xlsx_records(raw: bytes, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """Rows of the first sheet as text, after checking what the archive expands to."""
    check_archive(raw, limits)
    import openpyxl  # imported here: the CSV path does not need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_col=limits.max_columns)
        for number, values in enumerate(rows, start=1):
            yield number, [_cell_text(v) for v in values]
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        # the person reads one message; which library error it was is for the log (no data)
        log.info("unreadable workbook: %s", type(exc).__name__)
        raise ImportFileError.of("import_bad_xlsx") from None


def check_archive(raw: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except Exception:  # zipfile raises BadZipFile, ValueError, OSError...
        raise ImportFileError.of("import_bad_xlsx", kind="zip") from None
    expanded = sum(e.file_size for e in entries)  # zipfile never reads past a declared size
    if expanded > limits.max_xlsx_uncompressed_mb * MB or len(entries) > 10_000:
        raise ImportFileError.of(
            "import_xlsx_bomb", size=expanded / MB, limit=limits.max_xlsx_uncompressed_mb
        )


def _cell_text(value) -> str:
    """An Excel cell as the text a CSV export would hold (whole numbers without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)

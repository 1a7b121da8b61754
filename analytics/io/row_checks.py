"""What both importers do with a file, once: find the columns by their accepted headers, warn
about unused columns, and run each row through the shape check and the importer's field checks
(``analytics.io.fields``), reporting every rejected row under the user's own header.

An importer supplies only ``check(cell) -> (record, [(column, Problem)])`` for one row's cells
by canonical column; :meth:`RowChecks.valid_rows` yields the rows that pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from analytics.io import fields, tabular
from analytics.io.fields import Problem
from analytics.io.tabular import ImportFileError

Check = Callable[[dict[str, str]], tuple[dict, list[tuple[str, Problem]]]]


def read_source(source: bytes | str | Path, filename: str | None) -> tuple[bytes, str]:
    """The bytes to import and a name used only to tell .xlsx from CSV (never as a path)."""
    if isinstance(source, (str, Path)):
        return Path(source).read_bytes(), filename or Path(source).name
    return source, filename or "upload.csv"


def header_map(
    headers: list[str], aliases: dict[str, str], required: Iterable[str]
) -> dict[str, int]:
    """Canonical column -> position; raises ImportFileError for missing or repeated columns."""
    position: dict[str, int] = {}
    repeated = []
    for i, header in enumerate(headers):
        name = aliases.get(header.strip().lower())
        if name is None:
            continue
        if name in position:
            repeated.append(name)
        position[name] = position.get(name, i)
    missing = [c for c in required if c not in position]
    if missing:
        raise ImportFileError.of("import_missing_columns", columns=", ".join(missing))
    if repeated:
        raise ImportFileError.of("import_repeated_columns", columns=", ".join(repeated))
    return position


def file_warnings(table: tabular.Table, position: dict[str, int]) -> list[dict]:
    """Columns that are not used, and bytes that could not be decoded (shown as �)."""
    used = set(position.values())
    found = [
        fields.report(
            table.header_row, "(column)", h, "", Problem("warn_extra_column", {"header": h})
        )
        for i, h in enumerate(table.headers)
        if i not in used and h.strip()
    ]
    if table.replaced:
        problem = Problem("warn_replaced_bytes", {"n": table.replaced})
        found.append(fields.report(table.header_row, "(file)", "", "", problem))
    return found


class RowChecks:
    """One file's rows against one importer's columns: errors and warnings as they are found."""

    def __init__(self, table: tabular.Table, aliases: dict[str, str], required: Iterable[str]):
        self.table = table
        self.position = header_map(table.headers, aliases, required)
        self.names = {name: table.headers[i] for name, i in self.position.items()}
        self.errors: list[dict] = []
        self.warnings = file_warnings(table, self.position)
        self.rows_read = 0

    def valid_rows(self, check: Check) -> Iterator[tuple[int, dict]]:
        """``(row number, record)`` for each row whose shape and fields pass; the others are
        reported in ``errors`` (a row with too few or too many cells once, else per field)."""
        width = len(self.table.headers)
        for line, cells in self.table.rows:
            self.rows_read += 1
            if shape := fields.row_shape_problem(cells, width):
                self.errors.append(
                    fields.report(line, "(row)", "(row)", f"{len(cells)}/{width}", shape)
                )
                continue
            cell = {name: cells[i] for name, i in self.position.items()}
            record, problems = check(cell)
            if problems:
                size = (len(cells), width)
                self.errors.extend(fields.row_reports(line, size, cell, self.names, problems))
                continue
            yield line, record

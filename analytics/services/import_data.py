"""The import page: who may import, the upload limits, what an upload adds up to, the Thai QM
reconciliation, a boundary layer's report, and the audit row each distinct upload writes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from analytics.domain import access, measures, target_lists
from analytics.io import importers, tabular, thaiqm, uploads
from analytics.services.bilingual import column_in_lang
from analytics.services.filters import Filters

IMPORT_ROLES = ("planner", "admin")
BOUNDARY_LEVELS = ("tambon", "amphoe", "province")
REPORT_COLUMNS = ("row", "field", "value")


@dataclass(frozen=True)
class UploadAudit:
    """One audit row per distinct upload: the signature the session remembers, and the row."""

    signature: tuple[str, str, str, int, str]
    action: str
    rows: int
    detail: str


@dataclass(frozen=True)
class BoundaryReport:
    ok: bool
    headline: str
    codes: tuple[str, ...]  # the file's codes and notes: text, never Markdown
    features: int


def may_import(viewer: access.Viewer) -> bool:
    return viewer.role in IMPORT_ROLES


def limits() -> tabular.Limits:
    return tabular.Limits.from_settings()


def upload_audit(
    data: bytes, area_code: str, action: str, rows: int, counts: dict[str, int] | None = None
) -> UploadAudit:
    digest = hashlib.sha256(data).hexdigest()
    detail = ",".join(f"{name}={n}" for name, n in (counts or {}).items())
    return UploadAudit((digest, area_code, action, rows, detail), action, rows, detail)


def report_frame(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, str]:
    """Problem rows: row as Excel shows it, the user's own header, value (IDs masked), and the
    reason in ``lang`` (its column name comes back too)."""
    reason = column_in_lang("reason", lang)
    return frame[[*REPORT_COLUMNS, reason]], reason


def imported_summary(result: importers.ImportResult, dims: tuple[str, ...]) -> pd.DataFrame:
    """What the file adds up to, per tambon."""
    return measures.area_measures(result.persons, result.households, "tambon", dims)


def reconcile(
    viewer: access.Viewer,
    area_households: pd.DataFrame,
    filters: Filters,
    cases: thaiqm.ThaiQMImport,
    latest: pd.DataFrame,
) -> tuple[thaiqm.Reconciliation, dict[str, int]]:
    """TPMAP households of the area vs the Thai QM cases (scope applied), with the counts."""
    result = target_lists.reconcile_cases(
        viewer, area_households, filters.area_code, cases.households, latest
    )
    counts = {
        "matched": len(result.matched),
        "tpmap_only": len(result.tpmap_only),
        "thaiqm_only": len(result.thaiqm_only),
    }
    return result, counts


def boundary_report(data: bytes, name: str, level: str, code_column: str) -> BoundaryReport:
    """Read a boundary upload under a generated name (the client's file name never becomes a
    path) and report what it holds. Raises :class:`tabular.ImportFileError`."""
    layer = uploads.load_boundary_upload(data, name, level, code_column)
    report = layer.attrs["validation"]
    lines = report.summary().splitlines()
    return BoundaryReport(bool(report.ok), lines[0], tuple(lines[1:]), len(layer))

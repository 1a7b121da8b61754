"""Target-list and visit plumbing for pages: the store engine, audit, list map, field exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from analytics.domain import access, areas, catalogue
from analytics.io import exports
from analytics.services import progress as progress_service
from analytics.text import labels
from store import audit, visits
from store.db import StoreError
from ui import audit_trail, cache, shared

engine = cache.engine  # the database, migrated (raises StoreError when unreachable)


def store_message(error: StoreError) -> str:
    """The database problem in Thai and English, for st.error / st.warning."""
    return error.shown()


def status_options() -> list[str]:
    return [*catalogue.case_status_codes(), catalogue.NOT_VISITED]


def latest_status(viewer: access.Viewer) -> pd.DataFrame:
    """Latest visit per household; with no database, none (and a warning saying so)."""
    try:
        return visits.latest_status_by_household(engine())
    except StoreError as error:
        st.warning(f"{shared.t('visit_status_unavailable')}  \n{store_message(error)}")
        columns = ["house_code", "tambon_code", "visit_uid", "status", "visit_date", "critical"]
        return pd.DataFrame(columns=columns)


def case_progress(
    area_code: str, year: int, viewer: access.Viewer | None = None
) -> tuple[pd.DataFrame, int] | None:
    """:func:`analytics.services.progress.case_progress`; None (with a note) without a
    database."""
    from ui import context

    progress = progress_service.case_progress(context.context(), area_code, year, viewer)
    if progress.error is not None or progress.counts is None:
        shown = f"  \n{store_message(progress.error)}" if progress.error else ""
        st.caption(f"{shared.t('visit_progress_unavailable')}{shown}")
        return None
    return progress.counts, progress.visited_outside


def audit_event(
    viewer: access.Viewer, action: str, area_code: str, rows: int, detail: str = ""
) -> None:
    audit.log_event(
        engine(),
        username=viewer.username,
        role=viewer.role,
        action=action,
        area_code=area_code,
        rows=rows,
        detail=detail,
    )


def audit_once(viewer: access.Viewer, action: str, area_code: str, rows: int, key) -> None:
    """Log a household-level view once per distinct view, not on every rerun of the same one.

    One slot per action, so a page that audits two views (the visit page's picker and its
    household card) does not log both again on every rerun. Fails closed: when the audit row
    cannot be written (read-only or unreachable database) the page stops here with a message,
    so personal data is never shown without a record of who saw it.
    """
    signature = (area_code, rows, repr(key))
    seen = st.session_state.setdefault("_audit_seen", {})
    if seen.get(action) == signature:
        return
    try:
        audit_event(viewer, action, area_code, rows)
    except StoreError as error:
        st.error(f"{shared.t('audit_unavailable')}  \n{store_message(error)}")
        st.stop()
    seen[action] = signature


def export_panel(routed: pd.DataFrame, filters, viewer: access.Viewer) -> None:
    """CSV, Excel, GeoJSON, KML and an A4 visit sheet of the list in the route's visiting order
    (``routed`` from ``ui.route_views.route_section``: its ``order`` is the map's stop number)."""
    if routed.empty:
        return
    t, lang = shared.t, filters.lang
    st.subheader(t("export"))
    team = st.text_input(t("route_team"), key="export_team", value=viewer.name or viewer.username)
    name = f"chipao_{filters.area_code}_{date.today():%Y%m%d}"
    area_name = areas.area_name(filters.area_code, lang)
    files = export_files(routed, lang, area_name, areas.area_name(filters.area_code, "th"), team)
    for column, (action, (label, make, mime, ext)) in zip(
        st.columns(len(files)), files.items(), strict=True
    ):
        column.download_button(
            f"⬇️ {label}",
            # built only when clicked, and audited as it is built: a client that skips the
            # follow-up rerun is still recorded
            audit_trail.audited_file(make, viewer, action, filters.area_code, len(routed)),
            file_name=f"{name}.{ext}",
            mime=mime,
            key=f"dl_{action}",
            on_click="ignore",
        )
    if not thai_font_available():
        st.caption(shared.t("pdf_needs_font"))


MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "kml": "application/vnd.google-earth.kml+xml",
    "pdf": "application/pdf",
}


def thai_font_available() -> bool:
    try:
        exports.find_thai_font()
    except exports.ThaiFontNotFoundError:
        return False
    return True


def export_files(
    table: pd.DataFrame, lang: str, area_name: str, area_name_th: str, team: str
) -> dict[str, tuple[str, Callable[[], bytes], str, str]]:
    """Every export format of one list, each built on demand by ``st.download_button``."""
    title = labels.t("visit_sheet_title", "th", area=area_name_th)  # the sheet is Thai
    files: dict[str, tuple[str, Callable[[], bytes], str, str]] = {
        "export_csv": ("CSV", partial(exports.to_csv_bytes, table, lang), MIME["csv"], "csv"),
        "export_xlsx": (
            "Excel",
            partial(exports.to_excel_bytes, table, lang),
            MIME["xlsx"],
            "xlsx",
        ),
        "export_geojson": (
            "GeoJSON",
            partial(exports.to_geojson_bytes, table),
            MIME["geojson"],
            "geojson",
        ),
        "export_kml": ("KML", partial(exports.to_kml_bytes, table), MIME["kml"], "kml"),
    }
    if thai_font_available():
        files["export_pdf"] = (
            "PDF (A4)",
            partial(
                exports.visit_sheet_pdf,
                table,
                title_th=title,
                area_name=area_name,
                team=team,
                printed_at=date.today(),
                lang=lang,
            ),
            MIME["pdf"],
            "pdf",
        )
    return files

"""The dataset catalogue: register, list, retire, restore, replace; the active files.

A province-year has at most one active dataset of a kind; an imported dataset for a province
takes precedence over the demo there (:func:`active_files`). Every change writes its audit row
in the same transaction as the catalogue row (no personal data: ids, codes and counts only).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from analytics.domain import access
from analytics.domain.household_schema import DatasetFiles
from store.audit import log_event_in
from store.datasets import files, scope
from store.datasets.results import (
    AlreadyImported,
    DatasetError,
    DatasetInfo,
    NeedsConfirmation,
    NewDataset,
    Registered,
    RegisterResult,
)
from store.db import read_connection, write_transaction
from store.models import Dataset, utcnow

log = logging.getLogger(__name__)
_TABLE = cast(sa.Table, Dataset.__table__)
_LONG_NUMBER = re.compile(r"\d{9,}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # PostgreSQL refuses NUL in text; none belong here


def clean_text(text: str, limit: int) -> str:
    """A name for display: control characters dropped, at most ``limit`` characters."""
    return _CONTROL.sub("", text).strip()[:limit]


def shown_file_name(filename: str) -> str:
    """The upload's file name as shown in the table: its last part only, never a path."""
    return clean_text(filename.replace("\\", "/").rsplit("/", 1)[-1], 255)


def new_id() -> str:
    """A fresh dataset id (``ds`` + 16 hex; never a run of 9 digits, which the audit refuses)."""
    while True:
        candidate = "ds" + uuid.uuid4().hex[:16]
        if not _LONG_NUMBER.search(candidate):
            return candidate


def _info(row: sa.RowMapping) -> DatasetInfo:
    return DatasetInfo(**{f.name: row[f.name] for f in dataclasses.fields(DatasetInfo)})


def list_datasets(engine: Engine) -> list[DatasetInfo]:
    """Every dataset, newest first (all statuses)."""
    query = sa.select(_TABLE).order_by(_TABLE.c.imported_at.desc(), _TABLE.c.id)
    with read_connection(engine) as conn:
        return [_info(row) for row in conn.execute(query).mappings()]


def get(engine: Engine, dataset_id: str) -> DatasetInfo:
    with read_connection(engine) as conn:
        row = conn.execute(sa.select(_TABLE).where(_TABLE.c.id == dataset_id)).mappings().first()
    if row is None:
        raise DatasetError("not_found")
    return _info(row)


def find_by_sha256(engine: Engine, sha256: str) -> DatasetInfo | None:
    """The dataset (any status) registered from a file with these bytes, oldest first."""
    query = sa.select(_TABLE).where(_TABLE.c.sha256 == sha256).order_by(_TABLE.c.imported_at)
    with read_connection(engine) as conn:
        row = conn.execute(query).mappings().first()
    return None if row is None else _info(row)


def conflicts(engine: Engine, kind: str, provinces, years, exclude: str = "") -> list[DatasetInfo]:
    """Active datasets of ``kind`` holding any of these province-years (those a new one of
    that kind would replace)."""
    wanted = {(p, int(y)) for p in provinces for y in years}
    return [
        d
        for d in list_datasets(engine)
        if d.status == "active" and d.kind == kind and d.id != exclude and wanted & d.cells()
    ]


def _audit(conn: Connection, viewer: access.Viewer, action: str, info: DatasetInfo) -> None:
    provinces = info.provinces
    shown = "/".join(provinces) if len(provinces) <= 8 else f"{len(provinces)}"
    years = "/".join(str(y) for y in info.years)
    log_event_in(
        conn,
        username=viewer.username,
        role=viewer.role,
        action=action,
        area_code=provinces[0] if len(provinces) == 1 else "",
        rows=int(info.households),
        detail=f"dataset={info.id},kind={info.kind},provinces={shown},years={years}"[:200],
    )


def _replace(conn: Connection, viewer, old: list[DatasetInfo], new_id_: str) -> None:
    for info in old:
        conn.execute(
            sa.update(_TABLE)
            .where(_TABLE.c.id == info.id)
            .values(status="replaced", replaced_by=new_id_)
        )
        _audit(conn, viewer, "replace_dataset", info)


def register(
    engine: Engine,
    viewer: access.Viewer,
    new: NewDataset,
    *,
    confirm: bool = False,
    home: Path | None = None,
) -> RegisterResult:
    """Save a dataset: files first (complete, then renamed into place), then its catalogue row.

    The same file again gives :class:`AlreadyImported`; a dataset for a province-year that
    already has an active one of the same kind gives :class:`NeedsConfirmation` unless
    ``confirm``. Raises ``AccessDenied`` (role or scope), :class:`DatasetError` (empty, files
    not written) or ``StoreError`` (database); nothing is kept when any of them is raised.
    """
    if not scope.may_import(viewer, new.kind):
        raise scope.denied("dataset_not_allowed")
    tambons = sorted(set().union(*(scope.tambons_of(h) for h, _ in new.frames.values())))
    if not tambons:
        raise DatasetError("empty")
    if not all(viewer.covers(code) for code in tambons):
        raise scope.denied("dataset_out_of_scope")
    same = find_by_sha256(engine, new.sha256)
    if same is not None:
        return AlreadyImported(same)
    years = sorted(int(y) for y in new.frames)
    replaced = conflicts(engine, new.kind, scope.provinces_of(tambons), years)
    if replaced and not confirm:
        return NeedsConfirmation(tuple(replaced))
    home = files.data_home(home)
    dataset_id = new_id()
    try:
        storage = files.write(home, dataset_id, new.frames)
    except OSError as error:
        log.error("dataset files not written: %s", type(error).__name__)
        raise DatasetError("write_failed") from None
    row = _row(new, viewer, dataset_id, storage, tambons)
    known: dict[str, Any] = {f.name: row.get(f.name) for f in dataclasses.fields(DatasetInfo)}
    info = DatasetInfo(**known)
    try:
        with write_transaction(engine) as conn:
            conn.execute(sa.insert(_TABLE), row)
            _replace(conn, viewer, replaced, dataset_id)
            _audit(conn, viewer, "register_dataset", info)
    except sa.exc.IntegrityError:
        files.remove(home, storage)  # the same bytes were registered meanwhile (unique sha256)
        same = find_by_sha256(engine, new.sha256)
        if same is None:
            raise
        return AlreadyImported(same)
    except BaseException:
        files.remove(home, storage)  # no catalogue row: no files either
        raise
    return Registered(info, tuple(replaced))


def _row(new: NewDataset, viewer, dataset_id: str, storage: str, tambons: list[str]) -> dict:
    """The catalogue row of a dataset whose files are written (counts of its ``tpmap_year``)."""
    households, persons = new.frames[new.tpmap_year]
    return {
        "id": dataset_id,
        "name": clean_text(new.name, 200) or dataset_id,
        "kind": new.kind,
        "provinces": scope.provinces_of(tambons),
        "tambons": tambons,
        "years": sorted(int(y) for y in new.frames),
        "tpmap_year": int(new.tpmap_year),
        "survey_year": int(new.survey_year),
        "source_name": shown_file_name(new.source_name),
        "sha256": new.sha256,
        "imported_by": viewer.username,
        "imported_at": utcnow(),
        "rows_read": int(new.rows_read),
        "rows_kept": int(new.rows_kept),
        "rows_rejected": int(new.rows_rejected),
        "households": len(households),
        "persons": len(persons),
        "status": "active",
        "storage": storage,
    }


def retire(engine: Engine, viewer: access.Viewer, dataset_id: str) -> DatasetInfo:
    """Take an active dataset out of use (its files and row are kept; restore brings it back)."""
    info = get(engine, dataset_id)
    if not scope.may_change(viewer, list(info.tambons)):
        raise scope.denied("dataset_change_not_allowed")
    if info.status != "active":
        raise DatasetError("not_active")
    values: dict[str, Any] = {
        "status": "retired",
        "retired_by": viewer.username,
        "retired_at": utcnow(),
    }
    with write_transaction(engine) as conn:
        conn.execute(sa.update(_TABLE).where(_TABLE.c.id == dataset_id).values(**values))
        _audit(conn, viewer, "retire_dataset", info)
    return dataclasses.replace(info, **values)


def restore(
    engine: Engine, viewer: access.Viewer, dataset_id: str, *, confirm: bool = False
) -> DatasetInfo | NeedsConfirmation:
    """Bring a retired or replaced dataset back; one that would replace an active dataset of
    the same province-year needs ``confirm`` (else :class:`NeedsConfirmation`)."""
    info = get(engine, dataset_id)
    if not scope.may_change(viewer, list(info.tambons)):
        raise scope.denied("dataset_change_not_allowed")
    if info.status == "active":
        raise DatasetError("already_active")
    replaced = conflicts(engine, info.kind, info.provinces, info.years, exclude=dataset_id)
    if replaced and not confirm:
        return NeedsConfirmation(tuple(replaced))
    values: dict[str, Any] = {
        "status": "active",
        "replaced_by": None,
        "restored_by": viewer.username,
        "restored_at": utcnow(),
    }
    with write_transaction(engine) as conn:
        conn.execute(sa.update(_TABLE).where(_TABLE.c.id == dataset_id).values(**values))
        _replace(conn, viewer, replaced, dataset_id)
        _audit(conn, viewer, "restore_dataset", info)
    return dataclasses.replace(info, **values)


def active_files(engine: Engine, home: Path | None = None) -> list[DatasetFiles]:
    """One entry per active dataset-year, with the provinces it is active for there: imports
    first (newest wins a province-year), then the demo for the provinces no import holds."""
    home = files.data_home(home)
    active = [d for d in list_datasets(engine) if d.status == "active"]
    active.sort(key=lambda d: (d.kind != "import", -_stamp(d.imported_at)))
    taken: set[tuple[str, int]] = set()
    found = []
    for info in active:
        for year in info.years:
            provinces = tuple(p for p in info.provinces if (p, year) not in taken)
            if not provinces:
                continue
            taken.update((p, year) for p in provinces)
            households, persons = files.year_paths(home, info.storage, year)
            found.append(
                DatasetFiles(info.id, year, provinces, households, persons, info.kind == "demo")
            )
    return found


def _stamp(at: datetime) -> float:
    return at.timestamp()

"""The Parquet files of a dataset under the data home: written whole or not at all.

Layout: ``<data home>/datasets/<id>/<TPMAP year>/households.parquet`` and ``persons.parquet``.
The folder name comes from the dataset id the system made, never from an upload's name; files
are owner-only (0700 folders, 0600 files) whatever the umask, like the generated demo.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analytics import settings

ROOT = "datasets"
HOUSEHOLDS = "households.parquet"
PERSONS = "persons.parquet"
_ID = re.compile(r"ds[0-9a-f]{4,30}")

Frames = Mapping[int, tuple[pd.DataFrame, pd.DataFrame]]  # TPMAP year -> (households, persons)


def data_home(home: Path | None = None) -> Path:
    return Path(home) if home is not None else settings.current().data_home


def storage_for(dataset_id: str) -> str:
    """The dataset's folder relative to the data home (refuses anything but a system id)."""
    if not _ID.fullmatch(dataset_id):
        raise ValueError("not a dataset id")
    return f"{ROOT}/{dataset_id}"


def folder(home: Path, storage: str) -> Path:
    """``storage`` resolved under ``home``; refuses a path that would leave it."""
    base = home.resolve()
    path = (base / storage).resolve()
    if not path.is_relative_to(base / ROOT) or path == base / ROOT:
        raise ValueError("dataset storage outside the data home")
    return path


def year_paths(home: Path, storage: str, year: int) -> tuple[Path, Path]:
    where = folder(home, storage) / str(int(year))
    return where / HOUSEHOLDS, where / PERSONS


def write(home: Path, dataset_id: str, frames: Frames) -> str:
    """Write every year's two files into a private temporary folder, then rename it into
    place; returns the storage folder. On any error nothing is left behind (OSError raised)."""
    storage = storage_for(dataset_id)
    final = folder(home, storage)
    root = final.parent
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o700)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dataset_id}.", dir=root))  # 0700
    try:
        for year, (households, persons) in frames.items():
            where = tmp / str(int(year))
            where.mkdir(mode=0o700)
            households.to_parquet(where / HOUSEHOLDS, index=False)
            persons.to_parquet(where / PERSONS, index=False)
            for path in where.iterdir():
                path.chmod(0o600)
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return storage


def remove(home: Path, storage: str) -> None:
    """Delete a dataset's folder (only used to undo a write whose catalogue row failed)."""
    shutil.rmtree(folder(home, storage), ignore_errors=True)

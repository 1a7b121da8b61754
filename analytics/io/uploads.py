"""Uploaded files never choose a path: a boundary upload is written under a generated name.

Streamlit gives the client's file name as typed (``../../x.geojson``, ``/etc/...``); only its
suffix, from a fixed list, is kept to tell the reader which format it is.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from analytics.io import tabular
from analytics.io.tabular import ImportFileError, Limits

BOUNDARY_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip")


def boundary_suffix(name: str) -> str:
    """The allowed suffix of a client file name (either path style), else ImportFileError."""
    suffix = PureWindowsPath(PurePosixPath(name or "").name).suffix.lower()
    if suffix not in BOUNDARY_SUFFIXES:
        raise ImportFileError.of("import_boundary_type", types=", ".join(BOUNDARY_SUFFIXES))
    return suffix


def load_boundary_upload(
    data: bytes, name: str, level: str, code_column: str, limits: Limits | None = None
):
    """Read an uploaded boundary layer; errors come back as ImportFileError (no server paths)."""
    import geodata  # geopandas is heavy: loaded only when a boundary file is uploaded

    limits = limits or Limits.from_settings()
    suffix = boundary_suffix(name)
    if len(data) > limits.max_upload_mb * tabular.MB:
        raise ImportFileError.of(
            "import_too_big", size=len(data) / tabular.MB, limit=limits.max_upload_mb
        )
    if suffix == ".zip":
        tabular.check_archive(data, limits)
    with tempfile.TemporaryDirectory(prefix="chipao-upload-") as folder:  # mode 0700
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return geodata.load_boundary_file(path, level, {"code_column": code_column})
        except Exception as exc:  # any unreadable layer: one clear message, nothing kept
            text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
            detail = text.replace(folder, "")[:300]
            raise ImportFileError.of(
                "import_bad_boundary", kind=type(exc).__name__, detail=detail
            ) from None

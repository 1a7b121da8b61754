"""Where data lives. Every path is a setting with a sensible default, read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """The shared reference folder: ``CHIPAO_DATA_DIR``, else ``../shared`` beside the checkout."""
    configured = os.environ.get("CHIPAO_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    return REPO_ROOT.parent / "shared"


def tpmap_2561_dir() -> Path:
    """Folder of the real TPMAP 2561 area tables (``61_<area>_<level>_<suffix>.csv``)."""
    configured = os.environ.get("CHIPAO_TPMAP_DIR")
    if configured:
        return Path(configured).expanduser()
    return shared_dir() / "data" / "tpmap-2561"


def cache_dir() -> Path:
    """Writable folder for generated data and prepared layers: ``CHIPAO_CACHE_DIR``."""
    configured = os.environ.get("CHIPAO_CACHE_DIR")
    path = Path(configured).expanduser() if configured else REPO_ROOT / ".cache" / "chipao"
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_home() -> Path:
    """Writable folder of the household datasets (``datasets/<id>/<year>/*.parquet``):
    ``CHIPAO_DATA_HOME``, else a ``data`` folder beside the cache folder. Not created here."""
    configured = os.environ.get("CHIPAO_DATA_HOME", "").strip()
    if configured:
        return Path(configured).expanduser()
    return cache_dir().parent / "data"

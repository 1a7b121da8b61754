"""Where data lives: the folders of :mod:`analytics.settings` (kept for existing imports)."""

from __future__ import annotations

from pathlib import Path

from analytics import settings

REPO_ROOT = settings.REPO_ROOT


def tpmap_2561_dir() -> Path:
    """Folder of the real TPMAP 2561 area tables (``61_<area>_<level>_<suffix>.csv``)."""
    return settings.current().tpmap_dir


def cache_dir() -> Path:
    """Writable folder for generated data and prepared layers (``CHIPAO_CACHE_DIR``), created."""
    path = settings.current().cache_dir
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_home() -> Path:
    """Writable folder of the household datasets (``CHIPAO_DATA_HOME``). Not created here."""
    return settings.current().data_home

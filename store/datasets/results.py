"""What the catalogue returns: a dataset's row, what to register, and the typed outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from analytics.text import labels
from store.datasets.files import Frames


@dataclass(frozen=True)
class DatasetInfo:
    """One catalogue row (``store.models.Dataset``)."""

    id: str
    name: str
    kind: str
    provinces: list[str]
    tambons: list[str]
    years: list[int]
    tpmap_year: int
    survey_year: int
    source_name: str
    sha256: str
    imported_by: str
    imported_at: datetime
    rows_read: int
    rows_kept: int
    rows_rejected: int
    households: int
    persons: int
    status: str
    storage: str
    replaced_by: str | None = None
    retired_by: str | None = None
    retired_at: datetime | None = None
    restored_by: str | None = None
    restored_at: datetime | None = None

    def cells(self) -> set[tuple[str, int]]:
        """The (province, TPMAP year) pairs this dataset holds."""
        return {(p, int(y)) for p in self.provinces for y in self.years}


@dataclass(frozen=True)
class NewDataset:
    """What to register: frames per TPMAP year (``tpmap_year`` must be one of them)."""

    name: str
    kind: str  # "import" | "demo"
    frames: Frames = field(repr=False)
    tpmap_year: int
    survey_year: int
    source_name: str
    sha256: str
    rows_read: int
    rows_kept: int
    rows_rejected: int


@dataclass(frozen=True)
class Registered:
    dataset: DatasetInfo
    replaced: tuple[DatasetInfo, ...] = ()


@dataclass(frozen=True)
class AlreadyImported:
    """The same file (same SHA-256) is already in the catalogue: nothing was written."""

    dataset: DatasetInfo


@dataclass(frozen=True)
class NeedsConfirmation:
    """Saving would replace these active datasets: call again with ``confirm=True``."""

    would_replace: tuple[DatasetInfo, ...]


RegisterResult = Registered | AlreadyImported | NeedsConfirmation


class DatasetError(RuntimeError):
    """A dataset could not be saved or changed; Thai and English text for the screen.

    ``kind``: empty, write_failed, not_found, not_active, already_active.
    """

    def __init__(self, kind: str):
        self.kind = kind
        self.message_th = labels.t(f"dataset_error_{kind}", "th")
        self.message_en = labels.t(f"dataset_error_{kind}", "en")
        super().__init__(f"{self.message_th} / {self.message_en}")

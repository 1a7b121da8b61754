"""Household datasets: an import (or the generated demo) kept as Parquet under the data home,
with its catalogue row in the database (``store.models.Dataset``).

    from store import datasets
    result = datasets.register(engine, viewer, datasets.NewDataset(...))
    datasets.active_files(engine)  # -> list[household_schema.DatasetFiles]
"""

from store.datasets.demo import ensure_demo_dataset
from store.datasets.registry import (
    active_files,
    conflicts,
    find_by_sha256,
    get,
    list_datasets,
    register,
    restore,
    retire,
)
from store.datasets.results import (
    AlreadyImported,
    DatasetError,
    DatasetInfo,
    NeedsConfirmation,
    NewDataset,
    Registered,
    RegisterResult,
)
from store.datasets.scope import may_change, split_by_scope

__all__ = [
    "AlreadyImported",
    "DatasetError",
    "DatasetInfo",
    "NeedsConfirmation",
    "NewDataset",
    "RegisterResult",
    "Registered",
    "active_files",
    "conflicts",
    "ensure_demo_dataset",
    "find_by_sha256",
    "get",
    "list_datasets",
    "may_change",
    "register",
    "restore",
    "retire",
    "split_by_scope",
]

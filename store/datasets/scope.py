"""Which rows of an import lie in the importer's scope, and who may change which dataset.

Pure pandas; the import page refuses the rows outside (row and field named) before saving,
and :mod:`store.datasets.registry` checks again before it writes anything.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.domain import access, area_codes
from analytics.text import labels

IMPORT_ROLES = ("planner", "admin")
SYSTEM_ROLE = "system"  # ensure_demo_dataset
SCOPE_FIELD = "village_code"


def denied(key: str) -> access.AccessDenied:
    return access.AccessDenied(labels.t(key, "th"), labels.t(key, "en"))


def tambons_of(households: pd.DataFrame) -> list[str]:
    """Sorted tambon codes of a households frame (``tambon``, else the village id's first 6)."""
    if "tambon" in households:
        codes = households["tambon"].astype(str)
    else:
        codes = households["village_id"].astype(str).str[:6]
    return sorted(codes.unique().tolist())


def provinces_of(tambons: list[str]) -> list[str]:
    return sorted({str(area_codes.parse(code).province) for code in tambons})


def may_import(viewer: access.Viewer, kind: str) -> bool:
    return viewer.role == SYSTEM_ROLE if kind == "demo" else viewer.role in IMPORT_ROLES


def may_change(viewer: access.Viewer, tambons: list[str]) -> bool:
    """Retire or restore: an administrator any dataset; a planner one wholly inside their scope."""
    if viewer.role in ("admin", SYSTEM_ROLE):
        return True
    return viewer.role == "planner" and all(viewer.covers(code) for code in tambons)


def split_by_scope(
    viewer: access.Viewer, persons: pd.DataFrame, households: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(persons kept, households kept, refused) where refused has ``row`` (as in the file's
    report, when persons carry it) and ``village_code`` of every person outside the scope.
    ``household_row`` of the kept persons is renumbered to the kept households."""
    villages = households["village_id"].astype(str)
    inside = np.array([viewer.covers(code) for code in villages], dtype=bool)
    if inside.all():
        return persons, households, pd.DataFrame(columns=["row", SCOPE_FIELD])
    rows = persons["household_row"].to_numpy()
    person_inside = inside[rows]
    new_row = np.cumsum(inside) - 1
    kept = persons[person_inside].copy()
    kept["household_row"] = new_row[rows[person_inside]].astype(persons["household_row"].dtype)
    outside = persons[~person_inside]
    refused = pd.DataFrame(
        {
            "row": outside["row"].to_numpy() if "row" in outside else np.arange(len(outside)),
            SCOPE_FIELD: villages.to_numpy()[rows[~person_inside]],
        }
    )
    return (
        kept.reset_index(drop=True),
        households[inside].reset_index(drop=True),
        refused,
    )

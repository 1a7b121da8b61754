"""Who may see what (PDPA). Scope and masking are applied where household data is read.

- executive: aggregates only; any household-level read raises ``AccessDenied``.
- planner: households of their areas, citizen IDs masked, names hidden; may export.
- field: households of their tambons with full ID and name, for visiting; records visits.
- admin: users, rules and pilot areas; households of every area, masked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.domain import citizen_id
from analytics.text import labels
from analytics.text.bilingual import Text

ROLES = ("executive", "planner", "field", "admin")
ROLE_LABELS: dict[str, Text] = {role: labels.text(f"role_{role}") for role in ROLES}
PERSONAL_COLUMNS = ("name", "head_name")
ID_COLUMNS = ("citizen_id", "head_citizen_id", "thaiqm_citizen_id")


class AccessDenied(PermissionError):
    def __init__(self, message_th: str, message_en: str):
        super().__init__(f"{message_th} / {message_en}")
        self.message_th, self.message_en = message_th, message_en


@dataclass(frozen=True)
class Viewer:
    username: str
    role: str
    areas: tuple[str, ...] = ()  # DOPA code prefixes; empty = whole country
    name: str = ""

    @property
    def sees_households(self) -> bool:
        return self.role != "executive"

    @property
    def sees_personal(self) -> bool:
        return self.role == "field"

    @property
    def records_visits(self) -> bool:
        return self.role == "field"

    def in_scope(self, codes: pd.Series) -> np.ndarray:
        """Which area codes (any level) fall inside this viewer's areas."""
        text = codes.astype(str)
        if not self.areas:
            return np.ones(len(text), dtype=bool)
        return np.logical_or.reduce([text.str.startswith(a).to_numpy() for a in self.areas])

    def covers(self, area_code: str) -> bool:
        """True when the whole area lies inside the viewer's scope."""
        return not self.areas or any(area_code.startswith(a) for a in self.areas)


def household_view(
    viewer: Viewer, frame: pd.DataFrame, code_column: str = "tambon"
) -> pd.DataFrame:
    """Household rows this viewer may read: scoped to their areas, personal data masked."""
    if not viewer.sees_households:
        raise AccessDenied(*labels.text("executive_aggregates_only"))
    out = frame[viewer.in_scope(frame[code_column])].copy()
    return out if viewer.sees_personal else mask_personal(out)


def mask_personal(out: pd.DataFrame) -> pd.DataFrame:
    """Citizen IDs masked, names hidden (in place on ``out``, which is returned)."""
    for column in ID_COLUMNS:
        if column in out.columns:
            out[column] = citizen_id.mask_series(out[column].fillna("").astype(str))
    for column in PERSONAL_COLUMNS:
        if column in out.columns:
            out[column] = "•••"
    return out

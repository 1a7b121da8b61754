"""Versioned edits of the menu: who changed what, when, for which province.

The default catalogue is the shared CSV; a province's menu is that default with its edits
applied in order (``analytics.domain.menu.edits``). Rows are only ever inserted.
"""

from __future__ import annotations

from typing import cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db import read_connection, write_transaction
from store.menu_models import EDIT_ACTIONS, MenuEdit, utcnow

_EDITS = cast(sa.Table, MenuEdit.__table__)
COLUMNS = tuple(c.name for c in _EDITS.columns)


class MenuEditError(ValueError):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field, self.problem = field, problem


def record_edit(
    engine: Engine,
    province: str | None,
    programme_id: str,
    action: str,
    changes: dict[str, object],
    user: str,
    budget_year: int | None = None,
) -> int:
    """Append one edit; its id. Who may edit is decided by the caller (the menu service)."""
    if action not in EDIT_ACTIONS:
        raise MenuEditError("action", "unknown_action")
    if province is not None and (len(province) != 2 or not province.isdigit()):
        raise MenuEditError("province", "bad_province")
    if not programme_id.strip():
        raise MenuEditError("programme_id", "programme_required")
    values: dict[str, object] = dict(province=province, programme_id=programme_id)
    values["action"] = action
    values.update(changes=changes, budget_year=budget_year, edited_by=user, edited_at=utcnow())
    with write_transaction(engine) as conn:
        key = conn.execute(sa.insert(_EDITS).values(values)).inserted_primary_key
        return int(key[0]) if key else 0


def edits(engine: Engine, province: str | None) -> pd.DataFrame:
    """Edits that apply to a province (country-wide ones first, then the province's), in
    the order they were made."""
    query = sa.select(_EDITS).order_by(_EDITS.c.id)
    if province is None:
        query = query.where(_EDITS.c.province.is_(None))
    else:
        query = query.where(sa.or_(_EDITS.c.province.is_(None), _EDITS.c.province == province))
    with read_connection(engine) as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=list(COLUMNS))

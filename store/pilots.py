"""Pilot areas in the database: seeded with the demonstration selection, edited by admins.

Every edit keeps history: the current rows are retired (``retired_at``, ``retired_by``) and the
new list is inserted as the next version. ``load_pilots`` reads the rows not retired.
"""

from __future__ import annotations

from typing import cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from analytics.domain.pilots import PilotArea
from analytics.text import labels
from analytics.text.bilingual import BilingualError
from store.db import read_connection, write_transaction
from store.models import PilotArea as PilotRow
from store.models import utcnow

_TABLE = cast(sa.Table, PilotRow.__table__)


def load_pilots(engine: Engine) -> list[PilotArea]:
    query = sa.select(_TABLE).where(_TABLE.c.retired_at.is_(None)).order_by(_TABLE.c.id)
    with read_connection(engine) as conn:
        rows = conn.execute(query).mappings().all()
    return [
        PilotArea(r["name"], r["province_code"], tuple(r["tambon_codes"]), r["is_demo"])
        for r in rows
    ]


def seed_if_empty(engine: Engine, pilots: list[PilotArea], user: str = "system") -> bool:
    """Write ``pilots`` when the table is empty (first start). Returns True when it wrote."""
    with write_transaction(engine) as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(_TABLE)).scalar_one():
            return False
        conn.execute(sa.insert(_TABLE), [_row(p, user, 1) for p in pilots])
    return True


def replace_pilots(engine: Engine, pilots: list[PilotArea], user: str) -> int:
    """An administrator's edit: retire the current list, insert ``pilots`` as the next version
    (one transaction). Returns the new version number."""
    for pilot in pilots:
        if not pilot.name.strip() or not pilot.tambons:
            raise BilingualError(labels.text("pilot_needs_name_and_tambons"))
    now = utcnow()
    with write_transaction(engine) as conn:
        version = conn.execute(sa.select(sa.func.max(_TABLE.c.version))).scalar_one() or 0
        conn.execute(
            sa.update(_TABLE)
            .where(_TABLE.c.retired_at.is_(None))
            .values(retired_at=now, retired_by=user)
        )
        if pilots:
            conn.execute(sa.insert(_TABLE), [_row(p, user, version + 1, now) for p in pilots])
    return version + 1


def pilot_history(engine: Engine) -> pd.DataFrame:
    """Every version of every pilot row, newest version first (names are area names, not people)."""
    columns = ["version", "name", "province_code", "tambon_codes", "updated_by", "updated_at"]
    columns += ["retired_by", "retired_at"]
    query = sa.select(*(_TABLE.c[c] for c in columns)).order_by(
        _TABLE.c.version.desc(), _TABLE.c.id
    )
    with read_connection(engine) as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    return pd.DataFrame(rows, columns=columns)


def _row(pilot: PilotArea, user: str, version: int, at=None) -> dict:
    return {
        "name": pilot.name,
        "province_code": pilot.province,
        "tambon_codes": list(pilot.tambons),
        "is_demo": pilot.is_demo,
        "updated_by": user,
        "updated_at": at or utcnow(),
        "version": version,
    }

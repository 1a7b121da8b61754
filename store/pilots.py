"""Pilot areas in the database: seeded with the demonstration selection, edited by admins."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from analytics.pilots import PilotArea
from store.db import read_connection, write_transaction
from store.models import PilotArea as PilotRow
from store.models import utcnow

_TABLE = PilotRow.__table__


def load_pilots(engine: Engine) -> list[PilotArea]:
    with read_connection(engine) as conn:
        rows = conn.execute(sa.select(_TABLE).order_by(_TABLE.c.id)).mappings().all()
    return [
        PilotArea(r["name"], r["province_code"], tuple(r["tambon_codes"]), r["is_demo"])
        for r in rows
    ]


def seed_if_empty(engine: Engine, pilots: list[PilotArea], user: str = "system") -> bool:
    """Write ``pilots`` when the table is empty (first start). Returns True when it wrote."""
    with write_transaction(engine) as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(_TABLE)).scalar_one():
            return False
        conn.execute(sa.insert(_TABLE), [_row(p, user) for p in pilots])
    return True


def replace_pilots(engine: Engine, pilots: list[PilotArea], user: str) -> None:
    """Replace the whole list in one transaction (an administrator's edit)."""
    for pilot in pilots:
        if not pilot.name.strip() or not pilot.tambons:
            raise ValueError("ทุกพื้นที่นำร่องต้องมีชื่อและตำบล / every pilot needs a name and tambons")
    with write_transaction(engine) as conn:
        conn.execute(sa.delete(_TABLE))
        conn.execute(sa.insert(_TABLE), [_row(p, user) for p in pilots])


def _row(pilot: PilotArea, user: str) -> dict:
    return {
        "name": pilot.name,
        "province_code": pilot.province,
        "tambon_codes": list(pilot.tambons),
        "is_demo": pilot.is_demo,
        "updated_by": user,
        "updated_at": utcnow(),
    }

"""Helpers shared by the store tests (fixtures are in conftest.py)."""

from __future__ import annotations

from typing import cast

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.models import Visit, utcnow


def known_household(code: str) -> bool:
    """Test households: every 11-digit code exists except those starting with 99."""
    return not code.startswith("99")


def add_version(engine: Engine, visit_uid: str, user: str, **changes: object) -> int:
    """Write version n+1 of a visit as an amendment would (the app has no amendment form yet,
    but the logbook reads versions: latest status, timeline, "earlier versions")."""
    table = cast(sa.Table, Visit.__table__)
    with engine.begin() as conn:
        latest = (
            conn.execute(
                sa.select(table)
                .where(table.c.visit_uid == visit_uid)
                .order_by(table.c.version.desc())
                .limit(1)
            )
            .mappings()
            .one()
        )
        row = {k: v for k, v in latest.items() if k != "id"} | dict(changes)
        row |= {"version": latest["version"] + 1, "recorded_by": user, "recorded_at": utcnow()}
        return int(conn.execute(sa.insert(table).returning(table.c.id), row).scalar_one())


def count_rows(engine: Engine, table: str = "visits") -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()

"""Helpers shared by the store tests (fixtures are in conftest.py)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine


def known_household(code: str) -> bool:
    """Test households: every 11-digit code exists except those starting with 99."""
    return not code.startswith("99")


def count_rows(engine: Engine, table: str = "visits") -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()

"""What each user last chose (area, year, source, language): one row per username.

Restored at the next sign-in and in a new tab; written only when a choice changes. Holds no
personal data beyond the username.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db import read_connection, upsert
from store.models import UserPreference, utcnow

_TABLE = cast(sa.Table, UserPreference.__table__)


@dataclass(frozen=True)
class Preference:
    lang: str | None = None
    area: str | None = None
    source: str | None = None
    year: int | None = None


def get_preference(engine: Engine, username: str) -> Preference | None:
    """The user's last choices, or None when they have none stored."""
    query = sa.select(_TABLE).where(_TABLE.c.username == username)
    with read_connection(engine) as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        return None
    return Preference(row["lang"], row["area"], row["source"], row["year"])


def save_preference(engine: Engine, username: str, preference: Preference) -> None:
    """Insert or replace the user's row (one transaction; works on SQLite and PostgreSQL)."""
    values = {
        "lang": preference.lang,
        "area": preference.area,
        "source": preference.source,
        "year": preference.year,
        "updated_at": utcnow(),
    }
    upsert(engine, _TABLE, {"username": username}, values)

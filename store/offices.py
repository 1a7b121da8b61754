"""Field teams' offices: where a team's route for the day starts (one row per team account).

A field user sets the office once (a point clicked on the map); the route map starts there on
every later day. SQLite and PostgreSQL alike (an update, else an insert, in one transaction).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import cast

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from analytics.text import labels
from analytics.text.bilingual import BilingualError
from store.db import read_connection, upsert
from store.models import TeamOffice as OfficeRow
from store.models import utcnow

_TABLE = cast(sa.Table, OfficeRow.__table__)
MAX_LABEL = 200


@dataclass(frozen=True)
class Office:
    team: str
    lat: float
    lon: float
    label: str


def _checked(team: str, lat: float, lon: float, label: str) -> tuple[float, float, str]:
    if not str(team).strip():
        raise BilingualError(labels.text("office_team_required"))
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and -90 <= lat <= 90 and math.isfinite(lon) and -180 <= lon <= 180):
        raise BilingualError(labels.text("office_position_invalid", lat=lat, lon=lon))
    return lat, lon, (str(label).strip() or team)[:MAX_LABEL]


def get_office(engine: Engine, team: str) -> Office | None:
    """The team's office, or None when it has not set one."""
    query = sa.select(_TABLE).where(_TABLE.c.team == team)
    with read_connection(engine) as conn:
        row = conn.execute(query).mappings().first()
    return None if row is None else Office(row["team"], row["lat"], row["lon"], row["label"])


def save_office(engine: Engine, team: str, lat: float, lon: float, label: str, user: str) -> Office:
    """Set (or move) the team's office. Raises ValueError (Thai / English) on a bad position."""
    lat, lon, label = _checked(team, lat, lon, label)
    values = {"lat": lat, "lon": lon, "label": label, "updated_by": user, "updated_at": utcnow()}
    upsert(engine, _TABLE, {"team": team}, values)
    return Office(team, lat, lon, label)

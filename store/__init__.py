"""Persistence: the visit logbook ("Knock Knock"), the audit log and pilot areas.

SQLite file by default, PostgreSQL when ``CHIPAO_DATABASE_URL`` says so; schema by Alembic::

    from store import get_engine, migrate, record_visit
    engine = get_engine()
    migrate(engine)
"""

from store import menu_models as _menu_models  # noqa: F401  (registers the menu tables)
from store.audit import ACTIONS, log_event, query_events
from store.db import database_url, dispose_engines, get_engine, migrate
from store.visits import (
    VisitError,
    VisitRecord,
    household_timeline,
    latest_status_by_household,
    latest_visits,
    progress_counts,
    record_visit,
    validate_visit,
)

__all__ = [
    "ACTIONS",
    "VisitError",
    "VisitRecord",
    "database_url",
    "dispose_engines",
    "get_engine",
    "household_timeline",
    "latest_status_by_household",
    "latest_visits",
    "log_event",
    "migrate",
    "progress_counts",
    "query_events",
    "record_visit",
    "validate_visit",
]

"""Tables of the logbook, audit log and pilot areas (SQLAlchemy 2.x declarative, typed).

The schema itself is created by the Alembic migrations in ``store/migrations``; these classes
must describe the same tables (``tests/store/test_migrations.py`` compares them).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from analytics.domain import catalogue

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Timezone-aware UTC on both sides (SQLite keeps no zone, so it is re-attached on read)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class Visit(Base):
    """One version of one visit. Rows are only ever inserted: an amendment is a new version."""

    __tablename__ = "visits"
    __table_args__ = (
        sa.UniqueConstraint("visit_uid", "version"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
        sa.CheckConstraint(
            f"status IN ({_in(catalogue.case_status_codes())})", name="status_known"
        ),
        sa.Index(None, "house_code"),
        sa.Index(None, "tambon_code"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    visit_uid: Mapped[str] = mapped_column(sa.String(36))
    version: Mapped[int] = mapped_column(sa.Integer)
    house_code: Mapped[str] = mapped_column(sa.String(11))
    tambon_code: Mapped[str] = mapped_column(sa.String(6))
    visit_date: Mapped[date] = mapped_column(sa.Date)
    team: Mapped[str] = mapped_column(sa.String(200))
    findings: Mapped[dict[str, str]] = mapped_column(JSONType)
    help_given: Mapped[str] = mapped_column(sa.Text)
    menu_item: Mapped[str | None] = mapped_column(sa.String(200))
    agency: Mapped[str | None] = mapped_column(sa.String(200))
    status: Mapped[str] = mapped_column(sa.String(20))
    next_visit_date: Mapped[date | None] = mapped_column(sa.Date)
    critical: Mapped[bool] = mapped_column(sa.Boolean)
    notes: Mapped[str] = mapped_column(sa.Text)
    recorded_by: Mapped[str] = mapped_column(sa.String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """Who did what to which area, and how many rows. Deliberately no personal data columns."""

    __tablename__ = "audit_log"
    __table_args__ = (sa.Index(None, "at"), sa.Index(None, "username"))

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    username: Mapped[str] = mapped_column(sa.String(100))
    role: Mapped[str] = mapped_column(sa.String(50))
    action: Mapped[str] = mapped_column(sa.String(50))
    area_code: Mapped[str] = mapped_column(sa.String(10))
    rows: Mapped[int] = mapped_column(sa.Integer)
    # counts or codes only (e.g. "matched=12,unmatched=3"); store.audit refuses personal data
    detail: Mapped[str] = mapped_column(sa.String(200), server_default="")


class PilotArea(Base):
    """A named set of tambons run as a pilot. An administrator's edit retires the current rows
    (``retired_at``) and inserts the new list as the next ``version``: nothing is deleted."""

    __tablename__ = "pilot_areas"
    __table_args__ = (sa.Index(None, "retired_at"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    province_code: Mapped[str] = mapped_column(sa.String(2))
    tambon_codes: Mapped[list[str]] = mapped_column(JSONType)
    is_demo: Mapped[bool] = mapped_column(sa.Boolean)
    updated_by: Mapped[str] = mapped_column(sa.String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(sa.Integer, server_default="1")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retired_by: Mapped[str | None] = mapped_column(sa.String(100))


DATASET_KINDS = ("import", "demo")
DATASET_STATUSES = ("active", "retired", "replaced")


class Dataset(Base):
    """One household dataset (an import or the generated demo): its catalogue row.

    The Parquet files live under ``<data home>/<storage>/<year>/``; ``storage`` is chosen by the
    system from ``id`` (never from an upload's name). Rows are never deleted: retiring,
    restoring and replacing change ``status`` and record who did it and when.
    """

    __tablename__ = "datasets"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN ({_in(DATASET_KINDS)})", name="kind_known"),
        sa.CheckConstraint(f"status IN ({_in(DATASET_STATUSES)})", name="status_known"),
        sa.Index(None, "sha256", unique=True),
        sa.Index(None, "status"),
    )

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(10))
    provinces: Mapped[list[str]] = mapped_column(JSONType)
    tambons: Mapped[list[str]] = mapped_column(JSONType)
    years: Mapped[list[int]] = mapped_column(JSONType)
    tpmap_year: Mapped[int] = mapped_column(sa.Integer)
    survey_year: Mapped[int] = mapped_column(sa.Integer)
    source_name: Mapped[str] = mapped_column(sa.String(255))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    imported_by: Mapped[str] = mapped_column(sa.String(100))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rows_read: Mapped[int] = mapped_column(sa.Integer)
    rows_kept: Mapped[int] = mapped_column(sa.Integer)
    rows_rejected: Mapped[int] = mapped_column(sa.Integer)
    households: Mapped[int] = mapped_column(sa.Integer)
    persons: Mapped[int] = mapped_column(sa.Integer)
    status: Mapped[str] = mapped_column(sa.String(10))
    replaced_by: Mapped[str | None] = mapped_column(sa.String(32))
    retired_by: Mapped[str | None] = mapped_column(sa.String(100))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    restored_by: Mapped[str | None] = mapped_column(sa.String(100))
    restored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    storage: Mapped[str] = mapped_column(sa.String(200))


class UserPreference(Base):
    """What a user last chose (area, year, source, language), restored at the next sign-in and
    in a new tab. Holds no personal data beyond the username."""

    __tablename__ = "user_preferences"

    username: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    lang: Mapped[str | None] = mapped_column(sa.String(2))
    area: Mapped[str | None] = mapped_column(sa.String(12))
    source: Mapped[str | None] = mapped_column(sa.String(12))
    year: Mapped[int | None] = mapped_column(sa.Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TeamOffice(Base):
    """Where a field team's day starts (the route's first point); one row per team account."""

    __tablename__ = "team_offices"
    __table_args__ = (
        sa.CheckConstraint("lat BETWEEN -90 AND 90", name="lat_range"),
        sa.CheckConstraint("lon BETWEEN -180 AND 180", name="lon_range"),
    )

    team: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    lat: Mapped[float] = mapped_column(sa.Float)
    lon: Mapped[float] = mapped_column(sa.Float)
    label: Mapped[str] = mapped_column(sa.String(200))
    updated_by: Mapped[str] = mapped_column(sa.String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


from store import followup_models  # noqa: E402,F401  (the follow-up tables, issue 14)

"""Alembic migrations: idempotent, concurrent-safe, and in step with store.models."""

from __future__ import annotations

import multiprocessing as mp

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from store import get_engine, log_event, migrate, query_events
from store.db import current_revision, head_revision
from store.models import Base

TABLES = {
    "alembic_version",
    "visits",
    "audit_log",
    "pilot_areas",
    "datasets",
    "user_preferences",
    "team_offices",
    *("menu_edits", "plan_steps", "area_plans", "area_plan_rows"),  # 0005 (menu)
    "followup_lists",  # issue 14
    "followup_items",
}


def _versions(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars())


def test_migrate_empty_sqlite_file_twice(tmp_path):
    path = tmp_path / "sub" / "chipao.db"
    engine = get_engine(f"sqlite:///{path}")
    assert current_revision(engine) is None
    migrate(engine)
    migrate(engine)
    assert path.exists()
    assert set(sa.inspect(engine).get_table_names()) == TABLES
    assert head_revision() is not None
    assert current_revision(engine) == head_revision()
    assert _versions(engine) == [head_revision()]


@pytest.mark.parametrize(
    "db_url", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_schema_matches_models(db_url):
    engine = get_engine(db_url)
    migrate(engine)
    migrate(engine)
    assert set(sa.inspect(engine).get_table_names()) == TABLES
    indexes = {
        index["name"]
        for index in sa.inspect(engine).get_indexes("visits")
        if not index.get("duplicates_constraint")  # PostgreSQL lists the unique index too
    }
    assert indexes == {"ix_visits_house_code", "ix_visits_tambon_code"}
    checks = {check["name"] for check in sa.inspect(engine).get_check_constraints("visits")}
    assert {"ck_visits_version_positive", "ck_visits_status_known"} <= checks
    uniques = sa.inspect(engine).get_unique_constraints("visits")
    assert [unique["column_names"] for unique in uniques] == [["visit_uid", "version"]]
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrate_again_keeps_data(engine):
    """migrate() runs on every app start: on a database in use it must change nothing."""
    log_event(engine, username="u", role="planner", action="view_list", area_code="60", rows=1)
    migrate(engine)
    assert _versions(engine) == [head_revision()]
    assert len(query_events(engine)) == 1


def test_constraints_hold(engine):
    """The database itself refuses an unknown status and a second row with the same version."""
    row = {
        "visit_uid": "u1",
        "version": 1,
        "house_code": "60010100001",
        "tambon_code": "600101",
        "visit_date": sa.func.current_date(),
        "team": "t",
        "findings": {},
        "help_given": "",
        "status": "target",
        "critical": False,
        "notes": "",
        "recorded_by": "x",
        "recorded_at": sa.func.current_timestamp(),
    }
    table = Base.metadata.tables["visits"]
    with engine.begin() as conn:
        conn.execute(sa.insert(table).values(row))
    for bad in [{"version": 2, "status": "done"}, {"version": 1}, {"version": 0}]:
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            conn.execute(sa.insert(table).values({**row, **bad}))


def _migrate_in_process(url: str, barrier) -> None:
    engine = get_engine(url)
    barrier.wait(timeout=60)
    migrate(engine)


@pytest.mark.parametrize(
    "db_url", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_concurrent_migrate_on_fresh_database(db_url):
    context = mp.get_context("spawn")
    barrier = context.Barrier(4)
    processes = [
        context.Process(target=_migrate_in_process, args=(db_url, barrier)) for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    engine = get_engine(db_url)
    assert _versions(engine) == [head_revision()]
    assert set(sa.inspect(engine).get_table_names()) == TABLES

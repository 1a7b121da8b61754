"""The logbook under attack and failure: over-long fields, characters PostgreSQL refuses, a
database stopped mid-session, a read-only SQLite file, and logs that must not carry free text."""

from __future__ import annotations

import logging
import os
from datetime import date

import pytest
import sqlalchemy as sa

from store import get_engine, household_timeline, log_event, migrate, record_visit, visit_checks
from store import visits as visit_store
from store.db import StoreError, write_transaction
from store.models import Visit
from tests.store import count_rows, known_household
from tests.support.postgres import pg_ctl as _pg_ctl

TODAY = date(2025, 11, 20)
SECRET = "บันทึกลับ-ยายสมศรีติดหนี้นอกระบบ-SECRET-NOTE"


def visit(**overrides) -> dict:
    data = {
        "house_code": "19011000001",
        "tambon_code": "190110",
        "visit_date": date(2025, 11, 3),
        "team": "ทีม อสม. หมู่ 1",
        "findings": {"income": "รายได้ต่ำกว่าเกณฑ์"},
        "help_given": "ลงทะเบียนเบี้ยผู้สูงอายุ",
        "agency": "อบต.",
        "status": "in_progress",
        "critical": False,
        "notes": SECRET,
    }
    return data | overrides


def record(engine, **overrides):
    return record_visit(
        engine, visit(**overrides), user="field", known_household=known_household, today=TODAY
    )


def test_agency_of_201_characters_is_refused_alike_on_sqlite_and_postgresql(engine):
    with pytest.raises(visit_store.VisitError) as caught:
        record(engine, agency="ก" * 201)
    assert [e[0] for e in caught.value.errors] == ["agency"]
    assert "200" in caught.value.errors[0][1] and "201 typed" in caught.value.errors[0][2]
    assert count_rows(engine) == 0
    saved = record(engine, agency="ก" * 200, team="ท" * 200, menu_item="ม" * 200)
    assert household_timeline(engine, saved.house_code).iloc[0]["agency"] == "ก" * 200


def test_short_field_limits_are_the_column_sizes():
    columns = Visit.__table__.c
    for name in visit_checks.SHORT_FIELDS:
        assert visit_checks.FIELD_LENGTHS[name] == columns[name].type.length, name


def test_free_text_over_the_limit_and_nul_characters_are_refused_on_every_database(engine):
    limit = visit_checks.MAX_TEXT_CHARS
    with pytest.raises(visit_store.VisitError) as caught:
        record(
            engine,
            notes="x" * (limit + 1),
            help_given="ok\x00",
            findings={"health": "y" * (limit + 1)},
        )
    assert sorted(e[0] for e in caught.value.errors) == ["findings", "help_given", "notes"]
    assert count_rows(engine) == 0


def test_visit_free_text_never_reaches_the_log_or_the_error(engine, caplog):
    """Even with SQLAlchemy's statement logging on, a failing insert shows no parameters."""
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # as echo=True would
    try:
        record(engine)
        clean = visit_store.validate_visit(visit(), known_household=known_household, today=TODAY)
        bad = clean | {"status": "bogus", "agency": "ก" * 300}  # skips validation on purpose
        with pytest.raises((sa.exc.IntegrityError, StoreError)) as caught:
            with write_transaction(engine) as conn:
                visit_store._insert(conn, bad, "00000000-0000-4000-8000-000000000001", 1, "x")
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert SECRET not in str(caught.value)
    assert SECRET not in caplog.text
    assert "ยายสมศรี" not in caplog.text and "SECRET" not in caplog.text


@pytest.mark.postgres
def test_postgresql_stopped_mid_session_gives_a_clear_error_and_the_retry_saves(own_postgres):
    cluster, url = own_postgres
    engine = get_engine(url)
    migrate(engine)
    record(engine)
    _pg_ctl(cluster, "stop")
    for attempt in (
        lambda: record(engine, help_given="second"),
        lambda: household_timeline(engine, "19011000001"),
        lambda: log_event(
            engine, username="field", role="field", action="view_list", area_code="19", rows=1
        ),
    ):
        with pytest.raises(StoreError) as caught:
            attempt()
        assert caught.value.kind == "unavailable"
        assert "ติดต่อฐานข้อมูลไม่ได้" in caught.value.message_th
        assert "cannot be reached" in caught.value.message_en
        assert SECRET not in str(caught.value) and "127.0.0.1" not in str(caught.value)
    _pg_ctl(cluster, "start")
    record(engine, help_given="second")  # the same input, retried, is saved
    assert list(household_timeline(engine, "19011000001")["help_given"]) == [
        "second",
        "ลงทะเบียนเบี้ยผู้สูงอายุ",
    ]


def _read_only_urls(tmp_path) -> list[str]:
    path = tmp_path / "chipao.db"
    urls = [f"sqlite:///file:{path}?mode=ro&uri=true"]  # what SQLite does with a 0444 file
    if os.geteuid() != 0:  # root writes to a 0444 file anyway
        urls.append(f"sqlite:///{path}")
    return urls


def test_read_only_sqlite_refuses_writes_clearly_and_still_reads(tmp_path):
    writable = get_engine(f"sqlite:///{tmp_path / 'chipao.db'}")
    migrate(writable)
    record(writable)
    writable.dispose()
    os.chmod(tmp_path / "chipao.db", 0o444)
    for url in _read_only_urls(tmp_path):
        engine = get_engine(url)
        migrate(engine)  # at head already: reads the revision only
        assert len(household_timeline(engine, "19011000001")) == 1
        for attempt in (
            lambda e=engine: record(e, help_given="second"),
            lambda e=engine: log_event(
                e, username="field", role="field", action="view_list", area_code="19", rows=1
            ),
        ):
            with pytest.raises(StoreError) as caught:
                attempt()
            assert caught.value.kind == "read_only"
            assert "อ่านได้อย่างเดียว" in caught.value.message_th
            assert "read-only" in caught.value.message_en

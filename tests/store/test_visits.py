"""Visit logbook: record, amend (append-only versions), validation, latest status, progress."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from analytics.domain import catalogue
from store import (
    VisitError,
    household_timeline,
    latest_status_by_household,
    latest_visits,
    log_event,
    progress_counts,
    query_events,
    record_visit,
    validate_visit,
)
from store.db import database_url, get_engine
from tests.store import add_version, count_rows, known_household

TODAY = date(2025, 11, 20)
HOUSE = "60010100001"


def visit(**overrides) -> dict:
    data = {
        "house_code": HOUSE,
        "tambon_code": "600101",
        "visit_date": date(2025, 11, 3),
        "team": "ทีม อสม. หมู่ 1",
        "findings": {"income": "รายได้ต่ำกว่าเกณฑ์", "health": "ผู้สูงอายุติดเตียง"},
        "help_given": "ลงทะเบียนเบี้ยผู้สูงอายุ",
        "menu_item": "เบี้ยยังชีพ",
        "agency": "อบต.",
        "status": "in_progress",
        "next_visit_date": date(2025, 12, 1),
        "critical": True,
        "notes": "",
    }
    data.update(overrides)
    return data


def record(engine, **overrides):
    return record_visit(
        engine, visit(**overrides), user="somchai", known_household=known_household, today=TODAY
    )


def amend(engine, uid, **changes):
    return add_version(engine, uid, "malee", **changes)


def test_status_vocabulary():
    statuses = catalogue.case_status_codes()
    assert statuses == ("target", "in_progress", "assisted", "self_resolved", "referred")
    assert [catalogue.case_status_labels()[code].th for code in statuses] == [
        "เป้าหมาย",
        "อยู่ระหว่างดำเนินการ",
        "ช่วยเหลือแล้ว",
        "แก้ไขได้ด้วยตนเอง",
        "ส่งต่อ/แก้ไขไม่ได้",
    ]


def test_record_then_timeline(engine):
    saved = record(engine)
    assert saved.version == 1 and len(saved.visit_uid) == 36
    assert saved.recorded_by == "somchai"
    assert saved.recorded_at.tzinfo is not None
    assert abs((datetime.now(UTC) - saved.recorded_at).total_seconds()) < 60

    timeline = household_timeline(engine, HOUSE)
    assert len(timeline) == 1
    row = timeline.iloc[0]
    assert row["visit_uid"] == saved.visit_uid
    assert row["version"] == 1 and bool(row["current"])
    assert row["visit_date"] == date(2025, 11, 3)
    assert row["next_visit_date"] == date(2025, 12, 1)
    assert row["status"] == "in_progress"
    assert row["findings"] == {"health": "ผู้สูงอายุติดเตียง", "income": "รายได้ต่ำกว่าเกณฑ์"}
    assert row["team"] == "ทีม อสม. หมู่ 1" and row["agency"] == "อบต."
    assert bool(row["critical"]) is True
    assert household_timeline(engine, "60010100002").empty


@pytest.mark.parametrize(
    ("overrides", "field", "thai", "english"),
    [
        ({"visit_date": date(2025, 11, 21)}, "visit_date", "อยู่ในอนาคต", "is in the future"),
        (
            {"house_code": "99999999999"},
            "house_code",
            "ไม่พบครัวเรือนรหัสบ้าน 99999999999",
            "household 99999999999 is not in the data",
        ),
        ({"status": None}, "status", "ต้องระบุสถานะ", "status is required"),
        ({"status": "done"}, "status", "สถานะ done ไม่อยู่ในรายการ", "status done is not one of"),
        ({"team": " "}, "team", "ต้องระบุทีม", "team is required"),
        ({"house_code": "6001"}, "house_code", "ตัวเลข 11 หลัก", "must be 11 digits"),
        (
            {"next_visit_date": date(2025, 11, 1)},
            "next_visit_date",
            "ต้องไม่ก่อนวันที่เยี่ยม",
            "must not be before the visit date",
        ),
        ({"findings": {"wealth": "x"}}, "findings", "มิติ wealth ไม่ถูกต้อง", "unknown dimension"),
    ],
)
def test_invalid_visit_is_explained_and_not_saved(engine, overrides, field, thai, english):
    record(engine)
    with pytest.raises(VisitError) as caught:
        record(engine, **overrides)
    assert [error[0] for error in caught.value.errors] == [field]
    _, message_th, message_en = caught.value.errors[0]
    assert thai in message_th and english in message_en
    assert f"{field}: {message_th} / {message_en}" in str(caught.value)
    assert count_rows(engine) == 1


def test_every_problem_is_listed_at_once():
    data = {"house_code": "99999999999", "visit_date": "2026-01-01", "findings": {"x": "y"}}
    with pytest.raises(VisitError) as caught:
        validate_visit(data, known_household=known_household, today=TODAY)
    fields = [error[0] for error in caught.value.errors]
    assert fields == ["house_code", "tambon_code", "visit_date", "team", "status", "findings"]
    text = str(caught.value)
    for words in ["ไม่พบครัวเรือน", "unknown household", "อนาคต", "future", "ต้องระบุสถานะ"]:
        assert words in text


def test_validate_cleans_input():
    clean = validate_visit(
        visit(visit_date="2025-11-03", next_visit_date="", critical="0", agency=" ", notes=None),
        known_household=known_household,
        today=TODAY,
    )
    assert clean["visit_date"] == date(2025, 11, 3)
    assert clean["next_visit_date"] is None
    assert clean["critical"] is False
    assert clean["agency"] is None and clean["notes"] == ""
    with pytest.raises(VisitError, match="visit date is required"):
        validate_visit(visit(visit_date=None), known_household=known_household, today=TODAY)
    with pytest.raises(VisitError, match="unknown field colour"):
        validate_visit(visit(colour="red"), known_household=known_household, today=TODAY)


def _hand_made_set(engine) -> None:
    """Five households in three tambons; see the expected values in the tests below."""
    a, b, c, d, e = (f"{n}" * 11 for n in range(1, 6))
    record(engine, house_code=a, visit_date=date(2025, 10, 1), status="target")
    second = record(engine, house_code=a, visit_date=date(2025, 10, 15), status="in_progress")
    amend(engine, second.visit_uid, status="assisted")
    record(engine, house_code=b, visit_date=date(2025, 10, 20), status="referred", critical=True)
    # An older visit entered later does not replace the newer one.
    record(engine, house_code=b, visit_date=date(2025, 10, 5), status="in_progress")
    only = record(engine, house_code=c, tambon_code="600102", status="target", critical=False)
    amend(engine, only.visit_uid, status="self_resolved", visit_date=date(2025, 9, 3))
    # Two visits on one day: the one entered last counts.
    record(engine, house_code=d, tambon_code="600102", visit_date=date(2025, 10, 10))
    record(
        engine, house_code=d, tambon_code="600102", visit_date=date(2025, 10, 10), status="assisted"
    )
    record(engine, house_code=e, tambon_code="600103", status="target", critical=False)


def test_latest_status_by_household(engine):
    _hand_made_set(engine)
    latest = latest_status_by_household(engine)
    assert list(latest.columns) == [
        "house_code",
        "tambon_code",
        "visit_uid",
        "status",
        "visit_date",
        "critical",
    ]
    got = {
        row.house_code: (row.status, row.visit_date, bool(row.critical))
        for row in latest.itertuples()
    }
    assert got == {
        "11111111111": ("assisted", date(2025, 10, 15), True),
        "22222222222": ("referred", date(2025, 10, 20), True),
        "33333333333": ("self_resolved", date(2025, 9, 3), False),
        "44444444444": ("assisted", date(2025, 10, 10), True),
        "55555555555": ("target", date(2025, 11, 3), False),
    }
    only_600102 = latest_status_by_household(engine, ["600102"])
    assert list(only_600102["house_code"]) == ["33333333333", "44444444444"]


def test_latest_visits_and_timeline_order(engine):
    _hand_made_set(engine)
    assert count_rows(engine) == 10  # 8 visits + 2 amendments
    latest = latest_visits(engine)
    assert len(latest) == 8 and latest["visit_uid"].is_unique
    assert latest["visit_date"].is_monotonic_decreasing
    assert len(latest_visits(engine, ["600101"])) == 4
    assert latest_visits(engine, []).empty

    timeline = household_timeline(engine, "22222222222")
    assert list(timeline["visit_date"]) == [date(2025, 10, 20), date(2025, 10, 5)]
    timeline = household_timeline(engine, "11111111111")
    assert list(zip(timeline["status"], timeline["version"], timeline["current"], strict=True)) == [
        ("assisted", 2, True),
        ("in_progress", 1, False),
        ("target", 1, True),
    ]


def test_progress_counts(engine):
    assert progress_counts(engine)["households"].sum() == 0
    _hand_made_set(engine)
    counts = progress_counts(engine)
    assert list(counts["status"]) == list(catalogue.case_status_codes())
    assert list(counts["label_th"])[2] == "ช่วยเหลือแล้ว"
    assert dict(zip(counts["status"], counts["households"], strict=True)) == {
        "target": 1,
        "in_progress": 0,
        "assisted": 2,
        "self_resolved": 1,
        "referred": 1,
    }
    counts = progress_counts(engine, ["600102", "600103"])
    assert list(counts["households"]) == [1, 0, 1, 1, 0]


def test_audit_log_keeps_no_personal_data(engine):
    log_event(
        engine, username="planner1", role="planner", action="export_csv", area_code="6001", rows=12
    )
    log_event(
        engine, username="team7", role="field", action="view_list", area_code="600101", rows=3
    )
    events = query_events(engine)
    assert list(events["action"]) == ["view_list", "export_csv"]
    assert list(events["rows"]) == [3, 12]
    assert str(events["at"].dt.tz) == "UTC"
    assert len(query_events(engine, limit=1)) == 1
    for bad_area in ["60010100001", "3100600123457"]:  # a house code, a citizen ID
        with pytest.raises(ValueError, match="area_code"):
            log_event(
                engine, username="x", role="y", action="view_household", area_code=bad_area, rows=1
            )
    with pytest.raises(ValueError, match="username"):
        log_event(
            engine, username="นาย สมชาย ใจดี", role="y", action="view_list", area_code="60", rows=1
        )
    assert count_rows(engine, "audit_log") == 2
    columns = {column["name"] for column in sa.inspect(engine).get_columns("audit_log")}
    assert columns == {"id", "at", "username", "role", "action", "area_code", "rows", "detail"}


def test_database_url(monkeypatch, tmp_path):
    monkeypatch.setenv("CHIPAO_DATABASE_URL", "postgresql+psycopg2://u@db.example/chipao")
    assert database_url() == "postgresql+psycopg2://u@db.example/chipao"
    monkeypatch.delenv("CHIPAO_DATABASE_URL")
    monkeypatch.setenv("CHIPAO_CACHE_DIR", str(tmp_path / "new" / "cache"))
    assert database_url() == f"sqlite:///{tmp_path / 'new' / 'cache' / 'chipao.db'}"
    assert (tmp_path / "new" / "cache").is_dir()


def test_sqlite_settings(sqlite_url):
    engine = get_engine(sqlite_url)
    assert get_engine(sqlite_url) is engine
    with engine.connect() as conn:
        pragma = conn.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA busy_timeout").scalar() == 30000
        assert pragma("PRAGMA foreign_keys").scalar() == 1

"""Saving a visit through the service: saved with its audit row, refused with every field to fix
(Thai and English), failed with the database's words, and nothing half-written."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import text

from analytics.domain.access import Viewer
from analytics.services import visit_save
from store import db, visits

FIELD = Viewer("field", "field", ("190110",), "ทีม ก")
HOUSE, TAMBON = "19011000001", "190110"


def form(**changes) -> dict:
    """What the form hands over (its caption widget included, which the store never sees)."""
    fields = {
        "visit_date": date(2026, 11, 1),
        "team": "ทีม ก",
        "status": "assisted",
        "findings": {"health": "ป่วยเรื้อรัง", "income": "  "},
        "help_given": "ส่งต่อ รพ.สต.",
        "menu_item": None,
        "agency": "",
        "next_visit_date": None,
        "critical": False,
        "suggestion": object(),
        "notes": "",
    }
    return fields | changes


def events(engine) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(text("select action, area_code, rows from audit_log"), conn)


def test_a_visit_is_saved_with_its_audit_row_and_blank_answers_left_out(engine):
    data = visit_save.visit_data(form(), HOUSE, TAMBON, None)
    assert data["findings"] == {"health": "ป่วยเรื้อรัง"} and data["agency"] is None
    assert "suggestion" not in data
    outcome = visit_save.save_visit(engine, FIELD, data, lambda code: code == HOUSE, "th")
    assert outcome.saved and outcome.note == "visit_saved"
    assert len(visits.household_timeline(engine, HOUSE)) == 1
    assert events(engine).to_dict("records") == [
        {"action": "record_visit", "area_code": TAMBON, "rows": 1}
    ]


def test_a_refused_visit_names_each_field_in_thai_and_english_and_writes_nothing(engine):
    data = visit_save.visit_data(form(status=None, team=""), HOUSE, TAMBON, None)
    outcome = visit_save.save_visit(engine, FIELD, data, lambda code: True, "en")
    assert not outcome.saved
    assert outcome.error.startswith("Not saved. Please correct:")
    assert "**สถานะ / Status** (status)" in outcome.error
    assert "(team)" in outcome.error
    assert outcome.error.endswith("press Save again.")
    assert visits.household_timeline(engine, HOUSE).empty and events(engine).empty


def test_a_failed_save_says_the_database_problem_and_keeps_the_typed_fields(engine, monkeypatch):
    def read_only(*args, **kwargs):
        raise db.StoreError("read_only")

    monkeypatch.setattr(visits, "record_visit", read_only)
    data = visit_save.visit_data(form(), HOUSE, TAMBON, None)
    outcome = visit_save.save_visit(engine, FIELD, data, lambda code: True, "th")
    assert not outcome.saved
    assert "ยังไม่ได้บันทึกการเยี่ยม" in outcome.error
    assert db.StoreError("read_only").message_en in outcome.error
    assert "ข้อมูลที่กรอกยังอยู่ในแบบฟอร์ม" in outcome.error
    assert events(engine).empty


def test_an_audit_row_that_cannot_be_written_leaves_the_visit_saved_and_says_so(
    engine, monkeypatch
):
    from store import audit

    def down(*args, **kwargs):
        raise db.StoreError("unavailable")

    monkeypatch.setattr(audit, "log_event", down)
    data = visit_save.visit_data(form(), HOUSE, TAMBON, None)
    outcome = visit_save.save_visit(engine, FIELD, data, lambda code: True, "th")
    assert outcome.saved and outcome.note == "visit_saved_audit_failed"
    assert len(visits.household_timeline(engine, HOUSE)) == 1

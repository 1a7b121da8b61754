"""Team offices (the route's start), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from store import offices


def test_office_is_stored_per_team_and_moved_by_a_second_save(engine):
    assert offices.get_office(engine, "field") is None
    saved = offices.save_office(engine, "field", 14.53, 100.91, "อบต.ปากข้าวสาร", user="field")
    assert offices.get_office(engine, "field") == saved
    offices.save_office(engine, "field", 14.6, 100.95, "", user="field")
    moved = offices.get_office(engine, "field")
    assert (moved.lat, moved.lon, moved.label) == (14.6, 100.95, "field")  # label defaults
    assert offices.get_office(engine, "other") is None


@pytest.mark.parametrize("lat, lon", [(91, 100), (14, 181), (float("nan"), 100)])
def test_office_outside_the_globe_is_refused_with_both_languages(engine, lat, lon):
    with pytest.raises(ValueError, match="พิกัดไม่ถูกต้อง.*not a valid"):
        offices.save_office(engine, "field", lat, lon, "x", user="field")
    assert offices.get_office(engine, "field") is None

"""A user's last area, year, source and language persist across sign-ins (SQLite, PostgreSQL)."""

from store import preferences
from store.preferences import Preference


def test_no_preference_until_one_is_saved(engine):
    assert preferences.get_preference(engine, "planner") is None


def test_saved_preference_is_read_back_and_replaced(engine):
    preferences.save_preference(engine, "planner", Preference("th", "19", "households", 2564))
    preferences.save_preference(engine, "field", Preference("en", "190110", "households", 2563))
    assert preferences.get_preference(engine, "planner") == Preference(
        "th", "19", "households", 2564
    )
    preferences.save_preference(engine, "planner", Preference("en", "1901", "real", 2561))
    assert preferences.get_preference(engine, "planner") == Preference("en", "1901", "real", 2561)
    assert preferences.get_preference(engine, "field") == Preference(
        "en", "190110", "households", 2563
    )


def test_a_country_level_preference_keeps_empty_fields(engine):
    preferences.save_preference(engine, "exec", Preference(lang="en"))
    assert preferences.get_preference(engine, "exec") == Preference(lang="en")

"""Browser fixtures live in tests/conftest.py (shared with the geodata map test)."""

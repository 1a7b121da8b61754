"""Support code shared by the tests (not fixtures of one package)."""

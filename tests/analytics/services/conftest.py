"""A migrated SQLite store per test, with the datasets it saves beside it."""

from __future__ import annotations

import pytest

from store import db


@pytest.fixture
def engine(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIPAO_DATA_HOME", str(tmp_path / "data"))
    eng = db.get_engine(f"sqlite:///{tmp_path / 'chipao.db'}")
    db.migrate(eng)
    yield eng
    db.dispose_engines()

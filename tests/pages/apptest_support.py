"""What the page AppTests share: open a page as a viewer, and a fresh store holding imported
province files only (no demo data), as a planner's import would leave it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import Engine
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from analytics.domain import access
from analytics.io import importers
from store import datasets, dispose_engines, get_engine, migrate
from ui import cache, dataset_views

REPO = Path(__file__).resolve().parents[2]
HOUSEHOLDS_2561 = {"source": "households", "year_households": 2561}


def open_page(
    path: str,
    viewer: access.Viewer,
    lang: str = "en",
    timeout: int = 240,
    query: dict[str, str] | None = None,
    **state,
) -> AppTest:
    """``path`` opened from the dashboard as ``viewer``, with ``state`` set first (and the
    address's ``query``: a shared link); no exception reached the screen."""
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=timeout)
    app.session_state["viewer"] = viewer
    app.session_state["lang"] = lang
    for key, value in state.items():
        app.session_state[key] = value
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    app.switch_page(path).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def restart() -> None:
    """Forget cached data and engines (a new database or data home is read afresh)."""
    cache.clear_data()
    dispose_engines()


def register_file(engine: Engine, owner: access.Viewer, raw: bytes, name: str, home: Path) -> None:
    """Import a household export and save it as a dataset of TPMAP year 2561."""
    result = importers.import_households(raw, f"{name}.csv")
    assert result.errors.empty, result.errors.head()
    new = datasets.NewDataset(
        name=name,
        kind="import",
        frames={2561: (result.households, result.persons)},
        tpmap_year=2561,
        survey_year=2560,
        source_name=f"{name}.csv",
        sha256=hashlib.sha256(raw).hexdigest(),
        rows_read=result.rows_read,
        rows_kept=len(result.persons),
        rows_rejected=0,
    )
    datasets.register(engine, owner, new, home=home)


@contextmanager
def imported_store(
    tmp_path: Path, monkeypatch, owner: access.Viewer, raw: bytes, name: str
) -> Iterator[Engine]:
    """A fresh database and data home holding only the file ``raw`` (the demo is kept out)."""
    url = f"sqlite:///{tmp_path / 'chipao.db'}"
    monkeypatch.setenv("CHIPAO_DATABASE_URL", url)
    monkeypatch.setenv("CHIPAO_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(dataset_views, "ensure_demo", lambda: None)
    restart()
    engine = get_engine(url)
    migrate(engine)
    register_file(engine, owner, raw, name, tmp_path / "home")
    try:
        yield engine
    finally:
        restart()


def deferred_downloads(monkeypatch) -> dict[str, Callable[[], object]]:
    """Every download button's deferred file by its file name, as the runs register them:
    calling one is what a click on the button does (the audit row is written then)."""
    files: dict[str, Callable[[], object]] = {}
    register = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        files[str(file_name)] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return files

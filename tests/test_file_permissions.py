"""Files the app creates are readable by its own user only (issue 9: 0644 database and Parquet)."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from analytics.data import synthetic

REPO = Path(__file__).resolve().parents[1]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_generated_parquet_is_owner_only_whatever_the_umask(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIPAO_CACHE_DIR", str(tmp_path))
    synthetic.load_or_generate(("19",), scale=0.01, seed=7)
    folder = synthetic.dataset_dir(("19",), 0.01, 7)
    assert _mode(folder) == 0o700
    files = list(folder.glob("*.parquet"))
    assert files and all(_mode(f) == 0o600 for f in files)


def test_the_server_database_and_its_wal_are_owner_only(tmp_path):
    """app.py sets the umask once; the SQLite file and WAL it then creates are 0600."""
    db = tmp_path / "chipao.db"
    script = (
        "import app, os, sys\n"
        "from store import get_engine, migrate, log_event\n"
        f"e = get_engine('sqlite:///{db}')\n"
        "migrate(e)\n"
        "log_event(e, username='u', role='admin', action='sign_in', area_code='', rows=0)\n"
        "with e.connect() as c:\n"
        f"    print(oct(os.stat('{db}').st_mode & 0o777), oct(os.stat('{db}-wal').st_mode & 0o777))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["0o600", "0o600"]

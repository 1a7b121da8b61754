"""One settings object: every CHIPAO_* variable is in analytics.settings, and the README's table
is the one it generates."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from analytics import settings

ROOT = Path(__file__).resolve().parents[1]
SEARCHED = ("analytics", "store", "geodata", "ui", "pages", "benchmarks", "scripts", "tests")


def test_readme_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert settings.markdown_table() in readme, "run: python -m analytics.settings --markdown"


def test_every_chipao_variable_in_the_tree_is_a_setting():
    used: set[str] = set()
    files = [ROOT / "app.py", ROOT / "dashboard.py", ROOT / ".ci" / "run"]
    for folder in SEARCHED:
        files += [p for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".sh"}]
    for path in files:
        used |= set(re.findall(r"CHIPAO_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8")))
    assert used <= {v.name for v in settings.VARIABLES}
    fields = set(settings.Settings.__dataclass_fields__)
    assert {v.field for v in settings.VARIABLES} == fields


@pytest.mark.parametrize(
    ("name", "value"),
    [("CHIPAO_SYNTHETIC_SCALE", "0"), ("CHIPAO_SYNTHETIC_SCALE", "lots"),
     ("CHIPAO_DEMO", "maybe"), ("CHIPAO_DATABASE_URL", "mysql://x"),
     ("CHIPAO_ENGINE_URL", "duckdb"), ("CHIPAO_BASEMAP", "tiles.example"),
     ("CHIPAO_TEST_WORKERS", "-1")],
)  # fmt: skip
def test_a_bad_value_is_an_error_naming_the_variable(name, value):
    with pytest.raises(settings.SettingsError, match=f"^{name}="):
        settings.current({name: value})


def test_defaults_follow_the_data_and_cache_folders(tmp_path):
    got = settings.current(
        {"CHIPAO_DATA_DIR": str(tmp_path), "CHIPAO_CACHE_DIR": str(tmp_path / "c")}
    )
    assert got.geodata_dir == tmp_path / "geodata"
    assert got.tpmap_dir == tmp_path / "data" / "tpmap-2561"
    assert got.data_home == tmp_path / "data"
    assert got.database_url == f"sqlite:///{(tmp_path / 'c' / 'chipao.db').resolve()}"
    assert not got.demo and got.synthetic_scale == 1.0 and got.basemap is None


def test_printed_configuration_masks_passwords():
    url = "postgresql+psycopg2://chipao:s3cret@db.example/chipao"
    rows = dict(settings.describe(settings.current({"CHIPAO_DATABASE_URL": url})))
    assert rows["CHIPAO_DATABASE_URL"] == "postgresql+psycopg2://chipao:***@db.example/chipao"
    with pytest.raises(settings.SettingsError) as caught:
        settings.current({"CHIPAO_ENGINE_URL": "mysql://u:s3cret@h/d"})
    assert "s3cret" not in str(caught.value)
    out = subprocess.run(
        [sys.executable, "-m", "analytics.settings"],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={"CHIPAO_DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert "CHIPAO_DATABASE_URL" in out.stdout and "s3cret" not in out.stdout
    assert "[alkire_foster]" in out.stdout

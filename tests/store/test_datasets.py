"""The dataset catalogue on SQLite and PostgreSQL: register, duplicate, replace, retire,
restore, active files, audit rows and who may do what."""

from __future__ import annotations

import hashlib
import stat

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.domain import access
from analytics.domain.household_schema import DatasetFiles
from store import audit, datasets
from store.models import Dataset

ADMIN = access.Viewer("admin", "admin", ())
PLANNER_34 = access.Viewer("planner34", "planner", ("34",))
PLANNER_3401 = access.Viewer("planner3401", "planner", ("3401",))


def frames(tambons: list[str], tag: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two households per tambon, two persons each (opaque to the catalogue)."""
    villages = [f"{t}0101" for t in tambons for _ in range(2)]
    households = pd.DataFrame(
        {
            "house_code": [f"{v[:4]}{i:07d}" for i, v in enumerate(villages)],
            "village_id": villages,
            "tambon": [v[:6] for v in villages],
            "province": [v[:2] for v in villages],
            "members": 2,
            "note": tag,
        }
    )
    rows = [i for i in range(len(households)) for _ in range(2)]
    persons = pd.DataFrame({"household_row": rows, "row": range(2, 2 + len(rows))})
    return households, persons


def new(tambons, year=2564, tag="", kind="import", name="Ubon file") -> datasets.NewDataset:
    households, persons = frames(tambons, tag)
    return datasets.NewDataset(
        name=name,
        kind=kind,
        frames={year: (households, persons)},
        tpmap_year=year,
        survey_year=year - 1,
        source_name="../../x.csv",
        sha256=hashlib.sha256(f"{tambons}{year}{tag}".encode()).hexdigest(),
        rows_read=len(persons) + 1,
        rows_kept=len(persons),
        rows_rejected=1,
    )


def events(engine, action=None) -> pd.DataFrame:
    return audit.query_events(engine, action=action)


def test_register_writes_files_then_one_row_and_an_audit_row(engine, tmp_path):
    result = datasets.register(engine, PLANNER_34, new(["340104", "340105"]), home=tmp_path)
    assert isinstance(result, datasets.Registered)
    info = result.dataset
    assert info.provinces == ["34"] and info.years == [2564] and info.status == "active"
    assert (info.households, info.persons, info.rows_rejected) == (4, 8, 1)
    assert info.storage == f"datasets/{info.id}" and info.imported_by == "planner34"
    assert info.source_name == "x.csv"  # the last part of the name the browser sent, only
    folder = tmp_path / info.storage / "2564"
    assert sorted(p.name for p in folder.iterdir()) == ["households.parquet", "persons.parquet"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    assert not [p for p in (tmp_path / "datasets").iterdir() if p.name.startswith(".")]
    assert [d.id for d in datasets.list_datasets(engine)] == [info.id]
    logged = events(engine, "register_dataset")
    assert len(logged) == 1 and logged["area_code"].iloc[0] == "34"
    assert logged["detail"].iloc[0] == f"dataset={info.id},kind=import,provinces=34,years=2564"
    assert "x.csv" not in logged["detail"].iloc[0]  # no file names in the log


def test_the_same_file_again_is_recognised_not_duplicated(engine, tmp_path):
    first = datasets.register(engine, ADMIN, new(["340104"]), home=tmp_path).dataset
    again = datasets.register(engine, ADMIN, new(["340104"]), home=tmp_path)
    assert isinstance(again, datasets.AlreadyImported) and again.dataset.id == first.id
    assert len(datasets.list_datasets(engine)) == 1
    assert len(list((tmp_path / "datasets").iterdir())) == 1
    assert datasets.find_by_sha256(engine, first.sha256).id == first.id


def test_a_newer_file_replaces_the_active_one_only_when_confirmed(engine, tmp_path):
    old = datasets.register(engine, ADMIN, new(["340104"]), home=tmp_path).dataset
    asked = datasets.register(engine, ADMIN, new(["340105"], tag="v2"), home=tmp_path)
    assert isinstance(asked, datasets.NeedsConfirmation)
    assert [d.id for d in asked.would_replace] == [old.id]
    assert len(datasets.list_datasets(engine)) == 1  # nothing written yet
    done = datasets.register(engine, ADMIN, new(["340105"], tag="v2"), confirm=True, home=tmp_path)
    assert isinstance(done, datasets.Registered) and [d.id for d in done.replaced] == [old.id]
    rows = {d.id: d for d in datasets.list_datasets(engine)}
    assert rows[old.id].status == "replaced" and rows[old.id].replaced_by == done.dataset.id
    assert [f.dataset_id for f in datasets.active_files(engine, tmp_path)] == [done.dataset.id]
    assert len(events(engine, "replace_dataset")) == 1


def test_another_year_or_province_is_not_a_replacement(engine, tmp_path):
    datasets.register(engine, ADMIN, new(["340104"], year=2563), home=tmp_path)
    other_year = datasets.register(engine, ADMIN, new(["340104"], year=2564), home=tmp_path)
    other_province = datasets.register(engine, ADMIN, new(["190110"]), home=tmp_path)
    assert isinstance(other_year, datasets.Registered)
    assert isinstance(other_province, datasets.Registered)
    assert len(datasets.active_files(engine, tmp_path)) == 3


def test_retire_and_restore_with_audit_rows(engine, tmp_path):
    info = datasets.register(engine, PLANNER_34, new(["340104"]), home=tmp_path).dataset
    retired = datasets.retire(engine, PLANNER_34, info.id)
    assert retired.status == "retired" and retired.retired_by == "planner34"
    assert datasets.active_files(engine, tmp_path) == []
    assert (tmp_path / info.storage).exists()  # files kept
    with pytest.raises(datasets.DatasetError):
        datasets.retire(engine, ADMIN, info.id)
    restored = datasets.restore(engine, ADMIN, info.id)
    assert restored.status == "active" and datasets.get(engine, info.id).restored_by == "admin"
    assert len(datasets.active_files(engine, tmp_path)) == 1
    assert [len(events(engine, a)) for a in ("retire_dataset", "restore_dataset")] == [1, 1]


def test_restoring_over_an_active_dataset_needs_confirmation(engine, tmp_path):
    old = datasets.register(engine, ADMIN, new(["340104"]), home=tmp_path).dataset
    newer = datasets.register(engine, ADMIN, new(["340104"], tag="v2"), confirm=True, home=tmp_path)
    asked = datasets.restore(engine, ADMIN, old.id)
    assert isinstance(asked, datasets.NeedsConfirmation)
    assert [d.id for d in asked.would_replace] == [newer.dataset.id]
    datasets.restore(engine, ADMIN, old.id, confirm=True)
    assert [f.dataset_id for f in datasets.active_files(engine, tmp_path)] == [old.id]
    assert datasets.get(engine, newer.dataset.id).status == "replaced"


def test_active_files_prefers_an_import_over_the_demo_for_its_province(engine, tmp_path):
    demo = new(["600101", "190110", "410101"], kind="demo", name="demo")
    demo_frames = {y: demo.frames[2564] for y in (2561, 2562, 2563, 2564)}
    demo = datasets.NewDataset(**{**demo.__dict__, "frames": demo_frames, "tpmap_year": 2561})
    system = access.Viewer("system", "system", ())
    demo_info = datasets.register(engine, system, demo, home=tmp_path).dataset
    assert demo_info.years == [2561, 2562, 2563, 2564] and demo_info.kind == "demo"
    imported = datasets.register(engine, ADMIN, new(["190110"]), home=tmp_path).dataset
    found = datasets.active_files(engine, tmp_path)
    assert all(isinstance(f, DatasetFiles) for f in found)
    by_year = {(f.dataset_id, f.year): f for f in found}
    assert by_year[(imported.id, 2564)].provinces == ("19",)
    assert by_year[(demo_info.id, 2564)].provinces == ("41", "60")  # 19 is the import's
    assert by_year[(demo_info.id, 2561)].provinces == ("19", "41", "60")
    assert by_year[(demo_info.id, 2561)].demo and not by_year[(imported.id, 2564)].demo
    assert all(f.households.exists() and f.persons.exists() for f in found)
    cells = [(p, f.year) for f in found for p in f.provinces]
    assert len(cells) == len(set(cells))  # a province-year has at most one active dataset


def test_who_may_register_retire_and_restore(engine, tmp_path):
    for role in ("executive", "field"):
        with pytest.raises(access.AccessDenied):
            datasets.register(engine, access.Viewer(role, role, ()), new(["340104"]), home=tmp_path)
    with pytest.raises(access.AccessDenied):  # a planner of 19 importing households of 34
        datasets.register(engine, access.Viewer("p", "planner", ("19",)), new(["340104"]))
    with pytest.raises(access.AccessDenied):  # only ensure_demo_dataset registers the demo
        datasets.register(engine, ADMIN, new(["340104"], kind="demo"), home=tmp_path)
    wide = datasets.register(engine, ADMIN, new(["340104", "340201"]), home=tmp_path).dataset
    with pytest.raises(access.AccessDenied):  # not wholly inside amphoe 3401
        datasets.retire(engine, PLANNER_3401, wide.id)
    datasets.retire(engine, PLANNER_34, wide.id)
    with pytest.raises(access.AccessDenied):
        datasets.restore(engine, access.Viewer("f", "field", ("34",)), wide.id)
    assert datasets.get(engine, wide.id).status == "retired"
    assert len(datasets.list_datasets(engine)) == 1


def test_split_by_scope_refuses_rows_outside_and_renumbers_households():
    households, persons = frames(["340104", "190110", "340105"])
    kept, kept_households, refused = datasets.split_by_scope(PLANNER_34, persons, households)
    assert list(kept_households["tambon"]) == ["340104"] * 2 + ["340105"] * 2
    assert list(kept["household_row"]) == [0, 0, 1, 1, 2, 2, 3, 3]
    assert list(refused["row"]) == [6, 7, 8, 9]
    assert set(refused["village_code"]) == {"1901100101"}


def test_a_failed_write_leaves_no_catalogue_row_and_no_files(engine, tmp_path):
    """As root a read-only folder is still writable: a file where the data home's folder
    should be makes the write fail for everyone."""
    blocker = tmp_path / "home"
    blocker.write_text("not a folder")
    with pytest.raises(datasets.DatasetError) as raised:
        datasets.register(engine, ADMIN, new(["340104"]), home=blocker)
    assert raised.value.kind == "write_failed"
    assert "บันทึกไฟล์ชุดข้อมูลไม่สำเร็จ" in raised.value.message_th
    assert "could not be written" in raised.value.message_en
    assert datasets.list_datasets(engine) == [] and events(engine).empty


def test_a_failed_catalogue_row_removes_the_files(engine, tmp_path, monkeypatch):
    from store.datasets import registry

    def broken(*args, **kwargs):
        raise ValueError("audit refused")

    monkeypatch.setattr(registry, "log_event_in", broken)
    with pytest.raises(ValueError):
        datasets.register(engine, ADMIN, new(["340104"]), home=tmp_path)
    assert datasets.list_datasets(engine) == []
    assert list((tmp_path / "datasets").iterdir()) == []


def test_storage_paths_cannot_leave_the_data_home(tmp_path):
    from store.datasets import files

    for bad in ("../../x", "/etc/passwd", "ds1234\x00", "datasets/../..", ""):
        with pytest.raises(ValueError):
            files.storage_for(bad)
    for bad in ("datasets/../../x", "/tmp/x", "datasets", "../datasets/dsabcd"):
        with pytest.raises(ValueError):
            files.folder(tmp_path, bad)


def test_the_same_bytes_twice_in_the_database_is_refused(engine):
    """The unique index behind "the same file is recognised" also holds under a race."""
    row = {c.name: None for c in Dataset.__table__.columns}
    info = {"id": "dsaaaa", "name": "n", "kind": "import", "provinces": [], "tambons": []}
    row.update(info, years=[], tpmap_year=1, survey_year=1, source_name="", sha256="s")
    row.update(imported_by="a", imported_at=sa.func.current_timestamp(), rows_read=0)
    row.update(rows_kept=0, rows_rejected=0, households=0, persons=0, status="active")
    row.update(storage="datasets/dsaaaa")
    with engine.begin() as conn:
        conn.execute(sa.insert(Dataset.__table__).values(row))
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        conn.execute(sa.insert(Dataset.__table__).values({**row, "id": "dsbbbb"}))


def test_nul_and_control_characters_in_names_are_dropped_not_an_error(engine, tmp_path):
    """PostgreSQL refuses NUL in text: a crafted upload name must not fail the save."""
    crafted = datasets.NewDataset(
        **{**new(["340104"]).__dict__, "name": "Ubon\x00\n", "source_name": "/etc/\x00p.csv"}
    )
    info = datasets.register(engine, ADMIN, crafted, home=tmp_path).dataset
    assert (info.name, info.source_name) == ("Ubon", "p.csv")
    assert datasets.get(engine, info.id).source_name == "p.csv"


def test_an_import_is_kept_after_a_restart(db_url, tmp_path):
    """Issue 10: a validated import was thrown away; now it survives a new process's engine."""
    from store import dispose_engines, get_engine, migrate

    engine = get_engine(db_url)
    migrate(engine)
    saved = datasets.register(engine, ADMIN, new(["340104"]), home=tmp_path).dataset
    dispose_engines()  # what a server restart leaves: the database and the data home
    engine = get_engine(db_url)
    migrate(engine)
    (found,) = datasets.active_files(engine, tmp_path)
    assert found.dataset_id == saved.id and found.provinces == ("34",)
    assert len(pd.read_parquet(found.households)) == 2 and len(pd.read_parquet(found.persons)) == 4


def test_the_data_home_is_a_setting_beside_the_cache_by_default(tmp_path, monkeypatch):
    from analytics import settings

    monkeypatch.delenv("CHIPAO_DATA_HOME", raising=False)
    monkeypatch.setenv("CHIPAO_CACHE_DIR", str(tmp_path / "cache"))
    assert settings.current().data_home == tmp_path / "data"
    monkeypatch.setenv("CHIPAO_DATA_HOME", str(tmp_path / "elsewhere"))
    assert settings.current().data_home == tmp_path / "elsewhere"

"""The import page saves a validated file as a named dataset (issue 10 item 3), through AppTest:
save, the same file again, replace with confirmation, retire and restore, scope, attacks."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access, citizen_id
from analytics.text import labels
from store import audit, datasets, get_engine, migrate
from ui import dataset_views, visits_data

TIMEOUT = 120
REPO = Path(__file__).resolve().parents[2]
UBON_PLANNER = access.Viewer("planner34", "planner", ("34",))
ADMIN = access.Viewer("admin", "admin", ())
HEADER = "เลขประจำตัวประชาชน,รหัสบ้าน,รหัสหมู่บ้าน,เพศ,อายุ,รายได้ครัวเรือนต่อปี"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh database and data home for the page (the demo registration is left out)."""
    engine = get_engine(f"sqlite:///{tmp_path / 'chipao.db'}")
    migrate(engine)
    monkeypatch.setattr(visits_data, "engine", lambda: engine)
    monkeypatch.setattr(dataset_views, "ensure_demo", lambda: None)
    monkeypatch.setenv("CHIPAO_DATA_HOME", str(tmp_path / "home"))
    return engine


def ubon_file(tambon: str = "340104", serial: int = 0, extra: list[str] = ()) -> bytes:
    """Two households of a tambon of Ubon Ratchathani (34), cp874 with Thai headers."""
    ids = citizen_id.synthetic_ids(range(serial, serial + 4))
    village = f"{tambon}01"
    rows = [
        HEADER,
        f"{ids[0]},{tambon[:4]}0000001,{village},1,45,20000",
        f"{ids[1]},{tambon[:4]}0000001,{village},2,40,20000",
        f"{ids[2]},{tambon[:4]}0000002,{village},ชาย,70,90000",
        f"{ids[3]},{tambon[:4]}0000002,{village},หญิง,8,90000",
        *extra,
        f"# {uuid.uuid4()}",  # bytes no other test uploads (the parse is cached on them)
    ]
    return "\r\n".join(rows).encode("cp874")


def import_page(viewer=UBON_PLANNER) -> AppTest:
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    app.session_state["viewer"] = viewer
    app.session_state["lang"] = "th"
    app.run()
    app.switch_page("pages/import_data.py")
    return app.run()


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader(key="upload_households").set_value((name, data, "text/csv"))
    app = app.run()
    assert not app.exception, app.exception
    return app


def click(app: AppTest, key: str) -> AppTest:
    app = app.button(key=key).click().run()
    assert not app.exception, app.exception
    return app


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def keys(elements) -> list[str]:
    return [e.key for e in elements]


def t(key: str, **values) -> str:
    return labels.t(key, "th", **values)


def test_save_same_file_replace_retire_restore(store):
    app = upload(import_page(), "ubon.csv", first := ubon_file())
    assert app.text_input[0].value == "ubon"  # default name: the file's
    app.text_input[0].set_value("อุบล ตำบลในเมือง")
    app = click(app, "ds_save")
    saved = datasets.list_datasets(store)
    assert [(d.name, d.provinces, d.tpmap_year, d.status) for d in saved] == [
        ("อุบล ตำบลในเมือง", ["34"], 2564, "active")
    ]
    counts = (saved[0].rows_read, saved[0].rows_kept, saved[0].rows_rejected, saved[0].households)
    assert counts == (5, 4, 1, 2)  # the last line (a comment) is rejected by the validation
    assert t("dataset_saved", name="อุบล ตำบลในเมือง", households=2, persons=4) in texts(app.success)
    assert len(app.dataframe[-1].value) == 1  # the datasets table lists it
    assert len(audit.query_events(store, action="register_dataset")) == 1

    app = upload(app, "ubon-again.csv", first)  # the same bytes under another name
    assert any("ไฟล์นี้เคยนำเข้าแล้ว" in text for text in texts(app.info))
    assert "ds_save" not in keys(app.button)
    assert len(datasets.list_datasets(store)) == 1

    app = upload(app, "ubon-newer.csv", ubon_file("340105", serial=10))
    app = click(app, "ds_save")
    assert any("มีชุดข้อมูลที่ใช้งานอยู่แล้ว" in text for text in texts(app.warning))
    assert len(datasets.list_datasets(store)) == 1  # nothing saved before the confirmation
    app = click(app, "_dataset_pending_save_yes")
    status = {d.name: d.status for d in datasets.list_datasets(store)}
    assert status == {"อุบล ตำบลในเมือง": "replaced", "ubon-newer": "active"}

    newer = next(d for d in datasets.list_datasets(store) if d.status == "active")
    app.selectbox(key="ds_pick").set_value(newer.id)
    app = click(app.run(), "ds_retire")
    assert datasets.get(store, newer.id).status == "retired"
    assert t("dataset_retired_ok", name="ubon-newer") in texts(app.success)
    app = click(app, "ds_restore")
    assert datasets.get(store, newer.id).status == "active"
    old = next(d for d in datasets.list_datasets(store) if d.status == "replaced")
    app.selectbox(key="ds_pick").set_value(old.id)
    app = click(app.run(), "ds_restore")  # would replace the active one: asks first
    assert datasets.get(store, old.id).status == "replaced"
    app = click(app, "_dataset_pending_restore_yes")
    assert datasets.get(store, old.id).status == "active"
    assert datasets.get(store, newer.id).status == "replaced"
    actions = audit.query_events(store)["action"].tolist()
    assert actions.count("retire_dataset") == 1 and actions.count("restore_dataset") == 2
    assert actions.count("replace_dataset") == 2


def test_rows_outside_the_planners_province_are_refused_with_row_and_field(store):
    outside = citizen_id.synthetic_ids([99])[0]
    data = ubon_file(extra=[f"{outside},19010000001,19011001,1,30,50000"])
    app = click(upload(import_page(), "mixed.csv", data), "ds_save")
    assert t("dataset_outside_rows", n=1, areas="34") in texts(app.warning)
    (report,) = [
        d.value
        for d in app.dataframe
        if "field" in d.value and t("dataset_scope_field") in set(d.value["field"])
    ]
    assert report.iloc[0]["row"] == 6 and "19011001" in report.iloc[0]["reason_th"]
    (saved,) = datasets.list_datasets(store)
    assert saved.provinces == ["34"] and saved.rows_kept == 4 and saved.rows_rejected == 2


@pytest.mark.parametrize("role", ["executive", "field"])
def test_field_and_executive_roles_do_not_import(store, role):
    app = import_page(access.Viewer(role, role, ("34",)))
    assert not app.file_uploader and keys(app.button) == ["sign_out"]
    assert not [d for d in app.dataframe] and datasets.list_datasets(store) == []


def test_crafted_upload_names_never_leave_the_data_home(store, tmp_path):
    """The attack: a file name that is a path (relative, absolute, encoded, Windows) names the
    folder. (Streamlit refuses a NUL in an upload's name itself; the store test covers NUL.)"""
    names = ["../../x.csv", str(tmp_path / "abs.csv"), "..%2F..%2Fenc.csv", "..\\..\\win.csv"]
    app = import_page(ADMIN)
    for serial, name in enumerate(names):
        app = upload(app, name, ubon_file(f"3401{serial + 4:02d}", serial=20 * serial))
        app = click(app, "ds_save")
        if "_dataset_pending_save_yes" in keys(app.button):
            app = click(app, "_dataset_pending_save_yes")
    saved = datasets.list_datasets(store)
    assert sorted(d.source_name for d in saved) == [
        "..%2F..%2Fenc.csv",
        "abs.csv",
        "win.csv",
        "x.csv",
    ]
    home = (tmp_path / "home").resolve()
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    outside = {p for p in written if not p.is_relative_to(home)} - {
        (tmp_path / n).resolve() for n in ("chipao.db", "chipao.db-wal", "chipao.db-shm")
    }
    assert outside == set()
    assert not (tmp_path.parent / "x.csv").exists() and not (tmp_path / "abs.csv").exists()
    folders = sorted(p.name for p in (home / "datasets").iterdir())
    assert folders == sorted(d.id for d in saved)


def test_a_read_only_data_home_saves_nothing_and_says_so_in_thai_and_english(
    store, tmp_path, monkeypatch
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")  # as root a read-only folder is writable; this is not
    monkeypatch.setenv("CHIPAO_DATA_HOME", str(blocker / "home"))
    app = click(upload(import_page(), "ubon.csv", ubon_file()), "ds_save")
    shown = " ".join(texts(app.error))
    assert labels.t("dataset_error_write_failed", "th") in shown
    assert labels.t("dataset_error_write_failed", "en") in shown
    assert datasets.list_datasets(store) == []
    assert audit.query_events(store, action="register_dataset").empty


def test_the_demo_is_listed_as_a_generated_dataset(tmp_path, monkeypatch):
    engine = get_engine(f"sqlite:///{tmp_path / 'chipao.db'}")
    migrate(engine)
    monkeypatch.setattr(visits_data, "engine", lambda: engine)
    monkeypatch.setenv("CHIPAO_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CHIPAO_SYNTHETIC_SCALE", "0.01")
    app = import_page(ADMIN)
    assert not app.exception, app.exception
    (demo,) = datasets.list_datasets(engine)
    assert (demo.kind, demo.provinces, demo.years) == (
        "demo",
        ["19", "41", "60"],
        [2561, 2562, 2563, 2564],
    )
    shown = app.dataframe[-1].value
    assert list(shown["name"]) == [t("dataset_demo_name")]
    assert list(shown["kind"]) == [t("dataset_kind_demo")]
    import_page(ADMIN)  # once only
    assert len(datasets.list_datasets(engine)) == 1

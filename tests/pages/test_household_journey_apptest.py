"""Issue 10, end to end in AppTest: a planner scoped to Ubon Ratchathani (34) imports a cp874
file for four tambons of 34; the overview, map, target list, home visits and monitoring then show
those households for tambon 340104; a field user of that tambon records a visit; retiring the
dataset removes them from every page; a restart (every cache dropped) keeps the dataset.

Expected figures are computed here from the file itself (plain pandas on the CSV, the household
rule of domain.md §1a written out again), not by the code under test.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access, catalogue
from analytics.text import labels
from store import audit, datasets, dispose_engines, get_engine, migrate
from tests.fixtures import household_export
from ui import cache, households, visits_data

REPO = Path(__file__).resolve().parents[2]
TAMBONS = ("340101", "340104", "340105", "340107")
TAMBON = "340104"
PLANNER = access.Viewer("planner_ubon", "planner", ("34",), "นักวางแผนอุบล")
FIELD = access.Viewer("field_ubon", "field", (TAMBON,), "ทีมหัวเรือ")
AREA = {
    "source": "households",
    "province_households": "34",
    "amphoe_households_34": "3401",
    "tambon_households_3401": TAMBON,
}
EXPORT = household_export.build(TAMBONS, households_per_tambon=120)


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh database and data home; the small demo stays registered beside the import."""
    monkeypatch.setenv("CHIPAO_SYNTHETIC_SCALE", "0.05")
    monkeypatch.setenv("CHIPAO_DATABASE_URL", f"sqlite:///{tmp_path / 'chipao.db'}")
    monkeypatch.setenv("CHIPAO_DATA_HOME", str(tmp_path / "home"))
    restart()
    engine = get_engine(f"sqlite:///{tmp_path / 'chipao.db'}")
    migrate(engine)
    yield engine
    restart()


def restart() -> None:
    """What a server restart forgets: every cache and engine."""
    cache.clear_data()
    dispose_engines()


def expected(tambon: str) -> dict[str, int]:
    """Households, persons and target households of a tambon, from the CSV by hand."""
    frame = pd.read_csv(io.StringIO(EXPORT.text), dtype=str, keep_default_na=False)
    frame = frame[frame["รหัสหมู่บ้าน"].str[:6] == tambon]
    codes = [i.code for i in catalogue.indicators() if i.code != "4.3"]
    frame["fails"] = (frame[codes] == "0").any(axis=1)
    by_house = frame.groupby("รหัสบ้าน").agg(
        members=("fails", "size"),
        fails=("fails", "any"),
        income=("รายได้ครัวเรือนต่อปี", "first"),
        verified=("ผ่านการตรวจสอบสิทธิ์", lambda s: (s == "1").sum()),
    )
    income_fails = (
        by_house["income"].astype(float) < catalogue.income_threshold() * by_house["members"]
    )
    poor = by_house["fails"] | income_fails
    return {
        "households": len(by_house),
        "persons": int(by_house["members"].sum()),
        "target_households": int((poor & (by_house["verified"] > 0)).sum()),
        "target_poor": int(by_house.loc[poor, "verified"].sum()),
    }


def page(path: str, viewer: access.Viewer, **state) -> AppTest:
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=180)
    app.session_state["viewer"] = viewer
    app.session_state["lang"] = "th"
    for key, value in {**AREA, **state}.items():
        app.session_state[key] = value
    app.run()
    if path != "dashboard.py":
        app.switch_page(path).run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def import_file() -> datasets.DatasetInfo:
    app = page("pages/import_data.py", PLANNER)
    app.file_uploader(key="upload_households").set_value(
        ("ubon-2564.csv", EXPORT.encoded("cp874"), "text/csv")
    )
    app = app.run()
    assert not app.exception, app.exception
    app = app.button(key="ds_save").click().run()
    assert not app.exception, app.exception
    shown = [s.value for s in app.success]
    assert any(str(EXPORT.households) in text for text in shown), shown
    return next(d for d in datasets.list_datasets(visits_data.engine()) if d.kind == "import")


def metric(app: AppTest, key: str) -> str:
    label = labels.t(key, "th")
    return next(m.value for m in app.metric if m.label == label)


def test_a_province_file_is_used_on_every_page_then_retired(store):
    want = expected(TAMBON)
    saved = import_file()
    assert saved.provinces == ["34"] and saved.rows_kept == EXPORT.persons

    overview = page("dashboard.py", PLANNER)
    assert metric(overview, "households") == f"{want['households']:,}"
    assert metric(overview, "target_poor") == f"{want['target_poor']:,}"

    targets = page("pages/targets.py", PLANNER)
    assert metric(targets, "tile_households_target") == f"{want['target_households']:,}"
    listed = targets.dataframe[0].value
    assert len(listed) == want["target_households"]
    assert set(listed["house_code"].str[:4]) == {"3401"}

    page("pages/map.py", PLANNER)  # household points of the tambon, audited
    assert len(audit.query_events(store, action="view_map_points")) == 1

    visits = page("pages/visits.py", FIELD)
    picker = visits.selectbox(key=f"household_{TAMBON}")
    assert len(picker.options) == want["target_households"]  # the listed households only
    house_code = picker.options[0].split(" · ")[0]
    picker.set_value(house_code).run()
    key = f"visit_{house_code}_0"
    visits.text_input(key=f"{key}_team").input("ทีมหัวเรือ")
    visits.selectbox(key=f"{key}_status").set_value("assisted")
    [save] = [b for b in visits.button if b.label in ("บันทึก", "Save")]
    save.click().run()
    assert not visits.exception and not visits.error, [e.value for e in visits.error]

    monitoring = page("pages/monitoring.py", PLANNER)
    progress = " ".join(c.value for c in monitoring.caption)
    assert f"{want['target_households']:,}" in progress

    restart()  # the dataset outlives the server
    assert page("dashboard.py", PLANNER).metric
    assert metric(page("dashboard.py", PLANNER), "households") == f"{want['households']:,}"

    datasets.retire(visits_data.engine(), PLANNER, saved.id)
    households.datasets_changed()
    for path in ("dashboard.py", "pages/targets.py", "pages/visits.py", "pages/map.py"):
        app = page(path, PLANNER)
        gone = labels.t("no_households_here", "th", area="").split("{")[0][:20]
        assert any(gone in i.value for i in app.info), (path, [i.value for i in app.info])

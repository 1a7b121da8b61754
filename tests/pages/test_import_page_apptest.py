"""The import page under attack (issue 9) and with awkward files (issue 8), through AppTest."""

import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access, citizen_id
from analytics.text import labels
from ui import visits_data

TIMEOUT = 120
REPO = Path(__file__).resolve().parents[2]
PLANNER = access.Viewer("planner", "planner", ("19",))
GEOJSON = b'{"type": "FeatureCollection", "features": []}'


@pytest.fixture
def audited(monkeypatch):
    """Audit events the page writes: (action, rows, detail)."""
    events = []
    monkeypatch.setattr(
        visits_data,
        "audit_event",
        lambda viewer, action, area, rows, detail="": events.append((action, rows, detail)),
    )
    return events


def import_page(viewer=PLANNER, **state) -> AppTest:
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    app.session_state["viewer"] = viewer
    app.session_state["lang"] = "th"  # AppTest formats selectbox values with Thai labels
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    app.switch_page("pages/import_data.py")
    return app.run()


def upload(app: AppTest, key: str, name: str, data: bytes) -> AppTest:
    app.file_uploader(key=key).set_value((name, data, "application/octet-stream"))
    return app.run()


def test_traversal_upload_names_write_nothing_outside_the_temp_folder(tmp_path, audited):
    """Issue 9 item 1: the boundary tab saved the upload under the name the client sent."""
    import tempfile

    relative = f"../chipao-attack-{uuid.uuid4().hex}.geojson"
    absolute = tmp_path / "written-by-an-upload.geojson"
    app = import_page()
    for name in (relative, str(absolute), "..\\..\\evil.json"):
        app = upload(app, "upload_boundaries", name, GEOJSON)
        assert not app.exception, app.exception
        assert app.error  # this layer has no code column: reported, not written anywhere
    assert not (Path(tempfile.gettempdir()) / relative[3:]).exists()
    assert not absolute.exists()
    assert not Path(tempfile.gettempdir()).joinpath("..", "evil.json").resolve().exists()
    assert all("ADM3_PCODE" not in t.value or "/" not in t.value.split(":")[0] for t in app.text)


@pytest.mark.parametrize("role", ["executive", "field"])
def test_import_page_is_for_planners_and_administrators_only(role):
    app = import_page(access.Viewer(role, role, ("19",)))
    assert not app.exception
    assert not app.file_uploader
    shown = [w.value for w in app.warning if w.value != labels.t("demo_banner", "th")]
    assert shown == [labels.t("import_not_allowed", "th")]


def test_csv_macintosh_upload_does_not_crash_the_page(audited):
    ids = citizen_id.synthetic_ids([1, 2])
    rows = [
        "citizen_id,house_code,village_code,sex,age,household_income",
        f"{ids[0]},19010000001,19010101,1,45,20000",
        f"{ids[1]},19010000001,19010101,2,40,20000",
    ]
    app = upload(import_page(), "upload_households", "mac.csv", "\r".join(rows).encode("cp874"))
    assert not app.exception, app.exception
    assert app.success[0].value == labels.t("import_ok", "th", n=2, total=2, encoding="utf-8-sig")
    assert audited == [("import_households", 2, "")]
    app = upload(app, "upload_households", "r3.csv", b"\r3")
    assert not app.exception and app.error  # one clear message, no traceback


def thaiqm_upload(ids, tambon: str) -> bytes:
    lines = ["citizen_id,tambon_code,status", *(f"{i},{tambon},target" for i in ids)]
    return ("\n".join(lines) + "\n").encode()


def test_sixteen_uploads_cannot_unmask_a_citizen_id(audited):
    """Issue 9 item 2, as the attack: bisect the IDs that fit a masked ID by match counts."""
    from ui import households

    app = import_page(source="households", province_households="19")
    table = households.area_households("19", app.session_state["year_households"])
    target = table[table["tambon"].str.startswith("19")].iloc[0]
    true_id, tambon = target["head_citizen_id"], target["tambon"]
    masked = citizen_id.mask(true_id)  # what the planner sees in the target list
    serials = range(0, 2_000_000)  # synthetic IDs are 999 + serial: the search space
    candidates = [c for c in citizen_id.synthetic_ids(serials) if citizen_id.mask(c) == masked]
    assert true_id in candidates and len(candidates) < 2**15
    counts, uploads = [], 0
    in_both = labels.t("in_both", "th")
    while len(candidates) > 1 and uploads < 16:
        half = candidates[: len(candidates) // 2]
        app = upload(app, "upload_thaiqm", f"guess{uploads}.csv", thaiqm_upload(half, tambon))
        assert not app.exception, app.exception
        uploads += 1
        matched = int({m.label: m.value for m in app.metric}[in_both].replace(",", ""))
        counts.append(matched)
        candidates = half if matched else candidates[len(candidates) // 2 :]
    assert counts == [0] * uploads  # the counts say nothing about the IDs
    assert candidates != [true_id]  # ... so the bisection ends on the wrong ID
    reconciliations = [detail for action, _, detail in audited if action == "reconcile_thaiqm"]
    assert len(reconciliations) == uploads  # every reconciliation is audited as its own action
    assert all(d.startswith("matched=0,tpmap_only=") for d in reconciliations)  # with its counts


def test_an_uploaded_file_is_parsed_once_not_on_every_rerun(monkeypatch, audited):
    from analytics.io import importers

    calls = []
    real = importers.import_households
    monkeypatch.setattr(importers, "import_households", lambda *a: calls.append(1) or real(*a))
    ids = citizen_id.synthetic_ids([7, 8])
    rows = [
        "citizen_id,house_code,village_code,sex,age,household_income",
        f"{ids[0]},40016500001,40016501,1,45,20000",  # Khon Kaen municipal code outside 51-59
        f"{ids[1]},40016500001,40016501,2,40,20000",
        f"# {uuid.uuid4()}",  # bytes no other test uploads
    ]
    app = upload(import_page(), "upload_households", "kk.csv", "\n".join(rows).encode())
    assert not app.exception, app.exception
    for _ in range(3):
        app = app.run()
    assert len(calls) == 1 and not app.exception
    assert audited == [("import_households", 2, "")]

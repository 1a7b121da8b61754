"""The import page in Chromium: a planner saves a file as a dataset and sees it in the table."""

import os
import shutil
from pathlib import Path

import pytest

from analytics.domain import citizen_id
from tests.browser.helpers import sign_in, wait_until_idle
from tests.conftest import screenshot
from tests.support.served import served_app

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("CHIPAO_SHOTS_DIR", "/work/shots/datasets"))


def test_planner_saves_an_import_as_a_dataset(page, tmp_path):
    # its own server: a Saraburi import would replace the demo households the other tests use
    with served_app(f"sqlite:///{tmp_path / 'chipao.db'}", tmp_path / "data") as app_url:
        _save_and_list(page, app_url, tmp_path)


def _save_and_list(page, app_url: str, tmp_path) -> None:
    ids = citizen_id.synthetic_ids(range(500, 504))
    rows = [
        "เลขประจำตัวประชาชน,รหัสบ้าน,รหัสหมู่บ้าน,เพศ,อายุ,รายได้ครัวเรือนต่อปี",
        f"{ids[0]},19010000001,19011001,ชาย,45,20000",
        f"{ids[1]},19010000001,19011001,หญิง,40,20000",
        f"{ids[2]},19010000002,19011002,ชาย,71,90000",
        f"{ids[3]},40010000001,40010101,หญิง,30,90000",  # Khon Kaen: outside the planner's 19
    ]
    upload = tmp_path / "saraburi-2564.csv"
    upload.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp874"))
    sign_in(page, app_url, "planner", "chipao-planner")
    page.get_by_role("link", name="นำเข้าข้อมูล").click()
    page.get_by_text("ชุดข้อมูลครัวเรือน").wait_for(timeout=120_000)
    page.locator("input[type=file]").first.set_input_files(str(upload))
    page.get_by_text("1 แถวอยู่นอกพื้นที่ที่คุณรับผิดชอบ", exact=False).wait_for(timeout=60_000)
    page.get_by_label("ชื่อชุดข้อมูล").fill("สระบุรี ปากข้าวสาร 2564")
    page.get_by_label("ชื่อชุดข้อมูล").press("Enter")
    wait_until_idle(page)
    page.get_by_role("button", name="บันทึกชุดข้อมูล").click()
    page.get_by_text("บันทึกชุดข้อมูล “สระบุรี ปากข้าวสาร 2564” แล้ว", exact=False).wait_for(timeout=60_000)
    wait_until_idle(page)
    body = page.inner_text("body")
    assert "Traceback" not in body and ids[0] not in body
    page.get_by_text("สระบุรี ปากข้าวสาร 2564", exact=False).first.wait_for(
        state="attached", timeout=10_000
    )
    page.set_viewport_size({"width": 1440, "height": 900})
    wait_until_idle(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(screenshot(page, "import-dataset-save"), SHOTS / "import-dataset-save.png")
    # Streamlit scrolls its main block, not the page: bring the datasets table into view
    page.get_by_role("heading", name="ชุดข้อมูลครัวเรือน").first.evaluate(
        "e => e.scrollIntoView({block: 'start'})"  # instant: nothing to wait for
    )
    shutil.copy(screenshot(page, "import-datasets"), SHOTS / "import-datasets.png")

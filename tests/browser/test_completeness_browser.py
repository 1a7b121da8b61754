"""Issue 14 in Chromium: a planner of Ubon Ratchathani (34, not a pilot province) imports a file
with known gaps for two tambons, sees the completeness map and the ranked gaps, sends the
follow-up list to the field team; the field user of tambon 340104 signs in on a phone and finds
it as a list to visit. Its own server, database and data home."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.analytics.domain.test_completeness_import import gapped_export
from tests.browser.helpers import keeper, shots_dir
from tests.browser.test_household_journey_browser import (
    choose,
    go,
    pick,
    retried,
    use_households,
)
from tests.conftest import sign_in, wait_until_idle
from tests.support.served import free_port, served_app

pytestmark = pytest.mark.browser
SHOTS = shots_dir("complete")
keep = keeper(SHOTS)


def tab(page, name: str, shows) -> None:
    retried(page, lambda: page.get_by_role("tab", name=name).click(), shows)


def test_planner_sends_the_follow_up_list_and_the_field_team_sees_it(browser, tmp_path):
    raw, _, _ = gapped_export()
    upload = tmp_path / "ubon-gaps.csv"
    upload.write_bytes(raw)
    database, home, port = f"sqlite:///{tmp_path / 'chipao.db'}", tmp_path / "data", free_port()
    desktop = browser.new_context(viewport={"width": 1440, "height": 900}, locale="th-TH")
    page = desktop.new_page()
    with served_app(database, home, port) as url:
        sign_in(page, url, "planner_ubon", "chipao-planner-ubon")
        go(page, "นำเข้าข้อมูล")
        page.locator("input[type=file]").first.set_input_files(str(upload))
        page.get_by_text("นำเข้าได้", exact=False).first.wait_for(timeout=120_000)
        wait_until_idle(page)
        pick(page, "ปี TPMAP", "2561")  # the year TPMAP published tables for: the Re X-ray
        wait_until_idle(page)
        page.get_by_role("button", name="บันทึกชุดข้อมูล").click()
        page.get_by_text("บันทึกชุดข้อมูล", exact=False).nth(1).wait_for(timeout=120_000)

        go(page, "ความครบถ้วนของข้อมูล")
        use_households(page, "อุบลราชธานี")
        choose(page, "อำเภอ", "เมืองอุบลราชธานี")
        tiles = page.get_by_test_id("stMetric").filter(has_text="ครัวเรือนในไฟล์")
        expect(tiles.first).to_contain_text("80", timeout=120_000)
        page.frame_locator("iframe").first.locator(".leaflet-container").wait_for(timeout=60_000)
        body = page.inner_text("body")
        assert "Traceback" not in body
        assert "พื้นที่เรียงจากขาดมากที่สุด" in body and "การตอบตัวชี้วัด 17 ตัว" in body
        keep(page, "completeness-planner-areas")

        tab(page, "เทียบกับ TPMAP (Re X-ray)", page.get_by_text("รวมทั้งพื้นที่", exact=True))
        keep(page, "completeness-planner-xray")
        tab(page, "การเชื่อมโยงเลขประจำตัวประชาชน", page.get_by_text("เลขประจำตัวประชาชนที่ซ้ำ"))
        keep(page, "completeness-planner-linkage")

        sent = page.get_by_text("ส่งรายการ 2 ครัวเรือน", exact=False)
        tab(page, "รายการติดตามเก็บข้อมูล", page.get_by_text("ครัวเรือนที่ต้องกลับไปเก็บข้อมูลให้ครบ"))
        retried(
            page,
            lambda: page.get_by_role("button", name="ส่งรายการติดตามให้ทีมปฏิบัติการ").click(),
            sent,
        )
        keep(page, "completeness-planner-sent")
    desktop.close()

    phone = browser.new_context(viewport={"width": 1440, "height": 900}, locale="th-TH")
    page = phone.new_page()
    with served_app(database, home, port) as url:
        sign_in(page, url, "field_ubon", "chipao-field-ubon")
        go(page, "ชี้เป้า")
        use_households(page, "หัวเรือ")  # the team's own tambon
        page.set_viewport_size({"width": 390, "height": 844})
        title = "รายการติดตามเก็บข้อมูล (ความครบถ้วน): 2 ครัวเรือนที่ต้องไปเยี่ยม"
        expect(page.get_by_text(title)).to_be_visible(timeout=120_000)
        wait_until_idle(page)
        hint = "ครัวเรือนเหล่านี้ยังมีข้อมูลไม่ครบ"
        expect(page.get_by_text(hint, exact=False)).to_be_visible(timeout=60_000)
        listed = page.get_by_test_id("stMetric").filter(has_text="ครัวเรือนในรายการ")
        expect(listed).to_contain_text("2")
        assert "Traceback" not in page.inner_text("body")
        keep(page, "completeness-field-list-phone")
    phone.close()

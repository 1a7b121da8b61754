"""Roles in a real browser: executives see no personal data; field teams record visits;
planners export Excel with Thai headers."""

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from analytics.domain import citizen_id
from tests.browser.helpers import sign_in, wait_until_idle
from tests.conftest import screenshot

pytestmark = pytest.mark.browser
ID_LIKE = re.compile(r"(?<!\d)\d{13}(?!\d)")


def use_households(page) -> None:
    page.get_by_text("ข้อมูลครัวเรือน (จปฐ.)", exact=True).click()
    page.get_by_text("ข้อมูลครัวเรือน (จปฐ.) —").first.wait_for(timeout=120_000)


def test_executive_sees_no_citizen_id_or_name_on_any_page(app_url, page):
    sign_in(page, app_url, "exec", "chipao-exec")
    use_households(page)
    for link in ("ภาพรวม", "แผนที่", "ชี้เป้า", "เยี่ยมบ้าน", "นำเข้าข้อมูล"):
        page.get_by_role("link", name=link).click()
        title = "ชี้เป้า — แดชบอร์ด" if link == "ภาพรวม" else link
        expect(page.get_by_role("heading", level=1).first).to_contain_text(title, timeout=60_000)
        if link in ("ชี้เป้า", "เยี่ยมบ้าน"):
            expect(page.get_by_text("ผู้บริหารดูได้เฉพาะข้อมูลรวม")).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        body = page.inner_text("body")
        ids = [m for m in ID_LIKE.findall(body) if citizen_id.is_valid(m)]
        assert ids == [], (link, ids[:3])
        assert "หัวหน้าครัวเรือน" not in body, link  # no household list at all
        if link in ("ชี้เป้า", "เยี่ยมบ้าน"):
            screenshot(page, f"executive-{link}")


HELP = "มอบถุงยังชีพ ประสาน อบต. ซ่อมหลังคา"
FOUND = "ผู้สูงอายุติดเตียง ไม่มีคนดูแลกลางวัน"


def test_field_team_records_a_visit_and_sees_it_in_the_timeline(app_url, page):
    sign_in(page, app_url, "field", "chipao-field")
    use_households(page)
    page.get_by_role("link", name="เยี่ยมบ้าน").click()
    page.get_by_role("button", name="ปากข้าวสาร").click()
    picker = page.get_by_text("เลือกครัวเรือน (รหัสบ้าน)")
    expect(picker).to_be_visible(timeout=60_000)
    wait_until_idle(page)
    page.get_by_role("combobox", name="เลือกครัวเรือน (รหัสบ้าน)").click()
    # the last listed household: the phone journey (same server) records a visit on the first
    page.get_by_role("option").last.click()
    expect(page.get_by_text("ยังไม่มีบันทึกการเยี่ยม")).to_be_visible(timeout=60_000)
    wait_until_idle(page)
    page.get_by_label("สิ่งที่พบ (รายมิติ): สุขภาพ").fill(FOUND)
    page.get_by_label("ความช่วยเหลือที่ให้").fill(HELP)
    # missing status: nothing is saved, the message names the field, and nothing typed is lost
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("ยังไม่ได้บันทึก แก้ไขข้อมูลต่อไปนี้:")).to_be_visible(timeout=60_000)
    wait_until_idle(page)
    assert "status is required" in page.inner_text("body")
    expect(page.get_by_label("ความช่วยเหลือที่ให้")).to_have_value(HELP)
    expect(page.get_by_label("สิ่งที่พบ (รายมิติ): สุขภาพ")).to_have_value(FOUND)
    screenshot(page, "visits-field-refused")
    page.get_by_role("combobox", name="สถานะ").click()
    page.get_by_role("option", name="ช่วยเหลือแล้ว").click()
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บันทึกการเยี่ยมแล้ว")).to_be_visible(timeout=60_000)
    wait_until_idle(page)
    # the card shows what was found and done, on screen (not in an off-screen table column)
    card = page.locator("[class*=st-key-visit_card_]").filter(has_text=HELP)
    expect(card.get_by_text(HELP)).to_be_visible()
    expect(card.get_by_text(FOUND, exact=False)).to_be_visible()
    assert "ยังไม่มีบันทึกการเยี่ยม" not in page.inner_text("body")
    expect(page.get_by_label("ความช่วยเหลือที่ให้")).to_have_value("")  # a fresh form
    screenshot(page, "visits-field-timeline")


def test_planner_downloads_excel_with_thai_headers(app_url, page):
    sign_in(page, app_url, "planner", "chipao-planner")
    use_households(page)
    page.get_by_role("link", name="ชี้เป้า").click()
    page.get_by_role("button", name="สระบุรี").click()
    page.get_by_role("combobox").nth(4).wait_for(timeout=60_000)
    page.get_by_text("ส่งออกรายการสำหรับทีมลงพื้นที่").wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Excel").click()
    workbook = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    sheet = workbook.active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["ลำดับ", "รหัสบ้าน", "รหัสหมู่บ้าน"]
    assert "เลขประจำตัวประชาชน" in headers
    ids = [row[headers.index("เลขประจำตัวประชาชน")] for row in sheet.iter_rows(2, values_only=True)]
    assert ids and all(not citizen_id.is_valid(str(i)) for i in ids)  # masked for planners
    screenshot(page, "targets-planner")

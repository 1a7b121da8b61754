"""Issue 10 in Chromium: a planner of Ubon Ratchathani (34) imports the province's cp874 file and
sees its households on the target list of tambon 340104; the tambon's field team records a
visit on a phone; after a server restart the dataset is still there. Its own server (it
restarts it) with its own database and data home, so other tests keep the demo data."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    go,
    keeper,
    pick,
    retried,
    shots_dir,
    sign_in,
    wait_for_rerun,
    wait_until_idle,
)
from tests.fixtures import household_export
from tests.support.served import free_port, served_app

pytestmark = pytest.mark.browser
SHOTS = shots_dir("lead")
keep = keeper(SHOTS)
EXPORT = household_export.build(("340101", "340104", "340105", "340107"), 120)


def choose(page, label: str, option: str) -> None:
    """Pick an option of a sidebar select box by typing it, as a person would; the breadcrumb
    of the area confirms it (a choice made while a run is starting can be lost: try again)."""
    crumb = page.get_by_role("button", name=f"› {option}")
    for _ in range(3):
        box = page.get_by_role("combobox", name=label)
        box.click(timeout=120_000)  # drawn once the previous choice's run is over
        box.fill(option)
        page.get_by_role("option", name=option).first.click()
        try:
            expect(crumb).to_be_visible(timeout=30_000)
            break
        except AssertionError:
            wait_until_idle(page, timeout=120_000)
    expect(crumb).to_be_visible(timeout=1_000)
    wait_for_rerun(page)  # the run the choice starts may not have shown yet


def use_households(page, scope: str) -> None:
    """Household data as the source, then the first of the user's own areas (its button)."""
    retried(
        page,
        lambda: page.get_by_text("ข้อมูลครัวเรือน (จปฐ.)", exact=True).click(),
        page.get_by_role("button", name=scope, exact=True),
    )
    retried(
        page,
        lambda: page.get_by_role("button", name=scope, exact=True).click(),
        page.get_by_role("button", name=f"› {scope}"),
    )


def to_tambon(page) -> None:
    use_households(page, "อุบลราชธานี")  # the planner's own province
    choose(page, "อำเภอ", "เมืองอุบลราชธานี")
    choose(page, "ตำบล", "หัวเรือ")


def test_ubon_file_on_every_page_a_visit_on_a_phone_and_a_restart(browser, tmp_path):
    upload = tmp_path / "ubon-2564.csv"
    upload.write_bytes(EXPORT.encoded("cp874"))
    database, home, port = f"sqlite:///{tmp_path / 'chipao.db'}", tmp_path / "data", free_port()
    desktop = browser.new_context(viewport={"width": 1440, "height": 900}, locale="th-TH")
    page = desktop.new_page()
    with served_app(database, home, port) as url:
        sign_in(page, url, "planner_ubon", "chipao-planner-ubon")
        go(page, "นำเข้าข้อมูล")
        page.locator("input[type=file]").first.set_input_files(str(upload))
        page.get_by_text(f"นำเข้าได้ {EXPORT.persons} แถว", exact=False).wait_for(timeout=120_000)
        wait_until_idle(page)
        page.get_by_role("button", name="บันทึกชุดข้อมูล").click()
        page.get_by_text("บันทึกชุดข้อมูล “ubon-2564” แล้ว", exact=False).wait_for(timeout=120_000)
        go(page, "ชี้เป้า")
        try:
            to_tambon(page)
        except Exception:
            keep(page, "journey-ubon-failed")  # what the planner saw instead
            raise
        expect(page.get_by_text("ครัวเรือนในรายการ", exact=True)).to_be_visible(timeout=120_000)
        body = page.inner_text("body")
        assert "Traceback" not in body and "หัวเรือ" in body
        keep(page, "journey-ubon-targets")
        go(page, "แผนที่")
        page.frame_locator("iframe").first.locator(".leaflet-container").wait_for(timeout=60_000)
        keep(page, "journey-ubon-map")
    desktop.close()

    # the sidebar (source, area) is set at desktop width, the visit recorded at phone size
    phone = browser.new_context(viewport={"width": 1440, "height": 900}, locale="th-TH")
    page = phone.new_page()
    with served_app(database, home, port) as url:  # a restart: same database, same data home
        sign_in(page, url, "field_ubon", "chipao-field-ubon")
        go(page, "เยี่ยมบ้าน")
        use_households(page, "หัวเรือ")  # the team's own tambon
        page.set_viewport_size({"width": 390, "height": 844})
        page.get_by_role("combobox", name="เลือกครัวเรือน (รหัสบ้าน)").click()
        first = page.get_by_role("option").first
        house_code = first.inner_text().split(" · ")[0]
        assert house_code in EXPORT.house_codes  # the province's own household
        first.click()
        expect(page.get_by_text("ยังไม่มีบันทึกการเยี่ยม")).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        pick(page, "สถานะ", "ช่วยเหลือแล้ว")
        wait_until_idle(page)
        page.get_by_role("button", name="บันทึก").click()
        expect(page.get_by_text("บันทึกการเยี่ยมแล้ว")).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        keep(page, "journey-ubon-visit-phone")
    phone.close()

"""The menu and plans beyond the pilot tambon, in Chromium: a planner builds the plan of
Saraburi's municipal pseudo-tambon 190151 and downloads it (plain file names carrying the code,
audited); the menu edit form refuses a pasted rule of ten thousand clauses with an error in
Thai and English naming the field, and keeps what was typed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from store import audit, get_engine
from tests.browser.helpers import keeper, shots_dir
from tests.conftest import sign_in, wait_until_idle

pytestmark = pytest.mark.browser
SHOTS = shots_dir("menuhard")
keep = keeper(SHOTS)
MUNICIPAL = "190151"
TEN_THOUSAND = " and ".join(["age >= 70"] * 10_000)


def open_view(page, url: str, path: str, area: str, heading: str) -> None:
    page.goto(f"{url}/{path}?area={area}&year=2561&lang=th&source=households")
    expect(page.get_by_role("heading", level=1).filter(has_text=heading)).to_be_visible(
        timeout=120_000
    )
    wait_until_idle(page, timeout=180_000)


def test_municipal_plan_downloads_are_plainly_named_and_audited(browser, app_url,
                                                                 app_database_url, tmp_path):  # fmt: skip
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="th-TH")
    page = context.new_page()
    sign_in(page, app_url, "planner", "chipao-planner")
    open_view(page, app_url, "plans", MUNICIPAL, "แผนแก้จน")
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=60_000)
    keep(page, "municipal-plans-demand")
    page.get_by_role("tab", name="จัดทำแผนปฏิบัติการ").click()
    wait_until_idle(page, timeout=120_000)
    expect(page.get_by_role("button", name="ดาวน์โหลดแผน (Excel)")).to_be_visible(timeout=60_000)
    keep(page, "municipal-plans-builder")
    names = []
    for label in ("ดาวน์โหลดแผน (Excel)", "ดาวน์โหลดแผน (PDF A4)"):
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name=label).click()
        names.append(info.value.suggested_filename)
        info.value.save_as(tmp_path / info.value.suggested_filename)
    assert [n.rsplit("_", 1)[0] for n in names] == [f"chipao_plan_{MUNICIPAL}"] * 2, names
    assert {n.rsplit(".", 1)[1] for n in names} == {"xlsx", "pdf"}
    context.close()
    events = audit.query_events(get_engine(app_database_url), limit=200)
    plan = events[events["action"].isin(["export_xlsx", "export_pdf"])]
    plan = plan[plan["area_code"] == MUNICIPAL]
    assert {"export_xlsx", "export_pdf"} <= set(plan["action"])
    assert set(plan["username"]) == {"planner"}


def test_a_pasted_rule_of_ten_thousand_clauses_is_refused_and_kept(browser, app_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="th-TH")
    page = context.new_page()
    sign_in(page, app_url, "planner", "chipao-planner")
    open_view(page, app_url, "menu", "19", "เมนูแก้จน")
    page.get_by_text("แก้ไขมาตรการ").click()
    wait_until_idle(page, timeout=60_000)
    rule = page.get_by_role("textbox", name="เงื่อนไขสิทธิ์ (รูปแบบโครงสร้าง)").first
    rule.fill(TEN_THOUSAND)
    page.get_by_role("button", name="บันทึกการแก้ไข").click()
    wait_until_idle(page, timeout=60_000)
    alert = page.get_by_test_id("stAlert").filter(has_text="เงื่อนไขสิทธิ์").first
    expect(alert).to_be_visible(timeout=30_000)
    text = alert.inner_text()
    assert "Eligibility rule" in text and "at most 2,000 characters" in text, text
    assert len(text) < 1_000  # the rule is quoted short, not echoed back
    assert rule.input_value() == TEN_THOUSAND
    body = page.inner_text("body")
    assert "Traceback" not in body
    alert.scroll_into_view_if_needed()
    keep(page, "menu-huge-rule-refused")
    context.close()

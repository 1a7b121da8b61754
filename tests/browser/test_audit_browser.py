"""The audit trail in a real browser: a file is recorded when it is built (no follow-up rerun is
needed), sign-ins are recorded, and the administrator's audit page shows and exports them."""

from __future__ import annotations

import csv
import io

import pytest

from store import audit, get_engine, migrate
from tests.browser.helpers import sign_in
from tests.browser.test_visits_browser import use_households
from tests.conftest import screenshot

pytestmark = pytest.mark.browser


def _events(url: str, action: str):
    engine = get_engine(url)
    migrate(engine)  # the app may not have opened its database yet
    return audit.query_events(engine, action=action)


def test_download_without_its_rerun_is_still_audited(app_url, app_database_url, page):
    before = len(_events(app_database_url, "export_csv"))
    sign_in(page, app_url, "planner", "chipao-planner")
    use_households(page)
    page.get_by_role("link", name="ชี้เป้า").click()
    page.get_by_role("button", name="สระบุรี").click()
    page.get_by_role("combobox").nth(4).wait_for(timeout=60_000)
    page.get_by_text("ส่งออกรายการสำหรับทีมลงพื้นที่").wait_for(timeout=60_000)
    # the button no longer sends a rerun after the download (on_click="ignore"): the only
    # place the row can come from is the callable that builds the file
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="⬇️ CSV", exact=True).click()
    rows = info.value.path().read_bytes().decode("utf-8-sig").count("\n") - 1
    events = _events(app_database_url, "export_csv")
    assert len(events) == before + 1
    assert events.iloc[0]["username"] == "planner" and events.iloc[0]["area_code"] == "19"
    assert events.iloc[0]["rows"] == rows > 0


def test_admin_audit_page_lists_sign_ins_and_exports_csv(app_url, app_database_url, page):
    sign_in(page, app_url, "admin", "chipao-admin")
    page.get_by_role("link", name="บันทึกการใช้งาน").click()
    page.get_by_role("heading", name="บันทึกการใช้งาน (Audit log)").wait_for(timeout=60_000)
    page.get_by_text("รายการ (แสดงไม่เกิน").wait_for(timeout=30_000)
    screenshot(page, "audit-page-admin")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="ดาวน์โหลด CSV").click()
    table = list(csv.DictReader(io.StringIO(info.value.path().read_bytes().decode("utf-8-sig"))))
    actions = {row["action"] for row in table}
    assert {"sign_in", "export_csv"} <= actions, actions
    assert set(table[0]) == {
        "id",
        "at",
        "username",
        "role",
        "action",
        "area_code",
        "rows",
        "detail",
    }
    assert not _events(app_database_url, "export_audit_csv").empty
    assert not _events(app_database_url, "view_audit").empty


def test_audit_page_is_for_administrators_only(app_url, page):
    sign_in(page, app_url, "planner", "chipao-planner")
    assert page.get_by_role("link", name="บันทึกการใช้งาน").count() == 0
    page.goto(app_url + "/audit")
    page.get_by_text("หน้านี้สำหรับผู้ดูแลระบบเท่านั้น").wait_for(timeout=60_000)

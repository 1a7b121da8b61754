"""Issue 11 in Chromium at 1366x768: each role lands where it works, and a view's address opens
that view (after sign-in when needed, within the opener's scope). Clicks are counted as a person
would make them (a retry of a click lost under load is not a second click)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.helpers import go, retried, wait_until_idle
from tests.conftest import screenshot

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("CHIPAO_LANDING_SHOTS_DIR", "/work/shots/landing"))
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
LATEST = "TPMAP 2564 (จปฐ. 2563)"


def keep(page, name: str) -> None:
    wait_until_idle(page, timeout=120_000)  # the whole view drawn, not its placeholders
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(screenshot(page, f"landing-{name}"), SHOTS / f"{name}.png")


@pytest.fixture
def forget(app_database_url):
    """No choices remembered for ``username`` (earlier tests on this server may have made some)."""

    def clear(username: str) -> None:
        engine = sa.create_engine(app_database_url)
        if sa.inspect(engine).has_table("user_preferences"):  # none before the first page run
            with engine.begin() as conn:
                query = sa.text("DELETE FROM user_preferences WHERE username = :u")
                conn.execute(query, {"u": username})
        engine.dispose()

    return clear


@pytest.fixture
def open_page(browser):
    contexts = []

    def make(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, locale="th-TH")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in_at(page, url: str, username: str, password: str) -> None:
    """Open ``url`` (the sign-in page keeps its address) and sign in through the form, in
    whichever language the page speaks (a link's ``lang``, or the user's remembered one)."""
    page.goto(url)
    page.get_by_role("textbox", name=re.compile("^(ชื่อผู้ใช้|Username)$")).fill(
        username, timeout=120_000
    )
    page.get_by_role("textbox", name=re.compile("^(รหัสผ่าน|Password)$")).fill(password)
    page.get_by_role("button", name=re.compile("^(เข้าสู่ระบบ|Sign in)$")).click()
    signed_in = page.get_by_role("button", name=re.compile("^(ออกจากระบบ|Sign out)$"))
    signed_in.wait_for(timeout=120_000)
    wait_until_idle(page, timeout=120_000)


def test_planner_lands_on_province_households_latest_year_and_reaches_a_tambon_list_in_3_clicks(
    app_url, open_page, forget
):
    forget("planner")
    page = open_page()
    sign_in_at(page, app_url, "planner", "chipao-planner")
    landed = page.get_by_role("heading", name=re.compile(f"^สระบุรี · {re.escape(LATEST)}"))
    expect(landed).to_be_visible(timeout=120_000)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("radio", name="ข้อมูลครัวเรือน (จปฐ.)")).to_be_checked()
    assert "area=19" in page.url and "year=2564" in page.url and "source=households" in page.url
    keep(page, "planner-landing")
    clicks = 0
    go(page, "ชี้เป้า")
    clicks += 1
    box = page.get_by_role("combobox", name="ไปยังพื้นที่")
    retried(page, lambda: box.click(), page.get_by_role("option").first)
    clicks += 1
    box.fill("ปากข้าวสาร")  # typing, not a click
    page.get_by_role("option", name=re.compile("^ปากข้าวสาร")).first.click()
    clicks += 1
    expect(page.get_by_role("button", name="› ปากข้าวสาร")).to_be_visible(timeout=120_000)
    expect(page.get_by_text("ครัวเรือนในรายการ", exact=True)).to_be_visible(timeout=120_000)
    assert clicks <= 3
    assert "area=190110" in page.url
    wait_until_idle(page, timeout=120_000)  # the tiles of the tambon, not the province's
    keep(page, "planner-tambon-list")


def test_executive_lands_on_the_briefing_with_the_latest_year_and_the_change(
    app_url, open_page, forget
):
    forget("exec")
    page = open_page()
    sign_in_at(page, app_url, "exec", "chipao-exec")
    heading = page.get_by_role("heading", level=1).filter(has_text="สรุปผู้บริหาร")
    expect(heading).to_be_visible(timeout=120_000)
    # the latest year (2564) beside the previous one: "เทียบปี 2563" on the headline tiles
    expect(page.get_by_text("เทียบปี 2563").first).to_be_visible(timeout=120_000)
    assert "/briefing" in page.url and "year=2564" in page.url
    keep(page, "exec-briefing")


def test_a_shared_link_opens_that_tambon_in_english_for_2561_after_sign_in(app_url, open_page):
    page = open_page()
    sign_in_at(page, f"{app_url}/?area=190110&year=2561&lang=en", "planner", "chipao-planner")
    shown = page.get_by_role("heading", name=re.compile(r"^Pak Khao San · TPMAP 2561"))
    expect(shown).to_be_visible(timeout=120_000)
    assert "area=190110" in page.url and "year=2561" in page.url and "lang=en" in page.url
    keep(page, "link-tambon-en-2561")


def test_a_deep_link_to_a_tambon_target_list_shows_that_list(app_url, open_page):
    page = open_page()
    sign_in_at(page, f"{app_url}/?lang=th", "planner", "chipao-planner")
    # a link copied from the app names its source (the app's own links always do): without
    # it, the source this planner last chose (another test's, on a shared server) would apply
    page.goto(f"{app_url}/targets?area=190110&lang=th&source=households")  # a new session
    heading = page.get_by_role("heading", level=1).filter(has_text="ชี้เป้า")
    expect(heading).to_be_visible(timeout=120_000)
    expect(page.get_by_role("button", name="› ปากข้าวสาร")).to_be_visible(timeout=120_000)
    expect(page.get_by_text("ครัวเรือนในรายการ", exact=True)).to_be_visible(timeout=120_000)
    keep(page, "deep-link-targets")


def test_bad_link_values_are_ignored_with_a_note_not_a_traceback(app_url, open_page):
    page = open_page()
    sign_in_at(page, f"{app_url}/?area=99ab&year=1234&lang=fr", "planner", "chipao-planner")
    expect(page.get_by_text("ignored: area, year, lang")).to_be_visible(timeout=120_000)
    assert "Traceback" not in page.inner_text("body")


def test_field_team_first_page_is_its_tambon_target_list_on_a_phone(app_url, open_page, forget):
    forget("field")
    page = open_page(PHONE)
    sign_in_at(page, app_url, "field", "chipao-field")
    heading = page.get_by_role("heading", level=1).filter(has_text="ชี้เป้า")
    expect(heading).to_be_visible(timeout=120_000)
    expect(page.get_by_text("ครัวเรือนในรายการ", exact=True)).to_be_visible(timeout=120_000)
    expect(page.get_by_role("button", name="› ปากข้าวสาร")).to_be_visible()
    assert "/targets" in page.url and "area=190110" in page.url
    keep(page, "field-landing-phone")


def test_field_team_link_outside_its_tambons_gets_the_clear_refusal(app_url, open_page):
    page = open_page(PHONE)
    sign_in_at(page, f"{app_url}/targets?area=600101&lang=th", "field", "chipao-field")
    refusal = page.get_by_text("พื้นที่ที่เลือกอยู่นอกพื้นที่รับผิดชอบของคุณ", exact=False)
    expect(refusal).to_be_visible(timeout=120_000)
    expect(page.get_by_role("button", name="ปากข้าวสาร", exact=True)).to_be_visible()
    assert "Traceback" not in page.inner_text("body")
    keep(page, "field-out-of-scope-phone")

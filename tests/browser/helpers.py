"""What every browser test does with a Streamlit page: sign in, wait for the run to end, open a
page, choose an option, repeat a click a rerun swallowed.

Waiting is done the way Streamlit's own e2e suite waits (``e2e_playwright/shared/app_utils``):
on the app root's ``data-test-connection-state`` / ``data-test-script-state`` attributes and the
"Running..." status widget, with Playwright's ``expect`` (which polls), never a fixed sleep.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

LONG = 120_000  # a loaded CI machine with 2 cores: a whole page run may take this long


def wait_until_idle(page: Page, timeout: int = 60_000) -> None:
    """Until the app is connected and no script run is going on."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout)
    expect(app).not_to_have_attribute("data-test-script-state", "running", timeout=timeout)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=timeout)


def wait_for_rerun(page: Page, timeout: int = LONG) -> None:
    """After an action that starts a run: until that run has started (when it is not already
    over) and then ended. Replaces "sleep a second, then wait until idle"."""
    app = page.get_by_test_id("stApp")
    try:
        expect(app).to_have_attribute("data-test-script-state", "running", timeout=2_000)
    except AssertionError:
        pass  # the run was over before we looked (or the action started none)
    wait_until_idle(page, timeout=timeout)


def until_stable(page: Page, timeout: int = LONG) -> None:
    """Until the run is over and the main block's text no longer grows (charts and tables that
    draw after the run): its text is read until two reads two seconds apart agree."""
    wait_until_idle(page, timeout=timeout)
    page.wait_for_function(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const text = main ? main.innerText : "";
            const same = window.__chipaoText === text;
            window.__chipaoText = text;
            return same;
        }""",
        polling=2_000,
        timeout=timeout,
    )
    wait_until_idle(page, timeout=timeout)


def sign_in(page: Page, app_url: str, username: str, password: str) -> None:
    """Open the app and sign in through the form, as a person would. The address names the view
    the tests start from (the country, TPMAP aggregates, Thai), so neither a role's landing nor
    the choices remembered from an earlier test move it (issue 11)."""
    page.goto(f"{app_url}/?area=TH&source=real&lang=th")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(password)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.get_by_role("button", name="ออกจากระบบ").wait_for(timeout=60_000)


def retried(page: Page, act: Callable[[], object], done: Locator, tries: int = 3) -> None:
    """``act`` until ``done`` is visible: a click made while a run is ending can be lost on a
    loaded machine, as a person would click again."""
    for _ in range(tries):
        wait_until_idle(page, timeout=LONG)
        try:
            act()
            expect(done).to_be_visible(timeout=30_000)
            break
        except (AssertionError, PlaywrightError):
            continue
    expect(done).to_be_visible(timeout=1_000)
    wait_until_idle(page, timeout=LONG)


def reload_signed_in(page: Page) -> None:
    """Reload the page, as a person does when a screen seems stuck: the sign-in cookie keeps
    them signed in, and the address keeps the page and the area."""
    page.reload()
    page.get_by_role("button", name="ออกจากระบบ").wait_for(timeout=LONG)


def go(page: Page, link: str, where: Page | Locator | None = None) -> None:
    """Open a page from the sidebar by its link (``where``: the sidebar, when it must be opened
    first) and wait until its heading is shown and the run is over. Twice lost, the page is
    reloaded before the last try."""
    heading = page.get_by_role("heading", level=1).filter(has_text=link)
    try:
        retried(page, lambda: (where or page).get_by_role("link", name=link).click(), heading, 2)
    except (AssertionError, PlaywrightError):
        reload_signed_in(page)
        retried(page, lambda: (where or page).get_by_role("link", name=link).click(), heading, 1)


def pick(page: Page, box: str, option: str) -> None:
    """Choose an option of a select box; a dropdown that a rerun closed is opened again."""
    for _ in range(3):
        wait_until_idle(page, timeout=LONG)
        try:
            page.get_by_role("combobox", name=box).click(timeout=30_000)
            page.get_by_role("option", name=option).first.click(timeout=10_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"could not choose {option!r} in {box!r}")


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def screenshot(page: Page, name: str) -> Path:
    """The whole page as ``test-artifacts/<name>.png``."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def shots_dir(default: str) -> Path:
    """Where a test file keeps the screenshots a person looks at: ``$CHIPAO_SHOTS_DIR``, or
    ``/work/shots/<default>``."""
    return Path(os.environ.get("CHIPAO_SHOTS_DIR", f"/work/shots/{default}"))


def keeper(folder: Path) -> Callable[[Page, str], None]:
    """``keep(page, name)``: a screenshot in ``test-artifacts`` and a copy in ``folder``."""

    def keep(page: Page, name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(screenshot(page, name), folder / f"{name}.png")

    return keep

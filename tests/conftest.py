"""Start `streamlit run app.py` once per session and drive it with Debian's Chromium."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.browser.helpers import (  # noqa: F401 - shared by the tests
    screenshot,
    sign_in,
    wait_until_idle,
)
from tests.support import served
from tests.support.served import served_app

# The tests sign in with the demo accounts, which exist only in demo mode.
os.environ.setdefault("CHIPAO_DEMO", "1")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _keep_main_module():
    """AppTest runs page scripts as ``__main__`` and leaves them there; multiprocessing's spawn
    would then re-run a page in every child process. Put the real ``__main__`` back."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def app_database_url(tmp_path_factory) -> str:
    """The served app's database (each run starts with no visits and an empty audit log)."""
    return f"sqlite:///{tmp_path_factory.mktemp('app-db') / 'chipao.db'}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test carries the tail of each running server's log, after the server
    has written every thread's stack (SIGUSR1, see tests/support/serve.py)."""
    report = yield
    if report.failed and call.when == "call" and "browser" in item.keywords and served.RUNNING:
        report.sections.extend(served.stacks_and_logs())
    return report


@pytest.fixture(scope="session")
def app_url(app_database_url):
    home = Path(app_database_url.removeprefix("sqlite:///")).parent / "data"
    with served_app(app_database_url, home) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/install.sh --with-system-packages)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1300}, locale="th-TH")
    page = context.new_page()
    yield page
    context.close()

"""Start `streamlit run app.py` once per session and drive it with Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.helpers import sign_in, wait_until_idle  # noqa: F401 - shared by the tests

# The tests sign in with the demo accounts, which exist only in demo mode.
os.environ.setdefault("CHIPAO_DEMO", "1")

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _keep_main_module():
    """AppTest runs page scripts as ``__main__`` and leaves them there; multiprocessing's spawn
    would then re-run a page in every child process. Put the real ``__main__`` back."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_database_url(tmp_path_factory) -> str:
    """The served app's database (each run starts with no visits and an empty audit log)."""
    return f"sqlite:///{tmp_path_factory.mktemp('app-db') / 'chipao.db'}"


@contextlib.contextmanager
def served_app(database_url: str, data_home: Path, port: int | None = None):
    """``streamlit run app.py`` on a free port (or ``port``) until the block ends: the URL."""
    port = port or _free_port()
    env = {
        **os.environ,
        "CHIPAO_SYNTHETIC_SCALE": os.environ.get("CHIPAO_SYNTHETIC_SCALE", "0.05"),
        "CHIPAO_DATABASE_URL": database_url,
        # datasets saved by the served app: beside its throwaway database, not in .cache
        "CHIPAO_DATA_HOME": str(data_home),
    }
    log_path = ARTIFACTS / "servers" / f"streamlit-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "tests" / "support" / "serve.py"),
            "run",
            str(REPO / "app.py"),  # dashboard.py with the sign-in cookie routes
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    if not _healthy(process, url, deadline=time.time() + 60):
        process.kill()
        pytest.fail(f"streamlit did not start within 60 s (or exited): {_tail(log_path)}")
    _SERVERS[process.pid] = log_path
    try:
        yield url
    finally:
        _SERVERS.pop(process.pid, None)
        process.terminate()
        process.wait(timeout=10)
        log.close()


# the servers running now (pid -> log), asked for their threads' stacks when a test fails
_SERVERS: dict[int, Path] = {}


def _tail(path: Path, lines: int = 120) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test carries the tail of each running server's log, after the server
    has written every thread's stack (SIGUSR1, see tests/support/serve.py)."""
    report = yield
    if report.failed and call.when == "call" and "browser" in item.keywords and _SERVERS:
        for pid in list(_SERVERS):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGUSR1)
        time.sleep(1)  # the dump is written by the server process, at once
        for pid, path in _SERVERS.items():
            report.sections.append((f"streamlit server {pid} log (tail)", _tail(path)))
    return report


def _healthy(process: subprocess.Popen, url: str, deadline: float) -> bool:
    """Until the server answers its health check; False when it exits or time runs out. The
    wait between two checks is the process's own (a server that dies ends it at once)."""
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return True
        except OSError:
            try:
                process.wait(timeout=0.3)
            except subprocess.TimeoutExpired:
                continue
            return False
    return False


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


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

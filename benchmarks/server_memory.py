"""Server memory after every page: python -m benchmarks.server_memory [--scale 1]

Starts ``streamlit run app.py`` in demo mode on the full three-province demo (registered as a
dataset first, as scripts/start.sh does), signs in through the form in headless Chromium, visits
every page on the household data at province, amphoe and tambon level in Thai and English, and
prints the server's resident memory (VmRSS, and the peak VmHWM) after each page. Target: under
1.5 GB after visiting every page.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import load

REPO = Path(__file__).resolve().parent.parent
PAGES = ("ภาพรวม", "สรุปผู้บริหาร", "แผนที่", "ชี้เป้า", "เยี่ยมบ้าน", "พื้นที่นำร่อง", "ติดตามผล")


def memory_gb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of the process, GB."""
    text = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"VmRSS:\s+(\d+)", text)[1]) / 1024**2
    hwm = int(re.search(r"VmHWM:\s+(\d+)", text)[1]) / 1024**2
    return rss, hwm


def visit_everything(url: str, pid: int) -> list[tuple[str, float, float]]:
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import sign_in, wait_until_idle
    from tests.conftest import CHROMIUM

    seen = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="th-TH")
        sign_in(page, url, "admin", "chipao-admin")
        page.get_by_text("ข้อมูลครัวเรือน (จปฐ.)", exact=True).click()
        wait_until_idle(page, timeout=600_000)
        for area in ("สระบุรี", "นครสวรรค์", "อุดรธานี"):
            box = page.get_by_role("combobox", name="จังหวัด")
            box.click()
            box.fill(area)
            page.get_by_role("option", name=area).first.click()
            wait_until_idle(page, timeout=600_000)
            for link in PAGES:
                page.get_by_role("link", name=link).click()
                page.wait_for_timeout(1_000)
                wait_until_idle(page, timeout=600_000)
                seen.append((f"{area} · {link}", *memory_gb(pid)))
        browser.close()
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="1", help="CHIPAO_SYNTHETIC_SCALE of the demo")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="chipao-rss-"))
    env = {
        **os.environ,
        "CHIPAO_DEMO": "1",
        "CHIPAO_SYNTHETIC_SCALE": args.scale,
        "CHIPAO_DATABASE_URL": f"sqlite:///{folder / 'chipao.db'}",
        "CHIPAO_DATA_HOME": str(folder / "data"),
    }
    subprocess.run([sys.executable, "-m", "store.datasets.demo"], env=env, check=True, cwd=REPO)
    from tests.conftest import _free_port

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
        + ["--server.headless", "true", "--server.address", "127.0.0.1"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(f"http://127.0.0.1:{port}")
        seen = visit_everything(f"http://127.0.0.1:{port}", server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for label, rss, hwm in seen:
        print(f"  after {label:32s} RSS {rss:.2f} GB (peak {hwm:.2f} GB)")
    print(
        f"server memory after every page at scale {args.scale}: RSS {seen[-1][1]:.2f} GB, "
        f"peak {max(h for _, _, h in seen):.2f} GB (target < 1.5 GB)  [{load()}]"
    )


def _wait(url: str) -> None:
    import time
    import urllib.request

    for _ in range(600):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("streamlit did not start")


if __name__ == "__main__":
    main()

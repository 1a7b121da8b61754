"""The executive briefing: its PDF downloads and says what the screen says."""

import shutil
import subprocess

import pytest

from tests.browser.helpers import sign_in
from tests.conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_briefing_pdf_matches_the_screen(app_url, page, tmp_path):
    sign_in(page, app_url, "exec", "chipao-exec")
    page.get_by_role("link", name="สรุปผู้บริหาร").click()
    page.get_by_text("ดาวน์โหลดสรุป (PDF A4)").wait_for(timeout=120_000)
    body = page.inner_text("body")
    headline = ["36,647,817", "4,405,684", "1,032,987"]  # persons, MPI-poor, target poor
    for number in headline:
        assert number in body
    screenshot(page, "briefing-th")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="ดาวน์โหลดสรุป (PDF A4)").click()
    pdf = tmp_path / "briefing.pdf"
    pdf.write_bytes(info.value.path().read_bytes())
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert (
        int(
            next(line for line in pages.stdout.splitlines() if line.startswith("Pages:")).split()[1]
        )
        >= 1
    )
    for number in headline:
        assert number in text
    for province in ("นครสวรรค์", "สระบุรี", "อุดรธานี"):  # the pilot areas' provinces
        assert province in text

"""The visit sheet of an amphoe (1,200 households) builds with every household on it, in order,
with the fast layout (speed itself: python -m benchmarks.visit_sheet)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from analytics.io import pdf as thai_pdf
from benchmarks.visit_sheet import build, sheet_rows

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


def _text(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return [re.sub(r"[\s\u200b]+", "", p) for p in out.stdout.decode().split("\f") if p.strip()]


def test_amphoe_visit_sheet_of_1200_households_builds_with_every_household_in_order(tmp_path):
    try:
        thai_pdf.find_thai_font()
    except thai_pdf.ThaiFontNotFoundError:
        pytest.skip("no Thai font")
    rows = sheet_rows(1200)
    pages = _text(build(rows), tmp_path)
    assert len(pages) > 100
    text = "".join(pages)
    positions = [text.index(code) for code in rows["house_code"]]
    assert positions == sorted(positions)  # visiting order kept over every page
    for number, page in enumerate(pages, start=1):
        assert "ลำดับรหัสบ้านหมู่บ้าน" in page  # the heading row on each page, readable
        assert f"หน้า{number}/{len(pages)}" in page
    assert text.count("ขาด2.1ที่อยู่อาศัยมั่นคง") == (rows["reasons"].str.startswith("ขาด 2.1")).sum()


def test_fast_and_old_layouts_put_the_same_words_on_the_sheet(tmp_path):
    try:
        thai_pdf.find_thai_font()
    except thai_pdf.ThaiFontNotFoundError:
        pytest.skip("no Thai font")
    rows = sheet_rows(30)
    fast = "".join(_text(build(rows), tmp_path))
    old = "".join(_text(build(rows, legacy=True), tmp_path))
    assert sorted(fast) == sorted(old)  # same characters (line breaks may differ)

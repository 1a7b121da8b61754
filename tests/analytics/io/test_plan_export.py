"""The filed plan: Excel with Thai headers, unknown amounts left empty (never 0); A4 PDF."""

import math
import subprocess
from datetime import UTC, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics.io import exports, plan_export

ROWS = pd.DataFrame(
    {
        "name": ["เบี้ยยังชีพผู้สูงอายุ (อายุ 70-79 ปี)", '=HYPERLINK("x")'],
        "agency": ["อปท.", "กรมทรัพยากรน้ำ"],
        "quarter": [1, 2],
        "households": [4, 2],
        "units": [5, 2],
        "months": [12, 9],
        "amount": [700.0, None],
        "cost": [42000.0, math.nan],
        "moved": [1, 0],
    }
)
HEADER = plan_export.PlanHeader("ปากข้าวสาร", 2571, 100000, 42000, 1, "planner",
                                datetime(2026, 11, 30, 6, 0, tzinfo=UTC))  # fmt: skip


def test_excel_has_thai_headers_and_unknown_cost_stays_empty(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(plan_export.to_excel(ROWS, HEADER, "th"))
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0] == "แผนปฏิบัติการแก้ไขปัญหาความยากจน ปากข้าวสาร ปีงบประมาณ 2571"
    head = rows.index(next(r for r in rows if r and r[0] == "มาตรการ"))
    assert rows[head][7] == "งบประมาณ (บาท)"
    assert rows[head + 1][7] == 42000
    assert rows[head + 2][6] is None and rows[head + 2][7] is None  # unknown, not 0
    assert rows[head + 2][0].startswith("'=")  # a formula is defused


def test_pdf_is_a4_with_thai_text(tmp_path):
    try:
        exports.find_thai_font()
    except exports.ThaiFontNotFoundError:
        pytest.skip("no Thai font")
    path = tmp_path / "plan.pdf"
    path.write_bytes(plan_export.to_pdf(ROWS, HEADER, "th"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "แผนปฏิบัติการ" in "".join(text.split())
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "841.89 x 595.28" in info  # A4 landscape

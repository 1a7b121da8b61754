"""Visit sheet benchmark: python -m benchmarks.visit_sheet

The A4 visit sheet (PDF) of one amphoe's list, 1,200 households in visiting order, median of 3,
beside the old layout path (fpdf2's table with a width check per cell) as a ratio, and the peak
memory of the process (target < 5 s).
"""

from __future__ import annotations

import argparse
from datetime import datetime

import numpy as np
import pandas as pd

from analytics.io import exports
from benchmarks.common import load, median_of, peak_gb, ratio

HOUSEHOLDS = 1200
VILLAGES = ("บ้านหนองน้ำใส", "บ้านโคกสำราญ", "บ้านท่าช้าง", "บ้านดอนแก้ว", "บ้านหนองโพธิ์")
TAMBONS = ("ปากข้าวสาร", "ดาวเรือง", "ตะกุด", "หนองปลาไหล")
FIRST = ("นายสมชาย", "นางสมศรี", "นายประเสริฐ", "นางบุญมี", "นายวิชัย", "นางสาวมาลี", "นายสุนทร")
LAST = ("ใจดี", "ทองคำ", "สุขสวัสดิ์", "ศรีสุข", "แก้วมณี", "บุญเรือง", "พรหมมา", "จันทร์เพ็ญ")
WHY = (
    "ขาด 2.1 ที่อยู่อาศัยมั่นคง, 4.3 รายได้เฉลี่ยของสมาชิกในครัวเรือนต่อปีไม่ต่ำกว่าเกณฑ์",
    "ขาด 1.2 เด็กแรกเกิดมีน้ำหนักไม่น้อยกว่า 2,500 กรัม; มีผู้สูงอายุที่ติดเตียง",
    "ขาด 3.1 เด็กอายุ 3-5 ปี ได้รับบริการเลี้ยงดูเตรียมความพร้อมก่อนวัยเรียน, "
    "3.4 คนอายุ 15-59 ปี อ่าน เขียนภาษาไทย และคิดเลขอย่างง่ายได้",
    "ขาด 5.2 ผู้สูงอายุได้รับการดูแลจากครอบครัว ชุมชน ภาครัฐ หรือภาคเอกชน",
)


def sheet_rows(n: int = HOUSEHOLDS, seed: int = 11) -> pd.DataFrame:
    """``n`` listed households of one amphoe (four tambons), like the list page exports."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "order": np.arange(1, n + 1),
            "house_code": [f"1901{i:07d}" for i in range(n)],
            "village_name": rng.choice(VILLAGES, n),
            "tambon_name": rng.choice(TAMBONS, n),
            # every head a different name, as in a real list (no two lines shaped alike)
            "head_name": [f"{rng.choice(FIRST)} {rng.choice(LAST)}{i}" for i in range(n)],
            "members": rng.integers(1, 8, n),
            "target_members": rng.integers(1, 4, n),
            "reasons": rng.choice(WHY, n),
            "failed_indicators": rng.choice(("2.1, 4.3", "1.2", "3.1, 3.4", "5.2"), n),
            "critical": rng.random(n) < 0.1,
            "lat": 14.5 + rng.random(n) / 10,
            "lon": 100.9 + rng.random(n) / 10,
        }
    )


def build(rows: pd.DataFrame, legacy: bool = False) -> bytes:
    return exports.visit_sheet_pdf(
        rows,
        title_th="รายการเยี่ยมบ้าน — อ.เมืองสระบุรี",
        area_name="อ.เมืองสระบุรี จ.สระบุรี",
        team="ทีมพี่เลี้ยง ชุดที่ 1",
        printed_at=datetime(2026, 11, 30, 9, 0),
        legacy=legacy,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=HOUSEHOLDS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-old", action="store_true", help="skip the old (slow) path")
    args = parser.parse_args()
    rows = sheet_rows(args.households)
    fast, _ = median_of(lambda: build(rows), args.runs)
    pages = build(rows).count(b"/Type /Page\n") or build(rows).count(b"/Type /Page")
    line = (
        f"visit sheet (A4 PDF), {args.households:,} households, {pages} pages: "
        f"{fast:.2f} s median of {args.runs} (target < 5 s)"
    )
    if not args.no_old:
        slow, _ = median_of(lambda: build(rows, legacy=True), args.runs)
        line += f"; old path {slow:.2f} s, {ratio(slow, fast)} faster"
    print(f"{line}; peak memory {peak_gb():.2f} GB  [{load()}]")


if __name__ == "__main__":
    main()

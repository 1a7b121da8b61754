"""Fuzz both importers: python -m benchmarks.fuzz_importers [--inputs 20000] [--seed 8].

Each importer gets ``--inputs`` generated files, seeded: valid exports (CSV in UTF-8, BOM or
cp874, and .xlsx) mutated by byte flips, line-end changes, re-encoding, huge fields, Unicode
digits, Excel-damaged IDs, shifted and truncated rows, damaged or odd workbooks, plus random
bytes. A crash is any exception other than the documented ``ImportFileError``; a leak is a full
citizen ID from the input shown in an error or warning table. Prints both counts and the time.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
import traceback
from collections.abc import Callable

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from analytics.domain import citizen_id
from analytics.io import importers, thaiqm
from benchmarks.common import load

IDS = list(citizen_id.synthetic_ids(range(100, 140)))
HOUSEHOLD_HEADER = [
    "เลขประจำตัวประชาชน",
    "ชื่อ-สกุล",
    "รหัสบ้าน",
    "รหัสหมู่บ้าน",
    "เพศ",
    "อายุ",
    "รายได้ครัวเรือนต่อปี",
    "ลงทะเบียนบัตรสวัสดิการ",
    "2.2",
    "bmn8",
]
QM_HEADER = ["รหัสบ้าน", "เลขประจำตัวประชาชน", "รหัสตำบล", "ปัญหา", "สถานะ", "วันที่ปรับปรุง"]
VILLAGES = ["60010201", "19010101", "410151A9", "40016501", "60015101"]
TAMBONS = ["600102", "190101", "410151", "400165", "300161", "600151"]
STATUSES = ["เป้าหมาย", "assisted", "ช่วยเหลือแล้ว", "in_progress", "ส่งต่อ", ""]
DIGITS = [
    "๐๑๒๓๔๕๖๗๘๙",  # Thai
    "０１２３４５６７８９",  # full width
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "⁰¹²³⁴⁵⁶⁷⁸⁹",  # superscripts: isdigit() but not decimal
    "⓪①②③④⑤⑥⑦⑧⑨",  # circled
]
ODD_VALUES = ["nan", "inf", "-1", "1e999", "1.23457E+12", "", " ", "-", "'", '"', "\x00", "0x1F"]


def household_rows(rng: random.Random) -> list[list[str]]:
    rows = []
    for _ in range(rng.randint(1, 12)):
        rows.append(
            [
                rng.choice(IDS),
                rng.choice(["สมชาย ใจดี", "Somchai, Jaidee", "บุญมี"]),
                f"600100000{rng.randint(10, 40)}",
                rng.choice(VILLAGES),
                rng.choice(["1", "2", "ชาย", "หญิง"]),
                str(rng.randint(0, 100)),
                str(rng.choice([20000, 50000, 120000, 0])),
                rng.choice(["1", "0", ""]),
                rng.choice(["ผ่าน", "ไม่ผ่าน", "1", "0", ""]),
                rng.choice(["1", "0", ""]),
            ]
        )
        if rng.random() < 0.2:
            rows[-1][0] = (
                f"{rows[-1][0][0]}-{rows[-1][0][1:5]}-{rows[-1][0][5:10]}-{rows[-1][0][10:]}"
            )
    return rows


def qm_rows(rng: random.Random) -> list[list[str]]:
    return [
        [
            rng.choice([f"600100000{rng.randint(10, 40)}", ""]),
            rng.choice([*IDS[:10], ""]),
            rng.choice(TAMBONS),
            rng.choice(["รายได้", "health", ""]),
            rng.choice(STATUSES),
            rng.choice(["25/11/2569", "2026-11-25", "", "31/02/2569", "25/11/2569 14:30"]),
        ]
        for _ in range(rng.randint(1, 12))
    ]


def mutate_cells(rng: random.Random, header: list[str], rows: list[list[str]]) -> None:
    """Cell-level damage: odd values, Unicode digits, huge fields, shifted or short rows."""
    for _ in range(rng.randint(0, 4)):
        row = rng.choice(rows)
        if not row:
            continue
        col = rng.randrange(len(row))
        kind = rng.random()
        if kind < 0.3:
            row[col] = rng.choice(ODD_VALUES)
        elif kind < 0.55:
            table = str.maketrans("0123456789", rng.choice(DIGITS))
            row[col] = row[col].translate(table)
        elif kind < 0.65:
            row[col] = rng.choice(["ก", "9", ","]) * rng.randint(130_000, 300_000)
        elif kind < 0.8:
            row.insert(col, rng.choice(IDS))  # shifted row: an ID lands in the next column
        elif kind < 0.9:
            del row[col:]
        else:
            row.append("extra")
    if rng.random() < 0.1:
        header.append(rng.choice(["หมายเหตุ", "note", header[0]]))


def to_csv(rng: random.Random, header: list[str], rows: list[list[str]]) -> bytes:
    delimiter = rng.choice([",", ",", ",", ";", "\t", "|"])
    end = rng.choice(["\n", "\r\n", "\r", "\n", "\r\n"])
    lines = [delimiter.join(header)]
    for row in rows:
        cells = [f'"{c}"' if (delimiter in c and rng.random() < 0.7) else c for c in row]
        lines.append(delimiter.join(cells))
        if rng.random() < 0.05:
            lines.append("")  # an empty line mid-file
    text = end.join(lines) + rng.choice([end, ""])
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp874", "cp874", "utf-16"])
    return text.encode(encoding, errors="replace")


def to_xlsx(rng: random.Random, header: list[str], rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", h) for h in header])
    for row in rows:
        row = [ILLEGAL_CHARACTERS_RE.sub("", c) for c in row]
        cells: list[object] = []
        for cell in row:
            choice = rng.random()
            if cell.isdigit() and cell.isascii() and len(cell) < 16 and choice < 0.5:
                cells.append(float(cell) if len(cell) > 11 and choice < 0.1 else int(cell))
            elif choice < 0.03:
                cells.append(rng.choice([None, True, 3.5, float("nan"), "=1+1"]))
            else:
                cells.append(cell[:32_000])  # Excel's own cell limit
        sheet.append(cells)
    if rng.random() < 0.1:
        book.create_sheet("second").append(["x"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def damage(rng: random.Random, raw: bytes) -> bytes:
    """Byte-level damage: flips, inserted line ends, truncation, or nothing."""
    data = bytearray(raw)
    for _ in range(rng.choice([0, 0, 1, 2, 8])):
        if not data:
            break
        position = rng.randrange(len(data))
        kind = rng.random()
        if kind < 0.5:
            data[position] = rng.randrange(256)
        elif kind < 0.8:
            data[position:position] = rng.choice([b"\r", b"\n", b"\r3", b'"', b"\x00", b"\xff"])
        else:
            del data[position:]
    return bytes(data)


def generate(rng: random.Random, importer: str) -> tuple[bytes, str]:
    """One input for ``importer`` ("households" or "thaiqm")."""
    if rng.random() < 0.05:
        return rng.randbytes(rng.randint(0, 4096)), rng.choice(["x.csv", "x.xlsx"])
    if importer == "households":
        header, rows = list(HOUSEHOLD_HEADER), household_rows(rng)
    else:
        header, rows = list(QM_HEADER), qm_rows(rng)
    mutate_cells(rng, header, rows)
    if rng.random() < 0.15:
        return damage(rng, to_xlsx(rng, header, rows)), "export.xlsx"
    return damage(rng, to_csv(rng, header, rows)), "export.csv"


IMPORTERS: dict[str, Callable] = {
    "households": importers.import_households,
    "thaiqm": thaiqm.import_thaiqm,
}


def leaked(result) -> bool:
    """A full synthetic ID from the inputs in any shown value (errors or warnings)."""
    shown = " ".join(result.errors["value"].astype(str)) + " ".join(
        result.warnings["value"].astype(str)
    )
    return any(cid in shown for cid in IDS)


def fuzz(inputs: int, seed: int, verbose: bool = False) -> dict[str, dict[str, float]]:
    """Run ``inputs`` generated files through each importer; counts per importer."""
    report: dict[str, dict[str, float]] = {}
    for name, importer in IMPORTERS.items():
        rng = random.Random(f"{seed}-{name}")
        crashes = leaks = refused = 0
        slowest = 0.0
        start = time.perf_counter()
        for _ in range(inputs):
            raw, filename = generate(rng, name)
            began = time.perf_counter()
            try:
                result = importer(raw, filename)
            except importers.ImportFileError:
                refused += 1
            except Exception:  # the thing being counted
                crashes += 1
                if verbose:
                    traceback.print_exc(limit=3)
            else:
                leaks += leaked(result)
            slowest = max(slowest, time.perf_counter() - began)
        report[name] = {
            "inputs": inputs,
            "crashes": crashes,
            "leaks": leaks,
            "refused": refused,
            "seconds": time.perf_counter() - start,
            "slowest": slowest,
        }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=20_000, help="inputs per importer")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--verbose", action="store_true", help="print each crash's traceback")
    args = parser.parse_args(argv)
    print(f"machine: {load()}")
    report = fuzz(args.inputs, args.seed, args.verbose)
    for name, row in report.items():
        print(
            f"{name:10s} inputs {row['inputs']:>6,}  crashes {row['crashes']:>4}  "
            f"ID leaks {row['leaks']:>3}  refused as unreadable {row['refused']:>6,}  "
            f"time {row['seconds']:7.1f} s  slowest input {row['slowest'] * 1000:6.0f} ms"
        )
    failed = sum(r["crashes"] + r["leaks"] for r in report.values())
    print("OK: 0 crashes, 0 ID leaks" if not failed else f"FAILED: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

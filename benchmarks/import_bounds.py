"""Peak memory and time of one oversized upload: python -m benchmarks.import_bounds [--repo PATH].

Builds (once, in the cache folder) a 2.65-million-row household CSV (~190 MB), a ~1.5 MB
.xlsx that expands to 512 MB, and a 1-million-row CSV (the default row limit), then imports each in a fresh process and prints its peak memory
(VmHWM), time and outcome. ``--repo`` runs another checkout's importer (e.g. the code before
the limits) on the same files; ``--timeout`` stops a run that takes too long.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import zipfile
from pathlib import Path

from analytics import settings
from analytics.domain import citizen_id
from benchmarks.common import load

ROWS = 2_650_000
HEADER = "citizen_id,name,house_code,village_code,sex,age,household_income,2.2,3.2,4.1\n"
BOMB_ROW = b'<row><c t="inlineStr"><is><t>1234567890123</t></is></c></row>'
RUN = """
import re, sys, time
from pathlib import Path
from analytics.io import importers
def peak_mb():  # VmHWM: this process's peak resident memory (ru_maxrss survives exec)
    return int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]) / 1024
raw = Path(sys.argv[1]).read_bytes()  # Streamlit holds the upload in memory too
before = peak_mb()
start = time.perf_counter()
try:
    result = importers.import_households(raw, Path(sys.argv[1]).name)
    outcome = f"imported {len(result.persons):,} rows, rejected {result.rows_rejected:,}"
except importers.ImportFileError as error:
    outcome = "refused: " + error.message_en
seconds = time.perf_counter() - start
peak = peak_mb()
print(f"{peak:,.0f} MB peak ({peak - before:+,.0f} MB for the import), {seconds:,.1f} s, {outcome}")
"""


def big_csv(path: Path, rows: int = ROWS) -> Path:
    if path.exists():
        return path
    ids = citizen_id.synthetic_ids(range(rows))
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for i, cid in enumerate(ids):
            house = 19010000000 + i // 4
            out.write(
                f"{cid},สมชาย ใจ,{house},190101{1 + (i // 4) % 9:02d},1,{i % 90},60000,1,0,1\n"
            )
    return path


def xlsx_bomb(path: Path, expanded_mb: int = 512) -> Path:
    """A workbook whose one sheet is ``expanded_mb`` MB of identical rows (written in chunks)."""
    if path.exists():
        return path
    chunk = BOMB_ROW * 16_384
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>' % NS)
            for _ in range((expanded_mb << 20) // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return path


NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=settings.REPO_ROOT)
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args(argv)
    print(f"machine: {load()}")
    folder = settings.cache_dir() / "import_bounds"
    folder.mkdir(parents=True, exist_ok=True)
    files = [
        big_csv(folder / "households-2650000.csv"),
        xlsx_bomb(folder / "bomb.xlsx"),
        big_csv(folder / "households-1000000.csv", 1_000_000),  # at the default row limit
    ]
    for path in files:
        size = path.stat().st_size / (1 << 20)
        try:
            done = subprocess.run(
                [sys.executable, "-c", RUN, str(path)],
                cwd=args.repo,
                capture_output=True,
                text=True,
                timeout=args.timeout,
            )
            line = done.stdout.strip() or done.stderr.strip().splitlines()[-1]
        except subprocess.TimeoutExpired:
            line = f"stopped after {args.timeout} s"
        print(f"{path.name} ({size:,.1f} MB): {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, datetime

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analytics.io import pdf as thai_pdf
from analytics.io.exports import (
    EXPORT_HEADERS_EN,
    EXPORT_HEADERS_TH,
    skipped_without_coordinates,
    to_csv_bytes,
    to_excel_bytes,
    to_geojson_bytes,
    to_kml_bytes,
    visit_sheet_pdf,
)
from analytics.io.pdf import (
    ZWSP,
    ThaiFontNotFoundError,
    find_thai_font,
    format_printed_at,
    thai_break_hints,
)

KML_NS = {"k": "http://www.opengis.net/kml/2.2"}
UNBROKEN = "ผู้สูงอายุหรือผู้พิการไม่ได้รับการดูแลและไม่มีน้ำดื่มสะอาดเพียงพอตลอดปีที่ผ่านมาทั้งหมด"


def _visits() -> pd.DataFrame:
    """Five households, listed out of visiting order; the third has no coordinates."""
    return pd.DataFrame(
        {
            "order": [2, 1, 3, 5, 4],
            "house_code": [
                "01000000002",
                "01000000001",
                "00123456789",
                "09000000005",
                "00000000044",
            ],
            "village_id": ["0601010101"] * 5,
            "village_name": ["บ้านหนองบัว", "บ้านหนองบัว", "บ้านโคกสูง", "บ้านป่าไผ่", "บ้านป่าไผ่"],
            "tambon_code": ["060101"] * 5,
            "tambon_name": ["ในเมือง"] * 5,
            "head_name": ["นางสมศรี ใจดี", "นายสมชาย รักถิ่น", None, "นางคำปุ่น ศรีสุข", "นายทองใบ มั่นคง"],
            "citizen_id": ["9-xxxx-xxxxx-12-3"] * 5,
            "members": [4, 3, 6, 2, 5],
            "target_members": [2, 1, 3, 1, 2],
            "failed_indicators": ["2.1, 4.3", "2.2", "5.1", "4.3", "2.1"],
            "reasons": [
                "ที่อยู่อาศัยไม่มั่นคงหรือไม่คงทน (2.1); มีผู้สูงอายุ",
                "ไม่มีน้ำดื่มสะอาดเพียงพอ (2.2)",
                UNBROKEN,
                "รายได้ต่อคนไม่เกินเกณฑ์เปราะบาง & <ต้องตรวจซ้ำ>",
                "ขาดแคลนหลายด้าน (คะแนนความขาดแคลน ≥ 0.3)",
            ],
            "critical": [True, False, True, False, np.nan],
            "stage": ["อยู่รอด", "พอเพียง", "อยู่รอด", "พอเพียง", "อยู่รอด"],
            "status": ["รอเยี่ยม"] * 5,
            "lat": [15.10, 15.00, np.nan, 15.40, 15.30],
            "lon": [100.10, 100.00, 100.20, 100.40, 100.30],
        }
    )


IN_ORDER = ["01000000001", "01000000002", "00123456789", "00000000044", "09000000005"]


# --- CSV -------------------------------------------------------------------------------------


def test_csv_has_a_bom_and_reads_back_with_thai_headers_and_leading_zeros():
    data = to_csv_bytes(_visits())
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(EXPORT_HEADERS_TH.values())
    assert back["รหัสบ้าน"].tolist() == IN_ORDER
    assert back["ลำดับ"].tolist() == ["1", "2", "3", "4", "5"]
    assert back["หมู่บ้าน"].iloc[0] == "บ้านหนองบัว"
    assert back["วิกฤต"].tolist() == ["ไม่ใช่", "ใช่", "ใช่", "", "ไม่ใช่"]
    assert back["ละติจูด"].iloc[2] == ""  # missing coordinates stay empty, not "nan"


def test_csv_in_english_and_codes_that_arrived_as_numbers_get_their_zeros_back():
    df = _visits()
    df["house_code"] = df["house_code"].astype("int64")
    df["tambon_code"] = 60101
    back = pd.read_csv(io.BytesIO(to_csv_bytes(df, lang="en")), encoding="utf-8-sig", dtype=str)
    assert list(back.columns) == list(EXPORT_HEADERS_EN.values())
    assert back["House code"].tolist() == IN_ORDER
    assert set(back["Subdistrict code"]) == {"060101"}
    assert back["Critical"].iloc[0] == "No"


def test_unknown_columns_are_left_out_and_missing_ones_are_fine():
    df = _visits()[["order", "house_code", "reasons"]].assign(secret="do not export")
    back = pd.read_csv(io.BytesIO(to_csv_bytes(df)), encoding="utf-8-sig", dtype=str)
    assert list(back.columns) == ["ลำดับ", "รหัสบ้าน", "เหตุผล"]


def test_text_that_looks_like_a_formula_is_not_run():
    df = _visits()
    df.loc[0, "head_name"] = '=HYPERLINK("http://x")'
    df.loc[1, "status"] = "-รอ"
    back = pd.read_csv(io.BytesIO(to_csv_bytes(df)), encoding="utf-8-sig", dtype=str)
    assert back["หัวหน้าครัวเรือน"].iloc[1] == '\'=HYPERLINK("http://x")'
    assert back["สถานะ"].iloc[0] == "'-รอ"
    assert back["ลองจิจูด"].iloc[0] == "100.0"
    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(df))).active
    cell = sheet["G3"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


# --- Excel -----------------------------------------------------------------------------------


def test_excel_reads_back_with_thai_headers_text_codes_and_a_frozen_header():
    data = to_excel_bytes(_visits(), sheet_title="ทีม 1: ต.ในเมือง/ชัยนาท")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.title == "ทีม 1  ต.ในเมือง ชัยนาท"
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(EXPORT_HEADERS_TH.values())
    code = sheet["B2"]
    assert (code.value, code.data_type, code.number_format) == ("01000000001", "s", "@")
    assert sheet["A2"].value == 1 and isinstance(sheet["A2"].value, int)
    assert sheet.column_dimensions["B"].width >= 11
    back = pd.read_excel(io.BytesIO(data), dtype={"รหัสบ้าน": str, "รหัสหมู่บ้าน": str})
    assert list(back.columns) == list(EXPORT_HEADERS_TH.values())
    assert back["รหัสบ้าน"].tolist() == IN_ORDER
    assert back["เหตุผล"].iloc[2] == UNBROKEN
    assert back["จำนวนสมาชิก"].tolist() == [3, 4, 6, 5, 2]
    assert back["ลองจิจูด"].iloc[0] == pytest.approx(100.0)
    assert np.isnan(back["ละติจูด"].iloc[2])


def test_excel_in_english():
    back = pd.read_excel(io.BytesIO(to_excel_bytes(_visits(), lang="en")), dtype=str)
    assert list(back.columns) == list(EXPORT_HEADERS_EN.values())
    assert back["House code"].tolist() == IN_ORDER


# --- GeoJSON and KML -------------------------------------------------------------------------


def test_geojson_has_one_point_per_located_row_in_lon_lat_order():
    df = _visits()
    collection = json.loads(to_geojson_bytes(df).decode("utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == len(df) - 1 and skipped_without_coordinates(df) == 1
    by_code = {f["properties"]["house_code"]: f for f in features}
    assert "00123456789" not in by_code
    for _, row in df.dropna(subset=["lat"]).iterrows():
        feature = by_code[row["house_code"]]
        assert feature["geometry"]["type"] == "Point"
        assert feature["geometry"]["coordinates"] == pytest.approx([row["lon"], row["lat"]])
    first = features[0]["properties"]
    assert first["order"] == 1 and first["house_code"] == "01000000001"
    assert first["village_name"] == "บ้านหนองบัว" and first["critical"] is False
    assert "lat" not in first and "lon" not in first
    assert by_code["00000000044"]["properties"]["critical"] is None


def test_skipped_without_coordinates_counts_missing_and_impossible_values():
    df = pd.DataFrame({"lat": [15.0, np.nan, 95.0, None], "lon": [100.0, 100.0, 100.0, 100.0]})
    assert skipped_without_coordinates(df) == 3
    assert skipped_without_coordinates(pd.DataFrame({"house_code": ["1"]})) == 1


def test_kml_parses_with_one_placemark_per_located_row():
    df = _visits()
    root = ET.fromstring(to_kml_bytes(df))
    placemarks = root.findall(".//k:Placemark", KML_NS)
    assert len(placemarks) == len(df) - skipped_without_coordinates(df)
    names = [p.findtext("k:name", namespaces=KML_NS) for p in placemarks]
    assert names == ["1. 01000000001", "2. 01000000002", "4. 00000000044", "5. 09000000005"]
    lon, lat, _ = placemarks[0].findtext(".//k:coordinates", namespaces=KML_NS).split(",")
    assert (float(lon), float(lat)) == (100.0, 15.0)
    described = placemarks[3].findtext("k:description", namespaces=KML_NS)
    assert "รายได้ต่อคนไม่เกินเกณฑ์เปราะบาง &amp; &lt;ต้องตรวจซ้ำ&gt;" in described
    assert "บ้านป่าไผ่" in described
    styles = {p.findtext("k:styleUrl", namespaces=KML_NS) for p in placemarks}
    assert len(styles) == 2  # critical and the rest


# --- Thai line-break hints and fonts ---------------------------------------------------------


def test_break_hints_never_separate_a_mark_from_its_consonant():
    text = f"{UNBROKEN} สั้น"
    hinted = thai_break_hints(text, fits=lambda s: len(s) <= 25)
    assert hinted.replace(ZWSP, "") == text
    assert ZWSP in hinted
    marks = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4cะาำ")
    for before, after in zip(hinted, hinted[1:], strict=False):
        if after == ZWSP:
            assert before not in "เแโใไ"
        if before == ZWSP:
            assert after not in marks
    pieces = hinted.split(ZWSP)
    # syllable breaks first: before leading vowels (ไม่, และ) and after ะ and ำ ...
    assert pieces[:6] == ["ผู้สูงอายุหรือผู้พิการ", "ไม่", "ได้รับการดู", "แล", "และ", "ไม่มีน้ำ"]
    # ... and a piece still too long (29 characters) opens at every cluster, marks kept on
    assert pieces[8:12] == ["เพี", "ย", "ง", "พ"]


def test_break_hints_leave_words_that_fit_alone():
    assert thai_break_hints("บ้าน หนองบัว\nต.ในเมือง", fits=lambda s: True) == ("บ้าน หนองบัว\nต.ในเมือง")


def test_font_directory_override_and_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIPAO_FONT_DIR", str(tmp_path))
    with pytest.raises(ThaiFontNotFoundError, match="CHIPAO_FONT_DIR") as error:
        find_thai_font()
    assert str(tmp_path) in str(error.value)
    with pytest.raises(ThaiFontNotFoundError):
        visit_sheet_pdf(_visits(), title_th="x", area_name="y", team="z", printed_at="today")
    loma = thai_pdf.DEFAULT_FONT_DIR / "Loma.ttf"
    if not loma.is_file():
        pytest.skip("fonts-thai-tlwg is not installed")
    shutil.copy(loma, tmp_path / "Loma.ttf")
    font = find_thai_font()
    assert font.family == "Loma" and font.bold == tmp_path / "Loma.ttf"


def test_printed_at_uses_the_buddhist_era_in_thai():
    assert format_printed_at(date(2025, 3, 5)) == "5 มี.ค. 2568"
    assert format_printed_at(datetime(2025, 12, 31, 8, 5)) == "31 ธ.ค. 2568 08:05 น."
    assert format_printed_at(datetime(2025, 3, 5, 14, 30), lang="en") == "2025-03-05 14:30"
    assert format_printed_at("วันนี้") == "วันนี้"


# --- Visit sheet (PDF) -----------------------------------------------------------------------


def _has_thai_font() -> bool:
    try:
        find_thai_font()
    except ThaiFontNotFoundError:
        return False
    return True


needs_font = pytest.mark.skipif(not _has_thai_font(), reason="no Thai font (fonts-thai-tlwg)")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")
TITLE = "ใบงานเยี่ยมบ้านครัวเรือนเป้าหมาย"
AREA = "ต.ในเมือง อ.เมืองชัยนาท จ.ชัยนาท"


def _sheet(df: pd.DataFrame, **kwargs) -> bytes:
    options = {
        "title_th": TITLE,
        "area_name": AREA,
        "team": "ทีมพี่เลี้ยง ชุดที่ 1",
        "printed_at": datetime(2025, 3, 5, 14, 30),
    }
    return visit_sheet_pdf(df, **{**options, **kwargs})


def _squash(text: str) -> str:
    """pdftotext puts spaces between shaped Thai glyphs; compare without any whitespace."""
    return re.sub(r"[\s\u200b]+", "", text)


def _pdf_pages(data: bytes, tmp_path) -> list[str]:
    """Squashed text of each page; -raw keeps drawing order (else Thai marks can be reordered)."""
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    pages = out.stdout.decode("utf-8").split("\f")
    return [_squash(page) for page in pages if page.strip()]


def _many(n: int) -> pd.DataFrame:
    base = _visits()
    rows = pd.concat([base] * (n // len(base) + 1), ignore_index=True).iloc[:n].copy()
    rows["order"] = np.arange(n, 0, -1)  # listed backwards: the sheet must sort them
    rows["house_code"] = [f"{i:011d}" for i in range(7, 7 + n)]
    return rows


@needs_font
def test_pdf_is_an_a4_document_with_at_least_one_page():
    data = _sheet(_visits())
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b(?!s)", data)) >= 1
    assert b"/MediaBox [0 0 841.89 595.28]" in data  # A4 landscape, in points


@needs_font
@needs_pdftotext
def test_pdf_text_has_title_area_columns_and_every_house_in_order(tmp_path):
    df = _visits()
    (page,) = _pdf_pages(_sheet(df), tmp_path)
    for text in (TITLE, AREA, "ทีมพี่เลี้ยง ชุดที่ 1", "5 มี.ค. 2568", "หน้า 1/1"):
        assert _squash(text) in page
    for header in ("ลำดับ", "รหัสบ้าน", "หมู่บ้าน", "หัวหน้าครัวเรือน", "สมาชิก", "วิกฤต"):
        assert header in page
    for header in ("เหตุผล/ตัวชี้วัดที่ไม่ผ่าน", "วันที่เยี่ยม", "ผลการเยี่ยม", "ลายมือชื่อ"):
        assert header in page
    positions = [page.index(code) for code in IN_ORDER]
    assert positions == sorted(positions)
    assert _squash(UNBROKEN) in page  # wrapped over lines, nothing lost or reordered
    assert "นายสมชาย" in page


@needs_font
@needs_pdftotext
def test_sixty_households_run_over_pages_with_the_header_on_each(tmp_path):
    df = _many(60)
    pages = _pdf_pages(_sheet(df), tmp_path)
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert "รหัสบ้านหมู่บ้าน" in page  # the table header row
        assert f"หน้า{number}/{len(pages)}" in page
    text = "".join(pages)
    assert all(code in text for code in df["house_code"])
    assert text.index("00000000066") < text.index("00000000007")  # order 1 before order 60
    assert text.count(_squash(TITLE)) >= len(pages)  # in the heading and each page's footer


@needs_font
@needs_pdftotext
def test_pdf_without_head_names_and_in_english(tmp_path):
    df = _visits().drop(columns=["head_name"])
    (page,) = _pdf_pages(_sheet(df, lang="en"), tmp_path)
    assert "หัวหน้าครัวเรือน" not in page and "Headofhousehold" not in page
    for text in ("Housecode", "Visitoutcome", "Signature", "Page1/1", "2025-03-0514:30"):
        assert text in page
    assert _squash(TITLE) in page


@needs_font
def test_empty_list_still_prints_the_heading():
    data = _sheet(_visits().iloc[0:0])
    assert data.startswith(b"%PDF-") and len(re.findall(rb"/Type /Page\b(?!s)", data)) == 1

"""Issue 8 ("Importers") and issue 9 (bounded uploads, masked IDs): one test per defect measured.

Each test is named after the defect and would fail on the importers as they were before.
"""

import io
import math
import zipfile

import openpyxl
import pandas as pd
import pytest

from analytics.domain import citizen_id, measures
from analytics.io import fields, importers, tabular, thaiqm

IDS = citizen_id.synthetic_ids(range(40, 50))
HEADER = "เลขประจำตัวประชาชน,ชื่อ-สกุล,รหัสบ้าน,รหัสหมู่บ้าน,เพศ,อายุ,รายได้ครัวเรือนต่อปี,ลงทะเบียนบัตรสวัสดิการ,2.2"
ROWS = [
    f"{IDS[0]},สมชาย ใจดี,60010000001,60010201,ชาย,70,50000,1,ผ่าน",
    f"{IDS[1]},สมหญิง ใจดี,60010000001,60010201,หญิง,8,50000,0,ไม่ผ่าน",
    f"{IDS[2]},บุญมี ศรีสุข,60010000002,60010301,1,40,100000,1,0",
]
QM_HEADER = "รหัสบ้าน,เลขประจำตัวประชาชน,รหัสตำบล,ปัญหา,สถานะ,วันที่ปรับปรุง"
QM_ROWS = [
    f"60010000001,{IDS[0]},600102,รายได้ไม่พอ,ช่วยเหลือแล้ว,25/11/2569",
    f"60010000002,{IDS[1]},600102,ที่อยู่อาศัย,อยู่ระหว่างดำเนินการ,01/10/2569",
]
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def data(rows, header=HEADER, end="\n", encoding="utf-8") -> bytes:
    return (end.join([header, *rows]) + end).encode(encoding)


def both(raw: bytes, name: str = "upload.csv"):
    return importers.import_households(raw, name), thaiqm.import_thaiqm(raw, name)


def dashed(cid: str) -> str:
    return f"{cid[0]}-{cid[1:5]}-{cid[5:10]}-{cid[10:12]}-{cid[12]}"


def xlsx(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


# -- line ends, huge fields, look-alike digits: the three crash causes ---------------------------


@pytest.mark.parametrize("raw", [b"\r3", b"a,b\r3,4\r", b"citizen_id\r\r\n\r"])
def test_lone_cr_line_ends_do_not_crash(raw):
    for importer in (importers.import_households, thaiqm.import_thaiqm):
        with pytest.raises(importers.ImportFileError):  # the documented error, nothing else
            importer(raw, "upload.csv")


def test_csv_macintosh_file_imports_like_the_original():
    unix = importers.import_households(data(ROWS, encoding="cp874"), "export.csv")
    mac = importers.import_households(data(ROWS, end="\r", encoding="cp874"), "export.csv")
    assert mac.errors.empty and len(mac.persons) == 3
    pd.testing.assert_frame_equal(mac.persons, unix.persons)
    qm = thaiqm.import_thaiqm(data(QM_ROWS, QM_HEADER, end="\r", encoding="cp874"), "qm.csv")
    assert qm.errors.empty and len(qm.households) == 2


def test_field_over_128_kib_does_not_crash():
    huge = "ก" * 200_000
    rows = [ROWS[0].replace("สมชาย ใจดี", huge), ROWS[1].replace("60010000001", huge)]
    result = importers.import_households(data(rows), "export.csv")
    assert len(result.persons) == 1 and result.errors["row"].tolist() == [3]
    assert len(result.errors["value"].iloc[0]) <= fields.MAX_SHOWN + 1  # cut in the report
    qm = thaiqm.import_thaiqm(data([QM_ROWS[0].replace("รายได้ไม่พอ", huge)], QM_HEADER), "q.csv")
    assert len(qm.households) == 1


@pytest.mark.parametrize("lookalike", ["²", "①", "¹²"])
def test_superscript_and_circled_digits_are_rejected_not_crashing(lookalike):
    assert lookalike.isdigit()  # what used to let them reach int()
    rows = [
        ROWS[0].replace(",70,", f",{lookalike},"),  # age
        ROWS[1].replace("60010000001", "6001000000" + lookalike),  # house code
    ]
    result = importers.import_households(data(rows), "export.csv")
    assert set(result.errors["column"]) == {"age", "house_code"} and result.persons.empty
    qm_rows = [QM_ROWS[0].replace("600102", "60010" + lookalike)]
    qm_rows.append(QM_ROWS[1].replace("01/10/2569", f"0{lookalike}/10/2569"))
    qm = thaiqm.import_thaiqm(data(qm_rows, QM_HEADER), "qm.csv")
    assert set(qm.errors["column"]) == {"tambon_code", "updated"}


@pytest.mark.parametrize("income", ["nan", "NaN", "inf", "-inf", "Infinity", "1e999"])
def test_nan_and_inf_income_are_rejected(income):
    rows = [ROWS[2].replace(",100000,", f",{income},")]
    result = importers.import_households(data(rows), "export.csv")
    assert result.persons.empty
    assert result.errors[["row", "column"]].values.tolist() == [[2, "income"]]


def test_income_that_passes_is_always_finite():
    result = importers.import_households(data(ROWS), "export.csv")
    assert all(math.isfinite(x) for x in result.households["income"])


# -- one person, one way of writing ---------------------------------------------------------------


@pytest.mark.parametrize("digits", [THAI, FULL_WIDTH])
def test_thai_and_full_width_digits_are_read_as_arabic(digits):
    rows = [
        ",".join(c.translate(digits) if i != 1 else c for i, c in enumerate(r.split(",")))
        for r in ROWS
    ]
    result = importers.import_households(data(rows), "export.csv")
    assert result.errors.empty
    assert result.persons["citizen_id"].tolist() == list(IDS[:3])
    assert result.households["house_code"].tolist() == ["60010000001", "60010000002"]
    assert result.persons["age"].tolist() == [70, 8, 40]
    qm_rows = [r.translate(digits) for r in QM_ROWS]
    qm = thaiqm.import_thaiqm(data(qm_rows, QM_HEADER), "qm.csv")
    assert qm.errors.empty and qm.households["citizen_id"].tolist() == list(IDS[:2])
    assert qm.households["updated"].iloc[0] == pd.Timestamp("2026-11-25")


def test_same_person_in_thai_and_arabic_digits_is_a_duplicate():
    thai_row = ROWS[0].replace(IDS[0], IDS[0].translate(THAI)).replace("60010000001", "60010000009")
    result = importers.import_households(data([ROWS[0], thai_row]), "export.csv")
    assert result.errors["reason_en"].tolist() == ["Duplicate citizen ID (first seen on row 2)"]
    qm_row = QM_ROWS[0].replace("60010000001", "60010000001".translate(THAI))
    qm = thaiqm.import_thaiqm(data([QM_ROWS[0], qm_row], QM_HEADER), "qm.csv")
    assert len(qm.households) == 1 and qm.rows_duplicate == 1


def test_dashed_citizen_ids_accepted_by_both_importers():
    rows = [r.replace(cid, dashed(cid)) for r, cid in zip(ROWS, IDS, strict=False)]
    result = importers.import_households(data(rows), "export.csv")
    assert result.errors.empty and result.persons["citizen_id"].tolist() == list(IDS[:3])
    qm_rows = [QM_ROWS[0].replace(IDS[0], dashed(IDS[0]))]
    qm = thaiqm.import_thaiqm(data(qm_rows, QM_HEADER), "qm.csv")
    assert qm.errors.empty and qm.households["citizen_id"].tolist() == [IDS[0]]


# -- reports: exact rows, the user's headers, never a full ID -------------------------------------


def test_empty_line_mid_file_keeps_row_numbers():
    bad = ROWS[2].replace(",40,", ",200,")
    raw = data([ROWS[0], "", ROWS[1], ",,,,", bad])  # rows 3 and 5 are empty in Excel
    result = importers.import_households(raw, "export.csv")
    assert result.errors["row"].tolist() == [6]
    assert result.persons["row"].tolist() == [2, 4]
    qm_bad = QM_ROWS[1].replace("อยู่ระหว่างดำเนินการ", "??")
    qm = thaiqm.import_thaiqm(data([QM_ROWS[0], "", "", qm_bad], QM_HEADER), "qm.csv")
    assert qm.errors["row"].tolist() == [5]


def test_shifted_row_never_shows_a_full_citizen_id():
    shifted = f"{IDS[3]},สมศักดิ์, ใจดี,60010000003,60010201,1,30,90000,1,ผ่าน"  # unquoted comma
    id_in_house_column = f"สมศักดิ์,{IDS[4]},60010201,1,30,90000,1,ผ่าน"  # name column missing
    result = importers.import_households(data([shifted, id_in_house_column]), "export.csv")
    shown = " ".join(result.errors["value"].astype(str))
    assert IDS[3] not in shown and IDS[4] not in shown
    assert "shifted" in result.errors.set_index("row").loc[2, "reason_en"]
    qm = thaiqm.import_thaiqm(data([f"{IDS[5]},,600102,x,เป้าหมาย,"], QM_HEADER), "qm.csv")
    assert IDS[5] not in " ".join(qm.errors["value"].astype(str))  # an ID in the house column


def test_import_error_table_masks_an_id_in_the_wrong_column():
    """Issue 9 item 8: a full ID sitting in the house-code or age column is masked."""
    rows = [ROWS[0].replace("60010000001", IDS[6]), ROWS[1].replace(",8,", f",{dashed(IDS[7])},")]
    result = importers.import_households(data(rows), "export.csv")
    values = result.errors["value"].tolist()
    assert values == [citizen_id.mask(IDS[6]), citizen_id.mask(IDS[7])]


def test_reports_name_the_users_own_headers():
    row = ROWS[0].replace(",1,ผ่าน", ",maybe,perhaps")
    result = importers.import_households(data([row]), "export.csv")
    assert set(result.errors["field"]) == {"ลงทะเบียนบัตรสวัสดิการ", "2.2"}
    assert "i2_2" not in set(result.errors["field"]) and "registered" not in set(
        result.errors["field"]
    )
    english = HEADER.replace("เลขประจำตัวประชาชน", "Citizen_ID")
    result = importers.import_households(data([ROWS[0].replace(IDS[0], "123")], english), "e.csv")
    assert result.errors["field"].tolist() == ["Citizen_ID"]


# -- Excel ---------------------------------------------------------------------------------------


def test_excel_damaged_ids_are_rejected_with_an_explanation():
    rows = [ROWS[0].replace(IDS[0], "1.23457E+12"), ROWS[1].replace(IDS[1], "1.23457e12")]
    result = importers.import_households(data(rows), "export.csv")
    assert result.persons.empty and len(result.errors) == 2
    assert all("Excel" in r and "6 digits" in r for r in result.errors["reason_en"])
    assert all("Excel" in r for r in result.errors["reason_th"])
    qm = thaiqm.import_thaiqm(data([QM_ROWS[0].replace(IDS[0], "1.23457E+12")], QM_HEADER), "q")
    assert "Excel" in qm.errors["reason_en"].iloc[0]


def test_excel_damaged_ids_resaved_as_xlsx_are_rejected():
    """The CSV with 1.23457E+12 re-saved as .xlsx: the cells hold the number 1234570000000."""
    frame = pd.read_csv(io.BytesIO(data(ROWS)), dtype=str, keep_default_na=False)
    frame["เลขประจำตัวประชาชน"] = [1234570000000.0, 3101700000000.0, float(IDS[2])]
    result = importers.import_households(xlsx(frame), "export.xlsx")
    assert result.errors["row"].tolist() == [2, 3]
    assert all(
        "1.23457E+12" not in v and "Excel" in r
        for v, r in result.errors[["value", "reason_en"]].values
    )
    assert result.persons["citizen_id"].tolist() == [IDS[2]]  # an intact number is read exactly


def test_xlsx_numbers_and_dates_read_like_csv():
    frame = pd.read_csv(io.BytesIO(data(ROWS)), dtype=str, keep_default_na=False)
    frame["อายุ"] = [70.0, 8.0, 40.0]
    frame["รหัสบ้าน"] = [60010000001, 60010000001, 60010000002]
    result = importers.import_households(xlsx(frame), "export.xlsx")
    assert result.errors.empty and result.persons["age"].tolist() == [70, 8, 40]


# -- warnings, not silence ------------------------------------------------------------------------


def test_extra_column_gives_a_warning():
    result = importers.import_households(
        data([r + ",x" for r in ROWS], HEADER + ",หมายเหตุ"), "e.csv"
    )
    assert result.errors.empty and len(result.persons) == 3
    assert result.warnings["field"].tolist() == ["หมายเหตุ"] and result.warnings["row"].tolist() == [
        1
    ]
    qm = thaiqm.import_thaiqm(data([r + ",x" for r in QM_ROWS], QM_HEADER + ",note"), "q.csv")
    assert qm.warnings["field"].tolist() == ["note"]


def test_house_code_in_two_villages_gives_a_warning():
    rows = [ROWS[0], ROWS[1].replace("60010201", "60010301")]
    result = importers.import_households(data(rows), "export.csv")
    assert len(result.persons) == 2 and len(result.households) == 1
    warning = result.warnings.iloc[0]
    assert (warning["row"], warning["column"]) == (3, "village_code")
    assert "60010201" in warning["reason_en"] and "row 2" in warning["reason_en"]


def test_differing_household_incomes_give_a_warning():
    rows = [ROWS[0], ROWS[1].replace("50000", "80000")]
    result = importers.import_households(data(rows), "export.csv")
    assert result.warnings[["row", "column"]].values.tolist() == [[3, "income"]]
    assert "50,000" in result.warnings["reason_en"].iloc[0]
    assert result.households["income"].tolist() == [50000.0]


# -- codes TPMAP has ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "village", ["410151A9", "410151A901", "40016501", "30016101", "4001900101"]
)
def test_letter_village_codes_and_municipal_codes_are_accepted(village):
    result = importers.import_households(data([ROWS[0].replace("60010201", village)]), "e.csv")
    assert result.errors.empty, result.errors.to_dict("records")
    assert result.households["tambon"].iloc[0] == village[:6]
    assert len(result.households["village_id"].iloc[0]) == 10
    row = measures.area_measures(result.persons, result.households, "tambon").iloc[0]
    assert row["persons"] == 1


@pytest.mark.parametrize("tambon", ["400165", "400195", "300161"])
def test_thaiqm_accepts_municipal_codes_outside_51_to_59(tambon):
    qm = thaiqm.import_thaiqm(data([QM_ROWS[0].replace("600102", tambon)], QM_HEADER), "q.csv")
    assert qm.errors.empty and qm.households["tambon"].tolist() == [tambon]


# -- bounded uploads (issue 9 item 4) ------------------------------------------------------------


def test_oversize_upload_is_refused_with_a_clear_message():
    limits = tabular.Limits(max_upload_mb=1)
    raw = data([ROWS[0]] * 20_000)
    assert len(raw) > tabular.MB
    for importer in (importers.import_households, thaiqm.import_thaiqm):
        with pytest.raises(importers.ImportFileError, match="over the 1 MB limit") as info:
            importer(raw, "big.csv", limits)
        assert "เกินขนาด" in info.value.message_th


def test_too_many_rows_are_refused_before_parsing():
    limits = tabular.Limits(max_rows=100)
    for raw in (data([ROWS[0]] * 101), data([ROWS[0]] * 101, end="\r")):
        with pytest.raises(importers.ImportFileError, match="more than 100 rows"):
            importers.import_households(raw, "many.csv", limits)
    assert len(importers.import_households(data(ROWS * 33), "ok.csv", limits).errors) == 96


def xlsx_bomb(expanded_mb: int) -> bytes:
    """A valid-looking .xlsx whose sheet expands to ``expanded_mb`` MB of XML."""
    book = openpyxl.Workbook()
    book.active.append(["citizen_id"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            payload = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                payload = payload.replace(
                    b"</sheetData>", b" " * (expanded_mb << 20) + b"</sheetData>"
                )
            bomb.writestr(item, payload, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_xlsx_zip_bomb_is_refused_before_decompressing():
    bomb = xlsx_bomb(3)
    assert len(bomb) < 50_000
    limits = tabular.Limits(max_xlsx_uncompressed_mb=2)
    for importer in (importers.import_households, thaiqm.import_thaiqm):
        with pytest.raises(importers.ImportFileError, match="expands to 3 MB") as info:
            importer(bomb, "bomb.xlsx", limits)
        assert "คลายการบีบอัด" in info.value.message_th


def test_upload_limit_matches_streamlit_max_upload_size():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).parents[3] / ".streamlit/config.toml").read_text())
    assert config["server"]["maxUploadSize"] == tabular.Limits.from_settings().max_upload_mb


def test_excel_unicode_text_utf16_tab_file_is_read():
    raw = data([r.replace(",", "\t") for r in ROWS], HEADER.replace(",", "\t")).decode()
    result = importers.import_households(raw.encode("utf-16"), "export.txt")
    assert result.errors.empty and len(result.persons) == 3 and result.encoding == "utf-16"


def test_one_damaged_byte_loses_only_its_row():
    raw = data(ROWS, encoding="cp874").replace(b"60010000002", b"6001000\xff002")
    result = importers.import_households(raw, "export.csv")
    assert len(result.persons) == 2 and result.errors["row"].tolist() == [4]
    assert "1 bytes could not be decoded" in result.warnings["reason_en"].iloc[0]


def test_shifted_row_with_a_blank_last_column_is_reported_as_shifted():
    header = HEADER + ",หมายเหตุ"
    shifted = f"{IDS[3]},มานี, มีนา,60010000003,60010201,2,30,90000,1,ผ่าน,"
    result = importers.import_households(data([shifted], header), "export.csv")
    assert result.errors[["row", "field"]].values.tolist() == [[2, "(row)"]]
    assert "shifted" in result.errors["reason_en"].iloc[0]


def test_warnings_are_capped_with_a_count_of_the_rest():
    rows = [
        f"{cid},x,60010000001,6001020{1 + i % 2},1,30,{50000 + i},0,0"
        for i, cid in enumerate(citizen_id.synthetic_ids(range(1000, 2200)))
    ]
    result = importers.import_households(data(rows), "export.csv")
    assert len(result.persons) == 1200 and len(result.warnings) == importers.MAX_WARNINGS + 1
    assert "more warnings" in result.warnings["reason_en"].iloc[-1]


@pytest.mark.parametrize(
    "damage",
    [
        lambda good: good[: len(good) // 2],  # cut short
        lambda good: good.replace(b"worksheets/sheet1.xml", b"worksheets/sheetX.xml"),  # no sheet
        lambda good: b"PK\x03\x04" + b"\x00" * 200,  # a zip header and nothing else
    ],
)
def test_a_damaged_workbook_says_one_message_whatever_broke_in_it(damage):
    """The person reads the same words in both languages whichever library error it was (the
    English message used to end in a Python class name that changed from run to run)."""
    good = xlsx(pd.DataFrame({"a": [1]}))
    with pytest.raises(tabular.ImportFileError) as caught:
        tabular.read_table(damage(good), "export.xlsx")
    assert caught.value.message_en == "Cannot open the Excel file (damaged or not .xlsx)"
    assert caught.value.message_th == "เปิดไฟล์ Excel ไม่ได้ (ไฟล์เสียหรือไม่ใช่ .xlsx)"

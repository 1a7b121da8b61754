"""Importer: encodings, row-level validation, whole-file errors."""

import io
import re

import pandas as pd
import pytest

from analytics.domain import citizen_id, measures
from analytics.io import importers

IDS = citizen_id.synthetic_ids([10, 11, 12, 13])
HEADER = "เลขประจำตัวประชาชน,ชื่อ-สกุล,รหัสบ้าน,รหัสหมู่บ้าน,เพศ,อายุ,รายได้ครัวเรือนต่อปี,ลงทะเบียนบัตรสวัสดิการ,ผ่านการตรวจสอบสิทธิ์,2.2,3.2,4.1"
GOOD_ROWS = [
    f"{IDS[0]},สมชาย ใจดี,60010000001,60010201,ชาย,70,50000,1,1,ผ่าน,,",
    f"{IDS[1]},สมหญิง ใจดี,60010000001,60010201,หญิง,8,50000,0,0,ผ่าน,ไม่ผ่าน,",
    f"{IDS[2]},บุญมี ศรีสุข,60010000002,60010301,1,40,100000,1,0,0,,0",
]


def csv_bytes(rows, encoding="utf-8", header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_good_file_in_each_encoding(encoding):
    result = importers.import_households(csv_bytes(GOOD_ROWS, encoding), "export.csv")
    assert result.errors.empty
    assert len(result.persons) == 3 and len(result.households) == 2
    assert result.persons["name"].tolist()[0] == "สมชาย ใจดี"  # Thai survives cp874
    expected = "cp874" if encoding == "cp874" else "utf-8-sig"
    assert result.encoding == expected
    row = measures.area_measures(result.persons, result.households, "province").iloc[0]
    # household 1: 25,000 per member < 38,000 -> both fail 4.3; household 2 fails 2.2 and 4.1
    assert row["mpi_poor"] == 3 and row["target_poor"] == 1 and row["fail_i4_3"] == 2


def test_excel_file_reads_the_same():
    frame = pd.read_csv(io.BytesIO(csv_bytes(GOOD_ROWS)), dtype=str, keep_default_na=False)
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    result = importers.import_households(buffer.getvalue(), "export.xlsx")
    assert result.errors.empty and len(result.persons) == 3


def test_bad_rows_are_reported_and_valid_rows_kept():
    bad_checksum = IDS[3][:-1] + str((int(IDS[3][-1]) + 1) % 10)
    rows = [
        *GOOD_ROWS,
        f"{bad_checksum},ทดสอบ,60010000003,60010201,1,30,90000,0,0,ผ่าน,,",
        f"{IDS[3]},ทดสอบ,60010000003,60999901,1,30,90000,0,0,ผ่าน,,",
        f"{IDS[3]},ทดสอบ,60010000003",
        f"{IDS[0]},ซ้ำ,60010000004,60010201,1,30,90000,0,0,ผ่าน,,",
        f"{IDS[3]},ทดสอบ,60010000003,60010201,1,200,90000,0,0,maybe,,",
    ]
    result = importers.import_households(csv_bytes(rows), "export.csv")
    assert len(result.persons) == 3  # the three good rows survive
    errors = result.errors.set_index("row")
    assert errors.loc[5, "column"] == "citizen_id"
    assert "checksum" in errors.loc[5, "reason_en"] and "หลักตรวจสอบ" in errors.loc[5, "reason_th"]
    assert errors.loc[5, "value"].startswith("9-xxxx")  # reports never show a full ID
    assert errors.loc[6, "column"] == "village_code" and "609999" in errors.loc[6, "reason_en"]
    assert "Truncated row: 3 of 12" in errors.loc[7, "reason_en"]
    assert "Duplicate citizen ID (first seen on row 2)" == errors.loc[8, "reason_en"]
    row9 = result.errors[result.errors["row"] == 9]
    assert set(row9["column"]) == {"age", "i2_2"}
    assert result.rows_rejected == 5 and result.rows_read == 8


def test_municipal_pseudo_tambon_is_accepted():
    row = f"{IDS[0]},เทศบาล,60010000009,60015101,1,30,90000,0,0,ผ่าน,,"
    result = importers.import_households(csv_bytes([row]), "export.csv")
    assert result.errors.empty and result.households["tambon"].tolist() == ["600151"]


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (b"", "empty.csv", "The file is empty"),
        (b"   \n\n", "blank.csv", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "photo.csv", "not a readable CSV or Excel"),
        (b"PK\x03\x04garbage-not-a-workbook", "broken.xlsx", "Cannot open the Excel file"),
        (b"\xfa\xfb\x81\x8d\xff\xfe,\n", "odd.csv", "Cannot decode the file"),
        (b"name,age\nsomchai,30\n", "other.csv", "Required column(s) missing: citizen_id"),
    ],
)
def test_unreadable_files_give_one_clear_message(raw, name, message):
    with pytest.raises(importers.ImportFileError, match=re.escape(message)) as info:
        importers.import_households(raw, name)
    assert info.value.message_th  # Thai text is always present too

"""Thai QM importer and TPMAP reconciliation, on hand-made data."""

import io
import re
from datetime import datetime

import pandas as pd
import pytest

from analytics.domain import citizen_id
from analytics.io import importers, thaiqm

IDS = citizen_id.synthetic_ids(range(20, 30))
BAD_CHECKSUM = IDS[8][:-1] + str((int(IDS[8][-1]) + 1) % 10)
HEADER = "รหัสบ้าน,เลขประจำตัวประชาชน,รหัสตำบล,ปัญหา,สถานะ,วันที่ปรับปรุง"
EN_HEADER = "house_code,citizen_id,tambon_code,problem,status,updated"

# Thai QM export: Thai headers, Thai status words, Buddhist-era dates.
QM_ROWS = [
    f"60010000001,{IDS[0]},600102,รายได้ไม่พอ,ช่วยเหลือแล้ว,25/11/2569",  # row 2: H1 by house code
    "60010000002,,600102,ที่อยู่อาศัย,อยู่ระหว่างดำเนินการ,01/10/2569",  # row 3: H2 by house code
    f"60010000003,{IDS[2]},600103,การศึกษา,แก้ไขได้ด้วยตนเอง,2026-10-05",  # row 4: H3 by house code
    f"60019999999,{IDS[3]},600103,สุขภาพ,ส่งต่อ/แก้ไขไม่ได้,",  # row 5: H4 by citizen ID only
    f"60010000101,{IDS[6]},600151,รายได้ไม่พอ,เป้าหมาย,",  # row 6: Thai QM only (municipal)
    f"60010000102,{BAD_CHECKSUM},600102,รายได้ไม่พอ,เป้าหมาย,",  # row 7: rejected
    f",{IDS[7]},600102,สุขภาพ,เป้าหมาย,02/12/2569",  # row 8: Thai QM only, citizen ID only
]

# TPMAP: one row per household, index as in a household table.
TPMAP = pd.DataFrame(
    {
        "house_code": [f"6001000000{i}" for i in range(1, 7)],
        "head_citizen_id": list(IDS[:6]),
        "tambon": ["600102", "600102", "600103", "600103", "600103", "600102"],
        "target": [True, True, False, True, True, False],
        "visit_status": [
            "assisted",
            "not_visited",
            "in_progress",
            "not_visited",
            "not_visited",
            "target",
        ],
    },
    index=[10, 11, 12, 13, 14, 15],
)


def csv_bytes(rows, encoding="utf-8", header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def errors_by_row(result):
    return result.errors.set_index("row")


@pytest.fixture
def imported():
    return thaiqm.import_thaiqm(csv_bytes(QM_ROWS, "cp874"), "thaiqm.csv")


def test_cp874_thai_headers_and_words_bad_checksum_reported_others_kept(imported):
    assert imported.encoding == "cp874" and imported.rows_read == 7
    frame = imported.households.set_index("row")
    assert frame.index.tolist() == [2, 3, 4, 5, 6, 8]  # row 7 rejected, the rest kept
    assert frame["status"].tolist() == [
        "assisted",
        "in_progress",
        "self_resolved",
        "referred",
        "target",
        "target",
    ]
    assert frame.loc[2, "problem"] == "รายได้ไม่พอ"  # Thai text survives cp874
    assert frame.loc[2, "updated"] == pd.Timestamp("2026-11-25")
    assert frame.loc[4, "updated"] == pd.Timestamp("2026-10-05")
    assert pd.isna(frame.loc[5, "updated"])
    assert pd.isna(frame.loc[3, "citizen_id"]) and pd.isna(frame.loc[8, "house_code"])
    assert frame.loc[6, "tambon"] == "600151"  # municipal pseudo-tambon accepted
    assert len(imported.errors) == 1 and imported.rows_rejected == 1
    error = imported.errors.iloc[0]
    assert error["row"] == 7 and error["column"] == "citizen_id"
    assert error["reason_en"] == "Citizen ID fails its checksum"
    assert "หลักตรวจสอบ" in error["reason_th"]
    assert error["value"].startswith("9-xxxx") and BAD_CHECKSUM not in error["value"]


def test_english_headers_and_codes_in_utf8_bom():
    rows = [
        f"60010000001,{IDS[0]},600102,income,in_progress,2026-11-25",
        f"60010000002,{IDS[1]},600102,housing,Self-Resolved,",
        f"60010000003,{IDS[2]},600102,health,referred,",
    ]
    result = thaiqm.import_thaiqm(csv_bytes(rows, "utf-8-sig", EN_HEADER), "thaiqm.csv")
    assert result.errors.empty and result.encoding == "utf-8-sig"
    assert result.households["status"].tolist() == ["in_progress", "self_resolved", "referred"]


def test_excel_with_real_date_cells():
    frame = pd.DataFrame(
        {
            "รหัสบ้าน": ["60010000001"],
            "เลขประจำตัวประชาชน": [IDS[0]],
            "รหัสตำบล": ["600102"],
            "สถานะ": ["ช่วยเหลือแล้ว"],
            "วันที่ปรับปรุง": [datetime(2026, 11, 25)],  # an Excel date, not text
        }
    )
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    result = thaiqm.import_thaiqm(buffer.getvalue(), "thaiqm.xlsx")
    assert result.errors.empty and result.encoding == "xlsx"
    assert result.households["updated"].tolist() == [pd.Timestamp("2026-11-25")]
    assert result.households["problem"].tolist() == [""]  # optional column absent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25/11/2569", datetime(2026, 11, 25)),
        ("5/1/2569", datetime(2026, 1, 5)),
        ("25-11-2569", datetime(2026, 11, 25)),
        ("29/02/2567", datetime(2024, 2, 29)),  # BE 2567 = 2024, a leap year
        ("25/11/2026", datetime(2026, 11, 25)),  # a Gregorian year is left alone
        ("2026-11-25", datetime(2026, 11, 25)),
        ("2569-11-25", datetime(2026, 11, 25)),  # ISO layout with a Buddhist-era year
        ("2026-11-25 00:00:00", datetime(2026, 11, 25)),  # how Excel dates arrive
        ("25/11/2569 14:30", datetime(2026, 11, 25, 14, 30)),
        ("", None),
        ("  ", None),
    ],
)
def test_buddhist_era_and_iso_dates(text, expected):
    assert thaiqm.parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["29/02/2566", "31/04/2569", "25/11/69", "2026/13/01", "yesterday", "25/11/2300"]
)
def test_bad_dates_raise(text):
    with pytest.raises(ValueError):
        thaiqm.parse_date(text)


def test_bad_date_is_reported_on_its_row():
    rows = [f"60010000001,{IDS[0]},600102,x,เป้าหมาย,31/02/2569"]
    result = thaiqm.import_thaiqm(csv_bytes(rows), "thaiqm.csv")
    assert result.households.empty
    error = result.errors.iloc[0]
    assert (error["row"], error["column"], error["value"]) == (2, "updated", "31/02/2569")
    assert "DD/MM/YYYY (Buddhist era" in error["reason_en"] and "พ.ศ." in error["reason_th"]


def test_unknown_and_missing_status():
    rows = [
        f"60010000001,{IDS[0]},600102,x,เสร็จแล้ว,",
        f"60010000002,{IDS[1]},600102,x,,",
        f"60010000003,{IDS[2]},600102,x,ส่งต่อ,",  # short form of ส่งต่อ/แก้ไขไม่ได้
    ]
    result = thaiqm.import_thaiqm(csv_bytes(rows), "thaiqm.csv")
    assert result.households["status"].tolist() == ["referred"]
    errors = errors_by_row(result)
    assert errors.loc[2, "column"] == "status" and errors.loc[2, "value"] == "เสร็จแล้ว"
    assert errors.loc[2, "reason_en"] == (
        "Unknown status; use one of: target, in_progress, assisted, "
        "self_resolved, referred (or the Thai words)"
    )
    assert "อยู่ระหว่างดำเนินการ" in errors.loc[2, "reason_th"]
    assert errors.loc[3, "reason_en"] == "Status is missing"


def test_unknown_tambon_and_bad_codes():
    rows = [
        f"60010000001,{IDS[0]},609999,x,เป้าหมาย,",
        f"60010000002,{IDS[1]},60010,x,เป้าหมาย,",
        f"6001000000,{IDS[2]},600102,x,เป้าหมาย,",
        ",,600102,x,เป้าหมาย,",
        f"{IDS[3]},,600102,x,เป้าหมาย,",  # a citizen ID typed into the house-code column
        f"6001-000000-4,{IDS[4][0]}-{IDS[4][1:5]}-{IDS[4][5:10]}-{IDS[4][10:12]}-{IDS[4][12]},"
        "600102,x,เป้าหมาย,",  # dashed codes are fine
    ]
    result = thaiqm.import_thaiqm(csv_bytes(rows), "thaiqm.csv")
    assert result.households["house_code"].tolist() == ["60010000004"]
    assert result.households["citizen_id"].tolist() == [IDS[4]]
    errors = errors_by_row(result)
    assert errors.loc[2, "column"] == "tambon_code"
    assert errors.loc[2, "reason_en"].startswith("Unknown tambon code 609999 (not in DOPA codes")
    assert "ไม่พบรหัสตำบล 609999" in errors.loc[2, "reason_th"]
    assert errors.loc[3, "reason_en"] == "Tambon code must be 6 digits"
    assert errors.loc[4, "reason_en"] == "House code must be 11 digits"
    assert errors.loc[5, "reason_en"] == "A house code or a citizen ID is required (at least one)"
    assert errors.loc[6, "value"].startswith("9-xxxx")  # still masked
    assert IDS[3] not in result.errors.to_string()


def test_truncated_row_is_reported():
    result = thaiqm.import_thaiqm(csv_bytes(["60010000001,,600102"]), "thaiqm.csv")
    assert result.households.empty
    assert result.errors.loc[0, "reason_en"] == "Truncated row: 3 of 6 fields"


def test_duplicate_house_codes_keep_latest_update():
    rows = [
        f"60010000001,{IDS[0]},600102,x,เป้าหมาย,01/01/2569",  # row 2
        f"60010000001,{IDS[0]},600102,x,ช่วยเหลือแล้ว,25/11/2569",  # row 3: latest, kept
        f"60010000001,{IDS[0]},600102,x,อยู่ระหว่างดำเนินการ,",  # row 4: no date = oldest
        f"60010000002,{IDS[1]},600102,x,เป้าหมาย,",  # row 5
        f"60010000002,{IDS[1]},600102,x,ช่วยเหลือแล้ว,",  # row 6: tie, lower row kept
        f",{IDS[2]},600102,x,เป้าหมาย,2026-12-01",  # row 7: latest by ISO date, kept
        f",{IDS[2]},600102,x,ช่วยเหลือแล้ว,30/11/2569",  # row 8
    ]
    result = thaiqm.import_thaiqm(csv_bytes(rows), "thaiqm.csv")
    kept = result.households.set_index("row")
    assert kept.index.tolist() == [3, 6, 7]
    assert kept["status"].tolist() == ["assisted", "assisted", "target"]
    errors = errors_by_row(result)
    assert errors.index.tolist() == [2, 4, 5, 8]
    assert errors.loc[2, "reason_en"] == "Duplicate house code: row 3 (latest update) kept"
    assert errors.loc[4, "reason_en"] == "Duplicate house code: row 3 (latest update) kept"
    assert errors.loc[2, "reason_th"] == "รหัสบ้านซ้ำ ใช้แถว 3 ที่ปรับปรุงล่าสุดแทน"
    assert errors.loc[5, "reason_en"] == "Duplicate house code: row 6 (latest update) kept"
    assert errors.loc[8, "reason_en"] == "Duplicate citizen ID: row 7 (latest update) kept"
    assert errors.loc[8, "value"].startswith("9-xxxx")
    assert result.rows_duplicate == 4 and result.rows_rejected == 4


def test_header_only_file_gives_no_rows():
    result = thaiqm.import_thaiqm(csv_bytes([]), "thaiqm.csv")
    assert result.households.empty and result.errors.empty and result.rows_read == 0
    assert list(result.households.columns) == list(thaiqm.COLUMNS)


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (b"", "empty.csv", "The file is empty"),
        (b"\n \n", "blank.csv", "The file is empty"),
        (b"PK\x03\x04garbage-not-a-workbook", "broken.xlsx", "Cannot open the Excel file"),
        (b"status,tambon_code\ntarget,600102\n", "ids.csv", "missing: house_code / citizen_id"),
        (b"house_code,status\n60010000001,target\n", "t.csv", "missing: tambon_code"),
        (
            "house_code,รหัสบ้าน,tambon_code,status\n".encode(),
            "twice.csv",
            "Column(s) given twice (English and Thai header?): house_code",
        ),
    ],
)
def test_unreadable_files_give_one_clear_message(raw, name, message):
    with pytest.raises(importers.ImportFileError, match=re.escape(message)) as info:
        thaiqm.import_thaiqm(raw, name)
    assert info.value.message_th
    assert thaiqm.ImportFileError is importers.ImportFileError


def test_reads_a_path(tmp_path):
    path = tmp_path / "thaiqm.csv"
    path.write_bytes(csv_bytes(QM_ROWS, "cp874"))
    assert len(thaiqm.import_thaiqm(path).households) == 6


def test_reconcile_matches_by_house_code_then_citizen_id(imported):
    result = thaiqm.reconcile(TPMAP, imported.households)
    matched = result.matched
    assert matched.index.tolist() == [10, 11, 12, 13]  # TPMAP index kept
    assert matched["matched_by"].tolist() == ["house_code"] * 3 + ["citizen_id"]
    assert matched.loc[13, "thaiqm_house_code"] == "60019999999"  # re-coded house, same head
    assert matched["visit_status"].tolist() == [
        "assisted",
        "not_visited",
        "in_progress",
        "not_visited",
    ]
    assert matched["thaiqm_status"].tolist() == [
        "assisted",
        "in_progress",
        "self_resolved",
        "referred",
    ]
    assert result.tpmap_only.index.tolist() == [14, 15]
    assert result.thaiqm_only["row"].tolist() == [6, 8]


def test_reconcile_summary_counts(imported):
    summary = thaiqm.reconcile(TPMAP, imported.households).summary().set_index("tambon")
    assert summary.index.tolist() == ["600102", "600103", "600151", "total"]
    assert summary.columns.tolist() == [
        "matched",
        "tpmap_only",
        "thaiqm_only",
        "total",
        "matched_target",
        "tpmap_only_target",
    ]
    assert summary.loc["600102"].tolist() == [2, 1, 1, 4, 2, 0]
    assert summary.loc["600103"].tolist() == [2, 1, 0, 3, 1, 1]
    assert summary.loc["600151"].tolist() == [0, 0, 1, 1, 0, 0]
    assert summary.loc["total"].tolist() == [4, 2, 2, 8, 3, 1]


def test_status_crosstab_numbers(imported):
    table = thaiqm.reconcile(TPMAP, imported.households).status_crosstab()
    assert table.index.tolist() == ["not_visited", *thaiqm.STATUSES]
    assert table.columns.tolist() == list(thaiqm.STATUSES)
    assert table.loc["assisted", "assisted"] == 1
    assert table.loc["not_visited", "in_progress"] == 1
    assert table.loc["in_progress", "self_resolved"] == 1
    assert table.loc["not_visited", "referred"] == 1
    assert table.to_numpy().sum() == 4
    with_totals = thaiqm.reconcile(TPMAP, imported.households).status_crosstab(margins=True)
    assert with_totals.loc["not_visited", "total"] == 2
    assert with_totals.loc["total", "assisted"] == 1
    assert with_totals.loc["total", "total"] == 4


def test_citizen_id_pass_is_one_to_one_and_skips_matched_households():
    qm = pd.DataFrame(
        {
            "house_code": ["60010000001", None, None, None],
            "citizen_id": [IDS[0], IDS[0], IDS[1], IDS[1]],  # IDS[1] twice: ambiguous
            "tambon": ["600102"] * 4,
            "status": ["target"] * 4,
        }
    )
    result = thaiqm.reconcile(TPMAP, qm)
    assert result.matched["matched_by"].tolist() == ["house_code"]
    assert len(result.thaiqm_only) == 3 and 11 in result.tpmap_only.index


def test_reconcile_accepts_codes_read_as_numbers(imported):
    numeric = TPMAP.assign(house_code=TPMAP["house_code"].astype(float))
    numeric.loc[15, "house_code"] = None
    result = thaiqm.reconcile(numeric, imported.households)
    assert result.matched["matched_by"].tolist() == ["house_code"] * 3 + ["citizen_id"]


def test_reconcile_empty_and_bad_inputs(imported):
    empty = imported.households.iloc[0:0]
    result = thaiqm.reconcile(TPMAP, empty)
    assert result.matched.empty and len(result.tpmap_only) == 6
    assert result.summary().set_index("tambon").loc["total", "tpmap_only"] == 6
    assert result.status_crosstab().to_numpy().sum() == 0
    with pytest.raises(ValueError, match="repeated house code"):
        thaiqm.reconcile(pd.concat([TPMAP, TPMAP.iloc[:1]]), imported.households)
    with pytest.raises(ValueError, match="lacks column.*visit_status"):
        thaiqm.reconcile(TPMAP.drop(columns="visit_status"), imported.households)


def test_status_codes_match_the_visit_logbook():
    from analytics.domain import catalogue

    assert thaiqm.STATUSES == catalogue.case_status_codes()
    assert thaiqm.STATUS_LABELS == catalogue.case_status_labels()
    for code, (thai, _) in thaiqm.STATUS_LABELS.items():
        assert thaiqm.parse_status(thai) == code and thaiqm.parse_status(code) == code

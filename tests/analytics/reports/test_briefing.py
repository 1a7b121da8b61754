import re
import shutil
import subprocess
import zlib
from dataclasses import replace
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from analytics.io.pdf import ThaiFontNotFoundError
from analytics.reports import briefing
from analytics.reports.briefing import (
    BriefingData,
    briefing_pdf,
    direction,
    format_count,
    format_rate,
    narrative,
    visit_counts,
)
from analytics.text import labels

PRINTED = datetime(2025, 3, 5, 14, 30)
TOP_NAMES_TH = ["ในเมือง", "หนองบัว", "บ้านกล้วย", "โคกสูง", "ป่าไผ่"]
TOP_NAMES_EN = ["Nai Mueang", "Nong Bua", "Ban Kluai", "Khok Sung", "Pa Phai"]


def _data(**changes) -> BriefingData:
    """Nakhon Sawan 2562 headline numbers (TPMAP), made-up tambons, pilots and visits."""
    data = BriefingData(
        area_name_th="นครสวรรค์",
        area_name_en="Nakhon Sawan",
        year=2562,
        previous_year=2561,
        headline={
            "households": 252_074,
            "persons": 690_037,
            "mpi_poor": 82_987,
            "target_poor": 20_005,
            "rate": 2.899,
        },
        previous={
            "households": 250_000,
            "persons": 697_000,
            "mpi_poor": 87_136,
            "target_poor": 18_605,
            "rate": 2.75,
        },
        top_count=pd.DataFrame(
            {
                "name_th": TOP_NAMES_TH,
                "name_en": TOP_NAMES_EN,
                "target_poor": [2_159, 1_080, 765, 735, 594],
                "rate": [9.35, 4.10, 3.20, 5.01, 2.70],
            }
        ),
        top_rate=pd.DataFrame(
            {
                "name_th": ["มาบแก", "ในเมือง", "ป่าไผ่", "ดอนคา", "หนองบัว"],
                "name_en": ["Map Kae", "Nai Mueang", "Pa Phai", "Don Kha", "Nong Bua"],
                "target_poor": [223, 2_159, 594, 770, 1_080],
                "rate": [11.94, 9.35, 8.80, 7.00, 4.10],
            }
        ),
        pilot_ranking=pd.DataFrame(
            {
                "name": ["ไชยวาน (อุดรธานี)", "แม่วงก์ (นครสวรรค์)", "วังม่วง (สระบุรี)"],
                "rate": [6.72, 5.00, 2.63],
                "change": [0.15, -1.30, np.nan],
                "rank": [1, 2, 3],
            }
        ),
        visit_progress=pd.DataFrame(
            {
                "status_th": ["อยู่ระหว่างดำเนินการ", "ช่วยเหลือแล้ว", "แก้ไขได้ด้วยตนเอง", "ยังไม่ได้เยี่ยม"],
                "status_en": ["In progress", "Assisted", "Resolved on their own", "Not visited"],
                "households": [500, 1_250, 250, 8_000],
            }
        ),
        source_th="ข้อมูลจริง TPMAP 2561",
        source_en="Real TPMAP 2561 aggregates",
    )
    return replace(data, **changes)


def _with_previous(target_poor: float, rate: float) -> BriefingData:
    data = _data()
    return replace(data, previous={**data.previous, "target_poor": target_poor, "rate": rate})


# --- numbers and narrative -------------------------------------------------------------------


def test_numbers_are_formatted_with_thousands_separators():
    assert format_count(20005) == "20,005"
    assert format_count(690037.0) == "690,037"
    assert format_count(np.nan) == "-"
    assert format_rate(2.899) == "2.90"
    assert format_rate(1234.5, 1) == "1,234.5"


def test_direction_follows_the_printed_rounding():
    assert direction(18_605, 20_005) == 1
    assert direction(20_005, 18_605) == -1
    assert direction(20_005, 20_005.2) == 0
    assert direction(2.896, 2.904, digits=2) == 0  # both print as 2.90
    assert direction(2.75, 2.90, digits=2) == 1


def test_thai_narrative_has_the_formatted_numbers():
    paragraphs = narrative(_data())
    assert 4 <= len(paragraphs) <= 6
    headline = paragraphs[0]
    for text in ("2562", "นครสวรรค์", "690,037 คน", "252,074 ครัวเรือน", "82,987 คน"):
        assert text in headline
    assert "20,005 คน" in headline and "ร้อยละ 2.90" in headline


def test_english_narrative_has_the_formatted_numbers():
    paragraphs = narrative(_data(), lang="en")
    assert 4 <= len(paragraphs) <= 6
    headline = paragraphs[0]
    for text in ("2562", "Nakhon Sawan", "690,037 persons", "252,074 households", "82,987"):
        assert text in headline
    assert "20,005" in headline and "2.90%" in headline


def test_an_increase_is_said_with_the_amount_and_percentage_points():
    th = narrative(_data())[1]
    assert th.startswith("เมื่อเทียบกับปี 2561")
    assert "คนจนเป้าหมายเพิ่มขึ้น 1,400 คน (จาก 18,605 เป็น 20,005 คน)" in th
    assert "สัดส่วนคนจนเป้าหมายเพิ่มขึ้น 0.15 จุดร้อยละ (จากร้อยละ 2.75 เป็นร้อยละ 2.90)" in th
    assert "ลดลง" not in th and "เท่าเดิม" not in th
    en = narrative(_data(), lang="en")[1]
    assert "target poor increased by 1,400 (from 18,605 to 20,005)" in en
    assert "rate increased by 0.15 percentage points (from 2.75% to 2.90%)" in en
    assert "decreased" not in en and "unchanged" not in en


def test_a_decrease_is_said_as_such():
    data = _with_previous(target_poor=21_005, rate=3.10)
    th = narrative(data)[1]
    assert "คนจนเป้าหมายลดลง 1,000 คน (จาก 21,005 เป็น 20,005 คน)" in th
    assert "ลดลง 0.20 จุดร้อยละ" in th
    assert "เพิ่มขึ้น" not in th
    en = narrative(data, lang="en")[1]
    assert "decreased by 1,000" in en and "decreased by 0.20 percentage points" in en
    assert "increased" not in en


def test_no_change_is_said_as_unchanged():
    data = _with_previous(target_poor=20_005, rate=2.90)
    th = narrative(data)[1]
    assert "คนจนเป้าหมายเท่าเดิมที่ 20,005 คน" in th
    assert "สัดส่วนคนจนเป้าหมายเท่าเดิมที่ร้อยละ 2.90" in th
    assert "เพิ่มขึ้น" not in th and "ลดลง" not in th
    en = narrative(data, lang="en")[1]
    assert "unchanged at 20,005" in en and "unchanged at 2.90%" in en


def test_without_a_previous_survey_the_change_paragraph_says_so():
    data = _data(previous=None, previous_year=None)
    th = narrative(data)
    assert th[1] == labels.t("brief_no_previous", "th")
    assert "ไม่มีข้อมูลการสำรวจปีก่อนหน้า" in th[1]
    en = narrative(data, lang="en")
    assert en[1].startswith("There is no previous survey")
    assert not any(word in " ".join(th) for word in ("เพิ่มขึ้น", "เท่าเดิม"))


def test_concentration_names_the_top_tambons_by_count_and_by_rate():
    th = narrative(_data())[2]
    assert "ตำบลในเมือง มากที่สุด 2,159 คน (ร้อยละ 9.35)" in th
    assert "ตำบลมาบแก มีสัดส่วนคนจนเป้าหมายสูงที่สุด ร้อยละ 11.94 (223 คน)" in th
    assert "5,333 คน หรือร้อยละ 26.7" in th  # the five together, share of 20,005
    en = narrative(_data(), lang="en")[2]
    assert "most numerous in Nai Mueang: 2,159 persons" in en and "Map Kae: 11.94%" in en


def test_one_tambon_first_by_count_and_by_rate_is_named_once():
    data = _data()
    data = replace(data, top_rate=data.top_count.sort_values("rate", ascending=False))
    th = narrative(data)[2]
    assert "ยังมีสัดส่วนคนจนเป้าหมายสูงที่สุดด้วย" in th
    assert th.count("ในเมือง") == 2
    municipality = data.top_count.assign(name_th=["เทศบาล (เมืองนครสวรรค์ 51)", *TOP_NAMES_TH[1:]])
    assert "ตำบลเทศบาล" not in narrative(replace(data, top_count=municipality))[2]


def test_pilot_paragraph_names_highest_lowest_and_most_improved():
    th = narrative(_data())[3]
    assert "ในพื้นที่นำร่อง 3 แห่ง ไชยวาน (อุดรธานี) มีสัดส่วนคนจนเป้าหมายสูงที่สุด ร้อยละ 6.72" in th
    assert "วังม่วง (สระบุรี) ต่ำที่สุด ร้อยละ 2.63" in th
    assert "แม่วงก์ (นครสวรรค์) สัดส่วนลดลง 1.30 จุดร้อยละ" in th
    en = narrative(_data(), lang="en")[3]
    assert "Of the 3 pilot areas" in en and "improved most" in en and "1.30 percentage" in en
    no_change = _data().pilot_ranking.assign(change=np.nan)
    assert "improved" not in narrative(_data(pilot_ranking=no_change), lang="en")[3]
    all_up = _data().pilot_ranking.assign(change=[0.4, 0.1, 0.3])
    assert "rose least, by 0.10" in narrative(_data(pilot_ranking=all_up), lang="en")[3]


def test_visit_progress_counts_visited_and_assisted_or_resolved():
    assert visit_counts(_data().visit_progress) == {
        "total": 10_000,
        "visited": 2_000,
        "resolved": 1_500,
    }
    th = narrative(_data())[4]
    assert "เยี่ยมแล้ว 2,000 จาก 10,000 ครัวเรือน" in th and "(ร้อยละ 20.0)" in th
    assert "แก้ไขปัญหาได้แล้ว 1,500 ครัวเรือน (ร้อยละ 75.0" in th
    en = narrative(_data(), lang="en")[4]
    assert "2,000 of the 10,000 listed households" in en and "1,500 of them (75.0%" in en


def test_visit_statuses_by_code_and_when_there_are_no_visits():
    coded = _data().visit_progress.assign(
        status=["in_progress", "assisted", "self_resolved", "not_visited"],
        status_th="?",
        status_en="?",
    )
    assert visit_counts(coded) == {"total": 10_000, "visited": 2_000, "resolved": 1_500}
    empty = _data().visit_progress.iloc[0:0]
    assert narrative(_data(visit_progress=empty))[4] == "ยังไม่มีข้อมูลการลงเยี่ยมบ้าน"
    nobody = _data().visit_progress.assign(households=[0, 0, 0, 40])
    assert "ยังไม่ได้เยี่ยม 40 ครัวเรือน" in narrative(_data(visit_progress=nobody))[4]


def test_resolved_labels_match_the_visit_store():
    from analytics.domain import catalogue

    names = catalogue.case_status_labels()
    labels = {label for code in briefing.RESOLVED_STATUSES for label in names[code]}
    assert labels == set(briefing.RESOLVED_LABELS)
    assert set(briefing.RESOLVED_STATUSES) <= set(catalogue.case_status_codes())


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        narrative(_data(), lang="fr")


# --- PDF -------------------------------------------------------------------------------------

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


def _squash(text: str) -> str:
    """pdftotext puts spaces between shaped Thai glyphs; compare without any whitespace."""
    return re.sub(r"[\s\u200b]+", "", text)


def _pdf_pages(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "briefing.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return [_squash(page) for page in out.stdout.decode("utf-8").split("\f") if page.strip()]


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def test_pdf_is_a_one_page_a4_document_with_an_embedded_thai_font():
    data = briefing_pdf(_data(), printed_at=PRINTED)
    assert data.startswith(b"%PDF")
    assert _page_count(data) == 1
    assert b"/MediaBox [0 0 595.28 841.89]" in data
    assert b"/FontFile2" in data


@needs_pdftotext
def test_pdf_text_has_area_headline_numbers_names_and_footer(tmp_path):
    (page,) = _pdf_pages(briefing_pdf(_data(), printed_at=PRINTED), tmp_path)
    for text in (
        "สรุปสถานการณ์ความยากจน — นครสวรรค์, ปี TPMAP 2562 (จปฐ. 2561)",
        "ข้อมูลจริง TPMAP 2561",
        "5 มี.ค. 2568",
        "690,037",
        "82,987",
        "20,005",
        "2.90",
        "เพิ่มขึ้น 1,400",
        *TOP_NAMES_TH,
        "ไชยวาน (อุดรธานี)",
        "ความคืบหน้าการลงเยี่ยมบ้าน",
        "10,000",
        "สร้างจากข้อมูลโดยอัตโนมัติ / generated from the data",
        "หน้า 1/1",
    ):
        assert _squash(text) in page, text
    for paragraph in narrative(_data()):
        assert _squash(paragraph) in page


@needs_pdftotext
def test_english_pdf(tmp_path):
    data = briefing_pdf(_data(), lang="en", printed_at=PRINTED)
    (page,) = _pdf_pages(data, tmp_path)
    for text in ("Nakhon Sawan", "690,037", "20,005", *TOP_NAMES_EN, "Page 1/1", "2025-03-05"):
        assert _squash(text) in page, text


@needs_pdftotext
def test_pdf_without_previous_survey_or_visits_says_so(tmp_path):
    data = _data(previous=None, previous_year=None, visit_progress=_data().visit_progress[:0])
    (page,) = _pdf_pages(briefing_pdf(data, printed_at=PRINTED), tmp_path)
    assert "ไม่มีข้อมูลปีก่อน" in page
    assert "ความคืบหน้าการลงเยี่ยมบ้าน" not in page  # no table without rows
    assert "ยังไม่มีข้อมูลการลงเยี่ยมบ้าน" in page


def _bar_widths(data: bytes) -> list[float]:
    """Widths of the chart bars (filled rectangles of the bar height), in drawing order."""
    height = (briefing.BAR_HEIGHT_MM - 0.8) * 72 / 25.4
    widths = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(stream).decode("latin-1")
        except zlib.error:
            continue
        for w, h in re.findall(r"[\d.]+ [\d.]+ ([\d.]+) (-?[\d.]+) re f", content):
            if abs(abs(float(h)) - height) < 0.05:
                widths.append(float(w))
    return widths


def test_bars_are_proportional_to_the_values():
    data = _data()
    widths = _bar_widths(briefing_pdf(data, printed_at=PRINTED))
    counts = data.top_count["target_poor"].to_numpy(float)
    rates = data.pilot_ranking["rate"].to_numpy(float)
    assert len(widths) == len(counts) + len(rates)
    top, pilots = np.array(widths[:5]), np.array(widths[5:])
    np.testing.assert_allclose(top / top[0], counts / counts.max(), rtol=1e-3)
    np.testing.assert_allclose(pilots / pilots[0], rates / rates.max(), rtol=1e-3)


def test_long_names_and_country_numbers_stay_within_two_pages():
    data = _data(
        area_name_th="ทั้งประเทศ",
        headline={
            "households": 21_345_678,
            "persons": 36_456_789,
            "mpi_poor": 1_234_567,
            "target_poor": 1_032_987,
            "rate": 2.83,
        },
    )
    long_names = data.top_count.assign(name_th=lambda t: t["name_th"] + "ชื่อยาวมากเป็นพิเศษ" * 4)
    many_pilots = pd.DataFrame(
        {
            "name": [f"พื้นที่นำร่องที่ {i} (จังหวัดตัวอย่าง)" for i in range(1, 13)],
            "rate": np.linspace(9.0, 1.0, 12),
            "change": np.linspace(-1.0, 1.0, 12),
            "rank": range(1, 13),
        }
    )
    pdf = briefing_pdf(
        replace(data, top_count=long_names, pilot_ranking=many_pilots), printed_at=PRINTED
    )
    assert 1 <= _page_count(pdf) <= 2


def test_missing_thai_font_raises(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIPAO_FONT_DIR", str(tmp_path))
    with pytest.raises(ThaiFontNotFoundError):
        briefing_pdf(_data(), printed_at=PRINTED)

"""The briefing PDF's data-completeness and plan-against-result sections say what the page says:
the same paragraphs from the same numbers, Thai and English, one line when there is nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pandas as pd
import pytest

from analytics.reports.briefing import briefing_pdf
from analytics.reports.briefing.sections import (
    Absent,
    CompletenessFacts,
    PlanFacts,
    completeness_paragraph,
    plan_paragraph,
    section_text,
)
from analytics.text import labels
from tests.analytics.reports.test_briefing import PRINTED, _data, _page_count, _pdf_pages, _squash

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")

COMPLETENESS = CompletenessFacts(
    year=2562,
    households=12_345,
    base_households=15_000,
    villages_missing=7,
    answered=180_000,
    applies=200_000,
    invalid_ids=321,
    welfare_unknown=None,  # the file did not record it
    no_position=45,
)
CHART = pd.DataFrame(
    {
        "programme_id": ["old_age_70", "disability", "job_training"],
        "name_th": ["เบี้ยยังชีพผู้สูงอายุ", "เบี้ยความพิการ", "ฝึกอาชีพ"],
        "name_en": ["Old-age allowance", "Disability allowance", "Job training"],
        "planned": [40, 25, 12],
        "referred": [31, 20, 0],
        "received": [17, 11, 0],
    }
)
PLAN = PlanFacts("นครสวรรค์", "Nakhon Sawan", 2571, 77, 51, 28, 12, 9, 2563, CHART)
NO_PLAN = PlanFacts("นครสวรรค์", "Nakhon Sawan", None, 0, 0, 0, None, None, None)
NUMBERS = ("12,345", "82.3%", "15,000", "90.0%", "321", "45", "2571", "77", "51", "28", "12")


def _pdf_text(tmp_path, lang: str, **sections) -> str:
    pdf = briefing_pdf(replace(_data(), **sections), lang, PRINTED)
    assert 1 <= _page_count(pdf) <= 2
    return "".join(_pdf_pages(pdf, tmp_path))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_pdf_has_the_completeness_and_plan_paragraphs_with_their_numbers(tmp_path, lang):
    text = _pdf_text(tmp_path, lang, completeness=COMPLETENESS, plan=PLAN)
    for number in NUMBERS:
        assert number in text, number
    for key in ("cp_briefing_title", "monitoring_plan_title", "plan_result_chart"):
        assert _squash(labels.t(key, lang)) in text
    assert _squash(completeness_paragraph(COMPLETENESS, lang)) in text
    assert _squash(plan_paragraph(PLAN, lang)) in text
    for name in CHART[f"name_{lang}"]:
        assert _squash(name) in text
    assert _squash(labels.t("cp_not_recorded", lang)) in text  # not "0 persons"


def test_completeness_paragraph_names_tpmap_once():
    """The base part printed "TPMAP TPMAP 2562 (BMN 2561)": the year label already says it."""
    for lang in ("th", "en"):
        assert "TPMAP TPMAP" not in completeness_paragraph(COMPLETENESS, lang)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_no_household_dataset_and_no_plan_are_one_line_each_not_zeros(tmp_path, lang):
    absent = Absent("bpdf_cp_no_households", "นครสวรรค์", "Nakhon Sawan")
    text = _pdf_text(tmp_path, lang, completeness=absent, plan=NO_PLAN)
    assert _squash(absent.line(lang)) in text
    assert _squash(labels.t("plan_result_none", lang, area=PLAN.area(lang))) in text
    assert _squash(labels.t("plan_result_chart", lang)) not in text  # no empty chart
    assert _squash(labels.t("result_col_planned", lang)) not in text
    cp_title = _squash(labels.t("cp_briefing_title", lang))
    plan_title = _squash(labels.t("monitoring_plan_title", lang))
    between = text.split(cp_title, 1)[1].split(plan_title, 1)[0]
    footer = re.escape(_squash(labels.t("brief_pdf_footer", lang)))
    between = re.sub(footer + r"(Page|หน้า)\d/\d", "", between)  # a page break
    assert between == _squash(absent.line(lang))  # one line, no zero counts


@pytest.mark.parametrize(
    "key", ["bpdf_cp_aggregates", "bpdf_plan_country", "bpdf_plan_unavailable"]
)
def test_every_absent_line_reads_in_both_languages(key):
    for lang in ("th", "en"):
        line = Absent(key, "นครสวรรค์", "Nakhon Sawan").line(lang)
        assert line and "{" not in line


def test_sections_left_out_when_the_briefing_does_not_carry_them(tmp_path):
    text = _pdf_text(tmp_path, "en")
    assert _squash(labels.t("cp_briefing_title", "en")) not in text
    assert _squash(labels.t("monitoring_plan_title", "en")) not in text


def test_section_text_is_the_paragraph_or_the_line():
    assert section_text(PLAN, "en") == plan_paragraph(PLAN, "en")
    assert section_text(COMPLETENESS, "th") == completeness_paragraph(COMPLETENESS, "th")
    assert section_text(Absent("bpdf_plan_country"), "en") == labels.t("bpdf_plan_country", "en")


def _words_outside_the_page(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "bbox.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    right, bottom = 595.28 - 15 * 72 / 25.4 + 1, 841.89 - 5 * 72 / 25.4
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html
    )
    return [
        w for x0, _, x1, y1, w in words if float(x0) < 40 or float(x1) > right or float(y1) > bottom
    ]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_long_programme_names_and_many_programmes_stay_on_the_a4_page(tmp_path, lang):
    many = pd.DataFrame(
        {
            "programme_id": [f"p{i}" for i in range(14)],
            "name_th": ["เบี้ยยังชีพผู้สูงอายุเจ็ดสิบปีขึ้นไปชื่อยาวมากเป็นพิเศษ" * 2]
            + [f"มาตรการที่ {i}" for i in range(1, 14)],
            "name_en": ["Old-age allowance for those seventy and over, a very long name" * 2]
            + [f"Programme {i}" for i in range(1, 14)],
            "planned": [12_345_678, *range(13, 0, -1)],
            "referred": [9_876_543, *range(13, 0, -1)],
            "received": [1_234_567, *range(13, 0, -1)],
        }
    )
    plan = replace(PLAN, chart=many, planned=12_345_769, referred=9_876_634, received=1_234_658)
    pdf = briefing_pdf(replace(_data(), completeness=COMPLETENESS, plan=plan), lang, PRINTED)
    assert 1 <= _page_count(pdf) <= 2
    assert _words_outside_the_page(pdf, tmp_path) == []
    text = "".join(_pdf_pages(pdf, tmp_path))
    assert _squash(labels.t("bpdf_plan_more", lang, n="6")) in text  # 8 drawn of 14
    assert "12,345,678" in text


@pytest.mark.parametrize("lang", ["th", "en"])
def test_referrals_before_any_saved_plan_are_said_without_a_budget_year_dash(lang):
    facts = PlanFacts("นครสวรรค์", "Nakhon Sawan", None, 0, 3, 1, None, None, None)
    text = plan_paragraph(facts, lang)
    assert "–" not in text
    assert re.search(r"\b3\b", text) and re.search(r"\b1\b", text)
    assert text.startswith(facts.area(lang))

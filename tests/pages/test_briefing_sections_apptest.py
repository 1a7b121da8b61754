"""The briefing page and its PDF say the same data-completeness and plan-against-result
paragraphs; plan against result is cached until a step is recorded (monitoring page)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from analytics.domain import areas
from analytics.reports.briefing import briefing_pdf
from analytics.reports.briefing.sections import Absent, CompletenessFacts, PlanFacts, section_text
from analytics.services import plan_result as plan_result_service
from analytics.text import labels
from store import get_engine, migrate, plans
from tests.pages.test_issue8_pages import run_page
from tests.pages.test_visit_progress_apptest import (
    EXECUTIVE,
    TAMBON_OF,
    page,
    target_households,
)
from tests.pages.test_visits_apptest import database  # noqa: F401  (fixture)
from ui import briefing_views

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


def _step(engine, house: str, step: str) -> None:
    found = plans.StepInput(house, TAMBON_OF[house], "old_age_70", step, date(2026, 11, 2))
    plans.record_step(engine, found, "field", date(2026, 11, 30))


def _engine(database):  # noqa: F811
    engine = get_engine(f"sqlite:///{database}")
    migrate(engine)
    return engine


def _squashed_pdf_text(data, lang: str, tmp_path) -> str:
    path = tmp_path / f"briefing_{lang}.pdf"
    path.write_bytes(briefing_pdf(data, lang))
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split()).replace("\u200b", "")


def _plan_paragraph(app, lang: str) -> str:
    name = areas.area_name("19", lang)
    return next(m.value for m in app.markdown if m.value.startswith(f"{name}:"))


@needs_pdftotext
@pytest.mark.parametrize("lang", ["en", "th"])
def test_briefing_pdf_says_the_pages_completeness_and_plan_paragraphs(
    database,  # noqa: F811
    monkeypatch,
    tmp_path,
    lang,
):
    engine = _engine(database)
    houses = target_households("19")[:3]
    for house in houses:
        _step(engine, house, "referred")
    _step(engine, houses[0], "received")
    passed = []
    monkeypatch.setattr(briefing_views, "pdf_button", lambda data, *_: passed.append(data))
    app = page("pages/briefing.py", EXECUTIVE, lang=lang, province_households="19")
    assert not app.error, [e.value for e in app.error]
    (data,) = passed
    assert isinstance(data.completeness, CompletenessFacts) and data.completeness.households > 0
    assert isinstance(data.plan, PlanFacts)
    assert (data.plan.referred, data.plan.received) == (3, 1)
    on_screen = [m.value for m in app.markdown]
    text = _squashed_pdf_text(data, lang, tmp_path)
    for section in (data.completeness, data.plan):
        paragraph = section_text(section, lang)
        assert paragraph in on_screen  # the page's words ...
        assert "".join(paragraph.split()) in text  # ... are the PDF's
    assert "3" in _plan_paragraph(app, lang)


@needs_pdftotext
def test_briefing_without_household_data_says_so_in_one_line_on_page_and_pdf(
    database,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    passed = []
    monkeypatch.setattr(briefing_views, "pdf_button", lambda data, *_: passed.append(data))
    area = {"province_{s}": "40"}  # Khon Kaen: TPMAP tables, no household dataset
    app = run_page("pages/briefing.py", EXECUTIVE, source="real", area=area, lang="en")
    (data,) = passed
    assert data.area_name_en == "Khon Kaen", data.area_name_en
    assert data.completeness == Absent(
        "bpdf_cp_no_households", areas.area_name("40", "th"), areas.area_name("40", "en")
    )
    line = data.completeness.line("en")
    assert line in [m.value for m in app.markdown]
    assert "".join(line.split()) in _squashed_pdf_text(data, "en", tmp_path)


def test_monitoring_plan_result_is_cached_until_a_step_is_recorded(
    database,  # noqa: F811
    monkeypatch,
):
    engine = _engine(database)
    calls = []
    counted = plan_result_service.plan_facts

    def counting(*args, **kwargs):
        calls.append(args[2:])
        return counted(*args, **kwargs)

    monkeypatch.setattr(plan_result_service, "plan_facts", counting)
    app = page("pages/monitoring.py", EXECUTIVE, province_households="19")
    none = labels.t("plan_result_none", "en", area="Saraburi")
    assert none in [m.value for m in app.markdown]
    app.run()  # a rerun with nothing new: read from the cache
    assert len(calls) == 1
    house = target_households("19")[0]
    _step(engine, house, "referred")
    app.run()  # the next run shows the step at once
    assert len(calls) == 2
    assert "referred from visits 1, received 0" in _plan_paragraph(app, "en")
    _step(engine, house, "received")
    app.run()
    assert "referred from visits 1, received 1" in _plan_paragraph(app, "en")
    assert len(calls) == 3


def test_briefing_on_tpmap_tables_of_a_province_with_household_data_says_which_source_to_choose(
    database,  # noqa: F811
    monkeypatch,
):
    passed = []
    monkeypatch.setattr(briefing_views, "pdf_button", lambda data, *_: passed.append(data))
    app = run_page("pages/briefing.py", EXECUTIVE, source="real", area={"province_{s}": "19"})
    (data,) = passed
    assert data.completeness == Absent("bpdf_cp_aggregates")
    assert data.completeness.line("th") in [m.value for m in app.markdown]


def test_store_down_shows_its_error_on_the_page_and_one_line_in_the_pdf(
    database,  # noqa: F811
    monkeypatch,
):
    from store import plan_versions
    from store.db import StoreError

    def down(*_):
        raise StoreError("unavailable")

    monkeypatch.setattr(plan_versions, "plan_version", down)
    passed = []
    monkeypatch.setattr(briefing_views, "pdf_button", lambda data, *_: passed.append(data))
    app = page("pages/briefing.py", EXECUTIVE, lang="en", province_households="19")
    (data,) = passed
    assert data.plan == Absent("bpdf_plan_unavailable")
    assert len(app.error) == 1 and not app.exception
    assert isinstance(data.completeness, CompletenessFacts)  # the rest of the briefing stands

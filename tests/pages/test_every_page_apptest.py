"""Every page, started from the entrypoint as a person reaches it (``dashboard.py``, then the
page's link), in Thai and in English: its title, no exception, no error element. Plus the page
services with a fake context: they compute without Streamlit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.data import sources
from analytics.domain import access, catalogue
from analytics.services import overview
from analytics.services.context import Context
from analytics.services.filters import Filters
from analytics.text import labels
from store.db import dispose_engines
from ui import cache, frame

REPO = Path(__file__).resolve().parents[2]
PLANNER = access.Viewer("planner", "planner", ("19",))
ADMIN = access.Viewer("admin", "admin")
TITLES = {  # page -> the label its title starts with
    "dashboard.py": "app_title",
    "pages/briefing.py": "briefing_page",
    "pages/map.py": "map_page",
    "pages/targets.py": "targets_page",
    "pages/visits.py": "visits_page",
    "pages/pilots.py": "pilots_page",
    "pages/monitoring.py": "monitoring_page",
    "pages/completeness.py": "completeness_page",
    "pages/plans.py": "plans_page",
    "pages/menu.py": "menu_page",
    "pages/import_data.py": "import_page",
    "pages/audit.py": "audit_title",
}
TAMBON_STATE = {  # Saraburi › Mueang › Pak Khao San, household data
    "source": "households",
    "province_households": "19",
    "amphoe_households_19": "1901",
    "tambon_households_1901": "190110",
}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """One throwaway database and data home for the module, the small synthetic set."""
    folder = tmp_path_factory.mktemp("every-page")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHIPAO_SYNTHETIC_SCALE", "0.05")
        patch.setenv("CHIPAO_DATABASE_URL", f"sqlite:///{folder / 'chipao.db'}")
        patch.setenv("CHIPAO_DATA_HOME", str(folder / "data"))
        cache.clear_data()
        yield
        cache.clear_data()
        dispose_engines()


def test_every_page_has_a_title_and_a_test():
    """The navigation and this test name the same pages: a new page gets its AppTest here."""
    assert {path for path, _, _ in frame.PAGES} == set(TITLES)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("page", list(TITLES))
def test_every_page_opens_from_the_entrypoint(database, page, lang):
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=240)
    app.session_state["viewer"] = ADMIN if page == "pages/audit.py" else PLANNER
    app.session_state["lang"] = lang
    for key, value in TAMBON_STATE.items():
        app.session_state[key] = value
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    if page != "dashboard.py":
        app.switch_page(page)
        app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert app.title, f"{page}: no title"
    assert app.title[0].value.startswith(labels.t(TITLES[page], lang)), app.title[0].value


class FakeContext(Context):
    """A service context from one hand-made area table (no Streamlit, no database): every read
    it does not override must not happen (the base class derives them from ``source``)."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.table = table
        self.asked: list[tuple] = []

    def source(self, kind: str) -> sources.AreaSource:
        return sources.TpmapAggregates()

    def area_table(self, kind, level, province, parent, year, dims) -> pd.DataFrame:
        self.asked.append((kind, level, province, parent, year, dims))
        return self.table[self.table["level"] == level]

    def resolved_dims(self, kind, province, level, dims):
        return dims

    def area_households(self, area_code, year):
        raise AssertionError("the overview never reads households")

    def layer(self, level, provinces, amphoe):
        raise AssertionError("no map here")


def test_overview_service_reads_the_country_row_without_a_parent():
    """ "The country has no parent": the one spelling (Filters.parent) the services share."""
    real = sources.TpmapAggregates()
    dims = tuple(catalogue.dimension_codes())
    table = pd.concat(
        [
            real.area_table("country", None, None, 2561, dims).assign(level="country"),
            real.area_table("province", None, None, 2561, dims).assign(level="province"),
        ]
    )
    ctx = FakeContext(table)
    filters = Filters("en", "real", 2561, None, None, None, dims)
    view = overview.overview(ctx, filters)
    assert ctx.asked[0][3] is None  # the country's own row: no parent
    assert dict(view.funnel)["persons"] == "36,647,817"
    assert view.child_level == "province" and view.children is not None
    assert len(view.children) == 76
    assert len(view.indicator_series) == 2 and len(view.radar_values) == 5


def test_overview_service_says_why_an_area_without_people_is_empty():
    table = pd.DataFrame({"code": ["19"], "level": ["province"], "persons": [0]})
    filters = Filters("en", "real", 2561, "19", None, None, ("health",))
    view = overview.overview(FakeContext(table), filters)
    assert view.row is None and "Saraburi" in view.empty_note


@pytest.mark.parametrize("page", ["pages/targets.py", "pages/pilots.py", "pages/visits.py"])
def test_pages_without_boundary_files_say_so_instead_of_crashing(database, page, tmp_path):
    """Without the boundary layers (CHIPAO_GEODATA_DIR empty) the target list and the pilot
    page stopped with "an unexpected error"; the map page already said what was missing."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHIPAO_GEODATA_DIR", str(tmp_path))
        cache.layer.clear()
        cache.layer_json.clear()
        cache.household_points.clear()
        app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=240)
        app.session_state["viewer"] = PLANNER
        app.session_state["lang"] = "en"
        for key, value in TAMBON_STATE.items():
            app.session_state[key] = value
        app.run()
        app.switch_page(page)
        app.run()
        cache.layer.clear()
        cache.household_points.clear()
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    if page == "pages/targets.py":
        assert {m.label: m.value for m in app.metric}["Households listed"] != "0"

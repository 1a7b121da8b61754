"""The defects of issue 8 on the pages themselves, each named after what broke on main."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import access
from analytics.text import labels

REPO = Path(__file__).resolve().parents[2]
EXECUTIVE = access.Viewer("exec", "executive")
ADMIN = access.Viewer("admin", "admin")
UDON_LETTERS = {"province_{s}": "41", "amphoe_{s}_41": "4101", "tambon_{s}_4101": "410151"}


def run_page(page: str, viewer=EXECUTIVE, source="real", area=None, **state) -> AppTest:
    app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=180)
    app.run()
    app.session_state["viewer"] = viewer
    app.session_state["source"] = source
    for key, value in {**(area or {}), **state}.items():
        app.session_state[key.format(s=source)] = value
    if page != "dashboard.py":
        app.switch_page(page)
    return app.run()


def clean(app: AppTest) -> None:
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


@pytest.mark.parametrize("page", ["dashboard.py", "pages/map.py"])
def test_udon_thani_letter_village_codes_do_not_crash_overview_and_map(page):
    app = run_page(page, area=UDON_LETTERS, lang="en")
    clean(app)
    villages = app.dataframe[-1].value
    assert "Village A9 Municipality (Mueang Udon Thani 51)" in set(villages["name"])


@pytest.mark.parametrize("page", ["pages/targets.py", "pages/visits.py"])
def test_udon_thani_target_list_and_home_visits_do_not_crash(page):
    app = run_page(page, viewer=ADMIN, source="households", area=UDON_LETTERS, lang="en")
    clean(app)


def test_overview_at_country_level_with_a_dimension_subset_does_not_crash():
    app = run_page("dashboard.py", lang="en", dims=["health"])
    clean(app)
    assert any("some figures on this page count all 5" in i.value for i in app.info)
    assert len(app.dataframe[0].value) == 76


@pytest.mark.parametrize("province", [None, "40"])
def test_briefing_at_country_or_non_pilot_province_with_a_subset_does_not_crash(province):
    area = {"province_{s}": province} if province else {}
    app = run_page("pages/briefing.py", area=area, lang="en", dims=["health", "income"])
    clean(app)
    assert metrics(app)


@pytest.mark.parametrize("page", ["dashboard.py", "pages/map.py"])
def test_tambon_of_a_non_pilot_province_says_villages_are_for_pilots_only(page):
    area = {"province_{s}": "40", "amphoe_{s}_40": "4001", "tambon_{s}_4001": "400102"}
    app = run_page(page, area=area, lang="en")
    clean(app)
    assert any("village tables for the 3 pilot provinces only" in i.value for i in app.info)


def test_khon_kaen_tambon_map_lists_its_municipalities_and_totals_match():
    app = run_page("pages/map.py", area={"province_{s}": "40"}, lang="en", map_level_2="tambon")
    clean(app)
    assert "Map total (municipalities included): 25,637 · Table total: 25,637" in [
        c.value for c in app.caption
    ]
    municipal = app.dataframe[0].value
    assert {"400165", "400190", "400199"} <= set(municipal["code"])
    assert "Municipality (Mueang Khon Kaen 65)" in set(municipal["name"])


def test_khon_kaen_municipality_400165_has_a_name_on_the_overview():
    area = {"province_{s}": "40", "amphoe_{s}_40": "4001", "tambon_{s}_4001": "400165"}
    app = run_page("dashboard.py", area=area, lang="th")
    clean(app)
    assert app.subheader[0].value.startswith("เทศบาล (เมืองขอนแก่น 65)")


def test_missing_tpmap_tables_show_a_message_not_a_traceback(monkeypatch, tmp_path):
    monkeypatch.setenv("CHIPAO_TPMAP_DIR", str(tmp_path / "nowhere"))
    app = run_page("dashboard.py", lang="en")
    clean(app)
    [warning] = [w for w in app.warning if w.value != labels.t("demo_banner", "en")]
    assert "CHIPAO_DATA_DIR" in warning.value and str(tmp_path) not in warning.value


def test_year_is_named_tpmap_with_the_survey_behind_it():
    app = run_page("dashboard.py", area={"province_{s}": "60"}, lang="th")
    clean(app)
    assert app.subheader[0].value.endswith("TPMAP 2561 (จปฐ. 2560)")
    assert "ปีสำรวจ 2561" not in app.subheader[0].value
    assert app.selectbox(key="year_real").value == 2561
    assert app.selectbox(key="year_real").format_func(2561) == "TPMAP 2561 (จปฐ. 2560)"


@pytest.mark.parametrize("page", ["dashboard.py", "pages/briefing.py"])
def test_rate_tile_rounds_half_up_like_the_table(page):
    # tambon 160506: 3.125 % exactly; main's tile said 3.12 while its row in the table said 3.13
    area = {"province_{s}": "16", "amphoe_{s}_16": "1605", "tambon_{s}_1605": "160506"}
    app = run_page(page, area=area, lang="en")
    clean(app)
    assert metrics(app)["Target-poor rate (%)"] == "3.13"
    if page != "dashboard.py":
        return
    parent = run_page("dashboard.py", area={**area, "tambon_{s}_1605": ""}, lang="en")
    rows = parent.dataframe[0].value.set_index("code")
    assert f"{rows.loc['160506', 'rate']:.2f}" == "3.13"


HOUSEHOLD_PAGES = ("pages/targets.py", "pages/visits.py")


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize(
    "page",
    [
        "dashboard.py",
        "pages/briefing.py",
        "pages/map.py",
        "pages/targets.py",
        "pages/visits.py",
        "pages/pilots.py",
        "pages/monitoring.py",
        "pages/import_data.py",
    ],
)
def test_every_page_renders_in_thai_and_english(page, lang):
    source = "households" if page in HOUSEHOLD_PAGES else "real"
    app = run_page(page, viewer=ADMIN, source=source, area={"province_{s}": "19"}, lang=lang)
    clean(app)
    assert app.title, "the page drew nothing"

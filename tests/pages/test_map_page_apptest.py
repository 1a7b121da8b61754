"""The map page (issue 11): a legend that explains, the base map only when configured."""

from __future__ import annotations

from analytics.domain import access
from analytics.text import labels
from tests.pages.test_issue8_pages import clean, run_page

PLANNER = access.Viewer("planner", "planner", ("19",))


def test_m0_on_real_aggregates_says_why_the_map_is_grey():
    """On main the M0 map of the real data was all grey with a legend of "No data" only."""
    app = run_page("pages/map.py", area={"province_{s}": "19"}, lang="en", map_measure="af_m0")
    clean(app)
    assert labels.t("map_no_scores_aggregates", "en") in [i.value for i in app.info]


def test_count_map_keeps_its_legend_and_names_the_label_rule():
    app = run_page("pages/map.py", area={"province_{s}": "19"}, lang="th")
    clean(app)
    assert labels.t("map_no_scores_aggregates", "th") not in [i.value for i in app.info]
    hint = labels.t("map_labels_shown", "th", limit=40)
    assert any(hint in c.value for c in app.caption)  # Saraburi's 100-odd tambons: no names


def test_tambon_map_with_households_renders_for_a_planner():
    app = run_page(
        "pages/map.py",
        viewer=PLANNER,
        source="households",
        area={"province_{s}": "19", "amphoe_{s}_19": "1901", "tambon_{s}_1901": "190110"},
        lang="en",
    )
    clean(app)
    assert not any(labels.t("map_labels_shown", "en", limit=40) in c.value for c in app.caption)


def drawn_map_html(monkeypatch, tiles: str | None) -> str:
    """The HTML of the map the page hands to streamlit-folium."""
    import streamlit_folium

    if tiles is None:
        monkeypatch.delenv("CHIPAO_BASEMAP", raising=False)
    else:
        monkeypatch.setenv("CHIPAO_BASEMAP", tiles)
    drawn: list = []
    monkeypatch.setattr(streamlit_folium, "st_folium", lambda fig, **kw: drawn.append(fig))
    clean(run_page("pages/map.py", area={"province_{s}": "19"}, lang="en"))
    assert drawn
    return drawn[-1].get_root().render()


def test_map_page_fetches_no_tiles_by_default(monkeypatch):
    html = drawn_map_html(monkeypatch, None)
    assert "tile.openstreetmap.org" not in html and "{z}/{x}/{y}" not in html


def test_map_page_draws_openstreetmap_when_configured(monkeypatch):
    html = drawn_map_html(monkeypatch, "openstreetmap")
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert "OpenStreetMap contributors" in html

"""The choropleth as drawn (issue 11): base map on request only, names, the whole area in view."""

from __future__ import annotations

import json
import re

import pytest

from geodata import basemap
from geodata.assets import local_assets, remote_links
from geodata.choropleth import ChoroplethSpec, build_map
from tests.geodata.test_assets import SQUARES, decoded_assets

CODES = ("190101", "190105")


def spec(**kwargs) -> ChoroplethSpec:
    return ChoroplethSpec(
        geojson=json.dumps(SQUARES),
        code_property="tambon_code",
        colours={c: "#FEC44F" for c in CODES},
        tooltips={c: c for c in CODES},
        bounds=(100.8, 14.5, 101.0, 14.6),
        no_data_colour="#D9D9D9",
        selected="190105",
        **kwargs,
    )


def rendered(base: basemap.Basemap | None = None, **kwargs) -> str:
    return build_map(spec(**kwargs), base).get_root().render()


def test_with_the_base_map_off_the_map_holds_no_tile_url(monkeypatch):
    monkeypatch.delenv("CHIPAO_BASEMAP", raising=False)
    html = rendered()  # build_map reads basemap.configured() when given nothing
    assert "tileLayer" not in html and "{z}" not in html
    assert not re.search(r"https?://[^\"' ]*tile", html)
    assert remote_links(html) == []


def test_openstreetmap_base_map_holds_the_tile_template_and_its_attribution(monkeypatch):
    monkeypatch.setenv("CHIPAO_BASEMAP", "openstreetmap")
    html = rendered()
    assert basemap.OSM_URL in html
    assert '"attribution": "\\u00a9 OpenStreetMap contributors"' in html
    assert "Royal Thai Survey Department" in html  # the boundaries keep their credit
    assert remote_links(html) == []  # tiles are images, never scripts


def test_a_province_tile_server_is_used_as_given():
    base = basemap.Basemap("https://tiles.example.go.th/{z}/{x}/{y}.png", "Saraburi GIS", 17)
    html = rendered(base)
    assert "https://tiles.example.go.th/{z}/{x}/{y}.png" in html
    assert "Saraburi GIS" in html and '"maxZoom": 17' in html


def test_area_names_are_drawn_on_the_map_and_let_clicks_through():
    names = [
        {"lon": 100.85, "lat": 14.55, "text": "ปากเพรียว", "kind": "area"},
        {"lon": 100.95, "lat": 14.55, "text": "หมู่ 1 ดาวเรือง", "kind": "village"},
    ]
    html = rendered(basemap.Basemap(None, "", 19), labels=names)
    assert "ปากเพรียว" in html and "หมู่ 1 ดาวเรือง" in html
    assert "interactive: false" in html  # a label never swallows the click meant for its area
    assert "pointer-events:none" in html


def test_the_map_fits_the_area_it_must_show_once_it_has_a_size():
    html = rendered(basemap.Basemap(None, "", 19), fit=(100.9, 14.5, 101.0, 14.6))
    assert "var bounds = [[14.5, 100.9], [14.6, 101.0]];" in html
    assert "map.fitBounds(bounds" in html
    assert 'map.on("resize", fit)' in html


def test_leaflet_focuses_the_map_without_scrolling_the_page():
    """The first click on a map below the fold was lost: Leaflet's focus() scrolled the page."""
    assert "focus({preventScroll: true})" in decoded_assets(
        f'<script src="{local_assets()["leaflet"]}"></script>'
    )


@pytest.mark.parametrize("selected", ["190105", None])
def test_the_selected_outline_is_drawn_over_its_neighbours(selected):
    html = (
        build_map(
            ChoroplethSpec(**{**spec().__dict__, "selected": selected}),
            basemap.Basemap(None, "", 19),
        )
        .get_root()
        .render()
    )
    assert "bringToFront" in html

"""Offline folium maps: no script or stylesheet from the network."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import folium
import pytest
from branca.colormap import LinearColormap
from branca.element import Element
from folium.plugins import FastMarkerCluster, Fullscreen, MarkerCluster

from geodata.assets import (
    OfflineAssetError,
    OfflineMap,
    offline_html,
    offline_map,
    remote_links,
)
from geodata.boundaries import ATTRIBUTION

CDN = re.compile(r"cdn\.jsdelivr|cdnjs|code\.jquery|bootstrapcdn", re.IGNORECASE)
SQUARES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"tambon_code": code, "tambon_th": name},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[x, 14.5], [x + 0.1, 14.5], [x + 0.1, 14.6], [x, 14.6], [x, 14.5]]
                ],
            },
        }
        for code, name, x in (("190101", "ปากเพรียว", 100.8), ("190105", "ดาวเรือง", 100.9))
    ],
}


def dashboard_like_map(**kwargs: object) -> OfflineMap:
    """What the map page draws: polygons with tooltips, markers with popups, clusters."""
    m = offline_map(location=(14.55, 100.9), zoom_start=10, attribution=ATTRIBUTION, **kwargs)
    folium.GeoJson(SQUARES, tooltip=folium.GeoJsonTooltip(["tambon_code", "tambon_th"])).add_to(m)
    folium.Marker((14.52, 100.85), popup="เทศบาล <b>600151</b>", tooltip="municipal").add_to(m)
    cluster = MarkerCluster(name="households").add_to(m)
    for i in range(30):
        folium.Marker((14.55 + i * 1e-4, 100.95)).add_to(cluster)
    FastMarkerCluster([(14.58, 100.82), (14.581, 100.821), (14.582, 100.822)]).add_to(m)
    return m


def decoded_assets(html: str) -> str:
    payloads = re.findall(r'(?:src|href)="data:text/(?:javascript|css);base64,([^"]+)"', html)
    return "\n".join(base64.b64decode(p).decode("utf-8") for p in payloads)


def test_rendered_map_loads_nothing_from_the_network() -> None:
    html = dashboard_like_map().get_root().render()
    assert remote_links(html) == []
    assert not CDN.search(html)
    assert not re.search(r"<(script|link)\b[^>]*(src|href)=\"https?:", html)
    tags = re.findall(r"<script\b[^>]*\bsrc=\"(data:[^;]+)", html)
    assert tags == ["data:text/javascript", "data:text/javascript"]  # leaflet, markercluster
    assets = decoded_assets(html)
    assert 'version="1.9.3"' in assets  # Leaflet from xstatic-leaflet
    assert "MarkerClusterGroup" in assets
    assert ".leaflet-container" in assets and ".marker-cluster-small" in assets
    assert "url(images/" not in assets  # marker/layer images are data URIs
    assert 'iconUrl: "data:image/png;base64,' in assets
    assert "jQuery" not in assets and "bootstrap" not in assets.lower()
    assert "Royal Thai Survey Department" in html
    assert '"maxZoom": 18' in html  # MarkerCluster needs it without a tile layer


def test_folium_defaults_are_not_mutated() -> None:
    dashboard_like_map().get_root().render()
    assert folium.Map.default_js[0][1].startswith("https://cdn.jsdelivr.net/")
    assert MarkerCluster.default_js[0][1].startswith("https://cdnjs.cloudflare.com/")
    plain = folium.Map(tiles=None).get_root().render()
    assert len(remote_links(plain)) == 10  # folium's 4 scripts + 6 stylesheets


def test_tiles_are_the_only_remote_urls_when_enabled() -> None:
    html = dashboard_like_map(tiles="OpenStreetMap").get_root().render()
    assert remote_links(html) == []
    assert "tile.openstreetmap.org" in html


def test_streamlit_folium_receives_only_data_uris(monkeypatch: pytest.MonkeyPatch) -> None:
    """st_folium loads each default_js/default_css entry of the tree as a src/href."""
    streamlit_folium = pytest.importorskip("streamlit_folium")
    sent: dict = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: sent.update(kw))
    streamlit_folium.st_folium(dashboard_like_map(), height=400, returned_objects=[])
    assert len(sent["js_links"]) == 2  # leaflet (+ patch), markercluster
    assert len(sent["css_links"]) == 3  # leaflet, MarkerCluster, MarkerCluster.Default
    assert all(u.startswith("data:") for u in sent["js_links"] + sent["css_links"])
    assert not re.search(r"https?://", sent["header"] + sent["html"])
    assert "L.markerClusterGroup" in sent["script"]


def test_plain_folium_map_can_be_localized_after_a_render() -> None:
    m = folium.Map(location=(14.5, 100.9), tiles=None)
    folium.GeoJson(SQUARES).add_to(m)
    assert len(remote_links(m.get_root().render())) == 10
    html = offline_html(m)
    assert remote_links(html) == []
    assert "awesome-markers" not in html


@pytest.mark.parametrize(
    ("add", "message"),
    [
        (
            lambda m: folium.Marker((14.5, 100.9), icon=folium.Icon(color="red")).add_to(m),
            "awesome-markers",
        ),
        (lambda m: LinearColormap(["white", "red"], vmin=0, vmax=1).add_to(m), "d3"),
        (
            lambda m: Fullscreen().add_to(m),
            r"Fullscreen: .* -> https://cdn\.jsdelivr\.net/npm/leaflet\.fullscreen",
        ),
        (
            lambda m: FastMarkerCluster(
                [(14.5, 100.9)],
                callback="function (r) { return L.marker(r, {icon: L.AwesomeMarkers.icon()}); }",
            ).add_to(m),
            "callback uses L.AwesomeMarkers",
        ),
    ],
)
def test_strict_mode_names_what_cannot_work_offline(add, message: str) -> None:
    m = offline_map()
    add(m)
    with pytest.raises(OfflineAssetError, match=message):
        m.get_root().render()


def test_non_strict_mode_leaves_unknown_assets_remote() -> None:
    m = offline_map(strict=False)
    Fullscreen().add_to(m)
    html = m.get_root().render()
    assert len(remote_links(html)) == 2
    assert all("fullscreen" in u.lower() for u in remote_links(html))


def test_late_remote_link_is_caught_at_render() -> None:
    m = offline_map()

    class Sneaky(Element):
        def render(self, **kwargs: object) -> None:
            from branca.element import JavascriptLink

            self.get_root().header.add_child(JavascriptLink("https://example.org/x.js"), name="x")

    m.add_child(Sneaky())
    with pytest.raises(OfflineAssetError, match="example.org"):
        m.get_root().render()


@pytest.mark.browser
def test_map_works_in_a_browser_with_the_network_blocked(tmp_path: Path, browser) -> None:
    page_file = tmp_path / "map.html"
    dashboard_like_map().save(str(page_file))
    blocked: list[str] = []
    errors: list[str] = []
    page = browser.new_page()
    try:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

        def route(r):  # allow only the page itself and data: URIs
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(page_file.as_uri())
        page.wait_for_selector(".marker-cluster")
        page.wait_for_timeout(200)
        assert page.evaluate("L.version") == "1.9.3"
        assert page.locator("path.leaflet-interactive").count() == 2
        assert page.locator(".marker-cluster").count() >= 2
        icon = page.locator("img.leaflet-marker-icon").first
        assert icon.get_attribute("src").startswith("data:image/png;base64,")
        assert page.evaluate("document.querySelector('img.leaflet-marker-icon').naturalWidth") == 25
        icon.click()
        page.wait_for_selector(".leaflet-popup-content")
        assert page.locator(".leaflet-popup-content").inner_text().strip() == "เทศบาล 600151"
    finally:
        page.close()
    assert blocked == []
    assert errors == []

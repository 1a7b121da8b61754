"""Today's route on a map: the stop numbers match the visit sheet's, nothing is fetched from
outside unless a base map is configured."""

from __future__ import annotations

import re
import subprocess

import pandas as pd

import geodata
from analytics.domain import route
from analytics.io import exports
from analytics.services import route_map


def _outline():
    layer = geodata.prepared_layer("tambon", ["19"])
    return layer[layer["tambon_code"] == "190110"]


def test_route_numbers_on_the_map_and_the_sheet_agree(tmp_path):
    rows = pd.DataFrame(
        {
            "house_code": [f"1901100000{i}" for i in range(5)],
            "village_name": ["บ้านทดสอบ"] * 5,
            "lat": [14.50, 14.53, 14.51, 14.54, 14.52],
            "lon": [100.90, 100.93, 100.91, 100.94, 100.92],
            "critical": [False] * 5,
            "reasons": ["ขาด 2.1"] * 5,
        }
    )
    routed, _ = route.plan(rows, (14.545, 100.945))
    numbers = dict(zip(routed["house_code"], routed["order"], strict=True))
    assert numbers["19011000003"] == 1  # nearest the start
    html = route_map.route_map(routed, (14.545, 100.945), _outline(), 300).get_root().render()
    for code, number in numbers.items():
        assert f"{number}. {code}" in html  # the map's stop label
        assert f"\\u003e{number}\\u003c/div\\u003e" in html  # the number in its DivIcon
    assert "L.polyline" in html and "fitBounds" in html
    assert "L.icon(" not in html  # folium.Icon needs a CDN
    pdf = exports.visit_sheet_pdf(
        routed, title_th="t", area_name="a", team="x", printed_at="2026-11-30"
    )
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf)

    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for code, number in numbers.items():
        assert re.search(rf"\b{number} {code}\b", text)


def test_route_map_fetches_no_tiles_unless_a_base_map_is_configured(monkeypatch):
    rows = pd.DataFrame(
        {"house_code": ["19011000001"], "lat": [14.5], "lon": [100.9], "critical": [False]}
    )
    routed, _ = route.plan(rows)
    monkeypatch.delenv("CHIPAO_BASEMAP", raising=False)
    offline = route_map.route_map(routed, None, _outline(), 300).get_root().render()
    assert "tileLayer" not in offline and "openstreetmap" not in offline
    monkeypatch.setenv("CHIPAO_BASEMAP", "openstreetmap")
    online = route_map.route_map(routed, None, _outline(), 300).get_root().render()
    assert "tile.openstreetmap.org" in online and "OpenStreetMap contributors" in online

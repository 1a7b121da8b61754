"""A choropleth of any area measure as an offline folium map (no Streamlit here).

The boundary GeoJSON is a cached string that is written into the page as it is; only a small
code -> colour and code -> tooltip lookup changes with the measure, so nothing re-serialises the
geometry on a rerun. Clicks reach Python through streamlit-folium, which listens on every layer.
Tiles are drawn only when a base map is configured (:mod:`geodata.basemap`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from branca.element import MacroElement
from jinja2 import Template

from geodata import basemap
from geodata.assets import OfflineMap, offline_map
from geodata.boundaries import ATTRIBUTION

OUTLINE = "#4d4d4d"
SELECTED_OUTLINE = "#1f4e79"


@dataclass(frozen=True)
class ChoroplethSpec:
    """What to draw: one layer coloured by code, plus optional municipal squares and points."""

    geojson: str  # FeatureCollection from geodata.layer_geojson (cached)
    code_property: str  # e.g. "tambon_code"
    colours: dict[str, str]  # code -> fill colour (absent: no data)
    tooltips: dict[str, str]  # code -> tooltip HTML
    bounds: tuple[float, float, float, float]  # minx, miny, maxx, maxy
    no_data_colour: str
    selected: str | None = None
    municipal: list[dict] = field(default_factory=list)  # code, lon, lat, colour, tooltip
    villages: list[dict] = field(default_factory=list)  # code, lon, lat, tooltip
    households: list[tuple[float, float]] = field(default_factory=list)  # (lat, lon)
    labels: list[dict] = field(default_factory=list)  # lon, lat, text, kind[, above]: names
    fit: tuple[float, float, float, float] | None = None  # what must be in view (None: bounds)


class _CodedGeoJson(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var colours = {{ this.colours }};
            var tips = {{ this.tooltips }};
            var layer = L.geoJson({{ this.geojson }}, {
                style: function(f) {
                    var code = f.properties[{{ this.code_property }}];
                    var fill = colours[code];
                    var selected = code === {{ this.selected }};
                    return {
                        fillColor: fill || {{ this.no_data }},
                        fillOpacity: fill ? 0.85 : 0.35,
                        color: selected ? "{{ this.selected_outline }}" : "{{ this.outline }}",
                        weight: selected ? 3.5 : 0.8,
                        dashArray: fill ? null : "4 3"
                    };
                },
                onEachFeature: function(f, l) {
                    var code = f.properties[{{ this.code_property }}];
                    l.bindTooltip(tips[code] || code, {sticky: true});
                    l.on("mouseover", function() { l.setStyle({weight: 2.5}); });
                    l.on("mouseout", function() { layer.resetStyle(l); });
                }
            }).addTo({{ this._parent.get_name() }});
            layer.eachLayer(function(l) {  // the selected outline over its neighbours'
                if (l.feature.properties[{{ this.code_property }}] === {{ this.selected }}) {
                    l.bringToFront();
                }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, spec: ChoroplethSpec) -> None:
        super().__init__()
        self._name = "CodedGeoJson"
        self.geojson = spec.geojson
        self.code_property = json.dumps(spec.code_property)
        self.colours = json.dumps(spec.colours)
        self.tooltips = json.dumps(spec.tooltips, ensure_ascii=False)
        self.selected = json.dumps(spec.selected)
        self.no_data = json.dumps(spec.no_data_colour)
        self.outline = OUTLINE
        self.selected_outline = SELECTED_OUTLINE


class _MunicipalSquares(MacroElement):
    """Municipal pseudo-tambons: square markers (divIcon, no image assets) that click like areas."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            // a feature group: its click events carry the marker, which streamlit-folium reports
            var group = L.featureGroup().addTo({{ this._parent.get_name() }});
            {{ this.items }}.forEach(function(m) {
                var icon = L.divIcon({className: "chipao-municipal", iconSize: [14, 14],
                    html: '<div style="width:14px;height:14px;border:2px solid #1b1f24;background:'
                          + m.colour + '"></div>'});
                var marker = L.marker([m.lat, m.lon], {icon: icon});
                marker.feature = {type: "Feature", properties: {code: m.code}};
                marker.bindTooltip(m.tooltip, {sticky: true});
                marker.addTo(group);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, items: list[dict]) -> None:
        super().__init__()
        self._name = "MunicipalSquares"
        self.items = json.dumps(items, ensure_ascii=False)


class _VillagePoints(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var group = L.featureGroup().addTo({{ this._parent.get_name() }});
            {{ this.items }}.forEach(function(v) {
                var marker = L.circleMarker([v.lat, v.lon], {radius: 6, color: "#1b1f24",
                    weight: 1.5, fillColor: "#ffffff", fillOpacity: 0.9});
                marker.feature = {type: "Feature", properties: {code: v.code}};
                marker.bindTooltip(v.tooltip);
                marker.addTo(group);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, items: list[dict]) -> None:
        super().__init__()
        self._name = "VillagePoints"
        self.items = json.dumps(items, ensure_ascii=False)


class _AreaLabels(MacroElement):
    """Names drawn on the map (divIcons, no image assets); they let clicks through."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            {{ this.items }}.forEach(function(a) {
                var span = document.createElement("span");
                span.className = "chipao-label chipao-label-" + a.kind
                    + (a.above ? " chipao-label-above" : "");
                span.textContent = a.text;
                var icon = L.divIcon({className: "chipao-label-anchor", iconSize: [0, 0],
                    html: span.outerHTML});
                L.marker([a.lat, a.lon], {icon: icon, interactive: false, keyboard: false})
                    .addTo(map);
            });
            var style = document.createElement("style");
            style.textContent = {{ this.css }};
            document.head.appendChild(style);
        })();
        {% endmacro %}
        """
    )
    CSS = (
        ".chipao-label{position:absolute;white-space:nowrap;font:600 11px/1.2 sans-serif;"
        "color:#1b1f24;pointer-events:none;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff}"
        ".chipao-label-area{transform:translate(-50%,-50%)}"
        ".chipao-label-above{transform:translate(-50%,calc(-100% - 12px))}"
        ".chipao-label-village{transform:translate(-50%,22px);font-weight:500;font-size:10px}"
    )

    def __init__(self, items: list[dict]) -> None:
        super().__init__()
        self._name = "AreaLabels"
        self.items = json.dumps(items, ensure_ascii=False)
        self.css = json.dumps(self.CSS)


class _FitWhenSized(MacroElement):
    """``fitBounds`` once the map has its size: streamlit-folium sizes the frame after the
    script ran, so fit again on each resize until the user moves the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var bounds = {{ this.bounds }};
            var touched = false;
            function fit() {
                var size = map.getSize();
                if (touched || size.x < 50 || size.y < 50) { return; }
                map.fitBounds(bounds, {padding: [18, 18], animate: false});
            }
            ["mousedown", "wheel", "touchstart", "keydown"].forEach(function(name) {
                map.getContainer().addEventListener(name, function() { touched = true; },
                    {passive: true});
            });
            map.on("resize", fit);
            fit();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        super().__init__()
        self._name = "FitWhenSized"
        minx, miny, maxx, maxy = bounds
        self.bounds = json.dumps([[miny, minx], [maxy, maxx]])


def zoom_for(bounds: tuple[float, float, float, float], pixels: int = 620) -> float:
    """The zoom at which ``bounds`` fills about ``pixels``: the first view, before
    :class:`_FitWhenSized` fits the map exactly once the component has its size."""
    minx, miny, maxx, maxy = bounds
    extent = max(maxx - minx, (maxy - miny) * 1.1, 1e-3)
    return float(np.clip(np.floor(4 * np.log2(pixels / 256 * 360 / extent)) / 4, 4, 14))


def build_map(spec: ChoroplethSpec, base: basemap.Basemap | None = None) -> OfflineMap:
    """The folium map for ``spec``: offline assets, boundary attribution, and tiles only when
    a base map is configured (``base`` defaults to :func:`geodata.basemap.configured`)."""
    base = base or basemap.configured()
    fit = spec.fit or spec.bounds
    minx, miny, maxx, maxy = fit
    tiles: dict[str, Any] = {"tiles": base.url, "attr": base.attribution} if base.url else {}
    m = offline_map(
        location=((miny + maxy) / 2, (minx + maxx) / 2),
        zoom_start=zoom_for(fit),
        attribution=ATTRIBUTION,
        zoom_snap=0.25,
        max_zoom=base.max_zoom if base.url else None,
        **tiles,
    )
    m.add_child(_CodedGeoJson(spec))
    if spec.municipal:
        m.add_child(_MunicipalSquares(spec.municipal))
    if spec.households:
        from folium.plugins import FastMarkerCluster

        m.add_child(FastMarkerCluster(list(spec.households), name="households"))
    if spec.villages:
        m.add_child(_VillagePoints(spec.villages))
    if spec.labels:
        m.add_child(_AreaLabels(spec.labels))
    m.add_child(_FitWhenSized(fit))
    return m

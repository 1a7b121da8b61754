"""Folium maps that load no script or stylesheet from the internet.

folium 0.20 points ``Map.default_js`` / ``default_css`` (and each plugin's)
at CDNs. Here every entry is replaced by a ``data:`` URI built from files
installed with Python packages: Leaflet 1.9.3 from ``xstatic-leaflet``,
Leaflet.markercluster from ``xstatic-leaflet-markercluster``; marker images
become data URIs too. jQuery, Bootstrap and awesome-markers are dropped.

Why ``data:`` URIs rather than ``<script>…</script>`` blocks: folium renders
``<script src=…>`` for the standalone HTML, while ``streamlit-folium``
reads the same ``default_js`` / ``default_css`` lists and loads each entry
as a ``src`` / ``href`` inside its component. A ``data:`` URI works in both.

``FastMarkerCluster``'s default callback (awesome-markers icons) is swapped
for plain Leaflet markers.

Not available offline (an :class:`OfflineAssetError` says so): ``folium.Icon``
(needs awesome-markers), branca ``ColorMap`` legends (need d3), and plugins
other than MarkerCluster / FastMarkerCluster. Use plain ``folium.Marker``,
``CircleMarker`` or ``DivIcon``, and draw legends outside the map.
"""

from __future__ import annotations

import base64
import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import folium
import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_markercluster
from branca.colormap import ColorMap
from branca.element import CssLink, Figure, JavascriptLink
from folium.elements import JSCSSMixin
from folium.plugins import FastMarkerCluster
from folium.template import Template

# File names (last URL path segment) served from local files.
_LOCAL_JS = {
    "leaflet.js": "leaflet",
    "leaflet.markercluster.js": "markercluster",
}
_LOCAL_CSS = {
    "leaflet.css": "leaflet_css",
    "markercluster.css": "markercluster_css",
    "markercluster.default.css": "markercluster_default_css",
}
# folium's default entries that polygons, tooltips, markers and clusters do not need.
_DROP = re.compile(
    r"jquery|bootstrap|awesome-markers|awesome_markers|fontawesome|glyphicons|awesome\.rotate",
    re.IGNORECASE,
)
_REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)


class OfflineAssetError(RuntimeError):
    """The map uses a script or stylesheet that has no local copy."""


# -- local files as data URIs ---------------------------------------------------


def _data_uri(mime: str, payload: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


def _read(base: str, name: str) -> str:
    text = (Path(base) / name).read_text(encoding="utf-8")
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)


def _png(name: str) -> str:
    return _data_uri("image/png", (Path(xs_leaflet.BASE_DIR) / "images" / name).read_bytes())


# Runs right after leaflet.js. Keyboard focus: see the comment in the script. Marker images:
# Leaflet prefixes Icon.Default.imagePath to each icon URL, so set it to "" and give full data URIs.
# `$`: folium's Popup template calls $(html)[0] and Map may call $(document).ready(fn);
# this covers exactly those two uses without shipping jQuery.
_LEAFLET_PATCH = (Path(__file__).parent / "leaflet_patch.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def local_assets() -> dict[str, str]:
    """Asset key -> ``data:`` URI (built once per process)."""
    lf, mc = xs_leaflet.BASE_DIR, xs_markercluster.BASE_DIR
    patch = _LEAFLET_PATCH % {
        "icon": _png("marker-icon.png"),
        "icon2x": _png("marker-icon-2x.png"),
        "shadow": _png("marker-shadow.png"),
    }
    leaflet_css = re.sub(
        r"url\((['\"]?)images/([\w.-]+\.png)\1\)",
        lambda m: f'url("{_png(m.group(2))}")',
        _read(lf, "leaflet.css"),
    )
    return {
        "leaflet": _data_uri("text/javascript", (_read(lf, "leaflet.js") + patch).encode()),
        "leaflet_css": _data_uri("text/css", leaflet_css.encode()),
        "markercluster": _data_uri(
            "text/javascript", _read(mc, "leaflet.markercluster.js").encode()
        ),
        "markercluster_css": _data_uri("text/css", _read(mc, "MarkerCluster.css").encode()),
        "markercluster_default_css": _data_uri(
            "text/css", _read(mc, "MarkerCluster.Default.css").encode()
        ),
    }


# -- rewriting folium elements ----------------------------------------------------


# folium's default FastMarkerCluster callback gives every marker an awesome-markers icon.
_FOLIUM_FAST_CALLBACK = re.compile(
    r"^\s*var callback = function \(row\) \{\s*var icon = L\.AwesomeMarkers\.icon\(\);"
)
_PLAIN_FAST_CALLBACK = """
                var callback = function (row) {
                    return L.marker(new L.LatLng(row[0], row[1]));
                };"""


def _walk(element: Any) -> Iterator[Any]:
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def _local_entry(name: str, url: str, table: dict[str, str]) -> tuple[str, str] | None:
    """(name, data URI) for a known file, ``None`` to drop it; raise KeyError if unknown."""
    if url.startswith("data:") or not _REMOTE.match(url):
        return name, url
    base = posixpath.basename(urlparse(url if "//" in url else "https:" + url).path).lower()
    if base in table:
        return name, local_assets()[table[base]]
    if _DROP.search(url) or _DROP.search(name):
        return None
    raise KeyError(url)


def _localize_list(
    entries: list[tuple[str, str]], table: dict[str, str], owner: str, problems: list[str]
) -> list[tuple[str, str]]:
    out = []
    for name, url in entries:
        try:
            entry = _local_entry(name, url, table)
        except KeyError:
            problems.append(f"{owner}: {name} -> {url}")
            out.append((name, url))
            continue
        if entry is not None:
            out.append(entry)
    return out


def _is_remote_link(element: Any) -> bool:
    url = getattr(element, "url", "")
    return isinstance(element, (JavascriptLink, CssLink)) and bool(_REMOTE.match(url or ""))


def localize_assets(m: folium.Map, *, strict: bool = True) -> folium.Map:
    """Point every script/stylesheet of ``m`` and its children at local data URIs.

    Call it after the last layer is added (or use :class:`OfflineMap`, which
    does so when rendered). With ``strict`` an :class:`OfflineAssetError`
    lists what cannot work offline; otherwise those entries stay remote.
    Instance attributes are set, so folium's shared class-level lists stay untouched.
    """
    problems: list[str] = []
    root = m.get_root()
    for el in _walk(root):
        if type(el) is folium.Icon:
            problems.append(
                f"{el.get_name()}: folium.Icon needs Leaflet.awesome-markers, which is "
                "not available offline; use folium.Marker without icon=, CircleMarker or DivIcon"
            )
        if isinstance(el, ColorMap):
            problems.append(
                f"{el.get_name()}: branca ColorMap legends need d3 from a CDN; "
                "draw the legend outside the map"
            )
        if isinstance(el, FastMarkerCluster) and "AwesomeMarkers" in el.callback:
            if _FOLIUM_FAST_CALLBACK.search(el.callback):
                el.callback = _PLAIN_FAST_CALLBACK  # folium's default, minus awesome-markers
            else:
                problems.append(f"{el.get_name()}: callback uses L.AwesomeMarkers")
        if isinstance(el, JSCSSMixin):
            owner = type(el).__name__
            el.default_js = _localize_list(list(el.default_js), _LOCAL_JS, owner, problems)
            el.default_css = _localize_list(list(el.default_css), _LOCAL_CSS, owner, problems)
    if isinstance(root, Figure):
        # Links left in the header by an earlier render.
        for name, child in list(root.header._children.items()):
            if _is_remote_link(child):
                del root.header._children[name]
    if problems and strict:
        raise OfflineAssetError("not available offline:\n  " + "\n  ".join(problems))
    return m


def remote_links(html: str) -> list[str]:
    """``src``/``href`` URLs of ``<script>`` and ``<link>`` tags that point at the network."""
    urls = re.findall(r"<script\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)", html, re.IGNORECASE)
    urls += re.findall(r"<link\b[^>]*\bhref\s*=\s*[\"']([^\"']+)", html, re.IGNORECASE)
    return [u for u in urls if _REMOTE.match(u)]


class OfflineMap(folium.Map):
    """A ``folium.Map`` that localizes its assets every time it is rendered.

    Works with ``m.get_root().render()``, ``m.save()`` and ``st_folium(m)``.
    ``tiles`` defaults to ``None`` (no basemap, nothing fetched).
    """

    def __init__(self, *args: Any, strict: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("tiles", None)
        super().__init__(*args, **kwargs)
        # Without a tile layer Leaflet has no maxZoom, and MarkerCluster refuses to start.
        self.options.setdefault("maxZoom", kwargs.get("max_zoom") or 18)
        self.strict = strict
        localize_assets(self, strict=False)

    def render(self, **kwargs: Any) -> Any:
        localize_assets(self, strict=self.strict)
        super().render(**kwargs)
        root = self.get_root()
        if self.strict and isinstance(root, Figure):
            children = root.header._children.values()
            late = [str(getattr(c, "url", "")) for c in children if _is_remote_link(c)]
            if late:
                raise OfflineAssetError("not available offline: " + ", ".join(late))


def offline_map(
    location: tuple[float, float] | None = (15.2, 100.5),
    zoom_start: float = 8,
    *,
    tiles: str | None = None,
    attribution: str | None = None,
    strict: bool = True,
    **kwargs: Any,
) -> OfflineMap:
    """An :class:`OfflineMap` centred on the pilot provinces by default.

    ``attribution`` (e.g. :data:`geodata.boundaries.ATTRIBUTION`) is shown in
    the map corner; it is required wherever the COD-AB boundaries are drawn.
    """
    m = OfflineMap(location=location, zoom_start=zoom_start, tiles=tiles, strict=strict, **kwargs)
    if attribution:
        m.add_child(_Attribution(attribution))
    return m


class _Attribution(folium.MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = text


def offline_html(m: folium.Map, *, strict: bool = True) -> str:
    """Standalone HTML of ``m`` with no network access needed (tiles aside)."""
    localize_assets(m, strict=strict)
    html = m.get_root().render()
    if strict and remote_links(html):
        raise OfflineAssetError(f"remote assets left: {remote_links(html)}")
    return html

"""The optional base map (settings ``[basemap]``): off by default so nothing is fetched offline."""

from __future__ import annotations

from dataclasses import dataclass

from analytics import settings
from analytics.domain import catalogue

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


@dataclass(frozen=True)
class Basemap:
    """An XYZ tile layer: ``url`` is None when the base map is off."""

    url: str | None
    attribution: str
    max_zoom: int


def configured() -> Basemap:
    """The base map the settings (or ``CHIPAO_BASEMAP``) ask for; ``url`` None when off."""
    section = catalogue.settings().get("basemap", {})
    chosen = settings.current().basemap
    tiles = (str(section.get("tiles", "")) if chosen is None else chosen).strip()
    max_zoom = int(section.get("max_zoom", 19))
    attribution = str(section.get("attribution", "")).strip()
    if not tiles:
        return Basemap(None, "", max_zoom)
    if tiles.lower() == "openstreetmap":
        return Basemap(OSM_URL, attribution or OSM_ATTRIBUTION, max_zoom)
    host = tiles.split("/")[2] if "://" in tiles else tiles
    return Basemap(tiles, attribution or host, max_zoom)

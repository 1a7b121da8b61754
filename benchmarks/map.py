"""Map benchmarks: python -m benchmarks.map

Prints the GeoJSON payload for one province's tambons and for the three pilot provinces, the
server time to build a map with warm caches, and the time until the polygons are painted in
headless Chromium (a standalone map page, and the whole Streamlit map page).
"""

from __future__ import annotations

import functools
import os
import tempfile
import time
from pathlib import Path

from analytics.data import tpmap_tables
from analytics.domain import pilots
from analytics.domain.map_measures import measure_by_key
from analytics.services import map_spec
from benchmarks.common import load, median_of
from geodata import prepared_layer, to_web_geojson
from geodata.choropleth import build_map

PILOTS = pilots.PILOT_PROVINCES


def tambon_spec(selected: str | None) -> map_spec.MapContent:
    """The page's spec for Nakhon Sawan's tambons, from the service (no Streamlit cache)."""
    view = map_spec.MapView("tambon", ("60",), None, "60", "60")
    gdf = _layer()
    return map_spec.build_spec(
        view,
        tpmap_tables.area_table("tambon", "60"),
        measure_by_key("target_poor"),
        "quantiles",
        "th",
        selected,
        "real",
        gdf,
        _geojson(),
    )


@functools.cache
def _layer():
    return map_spec.layer("tambon", ("60",), None)


@functools.cache
def _geojson() -> str:
    return to_web_geojson(_layer(), ["tambon_code"])


def payloads() -> None:
    for provinces in [("60",), ("19",), ("41",), PILOTS]:
        text = to_web_geojson(prepared_layer("tambon", provinces), ["tambon_code"])
        print(
            f"GeoJSON payload, tambons of {'+'.join(provinces):9s}: {len(text.encode()):>9,} bytes"
            f"  (target {'< 1 MB' if len(provinces) == 1 else '< 2.5 MB'})"
        )


def server_time(repeat: int = 5) -> float:
    """Join + classify + spec + folium render, as the page does on a rerun with warm caches."""
    tambon_spec("600102")  # warm

    def build() -> None:
        build_map(tambon_spec("600102").spec).get_root().render()

    median, _ = median_of(build, repeat)
    content = tambon_spec("600102")
    html = build_map(content.spec).get_root().render()
    print(
        f"server time to build the Nakhon Sawan tambon map (warm), median of {repeat}: "
        f"{median:.3f} s (target < 0.5 s)  [{load()}]"
    )
    print(f"whole map document incl. inlined Leaflet: {len(html.encode()):,} bytes")
    return median


def _chromium():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    return playwright, browser


def paint_times() -> None:
    content = tambon_spec(None)
    n_paths = len(prepared_layer("tambon", ("60",)))
    playwright, browser = _chromium()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            page_file = Path(tmp) / "map.html"
            build_map(content.spec).save(str(page_file))
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_function(
                f"document.querySelectorAll('path.leaflet-interactive').length === {n_paths}"
            )
            print(
                f"paint, standalone map page ({n_paths} tambons): "
                f"{time.perf_counter() - start:.2f} s (target < 3 s)"
            )
        print(
            f"paint, Streamlit map page, country view (navigation to polygons): "
            f"{app_paint(browser):.2f} s  [{load()}]"
        )
    finally:
        browser.close()
        playwright.stop()


def app_paint(browser) -> float:
    """Start ``app.py`` in demo mode, sign in through the form (the cookie), time the map page."""
    from tests.conftest import sign_in  # the browser tests' own sign-in, not a second copy
    from tests.support.served import served_app  # and their server, its log kept

    os.environ["CHIPAO_DEMO"] = "1"  # the demo accounts exist only in demo mode
    database = tempfile.TemporaryDirectory(prefix="chipao-bench-")
    home = Path(database.name)
    context = browser.new_context(viewport={"width": 1500, "height": 1200})
    try:
        with served_app(f"sqlite:///{home}/chipao.db", home / "data", scale="1") as url:
            page = context.new_page()
            sign_in(page, url, "exec", "chipao-exec")
            page.goto(f"{url}/map")  # warm the server caches once
            page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=120_000)
            page.close()
            page = context.new_page()  # same context: the sign-in cookie is sent
            start = time.perf_counter()
            page.goto(f"{url}/map")
            page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60_000)
            frame = next(f for f in page.frames if "streamlit_folium" in (f.url or ""))
            frame.wait_for_selector("path.leaflet-interactive", timeout=60_000)
            return time.perf_counter() - start
    finally:
        context.close()
        database.cleanup()


if __name__ == "__main__":
    payloads()
    server_time()
    paint_times()

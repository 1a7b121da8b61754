"""The map page in Chromium: one path per tambon, click-to-drill-down, no rerun on pan."""

import re
import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

import geodata
from analytics.data import tpmap_tables
from analytics.domain import areas
from tests.browser.helpers import sign_in, wait_until_idle
from tests.conftest import screenshot

pytestmark = pytest.mark.browser
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def map_frame(page, timeout_s: float = 60):
    """The map component's frame, once it is there (it re-mounts, briefly frameless, after a
    selection)."""
    page.wait_for_selector(MAP_FRAME, timeout=timeout_s * 1000)
    deadline = time.time() + timeout_s
    while True:
        frame = next((f for f in page.frames if f.url and "streamlit_folium" in f.url), None)
        if frame is not None or time.time() > deadline:
            break
        page.wait_for_timeout(250)
    if frame is None:
        raise PlaywrightError("the map component's frame did not load")
    return frame


def retry_on_remount(page, action, timeout_s: float = 30):
    """Run ``action`` until it works: the map component re-mounts after a selection."""
    deadline = time.time() + timeout_s
    while True:
        try:
            return action()
        except PlaywrightError:
            if time.time() > deadline:
                raise
            page.wait_for_timeout(250)


def click_area(page, lon: float, lat: float) -> None:
    """Click the map where (lon, lat) is drawn."""
    x, y = retry_on_remount(
        page,
        lambda: map_frame(page).evaluate(
            "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
            " const r = window.map.getContainer().getBoundingClientRect();"
            " return [p.x + r.left, p.y + r.top]; }",
            [lat, lon],
        ),
    )
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def wait_for_paths(page, count: int, timeout_s: float = 30) -> None:
    """Wait until the (possibly re-mounted) map draws exactly ``count`` interactive paths."""
    deadline = time.time() + timeout_s
    seen = None
    while time.time() < deadline:
        try:
            seen = map_frame(page).evaluate(
                "document.querySelectorAll('path.leaflet-interactive').length"
            )
            if seen == count:
                return
        except PlaywrightError:  # the component re-mounted between two looks
            pass
        page.wait_for_timeout(250)
    raise AssertionError(f"map shows {seen} paths, expected {count}")


def inside(level: str, code: str, provinces=None) -> tuple[float, float]:
    layer = geodata.prepared_layer(level, provinces).set_index(f"{level}_code")
    point = layer.geometry[code].representative_point()
    return point.x, point.y


def record_sent_messages(page) -> list:
    """Every websocket frame the browser sends to Streamlit (a rerun request is one of them)."""
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    return sent


def test_map_draws_tambons_and_drills_down(app_url, page):
    sent = record_sent_messages(page)
    sign_in(page, app_url, "planner", "chipao-planner")
    page.get_by_role("link", name="แผนที่").click()
    map_frame(page).wait_for_selector("path.leaflet-interactive", timeout=60_000)
    screenshot(page, "map-th-country")

    # country view: click Nakhon Sawan -> its tambons, one path each
    click_area(page, *inside("province", "60"))
    page.get_by_role("button", name="› นครสวรรค์").wait_for(timeout=30_000)
    wait_for_paths(page, len(geodata.prepared_layer("tambon", ["60"])))
    screenshot(page, "map-th-province-60")

    # click tambon 600102 (กลางแดด): its Thai name in the breadcrumbs and the detail panel
    click_area(page, *inside("tambon", "600102", ["60"]))
    page.get_by_role("button", name="› กลางแดด").wait_for(timeout=30_000)
    detail = page.get_by_role("heading", name="กลางแดด")
    detail.wait_for(timeout=30_000)
    screenshot(page, "map-th-tambon-600102")

    # panning and zooming send nothing to Streamlit, so no script run starts
    wait_until_idle(page)
    clicks_and_reruns = len(sent)
    assert clicks_and_reruns > 0  # the two clicks above did reach Streamlit
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(box["x"] + 200, box["y"] + 300)
    page.mouse.down()
    page.mouse.move(box["x"] + 350, box["y"] + 380, steps=8)
    page.mouse.up()
    page.mouse.wheel(0, -300)
    # a negative check: nothing may be sent in a while, so this one wait has a fixed length
    page.wait_for_timeout(2000)
    assert len(sent) == clicks_and_reruns


def test_map_totals_match_the_table_with_municipalities(app_url, page):
    """The detail caption shows the map's total (polygons + municipal squares) and the table's."""
    sign_in(page, app_url, "planner", "chipao-planner")
    page.get_by_role("link", name="แผนที่").click()
    map_frame(page).wait_for_selector("path.leaflet-interactive", timeout=60_000)
    click_area(page, *inside("province", "41"))
    page.get_by_role("button", name="› อุดรธานี").wait_for(timeout=30_000)
    target = tpmap_tables.area_table("province", "41").iloc[0]["target_poor"]
    page.get_by_text(f"ผลรวมบนแผนที่ (รวมเทศบาล): {target:,} · ผลรวมในตาราง: {target:,}").wait_for(
        timeout=30_000
    )
    # the municipal list is drawn after the caption, in the same run: wait for it, do not count
    expect(page.get_by_text("เทศบาล (ไม่มีขอบเขต")).to_have_count(1, timeout=30_000)

    # a municipal square is clickable like a polygon: it becomes the selected area
    square = retry_on_remount(
        page, lambda: map_frame(page).locator(".chipao-municipal").first.bounding_box(timeout=2_000)
    )
    page.mouse.click(square["x"] + square["width"] / 2, square["y"] + square["height"] / 2)
    page.get_by_role("button", name=re.compile(r"› เทศบาล")).wait_for(timeout=30_000)


def visible_area_point(page, frame, viewport_height: int) -> tuple[str, float, float]:
    """(code, x, y on the page) of an area with data whose inner point is inside the window."""
    props = retry_on_remount(
        page,
        lambda: frame.evaluate(
            "() => { const out = []; window.map.eachLayer(l => { if (l.feature && l.getBounds"
            " && l.options.fillOpacity > 0.5) out.push(l.feature.properties); }); return out; }"
        ),
    )
    level = next(k for k in ("tambon", "amphoe", "province") if f"{k}_code" in props[0])
    provinces = sorted({str(p[f"{level}_code"])[:2] for p in props})
    layer = geodata.prepared_layer(level, provinces).set_index(f"{level}_code")
    box = page.locator(MAP_FRAME).bounding_box()
    for p in props:
        point = layer.geometry[str(p[f"{level}_code"])].representative_point()
        x, y = frame.evaluate(
            "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
            " const r = window.map.getContainer().getBoundingClientRect();"
            " return [p.x + r.left, p.y + r.top]; }",
            [point.y, point.x],
        )
        if box["y"] + 40 < box["y"] + y < viewport_height - 40 and 40 < x < box["width"] - 40:
            return str(p[f"{level}_code"]), box["x"] + x, box["y"] + y
    raise AssertionError("no area of the map is inside the window")


def test_first_click_on_the_map_drills_down_at_1366x768(app_url, browser):
    """A laptop screen: the map starts in view but runs below the fold. Leaflet focused its
    container on mousedown, which scrolled the page under the pointer; the first click was lost."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH")
    page = context.new_page()
    try:
        sent = record_sent_messages(page)
        sign_in(page, app_url, "planner", "chipao-planner")
        page.get_by_role("link", name="แผนที่").click()
        frame = map_frame(page)
        frame.wait_for_selector("path.leaflet-interactive", timeout=60_000)
        wait_until_idle(page)  # the page settles; nothing more is sent
        box = page.locator(MAP_FRAME).bounding_box()
        assert box["y"] < 768 < box["y"] + box["height"]  # the case that lost the click
        code, x, y = visible_area_point(page, frame, 768)
        before = len(sent)
        page.mouse.click(x, y)
        name = areas.area_name(code, "th")
        page.get_by_role("button", name=f"› {name}").wait_for(timeout=30_000)
        assert len(sent) > before
        assert page.evaluate("window.scrollY") == 0
        # nothing scrolled: the map (the old one, or the drilled-down one that replaces it
        # during the rerun; a frame being swapped has no box) is where it was
        tops: list = []
        for _ in range(120):  # until a map is drawn again (none has a size while swapping)
            tops = page.locator(MAP_FRAME).evaluate_all(  # at one instant, in the page
                "frames => frames.map(f => f.getBoundingClientRect())"
                ".filter(r => r.height > 0).map(r => r.y)"
            )
            if tops:
                break
            page.wait_for_timeout(250)
        assert any(abs(top - box["y"]) < 1 for top in tops), (tops, box["y"])
        wait_until_idle(page)
        screenshot(page, "map-first-click-1366")
    finally:
        context.close()


def test_a_tambon_shows_all_its_households_and_names_its_villages(app_url, page):
    """On main the map opened on a fixed zoom of the amphoe: names were only in tooltips and
    the households of a tambon could fall outside the view."""
    sign_in(page, app_url, "planner", "chipao-planner")
    page.get_by_role("link", name="แผนที่").click()
    map_frame(page).wait_for_selector("path.leaflet-interactive", timeout=60_000)
    page.get_by_text("ข้อมูลครัวเรือน (จปฐ.)", exact=True).click()
    wait_for_paths(page, 3)  # the demo's three provinces, each named on the map
    assert retry_on_remount(page, lambda: map_frame(page).locator(".chipao-label").count()) == 3
    click_area(page, *inside("province", "19"))
    page.get_by_role("button", name="› สระบุรี").wait_for(timeout=30_000)
    wait_for_paths(page, len(geodata.prepared_layer("tambon", ["19"])))
    click_area(page, *inside("tambon", "190110", ["19"]))
    page.get_by_role("button", name="› ปากข้าวสาร").wait_for(timeout=30_000)

    def households_in_view():
        return map_frame(page).evaluate(
            "() => { let inside = 0, all = 0; const view = window.map.getBounds();"
            " window.map.eachLayer(l => { if (l.getAllChildMarkers) return;"
            "   if (l.getLayers && l._featureGroup) l.getLayers().forEach(m => {"
            "     all += 1; if (view.contains(m.getLatLng())) inside += 1; }); });"
            " return [inside, all, document.querySelectorAll('.chipao-label-village').length,"
            "   document.querySelectorAll('.chipao-label-area').length]; }"
        )

    deadline = time.time() + 30
    while True:
        inside_n, all_n, villages, tambons = retry_on_remount(page, households_in_view)
        if all_n or time.time() > deadline:
            break
        page.wait_for_timeout(500)
    assert all_n > 0 and inside_n == all_n
    assert villages > 0 and tambons == len(
        geodata.prepared_layer("tambon", ["19"]).query("amphoe_code == '1901'")
    )
    screenshot(page, "map-th-tambon-190110-households")

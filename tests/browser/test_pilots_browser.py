"""The pilot page in Chromium: six areas, six small maps, the demonstration label."""

import pytest

from analytics.data import tpmap_tables
from analytics.domain import pilots
from tests.browser.helpers import sign_in
from tests.conftest import screenshot

pytestmark = pytest.mark.browser


def test_pilot_page_shows_six_areas_and_their_maps(app_url, page):
    sign_in(page, app_url, "exec", "chipao-exec")
    page.get_by_role("link", name="พื้นที่นำร่อง").click()
    page.get_by_text("ชุดสาธิต:").wait_for(timeout=60_000)
    selection = pilots.demo_selection(tpmap_tables.area_table)
    assert len(selection) == 6
    # each small map is titled with its pilot's name (plotly subplot titles are SVG text)
    for pilot in selection:
        page.locator("svg text", has_text=pilot.name).first.wait_for(timeout=60_000)
    # one filled polygon path per tambon that has a boundary (municipal rows have none)
    polygons = page.locator("g.scatterlayer path.js-fill").count()
    assert polygons >= sum(len([t for t in p.tambons if int(t[4:]) < 51]) for p in selection)
    screenshot(page, "pilots-th")

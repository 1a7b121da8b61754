"""The overview page in a real browser: Thai text renders, numbers match the tables."""

import pytest

from tests.conftest import screenshot

pytestmark = pytest.mark.browser


def test_overview_renders_thai_with_real_figures(app_url, page):
    page.goto(app_url)
    page.get_by_text("คนจนเป้าหมาย", exact=True).first.wait_for(timeout=60_000)
    page.get_by_text("36,647,817").first.wait_for(timeout=30_000)  # persons surveyed, Thailand
    assert "ข้อมูลจริง TPMAP 2561" in page.inner_text("body")
    screenshot(page, "overview-th-country")

    body = page.inner_text("body")
    assert "1,032,987" in body  # target poor, Thailand (domain.md §6)
    assert "คนจนเป้าหมายรายมิติ" in body

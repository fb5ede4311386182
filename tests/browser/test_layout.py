"""Layout at the widths people use: no page wider than its window, whatever it holds. Chromium through
Playwright, on file://."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from mpw_static.load import load_framework
from support import REAL_CONTENT

pytestmark = pytest.mark.browser

DOMAIN_PAGES = [
    f"{folder}domains/{domain.slug}.html" for folder in ("", "cy/") for domain in load_framework(REAL_CONTENT).domains
]
# Every 10 px where the matrix's table starts to scroll in its box (the tester's 770-960 px), and
# coarser steps either side of it, down to a phone and up to a wide screen.
WIDTHS = [320, 375, 480, 600, 640, 700, *range(700, 1001, 10), 1100, 1200, 1280, 1400]


def test_no_domain_page_is_wider_than_its_window(browser: Browser, real_site: Path) -> None:
    """The N/A cells' hidden words ("Not applicable to this service") sat in a scrolling box but were
    placed against the page, so the whole page scrolled sideways at 770-960 px."""
    page = browser.new_page(viewport={"width": 320, "height": 700})
    too_wide = []
    for name in DOMAIN_PAGES:
        page.goto((real_site / name).as_uri())
        for width in sorted(set(WIDTHS)):
            page.set_viewport_size({"width": width, "height": 700})
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide.append(f"{name} at {width} px is {scroll_width} px wide")
    page.close()
    assert too_wide == []

"""Open the built site in Chromium from file:// and over http under a sub-path, and follow every link."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urldefrag

import pytest
from playwright.sync_api import Browser, Page

from support import watch_for_errors

pytestmark = pytest.mark.browser


class Crawled(NamedTuple):
    links: list[str]
    ids: set[str]


# Each page's links (resolved by the browser) and the ids that #fragments can point at.
READ_PAGE = """() => ({
    links: Array.from(document.querySelectorAll('a[href]'), a => a.href),
    ids: Array.from(document.querySelectorAll('[id]'), el => el.id),
})"""


def crawl(browser: Browser, start: str, base: str) -> dict[str, Crawled]:
    """Visit every page reachable from start inside base; return each page's links and ids, and fail
    on any stray request, failed request or script error."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    failed: list[str] = []
    errors = watch_for_errors(page)
    page.on("request", lambda request: None if request.url.startswith(base) else outside.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    seen: dict[str, Crawled] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        response = page.goto(url)
        assert response is not None and response.ok, f"{url} did not load"
        found = page.evaluate(READ_PAGE)
        seen[url] = Crawled(found["links"], set(found["ids"]))
        for link in found["links"]:
            target, fragment = urldefrag(link)
            if not target.startswith(base):
                continue
            assert not target.endswith("/"), f"{url} links to a folder: {link}"
            queue.append(target)
    context.close()
    assert outside == [], f"requests left the site's folder: {outside}"
    assert failed == [], f"requests failed: {failed}"
    assert errors == [], f"script errors or blocked content: {errors}"
    return seen


def missing_fragments(seen: dict[str, Crawled], base: str) -> list[str]:
    """Links whose #fragment names no element on the page they lead to (ids as the crawl found them,
    after the page's script ran, so ids the script adds count too)."""
    return [
        link
        for crawled in seen.values()
        for link in crawled.links
        if link.startswith(base)
        and urldefrag(link).fragment
        and urldefrag(link).fragment not in seen[urldefrag(link).url].ids
    ]


def test_file_url_site_is_fully_linked_and_self_contained(browser: Browser, real_site: Path) -> None:
    base = real_site.resolve().as_uri() + "/"
    seen = crawl(browser, base + "index.html", base)
    assert len(seen) == 37  # 18 pages, the single-file edition and 18 Welsh pages
    assert missing_fragments(seen, base) == []


def test_hosted_under_sub_path_is_fully_linked(browser: Browser, hosted_site: str) -> None:
    seen = crawl(browser, hosted_site + "index.html", hosted_site)
    assert len(seen) == 37  # 18 pages, the single-file edition and 18 Welsh pages


def test_stylesheet_applies_on_file_url(browser: Browser, real_site: Path) -> None:
    page: Page = browser.new_page()
    page.goto((real_site / "domains/buy-in.html").resolve().as_uri())
    header_colour = page.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor")
    assert header_colour == "rgb(0, 91, 85)"
    assert page.get_attribute(".domain-nav a[aria-current='page']", "href") == "buy-in.html"
    page.close()


def test_skip_link_is_first_and_moves_focus_to_main(browser: Browser, real_site: Path) -> None:
    page = browser.new_page()
    page.goto((real_site / "matrix.html").resolve().as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_narrow_screen_has_no_horizontal_scroll(browser: Browser, real_site: Path) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 800})
    for name in (
        "index.html",
        "domains/person-centred-practice.html",
        "framework.html",
        "matrix.html",
        "appendix.html",
        "resources.html",
        "quality-standards.html",
        "assess.html",
    ):
        page.goto((real_site / name).resolve().as_uri())
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"
        hidden = page.evaluate(
            "[...document.querySelectorAll('.table-scroll')].map(region => region.scrollWidth - region.clientWidth)"
        )
        assert all(width <= 0 for width in hidden), f"{name} has a table that scrolls sideways at 320px: {hidden}"
    page.close()


def test_print_hides_navigation_and_shows_the_context_box(browser: Browser, real_site: Path) -> None:
    page = browser.new_page()
    page.goto((real_site / "domains/buy-in.html").resolve().as_uri())
    page.emulate_media(media="print")
    assert page.is_hidden(".site-header")
    assert page.is_visible(".context-box")
    assert page.is_visible("table.matrix")
    page.close()


def test_the_home_page_body_leads_to_the_assessment(browser: Browser, real_site: Path) -> None:
    """Not only the menu: a call to action in the page itself, in each language."""
    page = browser.new_page()
    for home, words, target in (
        ("index.html", "Start a self-assessment", "assess.html"),
        ("cy/index.html", "Dechrau hunanasesiad", "cy/assess.html"),
    ):
        page.goto((real_site / home).resolve().as_uri())
        link = page.locator("main a.button-link")
        assert link.text_content() == words
        assert link.is_visible()
        link.click()
        page.wait_for_load_state()
        assert page.url == (real_site / target).resolve().as_uri()
    page.close()

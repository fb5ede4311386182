"""Open the built site in Chromium from file:// and over http under a sub-path, and follow every link."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urldefrag, urlparse
from urllib.request import url2pathname

import pytest
from playwright.sync_api import Browser, Page, Request

from benchmarks.browser import WATCH_SHIFTS
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


def is_the_sites_own(url: str, base: str) -> bool:
    """A request for the site's own files, or for a blob: URL the page's own script made (the across-services
    page starts its Worker from one): such a URL names the page's origin, "null" for a file:// page."""
    parts = urlparse(base)
    origin = "null" if parts.scheme == "file" else f"{parts.scheme}://{parts.netloc}"
    return url.startswith(base) or url.startswith(f"blob:{origin}/")


def cut_short_by_leaving(request: Request, base: str) -> bool:
    """The across-services page's Worker script (a blob: URL of its own) still loading when the crawl
    goes on to the next page: the browser stops it, which is not a failure of the site."""
    return (
        request.url.startswith("blob:") and is_the_sites_own(request.url, base) and "ABORTED" in (request.failure or "")
    )


def crawl(browser: Browser, start: str, base: str) -> dict[str, Crawled]:
    """Visit every page reachable from start inside base; return each page's links and ids, and fail
    on any stray request, failed request or script error."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    failed: list[str] = []
    errors = watch_for_errors(page)
    page.on("request", lambda request: None if is_the_sites_own(request.url, base) else outside.append(request.url))
    page.on(
        "requestfailed", lambda request: None if cut_short_by_leaving(request, base) else failed.append(request.url)
    )
    seen: dict[str, Crawled] = {}
    downloads: set[str] = set()  # links to files that are not pages, such as the matrix workbook
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
            if target.endswith(DOWNLOADS):
                downloads.add(target)
            else:
                queue.append(target)
    missing = [target for target in sorted(downloads) if not exists(context, target)]
    context.close()
    assert missing == [], f"links to files the site does not have: {missing}"
    assert downloads, "the home page's link to the matrix workbook was not found"

    assert outside == [], f"requests left the site's folder: {outside}"
    assert failed == [], f"requests failed: {failed}"
    assert errors == [], f"script errors or blocked content: {errors}"
    return seen


# Links to files a browser downloads rather than shows: they must be there, but are not crawled.
DOWNLOADS = (".xlsx",)


def exists(context, url: str) -> bool:
    """Whether a file a link leads to is there: in the folder (file://) or on the host."""
    if url.startswith("file:"):
        return Path(url2pathname(urlparse(url).path)).is_file()
    return context.request.get(url).ok


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


PHONE = {"width": 390, "height": 844}
# The height the page's chrome takes above main's content: header, menu, search and language switcher.
CHROME_HEIGHT = "Math.round(document.querySelector('.site-search-bar').getBoundingClientRect().bottom)"
CHROME_PAGES = ["index.html", "framework.html", "matrix.html", "assess.html", "programme.html", "appendix.html"]
CHROME_PAGES += ["domains/buy-in.html", "domains/resources-human-and-financial.html", "accessibility.html"]


@pytest.mark.parametrize("folder", ["", "cy/"])
def test_on_a_phone_the_header_menu_and_search_are_compact_and_the_same_on_every_page(
    browser: Browser, real_site: Path, folder: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    heights = {}
    for name in CHROME_PAGES:
        page.goto((real_site / folder / name).as_uri())
        heights[name] = page.evaluate(CHROME_HEIGHT)
        assert page.is_hidden("#site-nav-list"), f"{name}: the menu is folded"
        assert page.get_attribute("[data-role=menu-toggle]", "aria-expanded") == "false"
    assert len(set(heights.values())) == 1, heights
    assert heights["index.html"] <= 200, f"{heights['index.html']} of 844 px"
    page.close()


def test_the_folded_menu_opens_and_closes_with_its_button_and_escape(browser: Browser, real_site: Path) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto((real_site / "cy/matrix.html").as_uri())
    toggle = page.locator("[data-role=menu-toggle]")
    assert toggle.text_content() == "Dewislen" and toggle.get_attribute("aria-controls") == "site-nav-list"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    links = page.locator("#site-nav-list a")
    assert [links.nth(n).is_visible() for n in range(links.count())] == [True] * 8
    links.nth(0).focus()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and page.is_hidden("#site-nav-list")
    assert page.evaluate("document.activeElement.dataset.role") == "menu-toggle"
    page.close()


def test_without_javascript_the_whole_menu_shows_and_no_button(browser: Browser, real_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto((real_site / "matrix.html").as_uri())
    assert page.is_hidden("[data-role=menu-toggle]")
    assert page.locator("#site-nav-list a:visible").count() == 8
    context.close()


# For each crumb after the first: how far below the top of its line its link starts. A "›" left
# alone at the end of a line shows as a link starting a line lower.
CRUMB_DROPS = """() => [...document.querySelectorAll('.breadcrumb li + li')].map(crumb =>
    Math.round(crumb.querySelector('a').getClientRects()[0].top - crumb.getBoundingClientRect().top))"""


@pytest.mark.parametrize("width", [320, 390])
def test_the_breadcrumb_never_leaves_its_mark_alone_on_a_line(browser: Browser, real_site: Path, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    for name in ("domains/buy-in.html", "cy/domains/person-centred-practice.html"):
        page.goto((real_site / name).as_uri())
        assert all(drop <= 4 for drop in page.evaluate(CRUMB_DROPS)), f"{name} at {width} px"
    page.close()


@pytest.mark.parametrize("name", ["index.html", "cy/domains/buy-in.html", "assess.html"])
def test_the_folded_menu_moves_nothing_when_its_script_starts(browser: Browser, real_site: Path, name: str) -> None:
    """The menu is folded from first paint (js-enabled is set before it), so CLS stays 0 on a phone."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    context.add_init_script(WATCH_SHIFTS)
    page = context.new_page()
    page.goto((real_site / name).as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cls") == 0
    context.close()


def test_the_single_file_keeps_its_short_menu_open_on_a_phone(browser: Browser, real_site: Path) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto((real_site / "mpw-development-matrix.html").as_uri())
    assert page.locator(".site-nav a:visible").count() == 3
    page.close()


@pytest.mark.parametrize(
    ("url", "base", "own"),
    [
        ("file:///usb/mpw/assess.html", "file:///usb/mpw/", True),
        ("blob:null/4481c7b1-17bc-4766-8d24-8eb2cc0befe5", "file:///usb/mpw/", True),
        ("file:///usb/other/x.js", "file:///usb/mpw/", False),
        ("https://cdn.example/x.js", "file:///usb/mpw/", False),
        ("blob:http://127.0.0.1:8000/4481c7b1", "http://127.0.0.1:8000/sub/", True),
        ("blob:http://127.0.0.1:9000/4481c7b1", "http://127.0.0.1:8000/sub/", False),
        ("blob:null/4481c7b1", "http://127.0.0.1:8000/sub/", False),
        ("http://127.0.0.1:8000/elsewhere.html", "http://127.0.0.1:8000/sub/", False),
    ],
)
def test_only_the_sites_files_and_its_own_blob_urls_count_as_staying_inside(url: str, base: str, own: bool) -> None:
    assert is_the_sites_own(url, base) is own

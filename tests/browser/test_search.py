"""The search box, as a visitor uses it, from the folder (file://) and hosted under a sub-path (http)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from mpw_static.build import build_site
from support import mini_domain, watch_for_errors, write

pytestmark = pytest.mark.browser

RESULTS = ".search-results .search-result"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    errors = watch_for_errors(opened)
    yield opened
    context.close()
    assert errors == []  # no script error and no refusal by the page's Content Security Policy


def search(page: Page, query: str) -> None:
    page.fill("#site-search-input", query)
    expect(page.locator("[data-role=search-status]")).not_to_have_text(re.compile(r"^$|Loading"))


def test_carers_leads_to_the_right_indicator(page: Page, site_base: str) -> None:
    page.goto(site_base + "framework.html")
    # Nothing of the search is loaded until the box is used.
    assert page.evaluate("typeof window.MiniSearch + typeof window.MPW_SEARCH_DOCUMENTS") == "undefinedundefined"
    search(page, "carers")
    first = page.locator(RESULTS).first
    expect(first.locator(".search-kind")).to_have_text("Indicator")
    expect(first.locator("a")).to_have_text("6.6 Involvement and communication with a person’s support network")
    assert first.locator("mark").all_text_contents() == ["carer"]  # in "carer(s)"
    expect(page.locator("[data-role=search-status]")).to_have_text(re.compile(r"^\d+ results?$"))
    page.press("#site-search-input", "Enter")
    page.wait_for_url("**/domains/person-centred-practice.html#indicator-6.6")
    assert page.evaluate("document.querySelector(':target').id") == "indicator-6.6"


@pytest.mark.parametrize(
    ("query", "kind", "address"),
    [
        ("staff wellbeing", "Data item", "appendix.html#rank-3"),
        ("intended beneficiaries", "Test question", "#questions-Q1"),
        ("information sharing", "Domain", "domains/information-sharing-and-governance.html"),
        ("virtual wards", "Page", "framework.html#"),
    ],
)
def test_each_kind_of_result_links_to_its_place(
    page: Page, site_base: str, query: str, kind: str, address: str
) -> None:
    page.goto(site_base + "index.html")
    search(page, query)
    found = [
        (result.locator(".search-kind").text_content(), result.locator("a").get_attribute("href"))
        for result in page.locator(RESULTS).all()
    ]
    assert any(got_kind == kind and address in href for got_kind, href in found), found


def test_keyboard_only(page: Page, real_site: Path) -> None:
    page.goto((real_site / "matrix.html").as_uri())
    page.keyboard.press("Tab")  # the skip link
    while page.evaluate("document.activeElement.id") != "site-search-input":
        page.keyboard.press("Tab")
    page.keyboard.type("leadership")
    expect(page.locator(RESULTS).first).to_be_visible()
    page.keyboard.press("ArrowDown")
    links = page.locator(".search-results a")
    assert page.evaluate("document.activeElement.href") == links.nth(0).evaluate("a => a.href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == links.nth(1).evaluate("a => a.href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "site-search-input"
    page.keyboard.press("Escape")
    assert page.input_value("#site-search-input") == ""
    expect(page.locator(".search-results")).to_be_hidden()
    expect(page.locator("[data-role=search-status]")).to_have_text("")


def test_nothing_found_says_so_and_a_short_query_waits(page: Page, real_site: Path) -> None:
    page.goto((real_site / "index.html").as_uri())
    search(page, "zzqxv")
    expect(page.locator("[data-role=search-status]")).to_have_text("No results for “zzqxv”")
    expect(page.locator(".search-results")).to_be_hidden()
    page.fill("#site-search-input", "c")
    expect(page.locator("[data-role=search-status]")).to_have_text("")


def test_welsh_interface_searches_its_own_pages(page: Page, real_site: Path) -> None:
    page.goto((real_site / "cy" / "index.html").as_uri())
    expect(page.locator("label[for=site-search-input]")).to_have_text("Chwilio'r wefan")
    search(page, "carers")
    expect(page.locator(RESULTS).first.locator(".search-kind")).to_have_text("Dangosydd")
    href = page.locator(RESULTS).first.locator("a").evaluate("a => a.href")
    assert href.endswith("/cy/domains/person-centred-practice.html#indicator-6.6")


def test_without_javascript_there_is_no_box(browser: Browser, real_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((real_site / "index.html").as_uri())
    expect(page.locator("[role=search]")).to_be_hidden()
    context.close()


def test_result_text_is_shown_as_text(page: Page, mini_content: Path, tmp_path: Path) -> None:
    hostile = mini_domain(1).replace(
        'title = "Indicator 1.1"', "title = \"Indicator <img src=x onerror='window.ran=1'> wellbeing\""
    )
    write(mini_content / "matrix/domains/01-domain-1.toml", hostile)
    build_site(mini_content, tmp_path / "dist")
    page.goto((tmp_path / "dist" / "index.html").as_uri())
    search(page, "wellbeing")
    title = page.locator(RESULTS).first.locator("a")
    expect(title).to_have_text("1.1 Indicator <img src=x onerror='window.ran=1'> wellbeing")
    assert page.locator(".search-results img").count() == 0
    assert page.evaluate("window.ran") is None

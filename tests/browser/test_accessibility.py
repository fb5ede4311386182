"""WCAG 2.2 AA in Chromium: axe-core on every page type, a keyboard-only assessment, visible focus,
errors and status messages for assistive technology, and 400% zoom."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from py_pages import RESET, SHOW_EVERY_DOMAIN, reload

from benchmarks.collection import write_collection
from mpw_static.load import load_framework
from support import REAL_CONTENT, ROOT, download, watch_for_errors

pytestmark = pytest.mark.browser

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    "resultTypes": ["violations"],
    # axe-core would fetch the stylesheets again to read them. On file:// Chromium refuses that fetch
    # whatever the policy (and the site's connect-src 'none' refuses it too): the results are the
    # same with it or without it, rule for rule, so pages are checked with the site's policy on.
    "preload": False,
}
PAGE_TYPES = [
    "index.html",
    "framework.html",
    "matrix.html",
    "appendix.html",
    "resources.html",
    "quality-standards.html",
    "accessibility.html",
    "assess.html",
    "programme.html",
    "mpw-development-matrix.html",
    "cy/index.html",
    "cy/assess.html",
    "cy/domains/buy-in.html",
    "cy/appendix.html",
    *[f"domains/{domain.slug}.html" for domain in load_framework(REAL_CONTENT).domains],
]
# Shows whether the focused element is visibly marked: an outline or a box shadow.
FOCUS_MARK = """() => {
    const el = document.activeElement
    const style = getComputedStyle(el)
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    return { id: el.id, tag: el.tagName, visible: outlined || style.boxShadow !== 'none' }
}"""


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


# axe-core's run, in the page: only the failures come back, one readable line each. The first pass
# leaves out each node's CSS selector (about a fifth of the run on the 45-indicator form); only when
# something fails does a second pass find where, for the message. null: axe-core is not on the page.
RUN_AXE = """async ([context, options]) => {
    if (typeof axe === 'undefined') return null
    const failures = async more => (await axe.run(context || document, { ...options, ...more })).violations
    let found = await failures({ selectors: false })
    if (found.length) found = await failures({})
    return found.map(v => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map(n => n.target))}`)
}"""


def violations(axe: Axe, page: Page, within: list[str] | None = None) -> list[str]:
    """axe-core's WCAG A/AA failures on the page as it is now, one readable line each. With `within`
    (CSS selectors), only those parts are checked: for a state of a page whose whole is checked by
    test_every_page_type_passes_axe_and_fits_400_percent_zoom, the parts that state changes. On the
    45-indicator form this takes about 1 s instead of 5 s here. axe-core is put in the page once for
    each document, the first time it is asked for."""
    context = {"include": [[selector] for selector in within]} if within else None
    page.evaluate(SHOW_EVERY_DOMAIN)
    found = page.evaluate(RUN_AXE, [context, WCAG_AA])
    if found is None:
        page.evaluate(axe.axe_script)
        found = page.evaluate(RUN_AXE, [context, WCAG_AA])
    return found


# A new context's viewport, which each test gets back on a shared page.
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}
ZOOMED = {"width": 320, "height": 256}  # a 1280 x 1024 screen at 400% zoom, in CSS pixels


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """One page for this module's tests, with the site's policy on, and the errors it has seen."""
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    yield opened, watch_for_errors(opened)
    context.close()


def fresh(tab: tuple[Page, list[str]], viewport: dict[str, int]) -> Iterator[Page]:
    """The module's page for one test, as a new context would be: empty storage, no errors seen yet,
    the given viewport; after the test, what it stored is cleared and it is left blank."""
    page, errors = tab
    errors.clear()
    page.set_viewport_size(viewport)
    yield page
    if page.url.startswith("file:"):
        page.evaluate(RESET)  # focus off first, or a changed text box saves as the page is left
    page.goto("about:blank")
    assert errors == [], f"script errors or blocked content: {errors}"


@pytest.fixture
def page(tab: tuple[Page, list[str]]) -> Iterator[Page]:
    yield from fresh(tab, DEFAULT_VIEWPORT)


@pytest.fixture
def zoomed(tab: tuple[Page, list[str]]) -> Iterator[Page]:
    """The page at 400% zoom from the start."""
    yield from fresh(tab, ZOOMED)


def fits_400_percent_zoom(page: Page) -> None:
    """Zoom the open page to 400% (a 1280 x 1024 screen leaves a 320 x 256 CSS pixel viewport), as
    a reader does: nothing may need sideways scrolling."""
    page.set_viewport_size(ZOOMED)
    page.evaluate(SHOW_EVERY_DOMAIN)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"at 400% zoom the page is {width} px wide in a 320 px window"


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_passes_axe_and_fits_400_percent_zoom(axe: Axe, page: Page, real_site: Path, name: str) -> None:
    page.goto((real_site / name).as_uri())
    assert violations(axe, page) == []
    fits_400_percent_zoom(page)


def fill_domain_one(page: Page) -> None:
    page.fill("#service-name", "Coastal cluster")
    for index, statement in enumerate((2, 3, 4), start=1):
        page.check(f"#s-1-{index}-{statement}")
        page.check(f"#e-1-{index}-{'fully' if index % 2 else 'wip'}")
    page.check("#s-1-4-na")
    page.fill("#context-1", "Formed this year")
    page.locator("#context-1").blur()
    # The plan fields showing, with the question a target below the statement asks.
    page.click("#indicator-1-3 [data-role=plan] summary")
    page.select_option("#target-1-3", "2")
    page.fill("#steps-1-3", "Keep the clinic")
    page.check("#priority-1")
    expect(page.locator("#target-1-3-warning")).to_be_visible()


# What a filled assessment with its messages showing changes on assess.html, whose whole page (empty)
# test_every_page_type_passes_axe_and_fits_400_percent_zoom checks.
FILLED_PARTS = [
    "[data-role=error-summary]",
    "[data-role=damaged]",
    ".details",
    "#assess-domain-1",
    "section.library",
    "section.discuss",
]


def test_assessment_page_filled_with_messages_showing_fits_400_percent_zoom_and_passes_axe(
    axe: Axe, page: Page, real_site: Path
) -> None:
    """Accessibility does not depend on where the page is opened from, so this runs from file:// only.
    First zoomed in with domain 1 filled (a plan open) and a file refused; then, with more showing,
    axe-core on the parts that change."""
    page.goto((real_site / "assess.html").as_uri())
    fill_domain_one(page)
    page.set_input_files(
        "#import-file",
        files=[{"name": "a-long-file-name-for-a-narrow-screen.json", "mimeType": "application/json", "buffer": b"{"}],
    )
    expect(page.locator("[data-role='error-summary']")).to_contain_text("a-long-file-name-for-a-narrow-screen.json")
    expect(page.locator("#target-1-3-warning")).to_be_visible()
    fits_400_percent_zoom(page)
    page.set_viewport_size(DEFAULT_VIEWPORT)
    page.click("[data-action='duplicate']")  # two rows in the library table
    page.evaluate("localStorage.setItem('mpw-static:assessment:0000cccc-bad', '{oops')")
    reload(page)
    page.set_input_files(
        "#import-file",
        files=[{"name": "bad.json", "mimeType": "application/json", "buffer": b'{"format": "mpw-assessment"'}],
    )
    expect(page.locator("[data-role='error-summary']")).to_be_visible()
    expect(page.locator("[data-role='damaged']")).to_be_visible()
    assert page.locator(".library-table tbody tr").count() == 2
    assert violations(axe, page, within=FILLED_PARTS) == []


def press_until(page: Page, key: str, element_id: str, limit: int = 200) -> list[dict]:
    """Press a key until focus reaches the element; return where focus was at each step."""
    steps = []
    for _ in range(limit):
        page.keyboard.press(key)
        steps.append(page.evaluate(FOCUS_MARK))
        if steps[-1]["id"] == element_id:
            return steps
    raise AssertionError(f"{key} never reached #{element_id}; last: {steps[-3:]}")


def test_a_domain_can_be_completed_and_downloaded_with_the_keyboard_alone(
    page: Page, real_site: Path, tmp_path: Path
) -> None:
    page.goto((real_site / "assess.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate(FOCUS_MARK)["visible"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    steps = press_until(page, "Tab", "service-name")
    page.keyboard.type("Keyboard team")
    steps += press_until(page, "Tab", "s-1-1-1")
    for number, moves in ((1, 2), (2, 0), (3, 4), (4, 5)):  # arrow keys move the choice within a group
        if number > 1:
            steps += press_until(page, "Tab", f"s-1-{number}-1")
        for _ in range(moves):
            page.keyboard.press("ArrowDown")
        if moves < 5:
            page.keyboard.press("Space")
            steps += press_until(page, "Tab", f"e-1-{number}-fully")
            page.keyboard.press("Space")
        steps += press_until(page, "Tab", f"note-1-{number}")
        page.keyboard.type(f"Note {number}")
        if number == 1:  # the plan: open its fold, choose a target, type a step
            steps += press_until(page, "Tab", "plan-1-1-summary")
            page.keyboard.press("Enter")
            steps += press_until(page, "Tab", "target-1-1")
            for _ in range(4):
                page.keyboard.press("ArrowDown")
            steps += press_until(page, "Tab", "steps-1-1")
            page.keyboard.type("Steps typed by keyboard")
    steps += press_until(page, "Tab", "context-1")
    page.keyboard.type("Context typed by keyboard")
    steps += press_until(page, "Tab", "reflections-1")
    page.keyboard.type("Reflections typed by keyboard")
    steps += press_until(page, "Tab", "priority-1")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.text_content("[data-domain-progress='1']") == "4 of 4 answered"
    assert [page.is_checked(f"#s-1-1-{n}") for n in (3, 1)] == [True, False]
    assert page.is_checked("#s-1-2-1") and page.is_checked("#s-1-3-5") and page.is_checked("#s-1-4-na")
    steps += press_until(page, "Shift+Tab", "download-json-button")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert (saved["ratings"]["1.1"]["target"], saved["ratings"]["1.1"]["next_steps"]) == (4, "Steps typed by keyboard")
    assert saved["ratings"]["1.3"] == {
        "statement": 5,
        "evidence": "fully-achieved",
        "note": "Note 3",
        "target": None,
        "next_steps": "",
        "lead": "",
        "due_date": None,
        "due_cycle": "",
    }
    assert saved["domains"]["1"] == {
        "context": "Context typed by keyboard",
        "reflections": "Reflections typed by keyboard",
        "priority": True,
        "first_steps": "",
    }
    unmarked = [step for step in steps if not step["visible"]]
    assert unmarked == [], f"focus was not visible on {unmarked[:5]}"
    assert page.evaluate(FOCUS_MARK)["visible"]


def test_focus_lands_somewhere_useful_after_each_action(page: Page, real_site: Path, tmp_path: Path) -> None:
    page.goto((real_site / "assess.html").as_uri())
    fill_domain_one(page)
    # Each "On this page" link takes focus to its heading, so that Tab goes on from there and a
    # screen reader reads it ("Compare and discuss" left focus on the body).
    for heading in ("library-heading", "discuss-heading"):
        page.click(f".jump-links a[href='#{heading}']")
        assert page.evaluate("document.activeElement.id") == heading
    file = download(page, "download-json", tmp_path)
    page.click("[data-action='duplicate']")
    assert page.evaluate("document.activeElement.id") == "assessment-date"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-action='delete']").first.click()
    assert page.evaluate("document.activeElement.id") == "library-heading"
    page.set_input_files("#import-file", files=[{"name": "bad.json", "mimeType": "application/json", "buffer": b"[1"}])
    expect(page.locator("[data-role='error-summary']")).to_be_focused()
    page.locator("[data-role='error-summary'] a").first.press("Enter")
    assert page.evaluate("document.activeElement.id") == "import-file"
    other = json.loads(file.read_text(encoding="utf-8"))
    other["id"] = "0000dddd-2222-4333-8444-555566667777"
    page.set_input_files(
        "#import-file",
        files=[
            {"name": "one.json", "mimeType": "application/json", "buffer": file.read_bytes()},
            {"name": "two.json", "mimeType": "application/json", "buffer": json.dumps(other).encode()},
        ],
    )
    expect(page.locator("[data-role=status]")).to_have_text("Imported 2 assessments.")
    assert page.is_hidden("[data-role='error-summary']")
    assert page.evaluate("document.activeElement.id") == "library-heading"


def test_status_messages_use_a_polite_live_region(page: Page, real_site: Path) -> None:
    page.goto((real_site / "assess.html").as_uri())
    status = page.locator("[data-role=status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.check("#s-2-1-2")
    assert status.text_content().startswith("Saved in this browser at ")
    summary = page.locator("[data-role='error-summary']")
    assert summary.get_attribute("role") == "alert" and summary.get_attribute("tabindex") == "-1"


# Each discussion view with fixture files that fill it (the plan and distance ones carry targets).
DISCUSSION_VIEWS = [
    ("profile", ["member-a.json"]),
    ("plan", ["plan-baseline.json"]),
    ("composite", ["member-a.json", "member-b.json", "member-c.json"]),
    ("distance", ["plan-baseline.json", "plan-review.json"]),
]


def show_discussion(page: Page, real_site: Path, view: str, names: list[str]) -> None:
    """Open the assessment page, add fixture files for comparison and show one discussion view."""
    page.goto((real_site / "assess.html").as_uri())
    page.set_input_files("#compare-files", [str(ROOT / "tests/fixtures/discussion" / name) for name in names])
    expect(page.locator("[data-role=status]")).to_contain_text("to compare")
    page.check(f"#view-{view}")
    page.click("[data-action='show-view']")
    expect(page.locator(".discussion-heading")).to_be_visible()


@pytest.mark.parametrize("view, names", DISCUSSION_VIEWS)
def test_each_discussion_view_fits_400_percent_zoom_and_passes_axe(
    axe: Axe, zoomed: Page, real_site: Path, view: str, names: list[str]
) -> None:
    """Wide tables scroll inside their own box; the page itself never scrolls sideways. Charts are
    drawn at the width they are given, so the view is drawn zoomed, then again at full width for axe-core."""
    page = zoomed
    show_discussion(page, real_site, view, names)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the {view} view drawn at 400% zoom is {width} px wide in a 320 px window"
    page.set_viewport_size(DEFAULT_VIEWPORT)
    page.click("[data-action='show-view']")
    expect(page.locator(".discussion-heading")).to_be_visible()
    if view == "composite":
        page.check("#composite-only-split")
    assert violations(axe, page, within=["section.discuss"]) == []


def test_across_services_with_figures_names_and_file_problems_passes_axe_and_fits_400_percent_zoom(
    axe: Axe, zoomed: Page, real_site: Path, tmp_path: Path
) -> None:
    """The whole view drawn: a collection from benchmarks/collection.py, with bad files and repeats.
    Its charts are drawn at the width they are given: first zoomed, then drawn again at full width
    (the names box off and on) for axe-core with every fold open."""
    write_collection(tmp_path, files=60, seed=3)
    page = zoomed
    page.goto((real_site / "programme.html").as_uri())
    page.set_input_files("#programme-folder", str(tmp_path))
    expect(page.locator("[data-role=results]")).to_be_visible()
    page.check("#programme-names")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"across services at 400% zoom is {width} px wide in a 320 px window"
    page.set_viewport_size(DEFAULT_VIEWPORT)
    page.uncheck("#programme-names")
    page.check("#programme-names")
    for summary in page.locator(".programme-details summary").all():
        summary.click()
    assert violations(axe, page) == []


def test_search_with_results_open_passes_axe_and_fits_400_percent_zoom(axe: Axe, page: Page, real_site: Path) -> None:
    page.goto((real_site / "index.html").as_uri())
    page.fill("#site-search-input", "information")
    expect(page.locator(".search-results a").first).to_be_visible()
    assert page.get_attribute("[role=search]", "aria-label") == "Search this site"  # a named landmark
    assert violations(axe, page) == []
    fits_400_percent_zoom(page)  # the results are laid out again in the narrow window


# How far any line of a statement's text reaches outside its own cell, for each cell that does; and
# how many cells there are, so that a page without its form cannot pass.
OVERFLOWING_STATEMENTS = """() => ({ cells: document.querySelectorAll('.option').length,
  overflowing: [...document.querySelectorAll('.option')].flatMap(cell => {
    const box = cell.getBoundingClientRect()
    const text = document.createRange()
    text.selectNodeContents(cell.querySelector('label'))
    const out = Math.max(0, ...[...text.getClientRects()].map(line => Math.max(line.right - box.right, box.left - line.left)))
    return out > 0.5 ? [`${cell.querySelector('input').id}: ${Math.round(out)} px`] : []
  }) })"""


@pytest.mark.parametrize("name", ["assess.html", "mpw-development-matrix.html", "cy/assess.html"])
def test_no_statement_runs_out_of_its_cell(page: Page, real_site: Path, name: str) -> None:
    """Long words such as "boundaries/responsibilities" (6.3 S3) break inside their cell. The
    statements' lines are pure layout, so one load is laid out again at each width."""
    page.goto((real_site / name).as_uri())
    for width in (800, 1024, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        measured = page.evaluate(OVERFLOWING_STATEMENTS)
        assert measured == {"cells": 45 * 6, "overflowing": []}, f"{name} at {width} px"


@pytest.mark.parametrize("name", ["index.html", "cy/domains/buy-in.html"])
def test_the_phone_header_passes_axe_folded_and_open(axe: Axe, page: Page, real_site: Path, name: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})  # before the page opens, as on a phone
    page.goto((real_site / name).as_uri())
    assert violations(axe, page, within=["header", ".site-search-bar", ".breadcrumb"]) == []
    page.click("[data-role=menu-toggle]")
    assert violations(axe, page, within=["header"]) == []

"""Layout at the widths people use: no page wider than its window, whatever it holds, and headings that
break between words. Chromium through Playwright, on file://; Firefox ESR and WebKitGTK through engines.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from test_discussion import show
from test_discussion_checks import compare_files_made, member, open_page
from test_other_engines import show as show_in
from test_reading_engines import open_assessment, resize

from engines import Engine, EnginePool
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
    placed against the page, so the whole page scrolled sideways at 770-960 px. Each width is set
    through the DevTools protocol's own viewport override (what Playwright's set_viewport_size sends,
    without its waiting, about a third of the CPU here), and the page says the width it was given."""
    page = browser.new_page(viewport={"width": 320, "height": 700})
    devtools = page.context.new_cdp_session(page)
    too_wide = []
    for name in DOMAIN_PAGES:
        page.goto((real_site / name).as_uri())
        for width in sorted(set(WIDTHS)):
            devtools.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 700, "deviceScaleFactor": 1, "mobile": False},
            )
            measured = devtools.send(
                "Runtime.evaluate",
                {"expression": "[window.innerWidth, document.documentElement.scrollWidth]", "returnByValue": True},
            )
            inner, scroll_width = measured["result"]["value"]
            assert inner == width, f"{name}: the window was {inner} px wide, not {width} px"
            if scroll_width > width:
                too_wide.append(f"{name} at {width} px is {scroll_width} px wide")
    devtools.detach()
    page.close()
    assert too_wide == []


# Each word of each member's heading that the browser split over lines, with the lines it made.
BROKEN_WORDS = """() => [...document.querySelectorAll('.composite-table .member-heading')].flatMap(heading => {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT)
    const broken = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange()
            range.setStart(node, word.index)
            range.setEnd(node, word.index + word[0].length)
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)))
            if (lines.size > 1) broken.push(`${word[0]} in "${heading.textContent}" over ${lines.size} lines`)
        }
    }
    return broken
})"""
ROLES = ["District nurse", "Social worker", "General practitioner", "Occupational therapist", "Physiotherapist",
         "Community pharmacist", "Team manager", "Carers’ support officer"]  # fmt: skip


@pytest.mark.parametrize("width", [1024, 1280])
def test_eight_members_headings_break_between_words_and_fit(browser: Browser, real_site: Path, width: int) -> None:
    """At 1024 px the headings broke mid-word ("Socia/l/work/er", "Com/munit/y/phar/macis/t")."""
    page, errors = open_page(browser, (real_site / "assess.html").as_uri(), width=width)
    files = {}
    for number, role in enumerate(ROLES):
        data = member("harbour-1.json", {"id": f"e000000{number}-0000-4000-8000-000000000000"})
        data["service"]["participants"] = role
        files[f"member-{number}.json"] = data
    compare_files_made(page, files)
    show(page, "composite")
    assert page.locator(".composite-table .member-heading").all_inner_texts() == ROLES
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    table_right = page.evaluate("document.querySelector('.composite-table').getBoundingClientRect().right")
    assert table_right <= page.evaluate("document.querySelector('.discussion').getBoundingClientRect().right")
    page.context.close()
    assert errors == []


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def engine(request: pytest.FixtureRequest, engine_pool: EnginePool) -> Iterator[Engine]:
    yield from engine_pool.lend(request.param)


def test_in_firefox_and_webkit_domain_pages_fit_and_members_headings_break_between_words(
    engine: Engine, real_site: Path, tmp_path: Path
) -> None:
    """The same two checks in the other engines, at the widths the tester measured."""
    too_wide = []
    for name in (
        "domains/buy-in.html",
        "domains/person-centred-practice.html",
        "cy/domains/person-centred-practice.html",
    ):
        engine.open((real_site / name).as_uri())
        for width in (770, 800, 880, 960):
            resize(engine, width, 800)
            inner, scroll_width = engine.run("return [window.innerWidth, document.documentElement.scrollWidth]")
            if scroll_width > inner:
                too_wide.append(f"{name} at {inner} px is {scroll_width} px wide")
    assert too_wide == []
    open_assessment(engine, real_site, 1024, 800)
    for number, role in enumerate(ROLES):
        data = member("harbour-1.json", {"id": f"e000000{number}-0000-4000-8000-000000000000"})
        data["service"]["participants"] = role
        (tmp_path / f"member-{number}.json").write_text(json.dumps(data), encoding="utf-8")
        engine.choose_file("#compare-files", tmp_path / f"member-{number}.json")
        engine.wait_for(
            lambda added=number + 1: (
                engine.run("return document.querySelectorAll('[data-role=discuss-pick]:checked').length") == added
            ),
            f"adding member {number}",
        )
    show_in(engine, "composite")
    assert engine.run(f"return ({BROKEN_WORDS})()") == []
    table, discussion = engine.run(
        "return ['.composite-table', '.discussion'].map(s => document.querySelector(s).getBoundingClientRect().right)"
    )
    assert table <= discussion + 0.5
    assert engine.run("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")

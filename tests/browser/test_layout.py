"""Layout at the widths people use: no page wider than its window, whatever it holds, and headings that
break between words. Chromium through Playwright, on file://; Firefox ESR and WebKitGTK through engines.py."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_discussion_checks import ROLES_16, composite_of, member, open_page
from test_other_engines import show as show_in
from test_other_engines import tap
from test_reading_engines import open_assessment, resize

from engines import Engine, EnginePool, Firefox
from mpw_static.load import load_framework
from support import REAL_CONTENT, ROOT

pytestmark = pytest.mark.browser
HOSTILE = ROOT / "tests" / "hostile" / "files"

DOMAIN_PAGES = [
    f"{folder}domains/{domain.slug}.html" for folder in ("", "cy/") for domain in load_framework(REAL_CONTENT).domains
]
# Every 10 px where the matrix's table starts to scroll in its box (the tester's 770-960 px), and
# coarser steps either side of it, down to a phone and up to a wide screen.
WIDTHS = sorted({320, 375, 480, 600, 640, 700, *range(700, 1001, 10), 1100, 1200, 1280, 1400})
# Every page whose tables sit in a .table-scroll box, with the widths it is measured at: each domain
# page's matrix, and more coarsely (their tables fit their box at every width; below 769 px they are
# cards) the workforce themes of matrix.html and the appendix's ranked data items. (The single-file
# edition holds those two tables again, from the same templates and CSS.)
OTHER_WIDTHS = [320, 400, 769, 800, 1000]
TABLE_PAGES = dict.fromkeys(DOMAIN_PAGES, WIDTHS)
TABLE_PAGES |= dict.fromkeys(["matrix.html", "appendix.html", "cy/matrix.html", "cy/appendix.html"], OTHER_WIDTHS)
# The distance travelled of two cycles, shown on the assessment page in each language: its domains
# table's ten columns of counts were 940 px wide (891 in Welsh) whatever the window from 769 px, where
# the tables stop being cards, and widened the page (940 px at 800 and 900 px). Every 10 px there.
DISTANCE_VIEWS = ["assess.html", "cy/assess.html"]
TABLE_PAGES |= dict.fromkeys(DISTANCE_VIEWS, sorted({375, 600, 768, *range(770, 951, 10), 800, 1000, 1280}))
CYCLES = [ROOT / "tests" / "fixtures" / "discussion" / name for name in ("baseline.json", "six-month-review.json")]
# The pages whose tables are scrolled with the wheel, at the first width they are wider than their
# box: the widest matrix, in each language (its table is 270 px wider than its box at 769 px), and
# the distance travelled's domains table.
SCROLLED = ["domains/person-centred-practice.html", "cy/domains/person-centred-practice.html", *DISTANCE_VIEWS]
# How much wider than its box each table box's content is.
BOXES_OVERFLOW = "[...document.querySelectorAll('.table-scroll')].map(box => box.scrollWidth - box.clientWidth)"
# Box `index` brought into view, and a point inside it to turn the mouse wheel over.
INTO_VIEW = """index => {
    const box = document.querySelectorAll('.table-scroll')[index]
    box.scrollIntoView({ block: 'start' })
    const place = box.getBoundingClientRect()
    return [place.left + place.width / 2, Math.max(place.top, 0) + 20]
}"""
# How far the end of the box's table (its first row's last cell) lies outside the box or the window.
END_OUTSIDE = """index => {
    const box = document.querySelectorAll('.table-scroll')[index]
    const end = box.querySelector('tr').lastElementChild.getBoundingClientRect().right
    return Math.round(Math.max(0, end - box.getBoundingClientRect().right, end - innerWidth))
}"""


def scrolled_to_the_end(page: Page, index: int) -> str | None:
    """Turn the mouse wheel sideways over table box `index`, as a reader scrolls a wide table; None if
    the box scrolls to the end of its table (its last column then in the box and the window), else
    what went wrong."""
    x, y = page.evaluate(INTO_VIEW, index)
    page.mouse.move(x, y)
    page.mouse.wheel(5000, 0)
    try:  # the wheel's scrolling ends after the call returns
        page.wait_for_function(
            "i => { const box = document.querySelectorAll('.table-scroll')[i];"
            " return box.scrollLeft > 0 && box.scrollLeft >= box.scrollWidth - box.clientWidth - 1 }",
            arg=index,
            timeout=2000,
        )
    except PlaywrightTimeout:
        return "the mouse wheel does not scroll it"
    outside = page.evaluate(END_OUTSIDE, index)
    return f"scrolled to its end, its last column is {outside} px outside it" if outside else None


def show_distance(page: Page) -> None:
    """On the assessment page, add the two cycles' files to compare and show their distance travelled."""
    page.set_input_files("#compare-files", [str(path) for path in CYCLES])
    page.wait_for_function("() => document.querySelectorAll('[data-role=discuss-pick]:checked').length === 2")
    page.check("#view-distance")
    page.click("[data-action='show-view']")
    page.locator(".distance-table").wait_for()


def test_no_page_with_a_table_is_wider_than_its_window_and_its_tables_scroll_in_their_box(
    browser: Browser, real_site: Path
) -> None:
    """The N/A cells' hidden words ("Not applicable to this service") sat in a scrolling box but were
    placed against the page, so the whole page scrolled sideways at 770-960 px. Each width is set
    through the DevTools protocol's own viewport override (what Playwright's set_viewport_size sends,
    without its waiting, about a third of the CPU here), and the page says the width it was given.
    A table wider than its box (the domains' matrices, from 769 px where they stop being cards)
    must scroll inside it: at the first width where the widest one is, the wheel scrolls it to its
    last column. (If the box did not scroll, the page would be wider, or the table's end cut off.)
    The distance travelled's tables are measured in the same way, once the view is shown."""
    page = browser.new_page(viewport={"width": 320, "height": 700})
    devtools = page.context.new_cdp_session(page)
    too_wide, not_scrolling, scrolled, overflowing = [], [], [], set()
    for name, widths in TABLE_PAGES.items():
        page.goto((real_site / name).as_uri())
        if name in DISTANCE_VIEWS:
            show_distance(page)
        for width in widths:
            devtools.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 700, "deviceScaleFactor": 1, "mobile": False},
            )
            measured = devtools.send(
                "Runtime.evaluate",
                {
                    "expression": f"[window.innerWidth, document.documentElement.scrollWidth, {BOXES_OVERFLOW}]",
                    "returnByValue": True,
                },
            )
            inner, scroll_width, boxes = measured["result"]["value"]
            assert inner == width, f"{name}: the window was {inner} px wide, not {width} px"
            if scroll_width > width:
                too_wide.append(f"{name} at {width} px is {scroll_width} px wide")
            wider = [index for index, overflow in enumerate(boxes) if overflow > 0]
            if wider:
                overflowing.add(name)
            if wider and name in SCROLLED and name not in scrolled:
                scrolled.append(name)
                for index in wider:
                    problem = scrolled_to_the_end(page, index)
                    if problem:
                        not_scrolling.append(f"{name} at {width} px, table {index + 1}: {problem}")
    devtools.detach()
    page.close()
    assert too_wide == []
    assert not_scrolling == []
    # So that the scrolling is checked at all: each domain's matrix and the distance travelled's domains
    # table are wider than their box at some width, and the widest were scrolled.
    assert [name for name in DOMAIN_PAGES + DISTANCE_VIEWS if name not in overflowing] == []
    assert scrolled == SCROLLED


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
    composite_of(page, ROLES)
    assert page.locator(".composite-table .member-heading").all_inner_texts() == ROLES
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    table_right = page.evaluate("document.querySelector('.composite-table').getBoundingClientRect().right")
    assert table_right <= page.evaluate("document.querySelector('.discussion').getBoundingClientRect().right")
    page.context.close()
    assert errors == []


def show_composite_of(engine: Engine, roles: list[str], folder: Path) -> None:
    """Add one member's file per role, one by one as a person chooses them, and show the composite."""
    for number, role in enumerate(roles):
        data = member("harbour-1.json", {"id": f"e000000{number}-0000-4000-8000-000000000000"})
        data["service"]["participants"] = role
        (folder / f"member-{number}.json").write_text(json.dumps(data), encoding="utf-8")
        engine.choose_file("#compare-files", folder / f"member-{number}.json")
        engine.wait_for(
            lambda added=number + 1: (
                engine.run("return document.querySelectorAll('[data-role=discuss-pick]:checked').length") == added
            ),
            f"adding member {number}",
        )
    show_in(engine, "composite")


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
    show_composite_of(engine, ROLES, tmp_path)
    assert engine.run(f"return ({BROKEN_WORDS})()") == []
    table, discussion = engine.run(
        "return ['.composite-table', '.discussion'].map(s => document.querySelector(s).getBoundingClientRect().right)"
    )
    assert table <= discussion + 0.5
    assert engine.run("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_in_firefox_and_webkit_a_composite_too_wide_scrolls_in_its_box_not_the_page(
    engine: Engine, real_site: Path, tmp_path: Path
) -> None:
    """Eight one-word roles of 16 letters at 1024 px (15 letters made the page 1071 px wide in Firefox;
    WebKitGTK's type fits those)."""
    open_assessment(engine, real_site, 1024, 800)
    show_composite_of(engine, ROLES_16, tmp_path)
    assert engine.run("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    box, discussion = engine.run(
        "return ['.composite-scroll', '.discussion'].map(s => document.querySelector(s).getBoundingClientRect().right)"
    )
    assert box <= discussion + 0.5
    reached = engine.run("""
        const box = document.querySelector('.composite-scroll')
        const last = [...box.querySelectorAll('.agreed-choice select')].pop()
        last.focus()
        return [box.scrollWidth > box.clientWidth, box.scrollLeft > 0,
                last.getBoundingClientRect().right <= box.getBoundingClientRect().right + 0.5, scrollX]""")
    assert reached == [True, True, True, 0]


def png_pixels(png: bytes) -> list[list[tuple[int, int, int]]]:
    """The rows of RGB pixels of an 8-bit RGB or RGBA PNG, as the browsers' screenshots are."""
    chunks, at = {}, 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        chunks[kind] = chunks.get(kind, b"") + png[at + 8 : at + 8 + length]
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6), "an 8-bit RGB or RGBA picture"
    size = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(chunks[b"IDAT"]), width * size, [], bytearray(width * size)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):  # undo the row's filter (PNG: none, sub, up, average, Paeth)
            a, b = line[i - size] if i >= size else 0, previous[i]
            c = previous[i - size] if i >= size else 0
            p = a + b - c
            paeth = a if abs(p - a) <= min(abs(p - b), abs(p - c)) else (b if abs(p - b) <= abs(p - c) else c)
            line[i] = (line[i] + (0, a, b, (a + b) // 2, paeth)[kind]) & 0xFF
        rows.append([tuple(line[x * size : x * size + 3]) for x in range(width)])
        previous = line
    return rows


def dark(pixel: tuple[int, int, int]) -> bool:
    return max(pixel) < 60  # the list's ink (#0b0c0c), not the red bar (#d4351c), the page or a teal edge below


# Where, in the list of refused files, its red bar ends and the first item's words start (CSS px).
BAR_AND_WORDS = """var list = document.querySelector('.meeting-file-errors').getBoundingClientRect()
    var words = document.createRange()
    words.selectNodeContents(document.querySelector('.meeting-file-errors li'))
    var style = getComputedStyle(document.querySelector('.meeting-file-errors'))
    return [parseFloat(style.borderLeftWidth), words.getBoundingClientRect().left - list.left,
            words.getBoundingClientRect().bottom - list.top, devicePixelRatio]"""


def bullets_beside_the_bar(png: bytes, bar: float, words: float, bottom: float, ratio: float) -> dict:
    """What the picture of the list shows: ink on the red bar, and where the first item's bullet is."""
    rows = png_pixels(png)
    on_bar = sum(dark(pixel) for row in rows for pixel in row[: int(bar * ratio)])
    first = [
        x for row in rows[: int(bottom * ratio)] for x, pixel in enumerate(row[: int(words * ratio)]) if dark(pixel)
    ]
    return {"ink on the bar": on_bar, "bullet after the bar": bool(first) and min(first) >= bar * ratio}


MEMBER_FILES = [
    ROOT / "tests" / "fixtures" / "discussion" / "member-a.json",
    HOSTILE / "bad-id.json",
    HOSTILE / "empty.json",
]
CLEAR = {"ink on the bar": 0, "bullet after the bar": True}


def test_a_refused_member_file_s_bullet_is_beside_its_red_bar_not_on_it(browser: Browser, real_site: Path) -> None:
    """The meeting's set-up lists each refused member's file with a bullet, by a red bar: the bullets
    were drawn on the bar (the list's 12 px padding is narrower than a bullet's place)."""
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto((real_site / "assess.html").as_uri())
    page.click("#meeting-open")
    page.set_input_files("#meeting-members-files", [str(path) for path in MEMBER_FILES])
    page.locator(".meeting-file-errors li").nth(1).wait_for()
    geometry = page.evaluate(f"() => {{ {BAR_AND_WORDS} }}")
    picture = page.locator(".meeting-file-errors").screenshot()
    page.close()
    assert bullets_beside_the_bar(picture, *geometry) == CLEAR


def test_in_firefox_and_webkit_a_refused_member_file_s_bullet_is_beside_its_red_bar(
    engine: Engine, real_site: Path
) -> None:
    open_assessment(engine, real_site, 1000, 800)
    tap(engine, "#meeting-open")
    engine.wait_for(lambda: engine.run("return !!document.getElementById('meeting-members-files')"), "the set-up")
    engine.choose_files("#meeting-members-files", MEMBER_FILES)
    engine.wait_for(
        lambda: engine.run("return document.querySelectorAll('.meeting-file-errors li').length") == 2, "refusals"
    )
    geometry = engine.run(BAR_AND_WORDS)
    element = engine.element(".meeting-file-errors")
    if isinstance(engine, Firefox):
        picture = base64.b64decode(engine.client.screenshot(element=element))
    else:
        picture = element.screenshot_as_png
    assert bullets_beside_the_bar(picture, *geometry) == CLEAR


# The discussion view's chart: the width it is drawn at and shown at, and the discussion area's width.
VIEW_CHART = """var chart = document.querySelector('.discussion svg.chart')
    return [chart.viewBox.baseVal.width, Math.round(chart.getBoundingClientRect().width),
            document.querySelector('.discussion').clientWidth]"""


def test_in_firefox_and_webkit_a_views_chart_follows_the_window_s_width(engine: Engine, real_site: Path) -> None:
    """The distance travelled's chart, drawn at 375 px and the window widened to 1280 and narrowed
    again: drawn again each time at the discussion area's width (300 to 960 px), never shrunk."""
    open_assessment(engine, real_site, 375, 800)
    cycles = ROOT / "tests" / "fixtures" / "discussion"
    engine.choose_files("#compare-files", [cycles / "baseline.json", cycles / "six-month-review.json"])
    engine.wait_for(
        lambda: engine.run("return document.querySelectorAll('[data-role=discuss-pick]:checked').length") == 2,
        "the files",
    )
    show_in(engine, "distance")
    seen = []
    for width in (375, 1280, 375):
        resize(engine, width, 800)

        def drawn_at_the_area_s_width() -> list | None:
            drawn, shown, area = engine.run(VIEW_CHART)
            return [drawn, shown, area] if drawn == shown == min(960, max(300, area)) else None

        seen.append(engine.wait_for(drawn_at_the_area_s_width, f"the chart drawn at {width} px", seconds=5))
    assert seen[0] == seen[2] and seen[0][0] < 600 < seen[1][0], seen  # Firefox's narrowest window is about 450 px


# The distance travelled's domains table's box: [box's accessible name is its caption, how much wider
# its table is than the box].
DOMAINS_BOX = """var box = document.querySelector('.distance-domains-table').parentElement
    return [box.getAttribute('role'), document.getElementById(box.getAttribute('aria-labelledby')).textContent,
            box.scrollWidth - box.clientWidth, box.scrollLeft]"""


def test_the_distance_travelled_s_wide_table_is_a_region_that_tab_reaches_and_the_arrow_keys_scroll(
    browser: Browser, real_site: Path
) -> None:
    """At 800 px the domains table is wider than its box: a person with a keyboard tabs from the
    view's heading to its box and scrolls it with the arrow keys, as on the domain pages."""
    page = browser.new_page(viewport={"width": 800, "height": 800})
    page.goto((real_site / "assess.html").as_uri())
    show_distance(page)
    page.focus(".discussion-heading")
    stops = []  # what each Tab reached, until the domains table's box
    while len(stops) < 10 and not page.evaluate("!!document.activeElement.querySelector('.distance-domains-table')"):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.className"))
    role, name, wider, _ = page.evaluate(f"() => {{ {DOMAINS_BOX} }}")
    assert stops == ["table-scroll view-scroll", "table-scroll view-scroll"]  # the cycles' box, then the domains'
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.activeElement.scrollLeft > 0"
    )  # a function: a bare expression is eval-ed when polled, which the page's policy refuses
    page.close()
    assert [role, name, wider > 100] == ["region", "Movement by domain, from the first cycle to the last", True]


def test_in_firefox_and_webkit_the_distance_travelled_scrolls_its_tables_in_their_box_not_the_page(
    engine: Engine, real_site: Path
) -> None:
    """The tester's widths (Firefox's page was 941 px wide, WebKit's 836 px, at 800 px)."""
    open_assessment(engine, real_site, 800, 800)
    engine.choose_files("#compare-files", CYCLES)
    engine.wait_for(
        lambda: engine.run("return document.querySelectorAll('[data-role=discuss-pick]:checked').length") == 2,
        "the files",
    )
    show_in(engine, "distance")
    measured = []
    for width in (800, 900):
        resize(engine, width, 800)
        inner, scroll_width = engine.run("return [window.innerWidth, document.documentElement.scrollWidth]")
        measured.append(scroll_width <= inner)
    assert measured == [True, True]
    resize(engine, 800, 800)
    role, _, wider, _ = engine.run(DOMAINS_BOX)
    assert role == "region" and wider > 0  # at 800 px the box holds a table wider than itself

"""Reading and the keyboard in all three engines, on file://: focus never hides under the sticky
toolbar (WCAG 2.2, 2.4.11) when tabbing down and back up through a domain, a summary deep in the
form takes a click, and the phone menu folds and opens. Chromium through Playwright; Firefox ESR and
WebKitGTK through engines.py (skipped, with a reason, where an engine is not installed)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from engines import Engine, EnginePool, Firefox

pytestmark = pytest.mark.browser

DESKTOP = (1280, 800)
# Where the focused element is, against the toolbar: "under" it if any part of it is behind the
# sticky bar; "below" if any part of it is past the window's foot (WebKitGTK showed only the top
# 46 px of a 65-89 px text box: the caret line, not the box).
FOCUS_PLACE = """
    var el = document.activeElement, box = el.getBoundingClientRect()
    var bar = document.querySelector('.toolbar'), sticky = getComputedStyle(bar).position === 'sticky'
    var under = sticky && box.top < bar.getBoundingClientRect().bottom - 0.5
    var below = box.bottom > window.innerHeight + 0.5
    return { id: el.id || el.tagName, under: under, below: below, top: Math.round(box.top), bottom: Math.round(box.bottom) }
"""
# For Chromium, the page keeps the walk's log itself, so that each Tab is one round trip, not two:
# on each Tab's keyup (focus has moved, and Chromium has scrolled to it) it reads where focus is, as
# FOCUS_PLACE does. Once focus reaches the walk's target, further Tabs of a batch are refused
# (preventDefault), so the walk ends there as if the person had stopped pressing.
RECORD_WALK = (
    """
    var place = function () { """
    + FOCUS_PLACE
    + """ }
    var walk = window.__walk = { target: target, steps: [], done: false }
    if (window.__walking) return
    window.__walking = true
    document.addEventListener('keydown', function (event) {
        if (event.key === 'Tab' && window.__walk.done) event.preventDefault()
    }, true)
    document.addEventListener('keyup', function (event) {
        var walk = window.__walk
        if (event.key !== 'Tab' || walk.done) return
        var step = place()
        walk.steps.push(step)
        walk.done = step.id === walk.target
    }, true)
"""
)
# Every indicator of domains 1 and 2 answered, so that their plan folds and notes are in the way.
ANSWER_DOMAINS_1_AND_2 = """
    ['1-1', '1-2', '1-3', '1-4', '2-1', '2-2', '2-3', '2-4', '2-5'].forEach(function (key) {
        var choice = document.getElementById('s-' + key + '-3')
        choice.checked = true
        choice.dispatchEvent(new Event('change', { bubbles: true }))
    })
"""


def hidden_steps(press, place, first: str, last: str) -> list[dict]:
    """Tab from the first control to the last, then Shift+Tab back; the steps where focus was hidden."""
    hidden = []
    for key, target in (("Tab", last), ("Shift+Tab", first)):
        for _ in range(120):
            press(key)
            where = place()
            if where["under"] or where["below"]:
                hidden.append({"key": key, **where})
            if where["id"] == target:
                break
        else:
            raise AssertionError(f"{key} never reached #{target}")
    return hidden


FIRST_BATCH = 20  # Tabs pressed before the first look at the log: a domain takes about 20 steps
MORE = 4  # then a few more at a time until the walk reaches its target


def hidden_steps_in_batches(page: Page, first: str, last: str) -> list[dict]:
    """hidden_steps for Chromium, with the page reading each step itself (RECORD_WALK) and Python
    looking at the log after each batch of Tabs rather than after each Tab."""
    hidden, batch = [], FIRST_BATCH
    for key, target in (("Tab", last), ("Shift+Tab", first)):
        page.evaluate(f"(target) => {{ {RECORD_WALK} }}", target)
        pressed = 0
        while True:
            for _ in range(batch):
                page.keyboard.press(key)
            pressed, batch = pressed + batch, MORE
            if page.evaluate("window.__walk.done"):
                break
            if pressed >= 120:
                raise AssertionError(f"{key} never reached #{target}")
        steps = page.evaluate("window.__walk.steps")
        assert page.evaluate("document.activeElement.id") == target, f"{key}: focus went on past #{target}"
        hidden += [{"key": key, **where} for where in steps if where["under"] or where["below"]]
        batch = len(steps)  # the way back takes as many steps
    return hidden


@pytest.mark.parametrize("size", [DESKTOP, (800, 700), (1920, 1080)])
def test_chromium_focus_is_never_under_the_toolbar(browser: Browser, real_site: Path, size: tuple[int, int]) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto((real_site / "assess.html").as_uri())
    page.evaluate(ANSWER_DOMAINS_1_AND_2)
    page.focus("#s-1-1-3")
    assert page.evaluate("getComputedStyle(document.querySelector('.toolbar')).position") == "sticky"
    hidden = hidden_steps_in_batches(page, "s-1-1-3", "first-steps-1")
    hidden += hidden_steps_in_batches(page, "s-2-1-3", "first-steps-2")
    assert hidden == []
    page.close()


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def engine(request: pytest.FixtureRequest, engine_pool: EnginePool) -> Iterator[Engine]:
    """Firefox or WebKitGTK, borrowed from the test process's pool (started once for all modules),
    which gives it back to the next module with the window size it started with."""
    yield from engine_pool.lend(request.param)


def resize(engine: Engine, width: int, height: int) -> None:
    """Give the page a viewport of about this size (the window's frame is added where there is one)."""
    engine.set_window_size(width, height)
    inner = engine.run("return [window.innerWidth, window.innerHeight]")
    extra = [width - inner[0], height - inner[1]]
    if extra != [0, 0]:  # the frame: grow the window by it, so the page itself has the size asked for
        engine.set_window_size(width + extra[0], height + extra[1])


def key_presser(engine: Engine):
    """Press a key ("Tab" or "Shift+Tab") on whatever has focus, as a person does: no element is
    targeted, so nothing is scrolled into view first by the driver."""
    if isinstance(engine, Firefox):
        from marionette_driver.keys import Keys
        from marionette_driver.marionette import ActionSequence

        def press(key: str) -> None:
            keys = ActionSequence(engine.client, "key", "keyboard")
            if key.startswith("Shift+"):
                keys.key_down(Keys.SHIFT)
            keys.key_down(Keys.TAB).key_up(Keys.TAB)
            if key.startswith("Shift+"):
                keys.key_up(Keys.SHIFT)
            keys.perform()

        return press
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    def press(key: str) -> None:
        chain = ActionChains(engine.driver)
        if key.startswith("Shift+"):
            chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
        else:
            chain.send_keys(Keys.TAB)
        chain.perform()

    return press


def settled_place(engine: Engine) -> dict:
    """Where focus is once the page has stopped scrolling to it: WebKitGTK scrolls a moment after
    the key, so the first reading can be of the old position."""
    seen = [engine.run(FOCUS_PLACE)]
    for _ in range(20):
        time.sleep(0.05)
        seen.append(engine.run(FOCUS_PLACE))
        if seen[-1] == seen[-2]:
            break
    return seen[-1]


def open_assessment(engine: Engine, site: Path, width: int, height: int) -> None:
    engine.open((site / "assess.html").as_uri())
    engine.run("localStorage.clear()")
    engine.reload()
    engine.wait_for(
        lambda: engine.run("return performance.getEntriesByName('mpw-assessment-ready').length === 1"), "start"
    )
    resize(engine, width, height)


def test_focus_is_never_under_the_toolbar(engine: Engine, real_site: Path) -> None:
    open_assessment(engine, real_site, *DESKTOP)
    engine.run(ANSWER_DOMAINS_1_AND_2)
    engine.run("document.getElementById('s-1-1-3').focus()")
    assert engine.run("return getComputedStyle(document.querySelector('.toolbar')).position") == "sticky"
    # WebKit (like Safari) moves focus with Tab to form fields only, not to links and summaries;
    # the domains' last controls are text boxes, so each walk ends at the same place everywhere.
    press, place = key_presser(engine), lambda: settled_place(engine)
    hidden = hidden_steps(press, place, "s-1-1-3", "first-steps-1") + hidden_steps(
        press, place, "s-2-1-3", "first-steps-2"
    )
    assert hidden == [], f"{engine.name}: focus hidden at {hidden[:5]}"


def test_what_is_scrolled_to_stops_below_the_toolbar_and_takes_a_click(engine: Engine, real_site: Path) -> None:
    """A summary brought into view (as a jump or a driver brings it, aligned to the top) stopped
    under the toolbar, which took the click: WebKitGTK's driver met "Where you want to be next" there."""
    open_assessment(engine, real_site, *DESKTOP)
    engine.click("label[for='s-5-3-2']")
    engine.run("document.querySelector('#indicator-5-3 [data-role=plan] summary').scrollIntoView()")
    time.sleep(0.3)
    top = engine.run(
        "return document.querySelector('#indicator-5-3 [data-role=plan] summary').getBoundingClientRect().top"
    )
    assert top >= engine.run("return document.querySelector('.toolbar').getBoundingClientRect().bottom")
    engine.click("#indicator-5-3 [data-role=plan] summary")
    assert engine.run("return document.querySelector('#indicator-5-3 [data-role=plan]').open") is True


def test_the_phone_menu_folds_and_opens(engine: Engine, real_site: Path) -> None:
    engine.open((real_site / "cy/matrix.html").as_uri())
    resize(engine, 390, 844)
    assert engine.run("return document.getElementById('site-nav-list').offsetHeight") == 0
    engine.click("[data-role=menu-toggle]")
    assert (
        engine.run("return document.querySelector('[data-role=menu-toggle]').getAttribute('aria-expanded')") == "true"
    )
    assert engine.run("return document.getElementById('site-nav-list').offsetHeight") > 100
    height = engine.run("return Math.round(document.querySelector('.site-search-bar').getBoundingClientRect().bottom)")
    engine.click("[data-role=menu-toggle]")
    folded = engine.run("return Math.round(document.querySelector('.site-search-bar').getBoundingClientRect().bottom)")
    assert folded <= 200 < height, (folded, height)
    resize(engine, *DESKTOP)

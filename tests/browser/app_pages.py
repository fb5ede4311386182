"""Cheaper browser set-up for tests of the assessment page (and its meeting mode and storage): answers
entered in one call, and one page per place opened once for a module and reset between tests (empty
storage, loaded afresh).

Each Playwright action (check, fill) scrolls, waits for the element to be still and hit-tests it: on the
assessment page's 3,600 elements that cost about 35 ms of Chromium's CPU, against about 2 ms for the same
change made inside the page. Tests of the actions themselves (keys, focus, one save per choice) still use
Playwright's own actions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from support import watch_for_errors

# A box or radio is clicked (the page hears click, input and change, as from a person's click) and must
# then be ticked; a text, date or select gets its value and then input and change (as typing and then
# leaving the field does). Like page.check and page.fill, a missing or disabled input is an error.
ENTER = """answers => {
    for (const [selector, value] of Object.entries(answers)) {
        const input = document.querySelector(selector)
        if (!input) throw new Error('nothing on the page matches ' + selector)
        if (input.disabled) throw new Error(selector + ' is disabled')
        if (value === true) {
            if (!input.checked) input.click()
            if (!input.checked) throw new Error(selector + ' did not become ticked')
            continue
        }
        input.value = value
        input.dispatchEvent(new Event('input', { bubbles: true }))
        input.dispatchEvent(new Event('change', { bubbles: true }))
    }
}"""


def enter(page: Page, answers: dict[str, str | bool]) -> None:
    """Tick (True) or type (a string) into each input, in order, through the page's own events, in one call."""
    page.evaluate(ENTER, answers)


RESET = "() => { localStorage.clear(); sessionStorage.clear() }"


class SharedPages:
    """One browser context and page per origin (file:// or the host) for a module; `fresh(url)` gives it
    back with the origin's storage emptied, the tab's too, and the url loaded afresh."""

    def __init__(self, browser: Browser, init_script: str | None = None, **options: object) -> None:
        self.browser = browser
        self.init_script = init_script
        self.options = {"accept_downloads": True, **options}
        self.opened: dict[str, tuple[Page, list[str]]] = {}

    def fresh(self, url: str) -> Iterator[Page]:
        origin = urlsplit(url)._replace(path="", query="", fragment="").geturl()
        if origin in self.opened:
            page, errors = self.opened[origin]
            page.evaluate(RESET)  # the page's script writes nothing on leaving, so this stays empty
            errors.clear()
        else:
            context = self.browser.new_context(**self.options)
            if self.init_script:
                context.add_init_script(self.init_script)
            page = context.new_page()
            errors = watch_for_errors(page)
            self.opened[origin] = (page, errors)
        page.goto(url)
        yield page
        for other in page.context.pages:  # a second tab the test opened, even if it failed before closing it
            if other is not page:
                other.close()
        assert errors == [], f"script errors or blocked content: {errors}"

    def close(self) -> None:
        for page, _ in self.opened.values():
            page.context.close()


def shared_pages_fixture(init_script: str | None = None, **options: object) -> Callable[..., Iterator[SharedPages]]:
    """A module-scoped fixture of SharedPages (an init script, and context options such as a viewport)."""

    @pytest.fixture(scope="module")
    def shared_pages(browser: Browser) -> Iterator[SharedPages]:
        pages = SharedPages(browser, init_script, **options)
        yield pages
        pages.close()

    return shared_pages

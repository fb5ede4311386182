"""Cheaper browser set-up for a module's Chromium tests: one page per origin, reused test after test and
started afresh for each; answers entered in one call.

A new browser context for each test costs about half as much again, in Chromium's CPU, as loading the
page once more in the same one (issue 24). Between tests the origin's local and session storage are
emptied and the page is loaded again, so no stored work, no script loaded on use and no script state of
the last test survive; the storage keys are then checked against those of the URL's first load.

Each Playwright action (check, fill) scrolls, waits for the element to be still and hit-tests it: on the
assessment page that cost about 35 ms of Chromium's CPU, against about 2 ms for the same change made
inside the page (`enter`). Tests of the actions themselves (keys, focus, one save per choice) still use
Playwright's own actions. For tests that leave dialog handlers or a beforeunload question behind, a new
tab for each test (tabs.py) is the cheap way instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol
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

# The form's domains are laid out only near the window (content-visibility: auto), and one not laid out
# neither widens the page nor is seen by axe-core. A test that measures the whole form, or checks it all
# with axe-core, first shows every domain, as a reader's scrolling through it does.
SHOW_EVERY_DOMAIN = (
    "() => document.querySelectorAll('.assess-domain').forEach(d => { d.style.contentVisibility = 'visible' })"
)

# What a test stored, emptied. Focus is taken off first: a text box left focused with a new value saves
# on its change event as it loses focus, and leaving or closing the page fired that after the clear (an
# assessment of the last test then showed in the next: 3 tabs in 120 closed, none in 80 with the blur).
FOCUS_OFF = "if (document.activeElement) document.activeElement.blur();"
EMPTY_STORAGE = f"{FOCUS_OFF} localStorage.clear(); sessionStorage.clear()"
RESET = f"() => {{ {EMPTY_STORAGE} }}"  # the same, for Playwright's evaluate
EMPTY_LOCAL_STORAGE = f"() => {{ {FOCUS_OFF} localStorage.clear() }}"  # where a test took sessionStorage away
STORAGE_KEYS = "[Object.keys(localStorage).sort(), Object.keys(sessionStorage).sort()]"


def enter(page: Page, answers: dict[str, str | bool]) -> None:
    """Tick (True) or type (a string) into each input, in order, through the page's own events, in one call."""
    page.evaluate(ENTER, answers)


class StorageViewLost(AssertionError):
    """Chromium gave a reloaded page an empty local storage, though the page had stored work before."""


def reload(page: Page) -> None:
    """page.reload(), then a check that the page still sees the storage it had. In busy full runs
    Chromium's headless shell sometimes gave a page, after a navigation, a view of local storage cut
    off from the browser's: it read as empty, and what the page wrote there stayed in its own process.
    A helper session reproduced it with a plain Playwright loop (1 in 60 reloads at load 9, none when
    quiet; much more often when a script reads storage as the document starts), with no clear() or
    removeItem() run by the page or the fixtures, and on assess.html as well as the single file. It is
    not the page's. Then the page's context is closed and this raises StorageViewLost, which
    tests/run.sh runs once more (`--reruns 1 --only-rerun StorageViewLost`), in a new context. A page
    that really lost its work loses it again on the second run, and the test fails."""
    before = page.evaluate("localStorage.length")
    page.reload()
    after = page.evaluate("localStorage.length")
    if before and not after:
        page.context.close()
        raise StorageViewLost(f"Chromium's view of local storage was empty after a reload ({before} keys before)")


def origin_of(url: str) -> str:
    return urlsplit(url)._replace(path="", query="", fragment="").geturl()


class SharedPages:
    """One browser context and page per URL for a module; `fresh(url)` gives it back with the origin's
    storage emptied, the tab's too, and the url loaded afresh.

    With `per_origin`, one per origin (file:// or the host) instead, as test_meeting.py has had. The
    modules using conftest's `pages` keep one per URL. An assessment gone after a reload in a busy run
    was Chromium's storage fault, not the sharing (see reload)."""

    def __init__(
        self, browser: Browser, init_script: str | None = None, per_origin: bool = False, **options: object
    ) -> None:
        self.browser = browser
        self.init_script = init_script
        self.per_origin = per_origin
        self.options = {"accept_downloads": True, **options}
        self.opened: dict[str, tuple[Page, list[str]]] = {}
        self.first_keys: dict[str, list] = {}  # each URL's stored keys at its first load

    def fresh(self, url: str) -> Iterator[Page]:
        """The page at url as a new context shows it, for one test; failing on any script error or
        policy refusal while the test uses it."""
        key = origin_of(url) if self.per_origin else url
        if key in self.opened and self.opened[key][0].is_closed():  # closed by reload(), above
            del self.opened[key]
        if key in self.opened:
            page, errors = self.opened[key]
            page.evaluate(RESET)  # with focus taken off, the page's script writes nothing on leaving
            errors.clear()
        else:
            context = self.browser.new_context(**self.options)
            if self.init_script:
                context.add_init_script(self.init_script)
            page = context.new_page()
            errors = watch_for_errors(page)
            self.opened[key] = (page, errors)
        page.goto(url)
        keys = page.evaluate(STORAGE_KEYS)
        first = self.first_keys.setdefault(url, keys)
        assert keys == first, f"something of the last test is still stored: {keys}, where the first load had {first}"
        yield page
        for other in page.context.pages:  # a second tab the test opened, even if it failed before closing it
            if other is not page:
                other.close()
        assert errors == [], f"script errors or blocked content: {errors}"

    # The same, for a `with` block inside a test.
    opened_at = contextmanager(fresh)

    def close(self) -> None:
        for page, _ in self.opened.values():
            page.context.close()


class Closable(Protocol):
    def close(self) -> None: ...


def module_fixture(kind: Callable[..., Closable], init_script: str | None = None, **options: object) -> Callable:
    """A module-scoped fixture of `kind` (SharedPages, tabs.TabPerTest) for the Chromium browser: an init
    script for every page, and context options such as the viewport or the locale. Assign it to the
    fixture's name in the test module, e.g. `shared_pages = module_fixture(SharedPages)`."""

    @pytest.fixture(scope="module")
    def fixture(browser: Browser) -> Iterator[Closable]:
        made = kind(browser, init_script, **options)
        yield made
        made.close()

    return fixture

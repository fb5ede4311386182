"""One browser context and page shared by a module's tests of one page, started afresh for each test.

A new browser context for each test costs about half as much again, in Chromium's CPU, as loading
the page once more in the same one (issue 24). Between tests the page's local and session storage
are emptied and the page is loaded again, so no stored work, no script loaded on use and no script
state of the last test survive; the storage keys are then checked against those of the first load.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from playwright.sync_api import Browser, BrowserContext, Page

from support import watch_for_errors

STORAGE_KEYS = "[Object.keys(localStorage).sort(), Object.keys(sessionStorage).sort()]"


@dataclass
class SharedPage:
    """A page at `url` in a context of its own, reused by test after test."""

    context: BrowserContext
    page: Page
    url: str
    errors: list[str] = field(default_factory=list)
    first_keys: list = field(default_factory=list)
    used: bool = False

    def fresh(self) -> Iterator[Page]:
        """The page as a new context shows it, for one test; failing on any script error or policy
        refusal while the test uses it."""
        if self.used:  # (the first test has the first load)
            self.page.evaluate("localStorage.clear(); sessionStorage.clear()")
            self.page.goto(self.url)
            assert self.page.evaluate(STORAGE_KEYS) == self.first_keys, "something of the last test is still stored"
        self.used = True
        self.errors.clear()
        yield self.page
        assert self.errors == [], f"script errors or blocked content: {self.errors}"


def open_shared(browser: Browser, url: str, init_script: str | None = None) -> SharedPage:
    """The page in a new context (downloads accepted, `init_script` run before each load's scripts)."""
    context = browser.new_context(accept_downloads=True)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    shared = SharedPage(context, page, url)
    shared.errors = watch_for_errors(page)
    page.goto(url)
    shared.first_keys = page.evaluate(STORAGE_KEYS)
    return shared


def shared_pages() -> Iterator[dict[str, SharedPage]]:
    """A module-scoped fixture's shared pages by URL (filled by fresh_page), closed at its end."""
    pages: dict[str, SharedPage] = {}
    yield pages
    for shared in pages.values():
        shared.context.close()


def fresh_page(
    pages: dict[str, SharedPage], browser: Browser, url: str, init_script: str | None = None
) -> Iterator[Page]:
    """For a test's fixture: the shared page at `url` (opened on first use), as a new context shows it."""
    if url not in pages:
        pages[url] = open_shared(browser, url, init_script)
    yield from pages[url].fresh()


# The same, for a `with` block inside a test.
fresh = contextmanager(fresh_page)

"""Failing and damaged browser storage, two tabs, and clearing: the team keeps what is on screen,
is told what happened, can still download, and nothing saved is silently lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from py_pages import EMPTY_LOCAL_STORAGE, enter, reload

from support import ROOT, download, watch_for_errors

pytestmark = pytest.mark.browser

PREFIX = "mpw-static:"
SNAPSHOT = "Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))"
OLD_RECORD = {
    "format": "mpw-assessment",
    "format_version": 1,
    "framework_version": "FINAL – amended April 2023",
    "id": "01d01d01-0000-4000-8000-000000000001",
    "service": {"name": "Saved by the first release"},
    "ratings": {"3.1": {"statement": 2, "evidence": None, "note": ""}},
    "created": "2026-01-10T09:00:00Z",
    "updated": "2026-01-10T09:30:00Z",
}
# A rating's plan fields (format version 2) when nothing was planned.
NO_PLAN = {"target": None, "next_steps": "", "lead": "", "due_date": None, "due_cycle": ""}
# Storage that fails on demand: set window.__storageFails to 'read', 'write' or 'quota'.
FAILING_STORAGE = """
    const getItem = Storage.prototype.getItem
    const setItem = Storage.prototype.setItem
    Storage.prototype.getItem = function (key) {
        if (window.__storageFails === 'read') throw new DOMException('denied', 'SecurityError')
        return getItem.call(this, key)
    }
    Storage.prototype.setItem = function (key, value) {
        if (window.__storageFails === 'write') throw new DOMException('denied', 'SecurityError')
        if (window.__storageFails === 'quota') throw new DOMException('full', 'QuotaExceededError')
        return setItem.call(this, key, value)
    }
"""


@pytest.fixture(scope="module")
def contexts(browser: Browser) -> Iterator[dict[str, BrowserContext]]:
    """One browser context per place the site is opened from, for the whole module."""
    opened: dict[str, BrowserContext] = {}
    yield opened
    for context in opened.values():
        context.close()


@pytest.fixture
def context(contexts: dict[str, BrowserContext], browser: Browser, site_base: str) -> Iterator[BrowserContext]:
    """The place's browser context with its storage empty; the test's tabs are closed after it (their
    session storage goes with them) and the local storage they shared is emptied."""
    if site_base not in contexts:
        contexts[site_base] = browser.new_context(accept_downloads=True)
    context = contexts[site_base]
    yield context
    if context.pages:
        context.pages[0].evaluate(EMPTY_LOCAL_STORAGE)  # focus off first, or a changed text box saves as its tab closes
    for page in context.pages:
        page.close()


# A tab that never hears of other tabs' saves, as when two tabs save at the same moment.
DEAF_TO_OTHER_TABS = """
    const addEventListener = window.addEventListener
    window.addEventListener = function (type) { if (type !== 'storage') addEventListener.apply(this, arguments) }
"""


def open_page(
    context: BrowserContext, site_base: str, fails: str | None = None, deaf: bool = False
) -> tuple[Page, list[str]]:
    page = context.new_page()
    errors = watch_for_errors(page)
    page.add_init_script(FAILING_STORAGE + (f"window.__storageFails = '{fails}'" if fails else ""))
    if deaf:
        page.add_init_script(DEAF_TO_OTHER_TABS)
    page.goto(site_base + "assess.html")
    return page, errors


def storage_window(context: BrowserContext, site_base: str) -> Page:
    """A tab on a small page of the same site (the accessibility statement, which runs no storage code),
    to write and read the place's storage by hand without starting an assessment page there (which on
    empty storage writes nothing, so the test sees the same storage, for about half the browser's work)."""
    window = context.new_page()
    window.goto(site_base + "accessibility.html")
    return window


def snapshot(page: Page) -> dict[str, str]:
    return page.evaluate(SNAPSHOT)


def answer(page: Page, service: str = "Valleys cluster") -> None:
    """A name, a statement, its evidence and a note, in one call (see py_pages.enter)."""
    enter(
        page,
        {"#service-name": service, "#s-5-1-3": True, "#e-5-1-wip": True, "#note-5-1": "Shared records since May"},
    )


def warning(page: Page) -> str:
    return page.text_content("[data-role='storage-warning']")


def downloaded(page: Page, folder: Path) -> dict:
    return json.loads(download(page, "download-json", folder).read_text(encoding="utf-8"))


def test_storage_that_throws_on_read_is_never_written(context: BrowserContext, site_base: str, tmp_path: Path) -> None:
    first, _ = open_page(context, site_base)
    answer(first, "Saved before")
    saved = snapshot(first)
    page, errors = open_page(context, site_base, fails="read")
    assert "would not let the page read its saved data, so nothing is written over it" in warning(page)
    answer(page, "Typed while storage fails")
    assert page.text_content("[data-role='progress']") == "1 of 45 answered"
    assert downloaded(page, tmp_path)["service"]["name"] == "Typed while storage fails"
    assert snapshot(first) == saved  # read without reloading: a reload would run the page's own load
    assert errors == []


def test_storage_that_throws_on_write_keeps_the_screen_and_lists_the_open_assessment_as_not_saved(
    context: BrowserContext, site_base: str, tmp_path: Path
) -> None:
    """What is on screen stays and downloads; the list under the warning must not call the open
    assessment saved when nothing is. (One page checks both.)"""
    page, errors = open_page(context, site_base, fails="write")
    assert "This browser is not saving your work (storage is blocked or unavailable)" in warning(page)
    answer(page)
    assert page.is_checked("#s-5-1-3") and page.input_value("#note-5-1") == "Shared records since May"
    assert page.text_content("#library-heading") == "Assessments open on this page (not saved in this browser)"
    assert page.inner_text(".library-table tbody th") == "Valleys cluster (open now, not saved)"
    assert downloaded(page, tmp_path)["ratings"]["5.1"] == {
        "statement": 3,
        "evidence": "work-in-progress",
        "note": "Shared records since May",
        **NO_PLAN,
    }
    assert errors == []


def test_quota_exceeded_mid_save_keeps_the_last_good_copy(
    context: BrowserContext, site_base: str, tmp_path: Path
) -> None:
    page, errors = open_page(context, site_base)
    answer(page)
    assert page.is_hidden("[data-role='storage-warning']")
    good = snapshot(page)
    page.evaluate("window.__storageFails = 'quota'")
    enter(page, {"#s-5-2-4": True})
    assert "(storage is full)" in warning(page)
    assert page.is_checked("#s-5-2-4")
    assert snapshot(page) == good
    assert downloaded(page, tmp_path)["ratings"]["5.2"]["statement"] == 4
    page.evaluate("window.__storageFails = null")  # space freed: the next change saves everything
    enter(page, {"#e-5-2-fully": True})
    assert page.is_hidden("[data-role='storage-warning']")
    record = json.loads(next(value for key, value in snapshot(page).items() if key.startswith(f"{PREFIX}assessment:")))
    assert record["ratings"]["5.2"] == {"statement": 4, "evidence": "fully-achieved", "note": "", **NO_PLAN}
    assert errors == []


def test_data_damaged_by_hand_is_set_aside_and_can_be_downloaded_raw(
    context: BrowserContext, site_base: str, tmp_path: Path
) -> None:
    page, errors = open_page(context, site_base)
    page.evaluate(f"""localStorage.setItem('{PREFIX}assessment:0000aaaa-hand', '{{"format": "mpw-assess')
                     localStorage.setItem('{PREFIX}downloads', 'not json at all')""")
    reload(page)
    notice = page.locator("[data-role='damaged']")
    expect(notice).to_be_visible()
    assert "(items kept: 2)" in notice.text_content() and "It has been kept, not deleted" in notice.text_content()
    kept = {key: value for key, value in snapshot(page).items() if key.startswith(f"{PREFIX}set-aside:")}
    assert set(kept.values()) == {'{"format": "mpw-assess', "not json at all"}
    assert f"{PREFIX}assessment:0000aaaa-hand" not in snapshot(page)
    answer(page)  # the page works and saves again
    assert page.is_hidden("[data-role='storage-warning']")
    raw = downloaded_damaged(page, tmp_path)
    assert {item["text"] for item in raw["set_aside"]} == {'{"format": "mpw-assess', "not json at all"}
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-action='discard-damaged']")
    assert notice.is_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action='discard-damaged']")
    assert notice.is_hidden()
    assert not [key for key in snapshot(page) if key.startswith(f"{PREFIX}set-aside:")]
    assert page.evaluate("document.activeElement.id") == "library-heading"
    assert errors == []


def downloaded_damaged(page: Page, folder: Path) -> dict:
    with page.expect_download() as info:
        page.click("[data-action='download-damaged']")
    assert info.value.suggested_filename.startswith("mpw-unreadable-data-")
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def test_data_from_an_older_version_is_upgraded_or_kept_untouched(
    context: BrowserContext, site_base: str, tmp_path: Path
) -> None:
    page, errors = open_page(context, site_base)
    not_openable = json.dumps({**OLD_RECORD, "id": "01d01d01-0000-4000-8000-000000000002", "format_version": 0})
    page.evaluate(f"""localStorage.setItem('{PREFIX}assessments', {json.dumps(json.dumps({OLD_RECORD["id"]: OLD_RECORD}))})
                     localStorage.setItem('{PREFIX}assessment:01d01d01-0000-4000-8000-000000000002', {json.dumps(not_openable)})""")
    reload(page)
    # The first release kept every assessment under one key: they move to one key each.
    assert "Saved by the first release" in page.text_content(".library-table")
    stored = snapshot(page)
    assert f"{PREFIX}assessments" not in stored
    # Its format version 1 is upgraded to the current one (3), losing nothing, after the original is copied aside.
    assert json.loads(stored[f"{PREFIX}assessment:{OLD_RECORD['id']}"]) == {**OLD_RECORD, "format_version": 3}
    assert json.loads(stored[f"{PREFIX}before-upgrade:v1:{OLD_RECORD['id']}"]) == OLD_RECORD
    # A record this version cannot open stays exactly as it was, is reported and can be downloaded.
    assert stored[f"{PREFIX}assessment:01d01d01-0000-4000-8000-000000000002"] == not_openable
    assert "(items kept: 1)" in page.text_content("[data-role='damaged']")
    kept = downloaded_damaged(page, tmp_path)
    assert kept["unopenable"] == [json.loads(not_openable)]
    assert [json.loads(item["text"]) for item in kept["before_upgrade"]] == [OLD_RECORD]  # offered too
    answer(page)
    assert snapshot(page)[f"{PREFIX}assessment:01d01d01-0000-4000-8000-000000000002"] == not_openable
    assert errors == []


def test_a_version_1_record_that_cannot_be_copied_aside_is_left_as_it_was_and_still_opens(
    context: BrowserContext, site_base: str
) -> None:
    first = storage_window(context, site_base)
    original = json.dumps(OLD_RECORD)
    first.evaluate(f"localStorage.setItem('{PREFIX}assessment:{OLD_RECORD['id']}', {json.dumps(original)})")
    page, errors = open_page(context, site_base, fails="quota")  # storage full: no room for the copy
    assert page.input_value("#service-name") == "Saved by the first release"  # upgraded in memory
    assert page.is_checked("#s-3-1-2")
    assert snapshot(first) == {f"{PREFIX}assessment:{OLD_RECORD['id']}": original}  # untouched
    assert errors == []


def test_damaged_data_that_cannot_be_set_aside_is_left_alone(
    context: BrowserContext, site_base: str, tmp_path: Path
) -> None:
    first = storage_window(context, site_base)
    first.evaluate(f"localStorage.setItem('{PREFIX}assessment:0000bbbb-hand', '[broken')")
    page, errors = open_page(context, site_base, fails="quota")
    assert "the saved data could not be read, so it has been left untouched" in warning(page)
    answer(page)
    assert downloaded(page, tmp_path)["service"]["name"] == "Valleys cluster"
    stored = snapshot(first)
    assert stored.get(f"{PREFIX}assessment:0000bbbb-hand") == "[broken", (
        f"the damaged record, which could not be set aside, is no longer stored as it was: {stored}"
    )
    assert errors == []


def test_a_change_in_another_tab_is_shown_not_overwritten(context: BrowserContext, site_base: str) -> None:
    tab_a, errors_a = open_page(context, site_base)
    answer(tab_a)
    tab_b, errors_b = open_page(context, site_base)
    assert tab_b.input_value("#service-name") == "Valleys cluster"
    tab_a.check("#s-5-1-5")
    expect(tab_b.locator("[data-role='elsewhere']")).to_be_visible()
    assert "changed in another tab or window" in tab_b.text_content("[data-role='elsewhere']")
    assert tab_b.is_checked("#s-5-1-5")
    assert tab_b.is_hidden("[data-role='elsewhere-choices']")
    assert errors_a == [] and errors_b == []


def clashing_tabs(context: BrowserContext, site_base: str) -> tuple[Page, Page, list[str]]:
    """Tab B has missed tab A's newer save of the same assessment, and then changes it too."""
    tab_a, _ = open_page(context, site_base)
    answer(tab_a)
    tab_b, errors = open_page(context, site_base, deaf=True)
    tab_a.fill("#note-5-1", "Tab A's newer note")
    tab_a.locator("#note-5-1").blur()
    tab_b.check("#s-5-1-1")
    return tab_a, tab_b, errors


def test_a_missed_change_from_another_tab_pauses_saving_and_asks(context: BrowserContext, site_base: str) -> None:
    tab_a, tab_b, errors = clashing_tabs(context, site_base)
    from_a = snapshot(tab_a)
    expect(tab_b.locator("[data-role='elsewhere-choices']")).to_be_visible()
    assert "Your changes on this page have not been saved over it" in tab_b.text_content("[data-role='elsewhere']")
    assert snapshot(tab_b) == from_a
    tab_b.click("[data-action='keep-mine']")
    assert tab_b.locator(".library-table tbody tr").count() == 2
    records = [json.loads(value) for key, value in snapshot(tab_b).items() if key.startswith(f"{PREFIX}assessment:")]
    assert sorted(record["ratings"]["5.1"]["note"] for record in records) == [
        "Shared records since May",
        "Tab A's newer note",
    ]
    assert tab_b.evaluate("document.activeElement.id") == "library-heading"
    assert errors == []


def test_taking_the_other_tabs_version(context: BrowserContext, site_base: str) -> None:
    _, tab_b, errors = clashing_tabs(context, site_base)
    tab_b.click("[data-action='take-other']")
    assert tab_b.input_value("#note-5-1") == "Tab A's newer note"
    assert tab_b.is_checked("#s-5-1-3")
    assert tab_b.is_hidden("[data-role='elsewhere']")
    assert errors == []


def test_clear_all_leaves_no_key_of_ours(context: BrowserContext, site_base: str) -> None:
    page, errors = open_page(context, site_base)
    answer(page)
    page.click("[data-action='download-json']")
    page.evaluate(f"""localStorage.setItem('{PREFIX}set-aside:2026-01-01T00:00:00.000Z:assessments', 'x')
                     localStorage.setItem('another-site:settings', 'theirs')""")
    reload(page)
    assert len([key for key in snapshot(page) if key.startswith(PREFIX)]) >= 4
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action='clear-all']")
    assert snapshot(page) == {"another-site:settings": "theirs"}
    assert page.evaluate("document.activeElement.id") == "library-heading"
    reload(page)
    assert snapshot(page) == {"another-site:settings": "theirs"}
    assert errors == []


# A composite's agreed choices are a draft until saved: kept for the tab in session storage.
MEMBER_FILES = [
    ROOT / "tests" / "fixtures" / "discussion" / name for name in ("member-a.json", "member-b.json", "member-c.json")
]
SESSION_REFUSED = """
    Object.defineProperty(window, 'sessionStorage', { get: function () { throw new DOMException('denied', 'SecurityError') } })
"""


def composite_with_choices(page: Page) -> None:
    """Three members' files opened for comparison (not stored), and two agreed choices changed."""
    page.set_input_files("#compare-files", [str(path) for path in MEMBER_FILES])
    page.check("#view-composite")
    page.click("[data-action='show-view']")
    page.locator("#agreed-statement-1-2").wait_for()  # the views' script is loaded on first use
    enter(page, {"#agreed-statement-1-2": "2", "#agreed-note-1-2": "Agreed after a long talk"})


def test_a_reload_brings_back_the_composite_s_unsaved_choices(context: BrowserContext, site_base: str) -> None:
    page, errors = open_page(context, site_base)
    composite_with_choices(page)
    reload(page)
    expect(page.locator(".composite-status")).to_have_text(
        "The agreed choices from before the page was reloaded are back. They are not saved yet."
    )
    assert page.input_value("#agreed-statement-1-2") == "2"
    assert page.input_value("#agreed-note-1-2") == "Agreed after a long talk"
    assert page.input_value("#agreed-statement-1-1") == "2"  # the defaults for the rest, as before
    assert page.locator("[data-role=discuss-pick]:checked").count() == 3
    assert not any(key.startswith(f"{PREFIX}assessment:") for key in snapshot(page))  # nothing saved yet
    page.click("[data-action='save-composite']")
    assert page.is_checked("#s-1-2-2") and page.input_value("#note-1-2") == "Agreed after a long talk"
    reload(page)  # saved: the composite is not shown again by itself
    assert page.is_hidden("[data-role=discussion]")
    assert errors == []


def test_without_session_storage_the_draft_stays_in_memory_and_nothing_alarms(
    context: BrowserContext, site_base: str
) -> None:
    page = context.new_page()
    errors = watch_for_errors(page)
    page.add_init_script(SESSION_REFUSED)
    page.goto(site_base + "assess.html")
    composite_with_choices(page)
    page.check("#view-profile")
    for box in page.locator("[data-role=discuss-pick]").all()[1:]:
        box.uncheck()
    page.click("[data-action='show-view']")
    for box in page.locator("[data-role=discuss-pick]").all():
        box.check()
    page.check("#view-composite")
    page.click("[data-action='show-view']")
    assert page.input_value("#agreed-statement-1-2") == "2"  # kept for the page
    assert page.input_value("#agreed-note-1-2") == "Agreed after a long talk"
    assert page.is_hidden("[data-role='storage-warning']")
    assert page.text_content(".composite-status") == "The agreed choices are not saved yet."
    assert errors == []


def test_clear_all_forgets_the_composite_s_draft_too(context: BrowserContext, site_base: str) -> None:
    """On a shared computer, "clear my data" must not leave a group's choices for the next person."""
    page, errors = open_page(context, site_base)
    composite_with_choices(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action='clear-all']")
    assert page.is_hidden("[data-role=discussion]")
    assert page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('mpw-static:'))") == []
    assert not page.evaluate("!window.dispatchEvent(new Event('beforeunload', { cancelable: true }))")
    reload(page)
    assert page.is_hidden("[data-role=discussion]")
    assert errors == []

"""The words of the parts loaded on first use (issue 24): the assessment page embeds only what its
start uses, and meeting mode, the discussion views and Excel bring theirs (static/strings/). Each
part shows its own words, in English and in Welsh, from file:// and over http, in Chromium, Firefox
ESR and WebKitGTK; a part whose words cannot be loaded fails as a part whose code cannot: the page
says so and keeps the team's work.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from test_excel import sample_file

from engines import Engine, EnginePool
from mpw_static.load import load_framework
from mpw_static.render import content_counts
from mpw_static.theme import Theme
from support import REAL_CONTENT

pytestmark = pytest.mark.browser

PAGES = {"en": "assess.html", "cy": "cy/assess.html"}
READY = "performance.getEntriesByName('mpw-assessment-ready').length === 1"
EMBEDDED = "JSON.parse(document.getElementById('mpw-assessment-data').textContent).strings"
NOT_A_WORKBOOK = b"this is not a workbook"


def as_sentence(words: str) -> str:
    """A refusal of a whole workbook as the error summary lists it: starting with a capital (excel/read.js)."""
    return words[:1].upper() + words[1:]


def catalogue(language: str) -> dict[str, str]:
    """The js_ words of a language, as the build fills them in."""
    framework = load_framework(REAL_CONTENT, language, "en")
    return Theme.at(None).strings(language, "en").with_counts(content_counts(framework)).with_prefix("js_")


def before(text: str) -> str:
    """A phrase's words before its first {placeholder}."""
    return text.split("{")[0]


@pytest.fixture
def not_a_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "notes.xlsx"
    path.write_bytes(NOT_A_WORKBOOK)
    return path


def open_page(browser: Browser, url: str) -> Page:
    page = browser.new_page(accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto(url)
    page.wait_for_function(
        f"() => {READY}"
    )  # a function: a bare expression is eval-ed when polled, which the policy refuses
    return page


def assert_clean(text: str) -> None:
    """No word missing: a missing key shows as undefined, or as the phrase's {placeholder}."""
    assert "undefined" not in text and "{" not in text, text


@pytest.mark.parametrize("language", PAGES)
def test_meeting_mode_the_views_and_excel_show_their_own_words(
    browser: Browser, site_base: str, language: str, not_a_workbook: Path
) -> None:
    words = catalogue(language)
    page = open_page(browser, site_base + PAGES[language])
    embedded = page.evaluate(EMBEDDED)
    for key in ("meeting_setup_heading", "profile_heading", "excel_not_zip"):
        assert key not in embedded  # each arrives with its part

    page.click("#meeting-open")
    page.wait_for_selector("#meeting-setup-heading")
    assert page.text_content("#meeting-setup-heading") == words["meeting_setup_heading"]
    assert page.text_content(".meeting-lead").startswith(before(words["meeting_setup_record"]))
    assert_clean(page.text_content(".meeting"))
    page.keyboard.press("Escape")
    page.wait_for_selector(".meeting", state="hidden")

    page.click("label[for='view-profile']")
    page.click("[data-action='show-view']")
    page.wait_for_selector(".discussion-heading")
    assert page.text_content(".discussion-heading").startswith(before(words["profile_heading"]))
    assert words["profile_intro"] in page.text_content(".discussion")
    assert_clean(page.text_content(".discussion"))

    with page.expect_download() as download:
        page.click("[data-action='download-xlsx']")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.set_input_files("#xlsx-file", not_a_workbook)
    page.wait_for_selector("[data-role='error-list'] a")
    assert as_sentence(words["excel_not_zip"]) in page.text_content("[data-role='error-list']")
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()


# A part whose words script cannot load, what opens it, and what the page says.
PARTS = {
    "meeting": ("meeting", "#meeting-open", "meeting_failed"),
    "discussion": ("discussion", "[data-action='show-view']", "discuss_failed"),
    "excel": ("excel", "[data-action='download-xlsx']", "excel_not_loaded"),
}


@pytest.mark.parametrize("part", PARTS)
def test_a_part_whose_words_cannot_load_says_so_keeps_the_work_and_loads_when_tried_again(
    browser: Browser, hosted_site: str, part: str
) -> None:
    name, control, message = PARTS[part]
    words = catalogue("cy")
    page = browser.new_page(accept_downloads=True)
    page.route(f"**/static/strings/cy/{name}.js", lambda route: route.abort())
    page.goto(hosted_site + "cy/assess.html")
    page.wait_for_function(
        f"() => {READY}"
    )  # a function: a bare expression is eval-ed when polled, which the policy refuses
    page.fill("#service-name", "Tîm y gogledd")
    page.fill("#note-1-1", "Nodyn cyn y methiant")
    page.click(control)
    page.wait_for_selector("[data-role='error-list'] a")
    assert page.text_content("[data-role='error-list']") == words[message]
    assert page.input_value("#note-1-1") == "Nodyn cyn y methiant"
    stored = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('mpw-static:assessment:')).map(k => localStorage.getItem(k))"
    )
    assert [json.loads(raw)["ratings"]["1.1"]["note"] for raw in stored] == ["Nodyn cyn y methiant"]

    page.unroute(f"**/static/strings/cy/{name}.js")
    if part == "excel":
        with page.expect_download() as download:
            page.click(control)
        assert download.value.suggested_filename.endswith(".xlsx")
    else:
        page.click(control)
        heading = "#meeting-setup-heading" if part == "meeting" else ".discussion-heading"
        page.wait_for_selector(heading)
        assert_clean(page.text_content(heading))
    # Loaded now: the message that it could not be is gone (it stayed, behind meeting mode until the
    # meeting was left, and under Excel's download).
    if part == "meeting":
        page.keyboard.press("Escape")
        expect(page.locator("#meeting-setup-heading")).to_be_hidden()
    expect(page.locator("[data-role='error-summary']")).to_be_hidden()
    page.context.close()


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def engine(request: pytest.FixtureRequest, engine_pool: EnginePool) -> Iterator[Engine]:
    yield from engine_pool.lend(request.param)


def text(engine: Engine, selector: str) -> str:
    return engine.run("return document.querySelector(arguments[0]).textContent", selector)  # type: ignore[return-value]


def click(engine: Engine, selector: str) -> None:
    """Click after scrolling to it (WebKitWebDriver refuses a control below the window)."""
    engine.run("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })", selector)
    engine.click(selector)


# Each language once in each engine, one from the folder and one hosted: the words scripts load as the
# parts' code does, which test_other_engines.py opens both ways in each engine.
@pytest.mark.parametrize(("language", "where"), [("en", "http"), ("cy", "file")])
def test_the_parts_words_in_firefox_and_webkit(
    engine: Engine, request: pytest.FixtureRequest, real_site: Path, language: str, where: str, tmp_path: Path,
    not_a_workbook: Path,
) -> None:  # fmt: skip
    words = catalogue(language)
    base = request.getfixturevalue("hosted_site") if where == "http" else real_site.resolve().as_uri() + "/"
    engine.open(base + PAGES[language])
    engine.wait_for(lambda: engine.run("return " + READY), "the assessment page starting")
    engine.run("localStorage.clear(); sessionStorage.clear()")
    engine.reload()
    engine.wait_for(lambda: engine.run("return " + READY), "the assessment page starting again")
    engine.choose_file("#import-file", sample_file(tmp_path))
    engine.wait_for(
        lambda: engine.run("return document.getElementById('service-name').value") == "Corpus team", "import"
    )

    click(engine, "#meeting-open")
    engine.wait_for(lambda: engine.run("return !!document.getElementById('meeting-setup-heading')"), "meeting mode")
    assert text(engine, "#meeting-setup-heading") == words["meeting_setup_heading"]
    assert text(engine, ".meeting-lead") == words["meeting_setup_record"].replace("{name}", "Corpus team")
    assert_clean(text(engine, ".meeting"))
    engine.element("#meeting-setup-heading").send_keys("\ue00c")  # Escape
    engine.wait_for(lambda: engine.run("return document.querySelector('.meeting').hidden"), "Esc leaving meeting mode")

    click(engine, "label[for='view-profile']")
    click(engine, "[data-action='show-view']")
    engine.wait_for(lambda: engine.run("return !!document.querySelector('.discussion-heading')"), "the profile")
    heading = words["profile_heading"].replace("{name}", "Corpus team")
    assert text(engine, ".discussion-heading") == heading + " · Baseline · 01/06/2026"  # with its cycle and date
    assert words["profile_intro"] in text(engine, ".discussion")
    assert_clean(text(engine, ".discussion"))

    click(engine, "[data-action='download-xlsx']")
    # (the first Excel download loads its code, words and data first: see test_other_engines.py)
    assert engine.downloaded("mpw-assessment-corpus-team-", seconds=30).read_bytes()[:2] == b"PK"
    engine.choose_file("#xlsx-file", not_a_workbook)
    engine.wait_for(lambda: engine.run("return !!document.querySelector('[data-role=error-list] a')"), "the refusal")
    assert as_sentence(words["excel_not_zip"]) in text(engine, "[data-role='error-list']")
